import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ORIGINS,
  loadSources,
  parseSources,
  SOURCE_TYPES,
  type SourceConfig,
  sourceOrigin,
} from '../../../src/crawl/index.js';
import { InputError } from '../../../src/errors.js';

const FILE = 'config/sources.yaml';
/** The types as the error message lists them: every registered type, in registry order. */
const TYPES_LISTED = SOURCE_TYPES.map((type) => `"${type}"`).join(', ');

/** The InputError that `fn` throws (fails the test when it does not throw one). */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const input = error as InputError;
    expect(input.code).toBe('invalid_sources');
    expect(input.message).not.toContain('\n');
    return input;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** The one-line message of parsing `sources` as the `sources:` list of FILE. */
function parseError(sources: unknown): string {
  return inputError(() => parseSources({ sources }, FILE)).message;
}

function only(sources: unknown[]): SourceConfig {
  const parsed = parseSources({ sources }, FILE);
  expect(parsed).toHaveLength(1);
  return parsed[0] as SourceConfig;
}

describe('parseSources', () => {
  it('fills in the defaults', () => {
    expect(only([{ id: 'acme', type: 'greenhouse', board: 'acme' }])).toEqual({
      id: 'acme',
      type: 'greenhouse',
      board: 'acme',
      schedule: '0 */6 * * *',
      timezone: 'UTC',
      maxPostings: 5000,
      maxPages: 10000,
      maxRequestsPerMinute: 60,
    });
    expect(only([{ id: 'globex', type: 'lever', board: 'globex' }])).toMatchObject({
      region: 'global',
      schedule: '0 */6 * * *',
      timezone: 'UTC',
      maxPostings: 5000,
      maxPages: 10000,
      maxRequestsPerMinute: 60,
    });
  });

  it('keeps the values given instead of the defaults', () => {
    const source = only([
      {
        id: 'globex-eu',
        type: 'lever',
        board: 'globex',
        company: 'Globex',
        region: 'eu',
        schedule: '15 3 * * 1',
        timezone: 'Europe/Berlin',
        maxPostings: 20,
        maxPages: 3,
        maxRequestsPerMinute: 5,
      },
    ]);
    expect(source).toEqual({
      id: 'globex-eu',
      type: 'lever',
      board: 'globex',
      company: 'Globex',
      region: 'eu',
      schedule: '15 3 * * 1',
      timezone: 'Europe/Berlin',
      maxPostings: 20,
      maxPages: 3,
      maxRequestsPerMinute: 5,
    });
  });

  it('accepts each source type, in file order', () => {
    const parsed = parseSources(
      {
        sources: [
          { id: 'gh', type: 'greenhouse', board: 'acme', baseUrl: 'http://127.0.0.1:8080' },
          { id: 'lv', type: 'lever', board: 'globex', region: 'eu' },
          { id: 'ab', type: 'ashby', board: 'initech', company: 'Initech' },
          { id: 'site-1', type: 'jsonld', url: 'https://careers.example.com/sitemap.xml' },
          { id: 'wk', type: 'workable', account: 'harborlight' },
          { id: 'sr', type: 'smartrecruiters', companyId: 'LumenGridEnergy' },
          { id: 'rt', type: 'recruitee', board: 'pollenlogistics' },
          { id: 'rok', type: 'remoteok', tag: 'python' },
          { id: 'pe', type: 'personio', board: 'fernwerk', language: 'en' },
          { id: 'wwr', type: 'rss', url: 'https://weworkremotely.com/remote-jobs.rss' },
          { id: 'hn', type: 'hn' },
        ],
      },
      FILE,
    );
    expect(parsed.map((s) => [s.id, s.type])).toEqual([
      ['gh', 'greenhouse'],
      ['lv', 'lever'],
      ['ab', 'ashby'],
      ['site-1', 'jsonld'],
      ['wk', 'workable'],
      ['sr', 'smartrecruiters'],
      ['rt', 'recruitee'],
      ['rok', 'remoteok'],
      ['pe', 'personio'],
      ['wwr', 'rss'],
      ['hn', 'hn'],
    ]);
    expect(parsed.map((s) => s.type).sort()).toEqual([...SOURCE_TYPES].sort());
    expect(parsed[3]).toMatchObject({ url: 'https://careers.example.com/sitemap.xml' });
  });

  it('accepts an empty list, but not a document without a sources list', () => {
    expect(parseSources({ sources: [] }, FILE)).toEqual([]);
    const message = inputError(() => parseSources(null, FILE)).message;
    // An empty YAML document has no `sources` key: that is an error naming the field.
    expect(message).toMatch(/^config\/sources\.yaml: sources: /);
  });

  it('rejects an unknown type, naming the file, the source, the field and the types', () => {
    const message = parseError([{ id: 'acme', type: 'workday', board: 'acme' }]);
    expect(message).toBe(
      `config/sources.yaml: source "acme": type: expected one of ${TYPES_LISTED}, received "workday"`,
    );
  });

  it('rejects a missing type', () => {
    const message = parseError([{ id: 'acme', board: 'acme' }]);
    expect(message).toMatch(/^config\/sources\.yaml: source "acme": type: expected one of /);
    expect(message).toContain('received nothing');
  });

  it('rejects a board source without a board', () => {
    for (const type of ['greenhouse', 'lever', 'ashby']) {
      const message = parseError([{ id: 'acme', type }]);
      expect(message).toMatch(/^config\/sources\.yaml: source "acme": board: expected /);
      expect(message).toContain('received nothing');
    }
    expect(parseError([{ id: 'acme', type: 'greenhouse', board: '  ' }])).toMatch(
      /^config\/sources\.yaml: source "acme": board: expected a non-empty string/,
    );
  });

  it('rejects a jsonld source without a url', () => {
    expect(parseError([{ id: 'site', type: 'jsonld' }])).toMatch(
      /^config\/sources\.yaml: source "site": url: /,
    );
  });

  it('rejects ids with characters other than lowercase letters, digits and dashes', () => {
    for (const id of ['Acme', 'acme inc', 'acme_jobs', 'acme/jobs', '']) {
      const message = parseError([{ id, type: 'greenhouse', board: 'acme' }]);
      expect(message).toContain(`config/sources.yaml: source ${JSON.stringify(id)}: id: expected`);
      expect(message).toContain('lowercase letters, digits and dashes');
      expect(message).toContain(`received ${JSON.stringify(id)}`);
    }
  });

  it('names a source without an id by its index', () => {
    const message = parseError([
      { id: 'acme', type: 'greenhouse', board: 'acme' },
      { type: 'lever', board: 'globex' },
    ]);
    expect(message).toMatch(/^config\/sources\.yaml: sources\[1\]: id: /);
    expect(parseError([null])).toMatch(/^config\/sources\.yaml: sources\[0\]: /);
  });

  it('rejects duplicate ids, naming the id', () => {
    const message = parseError([
      { id: 'acme', type: 'greenhouse', board: 'acme' },
      { id: 'other', type: 'ashby', board: 'other' },
      { id: 'acme', type: 'lever', board: 'acme' },
    ]);
    expect(message).toBe(
      'config/sources.yaml: source "acme": id is used by another source; ids must be unique',
    );
  });

  it('rejects a schedule that is not a cron pattern', () => {
    for (const schedule of ['every 6 hours', '61 * * * *']) {
      const message = parseError([{ id: 'acme', type: 'greenhouse', board: 'acme', schedule }]);
      expect(message).toContain('config/sources.yaml: source "acme": schedule: expected a cron');
      expect(message).toContain(`received ${JSON.stringify(schedule)}`);
    }
  });

  it('rejects an unknown time zone', () => {
    const message = parseError([
      { id: 'acme', type: 'greenhouse', board: 'acme', timezone: 'Mars/Olympus' },
    ]);
    expect(message).toBe(
      'config/sources.yaml: source "acme": timezone: expected an IANA time zone like "UTC" or "Europe/Berlin", received "Mars/Olympus"',
    );
  });

  it('rejects a baseUrl or url that is not http(s)', () => {
    for (const baseUrl of ['ftp://example.com', 'file:///etc/passwd', 'not a url']) {
      const message = parseError([{ id: 'acme', type: 'greenhouse', board: 'acme', baseUrl }]);
      expect(message).toContain('config/sources.yaml: source "acme": baseUrl: expected an http(s)');
      expect(message).toContain(`received ${JSON.stringify(baseUrl)}`);
    }
    expect(
      parseError([{ id: 'site', type: 'jsonld', url: 'ftp://example.com/sitemap.xml' }]),
    ).toMatch(/^config\/sources\.yaml: source "site": url: expected an http\(s\) URL/);
  });

  it('rejects unknown fields, naming them', () => {
    expect(parseError([{ id: 'acme', type: 'greenhouse', board: 'acme', boards: 'x' }])).toBe(
      'config/sources.yaml: source "acme": unknown field "boards"',
    );
    // `region` belongs to lever sources only.
    expect(parseError([{ id: 'acme', type: 'greenhouse', board: 'acme', region: 'eu' }])).toBe(
      'config/sources.yaml: source "acme": unknown field "region"',
    );
    expect(inputError(() => parseSources({ sources: [], source: [] }, FILE)).message).toBe(
      'config/sources.yaml: unknown field "source"',
    );
  });

  it('rejects a lever region other than global or eu', () => {
    expect(parseError([{ id: 'acme', type: 'lever', board: 'acme', region: 'us' }])).toBe(
      'config/sources.yaml: source "acme": region: expected one of "global", "eu", received "us"',
    );
  });

  it('rejects sources that are not a list', () => {
    const message = inputError(() =>
      parseSources({ sources: { acme: { type: 'greenhouse', board: 'acme' } } }, FILE),
    ).message;
    expect(message).toBe('config/sources.yaml: sources: expected a list, received an object');
    expect(inputError(() => parseSources('sources', FILE)).message).toMatch(
      /^config\/sources\.yaml: /,
    );
  });
});

