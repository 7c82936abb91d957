import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/package-root.js';

/** Debian's Chromium (scripts/setup.mjs --chromium installs it); JOBSIFT_CHROMIUM overrides. */
export const CHROMIUM = process.env.JOBSIFT_CHROMIUM || '/usr/bin/chromium';

/**
 * Headless Chromium with the flags that work on a closed network: without the
 * background-networking ones it keeps trying Google's hosts. A fresh profile each launch.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const RESULTS_DIR = join(PACKAGE_ROOT, 'test-results');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface JobsiftProcess {
  /** The dashboard's URL, as the command printed it. */
  url: string;
  stderr: () => string;
  /** SIGINT, as Ctrl-C; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs the built `jobsift` command (bin/jobsift.js) until it prints `… dashboard at URL`;
 * fails with what it printed if it exits first or takes longer than `timeoutMs`.
 */
export function startJobsift(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 90_000,
): Promise<JobsiftProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(PACKAGE_ROOT, 'bin', 'jobsift.js'), ...args],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `jobsift ${args.join(' ')} printed no dashboard URL in ${timeoutMs} ms:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        const url = match[1];
        resolve({
          url,
          stderr: () => stderr,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGINT');
            return exited;
          },
        });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `jobsift ${args.join(' ')} exited (${code}) before serving:\n${stderr}${stdout.slice(0, 2000)}`,
        ),
      );
    }, reject);
  });
}
