import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/demo/index.js';
import { InputError } from '../../../src/errors.js';
import {
  contentFingerprint,
  normalizeEmploymentType,
  normalizeRemote,
  parsePosting,
  postingKey,
  postingSchema,
  salarySchema,
} from '../../../src/posting/index.js';

const valid = {
  key: 'greenhouse:nimbusfreight:4012345007',
  source: 'greenhouse',
  sourceId: 'nimbusfreight:4012345007',
  url: 'https://job-boards.greenhouse.io/nimbusfreight/jobs/4012345007',
  title: 'Senior Backend Engineer, Routing',
  company: 'Nimbus Freight',
  location: 'Remote - US',
  remote: 'remote',
  employmentType: 'FULL_TIME',
  salary: { min: 165000, max: 195000, currency: 'USD', period: 'year' },
  datePosted: '2026-02-18T14:00:00.000Z',
  descriptionText: 'About the role\n\nYou will own the routing service.',
  descriptionHtml: '<p><strong>About the role</strong></p>',
};

describe('postingKey', () => {
  it('joins source and sourceId with a colon', () => {
    expect(postingKey('lever', 'quillwork:3f1c')).toBe('lever:quillwork:3f1c');
  });
});

describe('postingSchema', () => {
  it('accepts a full posting and a minimal one', () => {
    expect(postingSchema.parse(valid)).toEqual(valid);
    const minimal = {
      key: 'hn:1',
      source: 'hn',
      sourceId: '1',
      title: 'Rust',
      descriptionText: '',
    };
    expect(parsePosting(minimal)).toEqual(minimal);
    expect(parsePosting({ ...minimal, datePosted: '2026-02-27' }).datePosted).toBe('2026-02-27');
  });

  it('rejects a key that is not source:sourceId', () => {
    expect(postingSchema.safeParse({ ...valid, key: 'greenhouse:other' }).success).toBe(false);
  });

  it('rejects bad enum values, dates and urls', () => {
    expect(postingSchema.safeParse({ ...valid, remote: 'yes' }).success).toBe(false);
    expect(postingSchema.safeParse({ ...valid, employmentType: 'Full-time' }).success).toBe(false);
    expect(postingSchema.safeParse({ ...valid, datePosted: '18/02/2026' }).success).toBe(false);
    expect(postingSchema.safeParse({ ...valid, url: 'not a url' }).success).toBe(false);
    expect(postingSchema.safeParse({ ...valid, title: '   ' }).success).toBe(false);
  });

  it('accepts heading ranges inside descriptionText and rejects ranges outside or empty', () => {
    const headings = [{ start: 0, end: 14 }];
    expect(parsePosting({ ...valid, descriptionHeadings: headings }).descriptionHeadings).toEqual(
      headings,
    );
    const length = valid.descriptionText.length;
    for (const bad of [
      [{ start: 0, end: length + 1 }],
      [{ start: 5, end: 5 }],
      [{ start: -1, end: 3 }],
      [{ start: 0.5, end: 3 }],
    ]) {
      expect(() => parsePosting({ ...valid, descriptionHeadings: bad })).toThrow(
        /descriptionHeadings/,
      );
    }
  });

  it('throws an InputError naming the field, what was expected and what was received', () => {
    let thrown: unknown;
    try {
      parsePosting({ ...valid, title: 42 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const error = thrown as InputError;
    expect(error.code).toBe('invalid_posting');
    expect(error.message).toMatch(/^invalid posting: title: .*expected string.*number/);
  });
});

describe('salarySchema', () => {
  it('accepts one bound and rejects min > max, no bound, or a bad currency/period', () => {
    expect(salarySchema.safeParse({ max: 60000, currency: 'EUR', period: 'year' }).success).toBe(
      true,
    );
    expect(
      salarySchema.safeParse({ min: 9, max: 8, currency: 'EUR', period: 'year' }).success,
    ).toBe(false);
    expect(salarySchema.safeParse({ currency: 'EUR', period: 'year' }).success).toBe(false);
    expect(salarySchema.safeParse({ min: 1, currency: '€', period: 'year' }).success).toBe(false);
    expect(salarySchema.safeParse({ min: 1, currency: 'EUR', period: 'annual' }).success).toBe(
      false,
    );
  });
});

describe('contentFingerprint', () => {
  const base = {
    company: 'Nimbus Freight',
    title: 'Senior Backend Engineer',
    descriptionText: 'You will own the routing service.\n\n- 5+ years building backends',
  };

  it('is a 64-char hex sha256 and stable', () => {
    const fingerprint = contentFingerprint(base);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(contentFingerprint({ ...base })).toBe(fingerprint);
  });

  it('ignores whitespace and case differences (same posting on two sources)', () => {
    const variant = {
      company: '  nimbus   FREIGHT',
      title: 'senior backend  engineer ',
      descriptionText: 'You will own the ROUTING service.\n- 5+ years\u00a0building backends\n',
    };
    expect(contentFingerprint(variant)).toBe(contentFingerprint(base));
  });

  it('changes when words, numbers, title or company change', () => {
    const fingerprint = contentFingerprint(base);
    const changed = [
      { ...base, descriptionText: base.descriptionText.replace('5+', '7+') },
      { ...base, descriptionText: base.descriptionText.replace('routing', 'billing') },
      { ...base, title: 'Staff Backend Engineer' },
      { ...base, company: 'Other Co' },
      { title: base.title, descriptionText: base.descriptionText },
    ];
    const fingerprints = changed.map(contentFingerprint);
    for (const other of fingerprints) expect(other).not.toBe(fingerprint);
    expect(new Set(fingerprints).size).toBe(changed.length);
  });

  it('treats punctuation and symbols of any script as space, and keeps letters and digits of any script', () => {
    const text = 'Café – 名字 ١٢٣ 𝒜lgebra €5k 👍 done';
    const same = {
      title: 't',
      descriptionText: text.replace('–', '—').replace('€', '$').replace('👍', ' '),
    };
    expect(contentFingerprint(same)).toBe(
      contentFingerprint({ title: 't', descriptionText: text }),
    );
    for (const changed of [
      text.replace('é', 'e'),
      text.replace('名', '姓'),
      text.replace('١', '٢'),
      text.replace('𝒜', '𝒞'),
    ]) {
      expect(contentFingerprint({ title: 't', descriptionText: changed })).not.toBe(
        contentFingerprint({ title: 't', descriptionText: text }),
      );
    }
    // A lone surrogate is not a letter: it separates words like punctuation does.
    expect(contentFingerprint({ title: 't', descriptionText: 'ab\ud800cd' })).toBe(
      contentFingerprint({ title: 't', descriptionText: 'ab cd' }),
    );
  });

  it('equals the SHA-256 of the text with every run that is not a letter or digit as one space, on random text', () => {
    const byDefinition = (s: string) =>
      s
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const pool = [
      ...'aZq09 \n\t-.,/+#()&',
      ...['é', 'ß', 'İ', 'ﬁ', '–', '—', '€', '£', '名', '١', '\u00a0', '\u3000', '\u2028'],
      ...['𝒜', '👍', '\ud800', '\udc00', '½', 'Ⅻ', '\u0301'],
    ];
    const random = seededRandom(7);
    for (let i = 0; i < 2_000; i++) {
      const length = Math.floor(random() * 24);
      let text = '';
      for (let j = 0; j < length; j++) text += pool[Math.floor(random() * pool.length)];
      const expected = createHash('sha256')
        .update(`${byDefinition('c')}\n${byDefinition('t')}\n${byDefinition(text)}`)
        .digest('hex');
      expect(contentFingerprint({ company: 'c', title: 't', descriptionText: text }), text).toBe(
        expected,
      );
    }
  });

  it('keeps fields apart (text moved from title to description changes it)', () => {
    expect(contentFingerprint({ title: 'a b', descriptionText: 'c' })).not.toBe(
      contentFingerprint({ title: 'a', descriptionText: 'b c' }),
    );
  });
});

describe('normalizeEmploymentType', () => {
  const table: Array<[unknown, string | undefined]> = [
    ['FullTime', 'FULL_TIME'],
    ['Full-time', 'FULL_TIME'],
    ['full time', 'FULL_TIME'],
    ['fulltime_permanent', 'FULL_TIME'],
    ['FULL_TIME', 'FULL_TIME'],
    ['PartTime', 'PART_TIME'],
    ['Part-time', 'PART_TIME'],
    ['parttime_temporary', 'PART_TIME'],
    ['PART_TIME', 'PART_TIME'],
    ['Contract', 'CONTRACTOR'],
    ['CONTRACTOR', 'CONTRACTOR'],
    ['freelance', 'CONTRACTOR'],
    ['Full-time contract', 'CONTRACTOR'],
    ['Temporary', 'TEMPORARY'],
    ['TEMPORARY', 'TEMPORARY'],
    ['Intern', 'INTERN'],
    ['Internship', 'INTERN'],
    ['INTERN', 'INTERN'],
    ['VOLUNTEER', 'VOLUNTEER'],
    ['PER_DIEM', 'PER_DIEM'],
    ['OTHER', 'OTHER'],
    [['foo', 'PART_TIME', 'FULL_TIME'], 'PART_TIME'],
    ['permanent', undefined],
    ['', undefined],
    ['banana', undefined],
    [undefined, undefined],
    [null, undefined],
    [42, undefined],
  ];
  it.each(table)('%j → %s', (raw, expected) => {
    expect(normalizeEmploymentType(raw)).toBe(expected);
  });
});

describe('normalizeRemote', () => {
  const table: Array<[unknown, string | undefined]> = [
    ['remote', 'remote'],
    ['Remote', 'remote'],
    ['REMOTE', 'remote'],
    ['TELECOMMUTE', 'remote'],
    ['fully remote', 'remote'],
    [true, 'remote'],
    ['hybrid', 'hybrid'],
    ['Hybrid', 'hybrid'],
    ['on-site', 'onsite'],
    ['onsite', 'onsite'],
    ['OnSite', 'onsite'],
    ['on_site', 'onsite'],
    ['On Site', 'onsite'],
    [false, undefined],
    ['Remote - US', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ];
  it.each(table)('%j → %s', (raw, expected) => {
    expect(normalizeRemote(raw)).toBe(expected);
  });
});
