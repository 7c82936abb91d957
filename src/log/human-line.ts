const COLOURS: Record<string, string> = {
  fatal: '\x1b[31m',
  error: '\x1b[31m',
  warn: '\x1b[33m',
  debug: '\x1b[90m',
  trace: '\x1b[90m',
};
const RESET = '\x1b[0m';

/**
 * One pino record as a line for people: `17:02:11 WARN  crawl acme failed: …`. The time is the
 * record's, in UTC; the colour of the level only on a terminal.
 */
export function humanLine(
  record: { time?: unknown; level?: unknown; msg?: unknown },
  tty: boolean,
): string {
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : '';
  const level = typeof record.level === 'string' ? record.level : 'info';
  const label = level.toUpperCase().padEnd(5);
  const colour = tty ? COLOURS[level] : undefined;
  const shown = colour === undefined ? label : `${colour}${label}${RESET}`;
  return `${time} ${shown} ${typeof record.msg === 'string' ? record.msg : ''}\n`;
}
