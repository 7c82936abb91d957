import { describe, expect, it } from 'vitest';
import { matchAllOnLines } from '../../../src/text/index.js';

const found = (text: string, pattern: RegExp, gate: RegExp) =>
  [...matchAllOnLines(text, pattern, gate)].map((match) => [match.index, match[0]]);

describe('matchAllOnLines', () => {
  it('finds what matchAll finds when every match holds a gate word', () => {
    const text =
      'Salary: 50k\nNo numbers here\n3 years of Python, 2 years of Go\nlast line 7 years';
    const pattern = /\d+\s+years/g;
    expect(found(text, pattern, /year/gi)).toEqual(
      [...text.matchAll(pattern)].map((match) => [match.index, match[0]]),
    );
  });

  it('searches only the lines the gate lets through', () => {
    const text = 'remote 1\nhybrid 2\nremote 3';
    expect(found(text, /\w+ \d/g, /remote/g)).toEqual([
      [0, 'remote 1'],
      [18, 'remote 3'],
    ]);
  });

  it('lets lookbehinds see earlier lines but stops a match at the end of its line', () => {
    const text = 'x\nfoo\nbar';
    expect(found(text, /(?<=x\n)foo/g, /foo/g)).toEqual([[2, 'foo']]);
    expect(found(text, /foo\s+bar/g, /foo/g)).toEqual([]);
    expect(found(text, /foo(?!\s+bar)/g, /foo/g)).toEqual([[2, 'foo']]);
  });

  it('leaves a shared pattern usable by another search in between', () => {
    const pattern = /a/g;
    const first = matchAllOnLines('a a\na', pattern, /a/g);
    expect(first.next().value?.index).toBe(0);
    expect([...matchAllOnLines('aaa', pattern, /a/g)]).toHaveLength(3);
    expect([...first].map((match) => match.index)).toEqual([2, 4]);
  });

  it('steps past empty matches instead of looping', () => {
    expect(found('ab\ncd', /x*/g, /c/g)).toEqual([
      [3, ''],
      [4, ''],
      [5, ''],
    ]);
  });

  it('finds nothing in empty text or when the gate never matches', () => {
    expect(found('', /a/g, /a/g)).toEqual([]);
    expect(found('abc\nabc', /a/g, /z/g)).toEqual([]);
  });
});
