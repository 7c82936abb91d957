import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WorkerPoolOptions {
  processes: number;
  /** Environment of each process worker: REDIS_URL, JOBSIFT_PREFIX, JOBSIFT_CONCURRENCY … */
  env: NodeJS.ProcessEnv;
  /** Called when a process worker exits on its own (it is restarted after a second). */
  onExit?: (pid: number | undefined, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Called with the jobs a process worker finished since it last said (about once a second). */
  onCounts?: (finished: ProcessWorkerCounts) => void;
}

/** What a process worker sends its parent: posting jobs completed and failed for good. */
export interface ProcessWorkerCounts {
  completed: number;
  failed: number;
}

function countsOf(message: unknown): ProcessWorkerCounts | undefined {
  const counts = (message as { counts?: Partial<ProcessWorkerCounts> } | null)?.counts;
  if (typeof counts?.completed !== 'number' || typeof counts.failed !== 'number') return undefined;
  return { completed: counts.completed, failed: counts.failed };
}

export interface WorkerPool {
  readonly children: readonly ChildProcess[];
  /** Resolves when every process worker has said it is ready. */
  ready: Promise<void>;
  /** SIGTERM to each: they finish the jobs in hand and exit. */
  close(): Promise<void>;
}

/**
 * V8 heap settings of each process worker. A worker holds about 30 MB of live heap (the rules
 * and the role model) and makes short-lived garbage per posting; with V8's defaults its heap
 * grew to 230-270 MB before collecting. A 2 MB posting (the input limit) of the worst shapes
 * tried needs well under this old-space limit; the smaller young generation is collected more
 * often at no measurable cost in throughput.
 */
export const PROCESS_WORKER_V8_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=2'];

/** The process-worker entry: compiled JS in dist/, or the TypeScript source under tsx. */
export function processWorkerEntry(): { path: string; execArgv: string[] } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    return {
      path: fileURLToPath(new URL('../../workers/process.ts', self)),
      execArgv: ['--import', 'tsx'],
    };
  }
  return { path: fileURLToPath(new URL('../../workers/process.js', self)), execArgv: [] };
}

/**
 * One process worker per core: each loads the rules once and runs a BullMQ worker with
 * in-process concurrency. Separate processes are what makes a worker use every core (BullMQ's
 * sandboxed processors would fork one process per concurrent job, each compiling the rules).
 */
export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const entry = processWorkerEntry();
  let closing = false;
  const children: ChildProcess[] = [];
  const readies: Promise<void>[] = [];

  const spawnChild = (slot: number): Promise<void> => {
    const child = fork(entry.path, [], {
      env: options.env,
      execArgv: [...PROCESS_WORKER_V8_FLAGS, ...entry.execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children[slot] = child;
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message) => {
        if (message === 'ready') resolve();
        const counts = countsOf(message);
        if (counts !== undefined) options.onCounts?.(counts);
      });
      child.once('exit', (code) =>
        reject(new Error(`process worker exited (code ${code}) before it was ready`)),
      );
    });
    child.once('exit', (code, signal) => {
      if (closing) return;
      options.onExit?.(child.pid, code, signal);
      setTimeout(() => {
        if (!closing) spawnChild(slot).catch(() => {});
      }, 1_000).unref();
    });
    return ready;
  };

  for (let slot = 0; slot < options.processes; slot++) readies.push(spawnChild(slot));
  return {
    children,
    ready: Promise.all(readies).then(() => undefined),
    close: async () => {
      closing = true;
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
