import { describe, expect, it } from 'vitest';
import { extractSalary, type Salary } from '../../../src/extract/salary.js';

type Expected = Pick<Salary, 'currency' | 'period'> & { min?: number; max?: number };

describe('extractSalary', () => {
  it.each<[string, Expected]>([
    [
      'Salary: $120,000 - $150,000 depending on experience.',
      { min: 120_000, max: 150_000, currency: 'USD', period: 'year' },
    ],
    [
      'The base pay range for this role is $120k–$150k plus equity.',
      { min: 120_000, max: 150_000, currency: 'USD', period: 'year' },
    ],
    [
      'Compensation: $120K+ and a generous 401(k).',
      { min: 120_000, currency: 'USD', period: 'year' },
    ],
    ['Salary band: USD 100k-120k', { min: 100_000, max: 120_000, currency: 'USD', period: 'year' }],
    [
      'We pay 100-120k USD for this role.',
      { min: 100_000, max: 120_000, currency: 'USD', period: 'year' },
    ],
    [
      'Gehalt: €60.000 – €75.000 brutto',
      { min: 60_000, max: 75_000, currency: 'EUR', period: 'year' },
    ],
    ['Jahresgehalt ab 60.000€', { min: 60_000, currency: 'EUR', period: 'year' }],
    ['£45,000 per annum + benefits', { min: 45_000, max: 45_000, currency: 'GBP', period: 'year' }],
    [
      'Contract role paying £400 per day, outside IR35.',
      { min: 400, max: 400, currency: 'GBP', period: 'day' },
    ],
    ['£450 daily rate, 6 months initially', { min: 450, max: 450, currency: 'GBP', period: 'day' }],
    ['Day rate: £500 (inside IR35)', { min: 500, max: 500, currency: 'GBP', period: 'day' }],
    ['Pay: $50/hour, paid weekly', { min: 50, max: 50, currency: 'USD', period: 'hour' }],
    [
      'Pay range $45-55/hr depending on shift',
      { min: 45, max: 55, currency: 'USD', period: 'hour' },
    ],
    [
      'Stipend of $8,000 per month for the summer',
      { min: 8000, max: 8000, currency: 'USD', period: 'month' },
    ],
    [
      'Salary: CA$90,000 - CA$110,000',
      { min: 90_000, max: 110_000, currency: 'CAD', period: 'year' },
    ],
    ['A$140,000 + super', { min: 140_000, max: 140_000, currency: 'AUD', period: 'year' }],
    ['Base salary C$85k', { min: 85_000, max: 85_000, currency: 'CAD', period: 'year' }],
    ["Lohn: CHF 120'000 pro Jahr", { min: 120_000, max: 120_000, currency: 'CHF', period: 'year' }],
    ['CTC: ₹12 LPA', { min: 1_200_000, max: 1_200_000, currency: 'INR', period: 'year' }],
    [
      'Package of 12 to 15 lakh per annum',
      { min: 1_200_000, max: 1_500_000, currency: 'INR', period: 'year' },
    ],
    [
      'Total compensation $150k OTE',
      { min: 150_000, max: 150_000, currency: 'USD', period: 'year' },
    ],
    [
      'We offer between $100,000 and $130,000.',
      { min: 100_000, max: 130_000, currency: 'USD', period: 'year' },
    ],
    ['Earn up to $150,000 in your first year', { max: 150_000, currency: 'USD', period: 'year' }],
    [
      'Starting at $25/hour with raises every 6 months',
      { min: 25, currency: 'USD', period: 'hour' },
    ],
    [
      '$90,000 - $110,000 CAD, hybrid in Toronto',
      { min: 90_000, max: 110_000, currency: 'CAD', period: 'year' },
    ],
    [
      'Rémunération : 45 000 € - 55 000 € par an',
      { min: 45_000, max: 55_000, currency: 'EUR', period: 'year' },
    ],
    ['Monthly salary: ₹50,000', { min: 50_000, max: 50_000, currency: 'INR', period: 'month' }],
    ['Rs. 8,00,000 per annum', { min: 800_000, max: 800_000, currency: 'INR', period: 'year' }],
    ['Hourly rate: $35, W2', { min: 35, max: 35, currency: 'USD', period: 'hour' }],
    [
      'Salary: $4,500 for this part-time monthly contract',
      { min: 4500, max: 4500, currency: 'USD', period: 'month' },
    ],
    [
      'Compensation: $2,000 ($24k a year)',
      { min: 2000, max: 2000, currency: 'USD', period: 'year' },
    ],
    ['$18-$22 an hour, weekly pay', { min: 18, max: 22, currency: 'USD', period: 'hour' }],
    ['$120,000.00 USD annually', { min: 120_000, max: 120_000, currency: 'USD', period: 'year' }],
    [
      'Salary of $95,000 - 80,000 (typo range)',
      { min: 80_000, max: 95_000, currency: 'USD', period: 'year' },
    ],
  ])('%s', (text, expected) => {
    const salary = extractSalary(text);
    expect(salary).not.toBeNull();
    if (salary === null) return;
    expect({
      currency: salary.currency,
      period: salary.period,
      ...(salary.min === undefined ? {} : { min: salary.min }),
      ...(salary.max === undefined ? {} : { max: salary.max }),
    }).toEqual(expected);
    expect(text.slice(salary.start, salary.end)).toBe(salary.text);
  });

  it.each([
    'We just closed a $5M Series A led by top investors.',
    'The company raised $20 million last year.',
    'Now at a $1B valuation, we are growing fast.',
    'Generous 401(k) match and 25 days of PTO.',
    'You have 3 years of experience with Python.',
    'Founded in 2024, we are a small team.',
    'Call us on 555-123-4567 to apply.',
    'A $10 stipend for lunch on office days.',
    'This role is 100% remote.',
    'Enjoy a $2,000 annual learning budget.',
    'We provide a $500 home office stipend.',
    'Eligible for a $10,000 signing bonus.',
    'Relocation assistance of up to $15,000 is available.',
    'We have over $300,000 in funding from angels.',
    'Must be able to lift 50 pounds.',
    'Salary: competitive, 120k depending on experience',
  ])('rejects %s', (text) => {
    expect(extractSalary(text)).toBeNull();
  });

  it('prefers the amount introduced by a salary word over an earlier benefit-like figure', () => {
    const text =
      'We raised $3,000,000 in 2023. Remote stipend $50. The salary range is $130,000 - $160,000.';
    const salary = extractSalary(text);
    expect(salary?.min).toBe(130_000);
    expect(salary?.max).toBe(160_000);
  });

  it('takes the first salary when none is introduced by a salary word', () => {
    const salary = extractSalary('Senior: $140k-$170k. Staff: $180k-$210k.');
    expect(salary?.min).toBe(140_000);
    expect(salary?.start).toBe(8);
  });

  it('infers the period from the size of a bare amount', () => {
    expect(extractSalary('We pay $28 for this gig')?.period).toBe('hour');
    expect(extractSalary('$3,500 paid out each month')?.period).toBe('month');
    expect(extractSalary('We pay $3,500 for this gig')?.period).toBe('year');
  });
});
