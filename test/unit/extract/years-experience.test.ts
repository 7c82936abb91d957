import { describe, expect, it } from 'vitest';
import { findYearsStatements, overallYears } from '../../../src/extract/years-experience.js';

function first(text: string) {
  const [statement] = findYearsStatements(text);
  if (statement === undefined) throw new Error(`no statement found in: ${text}`);
  return {
    min: statement.min,
    max: statement.max,
    phrase: text.slice(statement.start, statement.end),
    subject: text.slice(statement.subjectStart, statement.subjectEnd),
  };
}

describe('findYearsStatements', () => {
  it.each<[string, number, number | null, string, string]>([
    // text, min, max, numeric phrase, a word the subject must contain
    ['5+ years of Python experience', 5, null, '5+ years', 'Python'],
    [
      '5+ years of experience with Python and Django, plus AWS.',
      5,
      null,
      '5+ years',
      'Python and Django',
    ],
    ["3 years' experience in data engineering.", 3, null, '3 years', 'data engineering'],
    [
      'At least 3 years of professional experience',
      3,
      null,
      'At least 3 years',
      'professional experience',
    ],
    [
      'Minimum of 4 years working with Kubernetes; CKA a plus',
      4,
      null,
      'Minimum of 4 years',
      'Kubernetes',
    ],
    ['3-5 years of experience in software development', 3, 5, '3-5 years', 'software development'],
    ['5 to 7 years in backend engineering roles', 5, 7, '5 to 7 years', 'backend engineering'],
    ['2 or more years of SQL experience', 2, null, '2 or more years', 'SQL'],
    [
      'Over 10 years building distributed systems.',
      10,
      null,
      'Over 10 years',
      'distributed systems',
    ],
    ['6+ yrs of Java in production', 6, null, '6+ yrs', 'Java'],
    ['Two years of experience with React', 2, null, 'Two years', 'React'],
    [
      'five-plus years of hands-on experience with Terraform',
      5,
      null,
      'five-plus years',
      'Terraform',
    ],
    ['a year of experience in customer support', 1, null, 'a year', 'customer support'],
    ['Airflow (1 year) is a bonus.', 1, null, '1 year', 'Airflow'],
    ['• Python: 5 years', 5, null, '5 years', 'Python'],
    ['Experience: 3-5 years', 3, 5, '3-5 years', 'Experience'],
    ['5 years professional Java experience required', 5, null, '5 years', 'Java'],
    ['2+ years in a similar role', 2, null, '2+ years', 'similar role'],
    ['Up to 2 years of experience', 0, 2, 'Up to 2 years', 'experience'],
    [
      '5+ years of experience with Node.js and TypeScript (React preferred)',
      5,
      null,
      '5+ years',
      'Node.js and TypeScript',
    ],
    ['You have 4 years as a data analyst.', 4, null, '4 years', 'data analyst'],
    ['8 years or more in payments', 8, null, '8 years or more', 'payments'],
  ])('%s', (text, min, max, phrase, subject) => {
    const found = first(text);
    expect(found.min).toBe(min);
    expect(found.max).toBe(max);
    expect(found.phrase).toBe(phrase);
    expect(found.subject).toContain(subject);
  });

  it('gives each skill in a list its own subject', () => {
    const text = 'Skills: Python (3+ years), SQL (2 years), Airflow (1 year)';
    const subjects = findYearsStatements(text).map((s) => text.slice(s.subjectStart, s.subjectEnd));
    expect(subjects).toEqual(['Python', 'SQL', 'Airflow']);
  });

  it('does not run the subject past the end of the clause', () => {
    const text = '3+ years of experience with Go, a degree in CS, and curiosity.';
    expect(first(text).subject).toBe('Go');
  });

  it.each([
    'We were founded 10 years ago.',
    'We plan to double in size over the next 2 years.',
    'This is a 2-year contract with option to extend.',
    'Voted a top workplace for 3 years in a row.',
    'A company with 20 years of growth behind it.',
    'Applicants must be 18 years or older.',
    'You must be at least 18 years of age.',
    'Equipment is refreshed every 2 years.',
    'Options with 4-year vesting and a 1-year cliff.',
    'Contract length: 2 years',
    'We are a consultancy with over 20 years of experience in fintech.',
    'Generous 401k match and 25 days of leave.',
    'In 2024 we grew revenue by 40%.',
  ])('ignores %s', (text) => {
    expect(findYearsStatements(text)).toEqual([]);
  });
});

describe('overallYears', () => {
  it.each<[string, { min: number; max: number | null } | null]>([
    ['Python (5+ years), SQL (2 years). 3-5 years of professional experience.', { min: 3, max: 5 }],
    ['5+ years of experience in software development; 2 years with Go.', { min: 5, max: null }],
    ['4+ years with Kafka and 2+ years with Flink.', { min: 2, max: null }],
    ['Experience: 7+ years', { min: 7, max: null }],
    ['3 years in a similar role and 1 year of Rust.', { min: 3, max: null }],
    ['No years mentioned here, founded 12 years ago.', null],
  ])('%s', (text, expected) => {
    expect(overallYears(findYearsStatements(text), text)).toEqual(expected);
  });
});
