#!/usr/bin/env node
// Builds the dashboard (web/) into dist/web/: one bundle of web/src/main.ts with Chart.js and
// its CSS, under content-hashed names in dist/web/assets/ (served as immutable), and
// dist/web/index.html pointing at them (served as no-cache). No CDN, nothing fetched at run time.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const assets = join(out, 'assets');

rmSync(out, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { app: 'web/src/main.ts' },
  outdir: assets,
  entryNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome111', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
const js = outputs.find((file) => file.endsWith('.js'));
const css = outputs.find((file) => file.endsWith('.css'));
if (js === undefined || css === undefined) {
  process.stderr.write(`build-web: expected a .js and a .css bundle, got ${outputs.join(', ')}\n`);
  process.exit(1);
}
const html = readFileSync(join(root, 'web', 'index.html'), 'utf8')
  .replace('{{js}}', `/assets/${js}`)
  .replace('{{css}}', `/assets/${css}`);
writeFileSync(join(out, 'index.html'), html);
