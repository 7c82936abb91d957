import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { type MentionOf, segments } from '../../../web/src/highlight.js';

const mention = (start: number, end: number, skill = 's'): MentionOf => ({
  skill,
  requirement: 'required',
  start,
  end,
});

describe('segments', () => {
  it('cuts the text at the mention offsets and joins back to it', () => {
    const text = 'We need Airflow, Spark and SQL.';
    const parts = segments(text, [mention(27, 30, 'sql'), mention(8, 15, 'airflow')]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.kind === 'mention').map((p) => p.text)).toEqual([
      'Airflow',
      'SQL',
    ]);
    expect(parts[1]).toEqual({
      kind: 'mention',
      text: 'Airflow',
      skill: 'airflow',
      requirement: 'required',
    });
  });

  it('skips overlapping, empty and out-of-range mentions', () => {
    const text = 'Apache Airflow';
    const parts = segments(text, [
      mention(0, 14, 'airflow'),
      mention(7, 14, 'airflow-short'),
      mention(3, 3),
      mention(10, 99),
      mention(-1, 2),
    ]);
    expect(parts).toEqual([
      { kind: 'mention', text: 'Apache Airflow', skill: 'airflow', requirement: 'required' },
    ]);
  });

  it('gives the whole text when nothing is mentioned', () => {
    expect(segments('plain', [])).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(segments('', [])).toEqual([]);
  });
});

describe('the dashboard source', () => {
  it('never parses data as HTML', () => {
    const dir = join(PACKAGE_ROOT, 'web', 'src');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/,
      );
    }
  });
});
