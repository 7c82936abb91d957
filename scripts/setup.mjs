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

// npm's progress and lifecycle banners are shown only when the install fails.
function installQuietly(args) {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.status;
}

if (!existsSync(installedMarker) || mtime(installedMarker) < mtime(lockFile)) {
  log('installing npm dependencies');
  // `npm ci` installs exactly the lock file; `npm install` is the fallback when it cannot.
  if ((existsSync(lockFile) ? installQuietly(['ci']) : 1) !== 0) {
    log('npm ci failed; trying npm install');
    const status = installQuietly(['install']);
    if (status !== 0) {
      process.stderr.write(`setup: 'npm install' failed (exit ${status})\n`);
      process.exit(status ?? 1);
    }
  }
}

const builtMarker = join(root, 'dist', 'src', 'cli', 'main.js');
const newestSource = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'workers')));
if (!existsSync(builtMarker) || mtime(builtMarker) < newestSource) {
  log('compiling src/ to dist/');
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
}

// The dashboard (web/) is bundled into dist/web/, which `jobsift serve` serves at /.
const webMarker = join(root, 'dist', 'web', 'index.html');
if (!existsSync(webMarker) || mtime(webMarker) < newestMtime(join(root, 'web'))) {
  log('bundling web/ to dist/web/');
  run('node', ['scripts/build-web.mjs']);
}

// The pipeline needs a redis-server unless REDIS_URL points at one. Install Debian's when we
// can (root with apt-get, as in CI and fresh containers); otherwise say how.
function onPath(command) {
  return (process.env.PATH ?? '')
    .split(':')
    .concat(['/usr/bin', '/usr/sbin', '/usr/local/bin'])
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Installs Debian packages with apt-get (after apt-get update, whose lists may be missing or
// stale); its output is shown only when it fails. Resolves to whether it worked.
function aptInstall(packages) {
  log(`installing ${packages.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, {
      cwd: root,
      encoding: 'utf8',
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      process.stderr.write(`setup: 'apt-get ${args.join(' ')}' failed (exit ${result.status})\n`);
      return false;
    }
  }
  return true;
}

if (process.argv.includes('--redis') && !process.env.REDIS_URL && !onPath('redis-server')) {
  if (isRoot && onPath('apt-get')) {
    if (!aptInstall(['redis-server'])) {
      process.stderr.write(
        'setup: could not install redis-server; install it yourself or set REDIS_URL\n',
      );
      process.exit(1);
    }
  } else {
    process.stderr.write(
      'setup: redis-server not found; install it (Debian/Ubuntu: sudo apt-get install -y redis-server, macOS: brew install redis) or set REDIS_URL\n',
    );
    process.exit(1);
  }
}

// The dashboard's browser test drives Debian's Chromium through playwright-core (which never
// downloads a browser of its own). JOBSIFT_CHROMIUM names another Chromium binary.
const chromium = process.env.JOBSIFT_CHROMIUM || '/usr/bin/chromium';
if (process.argv.includes('--chromium') && !existsSync(chromium)) {
  if (isRoot && onPath('apt-get')) {
    if (!aptInstall(['chromium']) || !existsSync(chromium)) {
      process.stderr.write(
        `setup: could not install chromium; install it yourself (Debian/Ubuntu: sudo apt-get install -y chromium) or set JOBSIFT_CHROMIUM to a Chromium binary\n`,
      );
      process.exit(1);
    }
  } else {
    process.stderr.write(
      `setup: ${chromium} not found; the browser test needs Chromium (Debian/Ubuntu: sudo apt-get install -y chromium) or JOBSIFT_CHROMIUM set to a Chromium binary\n`,
    );
    process.exit(1);
  }
}
