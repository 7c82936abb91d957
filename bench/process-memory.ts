/**
 * Resident memory of a process tree, read from /proc (Linux): for the bench's report of the
 * worker parent and its process workers. Elsewhere every reading is undefined.
 */
import { readFileSync } from 'node:fs';

/** VmRSS and VmHWM (peak RSS) of a process in MB, if it is still there. */
export function residentMb(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** The pids of a process's children. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Samples a process and its children every `everyMs`, keeping each one's highest RSS. */
export function watchMemory(pid: number, everyMs = 200) {
  const highest = new Map<number, number>();
  const sample = () => {
    for (const each of [pid, ...childPids(pid)]) {
      const reading = residentMb(each);
      if (reading !== undefined) highest.set(each, Math.max(highest.get(each) ?? 0, reading.rss));
    }
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    /** Highest RSS seen of the parent and of each child (also the kernel's peak, VmHWM). */
    report() {
      sample();
      const peakOf = (each: number) =>
        Math.max(highest.get(each) ?? 0, residentMb(each)?.peak ?? 0);
      return {
        parent: peakOf(pid),
        children: childPids(pid).map((child) => ({ pid: child, peak: peakOf(child) })),
      };
    },
    stop: () => clearInterval(timer),
  };
}
