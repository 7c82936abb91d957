import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full GC kept, in percent. V8's own factor
 * (up to 4x when allocation is fast) let the crawl worker's process, whose live heap while it
 * queues a 16 MB board is ~160 MB, grow to 640-900 MB RSS in `npm run bench:pipeline`. At 30% it
 * peaked at 376 MB with the same throughput (at 10%, 341 MB but the crawl took 2 s longer in
 * major GCs). Unlike `--max-old-space-size` it is no ceiling: a bigger board still gets the
 * heap it needs.
 */
const HEAP_GROWING_PERCENT = 30;

/** Makes this process keep a heap close to its live data (the process running the crawls). */
export function keepHeapNearLiveSize(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
