import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobsiftError } from '../errors.js';

/** A Redis to talk to, and how to let go of it (stops the server when jobsift started it). */
export interface RedisHandle {
  url: string;
  /**
   * `env`: REDIS_URL; `local`: one already answering on 127.0.0.1:6379; `managed`: started here;
   * `shared`: one another jobsift process started for the same data folder.
   */
  origin: 'env' | 'local' | 'managed' | 'shared';
  stop(): Promise<void>;
}

export interface ResolveRedisOptions {
  /** REDIS_URL, when the user set one. */
  redisUrl?: string | undefined;
  /** Where a managed redis-server keeps its data (append-only file). */
  dataDir: string;
  /** Persistence for a managed server; tests turn it off. */
  persist?: boolean;
  /** Probe 127.0.0.1:6379 before starting a server (default true). */
  probeDefaultPort?: boolean;
}

const NO_REDIS_HINT =
  'no Redis: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and redis-server is not installed; install it (Debian/Ubuntu: apt-get install -y redis-server, macOS: brew install redis) or set REDIS_URL=redis://host:6379';

/**
 * REDIS_URL when set; else a Redis on 127.0.0.1:6379 if one answers PING; else a redis-server
 * started here on a free port with its data under `dataDir`, stopped by `stop()` or on exit.
 */
export async function resolveRedis(options: ResolveRedisOptions): Promise<RedisHandle> {
  if (options.redisUrl !== undefined && options.redisUrl !== '') {
    return { url: options.redisUrl, origin: 'env', stop: async () => {} };
  }
  if ((options.probeDefaultPort ?? true) && (await answersPing('127.0.0.1', 6379, 300))) {
    return { url: 'redis://127.0.0.1:6379', origin: 'local', stop: async () => {} };
  }
  const shared = await findSharedServer(options.dataDir);
  if (shared !== undefined) return { url: shared, origin: 'shared', stop: async () => {} };
  return startRedisServer(options.dataDir, options.persist ?? true);
}

const STATE_FILE = 'redis-server.json';

/** A redis-server another jobsift process started for this data folder, if it still answers. */
async function findSharedServer(dataDir: string): Promise<string | undefined> {
  try {
    const state = JSON.parse(readFileSync(join(dataDir, STATE_FILE), 'utf8')) as { port?: unknown };
    if (typeof state.port !== 'number') return undefined;
    if (await answersPing('127.0.0.1', state.port, 300)) return `redis://127.0.0.1:${state.port}`;
  } catch {}
  return undefined;
}

/** The path of a `redis-server` executable on PATH (or the usual Debian places), if any. */
export function findRedisServer(pathEnv = process.env.PATH ?? ''): string | undefined {
  const dirs = [...pathEnv.split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** Starts a redis-server for `dataDir`, on `port` when given (else a free one). */
export async function startRedisServer(
  dataDir: string,
  persist: boolean,
  port?: number,
): Promise<RedisHandle> {
  const binary = findRedisServer();
  if (binary === undefined) throw new JobsiftError('redis_unavailable', NO_REDIS_HINT);
  mkdirSync(dataDir, { recursive: true });
  const listenPort = port ?? (await freePort());
  const args = [
    '--port',
    String(listenPort),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--save',
    '',
    '--appendonly',
    persist ? 'yes' : 'no',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const started = Date.now();
  while (!(await answersPing('127.0.0.1', listenPort, 200))) {
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      child.kill('SIGKILL');
      const reason = stderr.trim().split('\n').pop() ?? `exit code ${child.exitCode}`;
      throw new JobsiftError('redis_unavailable', `redis-server did not start: ${reason}`);
    }
    await sleep(50);
  }
  const stateFile = join(dataDir, STATE_FILE);
  writeFileSync(stateFile, `${JSON.stringify({ port: listenPort, pid: child.pid })}\n`);
  return {
    url: `redis://127.0.0.1:${listenPort}`,
    origin: 'managed',
    stop: async () => {
      process.removeListener('exit', killOnExit);
      rmSync(stateFile, { force: true });
      await stopChild(child);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM makes redis-server flush its append-only file before exiting.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when a Redis server at host:port answers PING within `timeoutMs`. */
export function answersPing(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}
