// Process-worker entry point, forked once per core by `jobsift worker` / `up` / `demo`.
import { runProcessWorker } from '../src/pipeline/index.js';

const code = await runProcessWorker(process.env);
// The IPC channel to the parent would keep this process alive after a clean shutdown.
process.disconnect?.();
process.exitCode = code;
