#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm dependencies when they are missing or older than
// the lock file, and compiles src/ when dist/ is missing or older than any source file.
// Plain Node with no dependencies, because it runs before `npm install` has.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

function log(message) {
  if (!quiet) process.stderr.write(`setup: ${message}\n`);
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`setup: '${command} ${args.join(' ')}' failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockFile = join(root, 'package-lock.json');
if (!existsSync(installedMarker) || mtime(installedMarker) < mtime(lockFile)) {
  log('installing npm dependencies');
  // `npm ci` installs exactly the lock file; `npm install` is the fallback when it cannot.
  const ci = existsSync(lockFile)
    ? spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
    : { status: 1 };
  if (ci.status !== 0) run('npm', ['install', '--no-audit', '--no-fund']);
}

const builtMarker = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(builtMarker) || mtime(builtMarker) < newestMtime(join(root, 'src'))) {
  log('compiling src/ to dist/');
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
}
