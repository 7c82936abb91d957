import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding jobsift's package.json, found by walking up from this module, so paths to
 * shipped data (rules/, fixtures/) hold both from src/ (tsx, vitest) and from dist/src/ (built).
 */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('jobsift: package.json not found above the installed code');
    dir = parent;
  }
  return dir;
})();
