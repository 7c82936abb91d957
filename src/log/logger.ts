import { type Logger, pino, stdTimeFunctions } from 'pino';
import type { Config } from '../config.js';
import { humanLine } from './human-line.js';

export type { Logger } from 'pino';

/** `human`: one readable line per event; `json`: one JSON object per line (pino's format). */
export type LogFormat = Config['logFormat'];
export type LogLevel = Config['logLevel'];

/** Where log lines go: stderr, or anything with a synchronous `write` (tests). */
export interface LogStream {
  write(line: string): unknown;
  isTTY?: boolean;
}

export interface LoggerOptions {
  format: LogFormat;
  level: LogLevel;
  stream: LogStream;
}

/**
 * The logger of a long-running command (`jobsift up`, `worker`): pino, writing JSON lines in
 * `json` format, and the same records turned into one readable line each in `human` format
 * (coloured when the stream is a terminal). Every record has an `event` name and the event's
 * fields, so a machine reads the JSON and a person the line.
 *
 * @example
 * const log = createLogger({ format: 'json', level: 'info', stream: process.stderr });
 * log.info({ event: 'crawl.finished', source: 'acme' }, 'crawl acme finished');
 */
export function createLogger(options: LoggerOptions): Logger {
  const { stream } = options;
  const tty = stream.isTTY === true;
  const destination =
    options.format === 'json'
      ? { write: (line: string) => stream.write(line) }
      : { write: (line: string) => stream.write(humanLine(JSON.parse(line), tty)) };
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** A logger that writes nothing: the default of library functions, so tests stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });
