import { z } from 'zod';
import { OTHER_ROLE_ID } from '../classify/index.js';
import type { CompiledRules } from '../rules/index.js';
import { HttpError } from './http-error.js';
import { type ApiDeps, type App, route } from './route.js';
import { skillsListQuery } from './schemas.js';
import { parseRequest } from './validate.js';

const roleDoc = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  description: z.string(),
});
const skillDoc = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  categoryName: z.string(),
  kind: z.string(),
  implies: z.array(z.string()),
});

/** Every role of the rules, and `other` (what a posting is when no role fits). */
export function roleList(rules: CompiledRules): Array<z.infer<typeof roleDoc>> {
  const roles = rules.roles.map(({ id, name, family, description }) => ({
    id,
    name,
    family,
    description,
  }));
  if (!rules.roleById.has(OTHER_ROLE_ID)) {
    roles.push({
      id: OTHER_ROLE_ID,
      name: 'Other',
      family: 'other',
      description: 'no role of the taxonomy fits',
    });
  }
  return roles;
}

/** The display name of a role id. */
export function roleName(rules: CompiledRules, id: string): string {
  return rules.roleById.get(id)?.name ?? (id === OTHER_ROLE_ID ? 'Other' : id);
}

export function taxonomyRoutes(app: App, { rules }: ApiDeps): void {
  const roles = roleList(rules);
  const skills = [...rules.skills.values()]
    .map(({ id, name, category, categoryName, kind, implies }) => ({
      id,
      name,
      category,
      categoryName,
      kind,
      implies: [...implies],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const categories = [...new Set(skills.map((skill) => skill.category))].sort();

  route(
    app,
    {
      method: 'get',
      path: '/v1/roles',
      tag: 'taxonomy',
      summary: 'The roles of the taxonomy as loaded (roles.yaml), and `other`',
      response: { description: 'the roles', schema: z.object({ roles: z.array(roleDoc) }) },
    },
    (c) => c.json({ roles }),
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/skills',
      tag: 'taxonomy',
      summary: 'The skills of the taxonomy as loaded (skills/*.yaml), by id',
      query: skillsListQuery,
      response: {
        description: 'the skills that match, and the categories there are',
        schema: z.object({
          total: z.number().int(),
          skills: z.array(skillDoc),
          categories: z.array(z.string()),
        }),
      },
      errors: [400],
    },
    (c) => {
      const query = parseRequest(skillsListQuery, c.req.query(), 'query');
      if (query.category !== undefined && !categories.includes(query.category)) {
        throw new HttpError(
          400,
          'unknown_category',
          `query parameter category: no such category "${query.category}"; expected one of ${categories.join(', ')}`,
        );
      }
      const needle = query.q?.toLowerCase();
      const found = skills.filter(
        (skill) =>
          (query.category === undefined || skill.category === query.category) &&
          (needle === undefined ||
            skill.id.includes(needle) ||
            skill.name.toLowerCase().includes(needle)),
      );
      return c.json({ total: found.length, skills: found, categories });
    },
  );
}
