import { z } from 'zod';
import { InputError } from './errors.js';
import { formatIssue } from './rules/index.js';

const byteCount = z.coerce.number().int().positive();

/**
 * Every setting of jobsift in one schema: environment variables and command-line flags are
 * parsed here, once, and the result is passed down. Nothing else reads process.env.
 */
export const configSchema = z.strictObject({
  /** Folder with roles.yaml and skills/*.yaml. Env JOBSIFT_RULES_DIR. Default: the shipped rules. */
  rulesDir: z.string().min(1).optional(),
  /** Largest posting accepted, in bytes. Env JOBSIFT_MAX_INPUT_BYTES. Default 2 MB. */
  maxInputBytes: byteCount.default(2 * 1024 * 1024),
});

export type Config = z.infer<typeof configSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  rulesDir: 'JOBSIFT_RULES_DIR',
  maxInputBytes: 'JOBSIFT_MAX_INPUT_BYTES',
};

const FLAG_NAMES: Record<keyof Config, string> = {
  rulesDir: '--rules',
  maxInputBytes: '--max-bytes',
};

/**
 * Builds the config from the environment, then flags (flags win). Invalid values throw an
 * InputError naming the variable or flag, what was expected and what was received.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  flags: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const definedFlags = Object.fromEntries(
    Object.entries(flags).filter(([, value]) => value !== undefined),
  );
  const result = configSchema.safeParse({ ...fromEnv, ...definedFlags }, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const key = String(issue.path[0]) as keyof Config;
    const source = key in definedFlags ? FLAG_NAMES[key] : ENV_NAMES[key];
    throw new InputError('invalid_config', `${source}: ${formatIssue({ ...issue, path: [] })}`);
  }
  return result.data;
}
