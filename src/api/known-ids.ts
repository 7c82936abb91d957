import { OTHER_ROLE_ID } from '../classify/index.js';
import type { CompiledRules } from '../rules/index.js';
import { HttpError } from './http-error.js';

/** An unknown role id is a 400 that says where the ids are listed. */
export function requireRole(rules: CompiledRules, id: string | undefined, field = 'role'): void {
  if (id === undefined || id === OTHER_ROLE_ID || rules.roleById.has(id)) return;
  throw new HttpError(
    400,
    'unknown_role',
    `${field}: no such role "${id}"; GET /v1/roles lists the role ids (the \`id\`s in the rules' roles.yaml)`,
  );
}

/** An unknown skill id is a 400 that says where the ids are listed. */
export function requireSkill(rules: CompiledRules, id: string | undefined, field = 'skill'): void {
  if (id === undefined || rules.skills.has(id)) return;
  throw new HttpError(
    400,
    'unknown_skill',
    `${field}: no such skill "${id}"; GET /v1/skills lists the skill ids (GET /v1/skills?q=${encodeURIComponent(id.slice(0, 20))} searches them)`,
  );
}