describe('sourceOrigin', () => {
  it('uses baseUrl without trailing slashes', () => {
    const source = only([
      { id: 'acme', type: 'greenhouse', board: 'acme', baseUrl: 'http://127.0.0.1:8080/' },
    ]);
    expect(source).toMatchObject({ baseUrl: 'http://127.0.0.1:8080' });
    if (source.type === 'jsonld') throw new Error('expected a board source');
    expect(sourceOrigin(source)).toBe('http://127.0.0.1:8080');
    const nested = only([
      { id: 'acme', type: 'ashby', board: 'acme', baseUrl: 'https://proxy.example/ashby//' },
    ]);
    if (nested.type === 'jsonld') throw new Error('expected a board source');
    expect(sourceOrigin(nested)).toBe('https://proxy.example/ashby');
  });

  it("uses each type's public API otherwise, and Lever's EU host for region eu", () => {
    const parsed = parseSources(
      {
        sources: [
          { id: 'gh', type: 'greenhouse', board: 'acme' },
          { id: 'lv', type: 'lever', board: 'globex' },
          { id: 'lv-eu', type: 'lever', board: 'globex', region: 'eu' },
          { id: 'ab', type: 'ashby', board: 'initech' },
          {
            id: 'lv-eu-local',
            type: 'lever',
            board: 'x',
            region: 'eu',
            baseUrl: 'http://[::1]:9/',
          },
        ],
      },
      FILE,
    );
    const origins = parsed.map((s) => (s.type === 'jsonld' ? undefined : sourceOrigin(s)));
    expect(origins).toEqual([
      'https://boards-api.greenhouse.io',
      'https://api.lever.co',
      'https://api.eu.lever.co',
      'https://api.ashbyhq.com',
      'http://[::1]:9',
    ]);
    expect(origins.slice(0, 4)).toEqual([
      DEFAULT_ORIGINS.greenhouse,
      DEFAULT_ORIGINS.lever,
      DEFAULT_ORIGINS.leverEu,
      DEFAULT_ORIGINS.ashby,
    ]);
  });
});

