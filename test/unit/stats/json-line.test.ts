import { describe, expect, it } from 'vitest';
import { jsonLine } from '../../../src/stats/postings-export.js';
import type { PostingView } from '../../../src/stats/postings-store.js';

const posting: PostingView = {
  key: 'acme:1',
  source: 'acme',
  sourceId: '1',
  title: 'Data "Engineer"',
  lastSeen: '2026-03-10T12:00:00.000Z',
  role: { id: 'data-engineer', name: 'Data Engineer', score: 0.9 },
  skills: [{ id: 'python', name: 'Python', requirement: 'required' }],
  day: '2026-03-10',
  firstSeen: '2026-03-09T08:00:00.000Z',
};
const { day: _day, firstSeen: _firstSeen, ...summary } = posting;

describe('jsonLine', () => {
  it('adds the day and first seen to the stored summary, as JSON.stringify of the view would', () => {
    const line = jsonLine(posting, JSON.stringify(summary));
    expect(JSON.parse(line)).toEqual(posting);
    expect(line.startsWith(JSON.stringify(summary).slice(0, -1))).toBe(true);
  });

  it('adds duplicateOf when the posting is a duplicate', () => {
    const duplicate = { ...posting, duplicateOf: 'globex:7' };
    expect(JSON.parse(jsonLine(duplicate, JSON.stringify(summary)))).toEqual(duplicate);
  });

  it('serialises the view anew when there is no stored object to extend', () => {
    expect(jsonLine(posting, undefined)).toBe(JSON.stringify(posting));
    expect(jsonLine(posting, '{}')).toBe(JSON.stringify(posting));
    expect(jsonLine(posting, '{"key":"acme:1"} ')).toBe(JSON.stringify(posting));
  });
});
