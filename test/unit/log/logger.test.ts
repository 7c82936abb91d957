import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log/index.js';

function capture(isTTY = false) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (line: string) => lines.push(line) } };
}

describe('the logger of up and worker', () => {
  it('writes one readable line per record in human format, coloured only on a terminal', () => {
    const plain = capture();
    const log = createLogger({ format: 'human', level: 'info', stream: plain.stream });
    log.info({ event: 'x' }, 'crawl acme finished');
    log.warn('board dead unreachable');
    log.debug('not shown');
    expect(plain.lines).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d INFO {2}crawl acme finished\n$/),
      expect.stringMatching(/^\d\d:\d\d:\d\d WARN {2}board dead unreachable\n$/),
    ]);
    const tty = capture(true);
    createLogger({ format: 'human', level: 'info', stream: tty.stream }).warn('slow');
    expect(tty.lines[0]).toContain('\x1b[33mWARN \x1b[0m slow');
  });

  it('writes JSON lines with the level by name, the time, the pid and the fields', () => {
    const out = capture();
    createLogger({ format: 'json', level: 'debug', stream: out.stream }).debug(
      { event: 'posting.retrying', posting: 'acme:1' },
      'posting acme:1 failed',
    );
    expect(JSON.parse(out.lines[0] ?? '')).toEqual({
      level: 'debug',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      pid: process.pid,
      event: 'posting.retrying',
      posting: 'acme:1',
      msg: 'posting acme:1 failed',
    });
  });

  it('takes its format, level and summary interval from the config, naming a bad value', () => {
    const config = loadConfig(
      { JOBSIFT_LOG_LEVEL: 'warn', JOBSIFT_SUMMARY_SECS: '5' },
      { logFormat: 'json' },
    );
    expect(config).toMatchObject({ logFormat: 'json', logLevel: 'warn', summarySecs: 5 });
    expect(loadConfig({})).toMatchObject({ logFormat: 'human', logLevel: 'info', summarySecs: 60 });
    expect(() => loadConfig({ JOBSIFT_LOG_LEVEL: 'loud' })).toThrow(/^JOBSIFT_LOG_LEVEL: /);
    expect(() => loadConfig({}, { logFormat: 'xml' })).toThrow(/^--log-format: .*"xml"/);
  });
});