describe('loadSources', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jobsift-sources-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads and validates a YAML file', () => {
    const file = write(
      'ok.yaml',
      [
        'sources:',
        '  - id: acme',
        '    type: greenhouse',
        '    board: acme',
        '  - id: careers',
        '    type: jsonld',
        '    url: https://careers.example.com/sitemap.xml',
        '    timezone: Europe/Berlin',
        '',
      ].join('\n'),
    );
    expect(loadSources(file)).toEqual([
      {
        id: 'acme',
        type: 'greenhouse',
        board: 'acme',
        schedule: '0 */6 * * *',
        timezone: 'UTC',
        maxPostings: 5000,
        maxPages: 10000,
        maxRequestsPerMinute: 60,
      },
      {
        id: 'careers',
        type: 'jsonld',
        url: 'https://careers.example.com/sitemap.xml',
        schedule: '0 */6 * * *',
        timezone: 'Europe/Berlin',
        maxPostings: 5000,
        maxPages: 10000,
        maxRequestsPerMinute: 60,
      },
    ]);
  });

  it('names the file in validation errors', () => {
    const file = write(
      'bad-type.yaml',
      'sources:\n  - id: acme\n    type: workday\n    board: acme\n',
    );
    expect(inputError(() => loadSources(file)).message).toBe(
      `${file}: source "acme": type: expected one of ${TYPES_LISTED}, received "workday"`,
    );
  });

  it('says how to pass a sources file when the file is missing', () => {
    const file = join(dir, 'missing.yaml');
    const message = inputError(() => loadSources(file)).message;
    expect(message.startsWith(`${file}: not found`)).toBe(true);
    expect(message).toContain('--sources');
  });

  it('reports a file that cannot be read', () => {
    expect(inputError(() => loadSources(dir)).message).toMatch(/: cannot be read \(EISDIR\)$/);
  });

  it('reports invalid YAML with its line, in one line', () => {
    const file = write(
      'broken.yaml',
      'sources:\n  - id: acme\n    type: greenhouse\n   board: acme\n',
    );
    const message = inputError(() => loadSources(file)).message;
    expect(message).toMatch(new RegExp(`^${escapeRegExp(file)}: not valid YAML \\(line 4\\): `));
  });

  it('treats an empty file as a file without a sources list', () => {
    const file = write('empty.yaml', '');
    expect(inputError(() => loadSources(file)).message).toMatch(
      new RegExp(`^${escapeRegExp(file)}: sources: `),
    );
  });

  it("parses the repository's own sources.yaml", () => {
    const file = new URL('../../../sources.yaml', import.meta.url).pathname;
    const sources = loadSources(file);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(SOURCE_TYPES).toContain(source.type);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
