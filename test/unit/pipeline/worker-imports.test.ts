import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The CommonJS packages a fresh Node process has loaded after importing `entry`. */
function packagesLoadedBy(entry: string): string[] {
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(new URL(entry, `file://${root}`).href)});
    const paths = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(paths.filter((p) => p.includes('node_modules'))));
  `;
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('process worker start-up', () => {
  // Crawlee and cheerio take ~0.4 s of CPU to load; a process worker only enriches and records.
  it('does not load Crawlee or cheerio', () => {
    const loaded = packagesLoadedBy('src/pipeline/run-process-worker.ts');
    expect(loaded.some((path) => path.includes('bullmq'))).toBe(true);
    expect(loaded.filter((path) => /@crawlee|[/\\]cheerio[/\\]/.test(path))).toEqual([]);
  });

  it('the crawl side does load Crawlee (so the check above can fail)', () => {
    const loaded = packagesLoadedBy('src/pipeline/index.ts');
    expect(loaded.some((path) => path.includes('@crawlee'))).toBe(true);
  });
});
