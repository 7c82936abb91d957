import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * Validated rules files kept as JSON, keyed by a hash of every rules file and of the schema
 * that validated them. Parsing 1,500 skills of YAML and validating them costs ~90 ms of a cold
 * `jobsift classify`; reading the same data as JSON costs ~5 ms. Any edit of a rules file, or
 * of the schema, gives another key, so a stale entry is never read.
 */
export interface RulesCache {
  read(key: string): unknown;
  write(key: string, value: unknown): void;
}

export const DEFAULT_RULES_CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'jobsift');

const SCHEMA_SOURCE = (() => {
  for (const name of ['schema.js', 'schema.ts']) {
    try {
      return readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8');
    } catch {}
  }
  return '';
})();

/** The key of a set of rules files: their names and contents, and the schema's source. */
export function rulesCacheKey(files: readonly { name: string; source: string }[]): string {
  const hash = createHash('sha256').update(SCHEMA_SOURCE);
  for (const { name, source } of files) hash.update(`\0${name}\0${source}`);
  return hash.digest('hex').slice(0, 32);
}

/** A cache in `dir`; a folder that cannot be read or written just means no cache. */
export function fileRulesCache(
  dir: string = DEFAULT_RULES_CACHE_DIR,
): RulesCache & { readonly dir: string } {
  const pathOf = (key: string) => join(dir, `rules-${key}.json`);
  return {
    dir,
    read(key) {
      try {
        return JSON.parse(readFileSync(pathOf(key), 'utf8'));
      } catch {
        return undefined;
      }
    },
    write(key, value) {
      try {
        mkdirSync(dir, { recursive: true });
        // Written aside and renamed, so a concurrent reader never sees half a file.
        const temporary = `${pathOf(key)}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify(value));
        renameSync(temporary, pathOf(key));
      } catch {}
    },
  };
}
