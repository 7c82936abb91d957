import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatIssue } from '../rules/index.js';
import { ASHBY_ORIGIN } from './adapters/ashby.js';
import { GREENHOUSE_ORIGIN } from './adapters/greenhouse.js';
import { LEVER_EU_ORIGIN, LEVER_ORIGIN } from './adapters/lever.js';

import { ADAPTERS, adapterFor } from './adapters/registry.js';

type SourceOptionsOf = (typeof ADAPTERS)[number]['options'];

/** A sources.yaml entry, one schema per source type (see `ADAPTERS`). */
export const sourceSchema = z.discriminatedUnion(
  'type',
  ADAPTERS.map((adapter) => adapter.options) as unknown as [SourceOptionsOf, ...SourceOptionsOf[]],
);

export type SourceConfig = z.infer<typeof sourceSchema>;
export type SourceInput = z.input<typeof sourceSchema>;
export type SourceType = SourceConfig['type'];
/** The source types, in the order of the registry. */
export const SOURCE_TYPES: readonly SourceType[] = ADAPTERS.map(
  (adapter) => adapter.type as SourceType,
);

/** The public API origin of each board type; `baseUrl` in sources.yaml replaces it. */
export const DEFAULT_ORIGINS = {
  greenhouse: GREENHOUSE_ORIGIN,
  lever: LEVER_ORIGIN,
  leverEu: LEVER_EU_ORIGIN,
  ashby: ASHBY_ORIGIN,
} as const;

export const sourcesFileSchema = z.strictObject({ sources: z.array(z.unknown()) });

/**
 * Validates the parsed content of a sources file. Errors name the file, the source id (or its
 * index when it has none), the field and what was wrong, in one line.
 */
export function parseSources(data: unknown, file: string): SourceConfig[] {
  const top = sourcesFileSchema.safeParse(data ?? {}, { reportInput: true });
  if (!top.success) {
    throw new InputError(
      'invalid_sources',
      `${file}: ${formatIssue(top.error.issues[0] as z.core.$ZodIssue)}`,
    );
  }
  const seen = new Set<string>();
  return top.data.sources.map((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? `source "${rawId}"` : `sources[${index}]`;
    const result = sourceSchema.safeParse(raw, { reportInput: true });
    if (!result.success) {
      const issue = result.error.issues[0] as z.core.$ZodIssue;
      // zod reports an unknown or missing `type` as an invalid_union at path ["type"].
      const rawType = (raw as { type?: unknown } | null)?.type;
      const detail =
        issue.code === 'invalid_union' && issue.path.join('.') === 'type'
          ? `type: expected one of ${SOURCE_TYPES.map((t) => `"${t}"`).join(', ')}, received ${rawType === undefined ? 'nothing' : JSON.stringify(rawType)}`
          : formatIssue(issue);
      throw new InputError('invalid_sources', `${file}: ${label}: ${detail}`);
    }
    if (seen.has(result.data.id)) {
      throw new InputError(
        'invalid_sources',
        `${file}: ${label}: id is used by another source; ids must be unique`,
      );
    }
    seen.add(result.data.id);
    return result.data;
  });
}

/** Reads and validates a sources YAML file; every failure is a one-line InputError. */
export function loadSources(file: string): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'ENOENT'
        ? 'not found; pass --sources FILE or create sources.yaml (see README)'
        : `cannot be read (${code})`;
    throw new InputError('invalid_sources', `${file}: ${hint}`);
  }
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? ` (line ${error.mark.line + 1})` : '';
    throw new InputError('invalid_sources', `${file}: not valid YAML${line}: ${reason}`);
  }
  return parseSources(data, file);
}

/** The origin requests of a source go to: `baseUrl`, else the type's public API or its URL. */
export function sourceOrigin(source: SourceConfig): string {
  return adapterFor(source.type).origin(source);
}

/** The origins a source's requests may be redirected to: its own and `allowedOrigins`. */
export function redirectOrigins(source: SourceConfig): string[] {
  const own = new URL(sourceOrigin(source)).origin;
  return [...new Set([own, ...(source.allowedOrigins ?? [])])];
}
