// Process-worker entry point, forked once per core by `jobsift worker` / `up` / `demo`.
// Imported directly, not through the pipeline index, so a worker never loads Crawlee.
import { runProcessWorker } from '../src/pipeline/run-process-worker.js';

const code = await runProcessWorker(process.env);
// The IPC channel to the parent would keep this process alive after a clean shutdown.
process.disconnect?.();
process.exitCode = code;
