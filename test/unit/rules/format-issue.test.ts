import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssue } from '../../../src/rules/index.js';

/** The message for the first issue of parsing `value` with `schema` at the field `field`. */
function message(schema: z.ZodType, value: unknown, field = 'field'): string {
  const result = z.object({ [field]: schema }).safeParse({ [field]: value }, { reportInput: true });
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return formatIssue(result.error.issues[0] as z.core.$ZodIssue);
}

describe('formatIssue: invalid_type', () => {
  it.each([
    ['a list', z.array(z.string()), { a: 1 }, 'field: expected a list, received an object'],
    ['an object', z.object({}), [1, 2], 'field: expected an object, received a list'],
    [
      'an object (record)',
      z.record(z.string(), z.number()),
      'x',
      'field: expected an object, received "x"',
    ],
    ['a number', z.number(), 'ten', 'field: expected a number, received "ten"'],
    ['an integer', z.number().int(), 1.5, 'field: expected an integer, received 1.5'],
    ['a boolean', z.boolean(), 'yes', 'field: expected a boolean, received "yes"'],
    ['a non-empty string', z.string(), 42, 'field: expected a non-empty string, received 42'],
    [
      'nothing received',
      z.string(),
      undefined,
      'field: expected a non-empty string, received nothing',
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(message(schema, value)).toBe(expected);
  });
});

describe('formatIssue: too_small', () => {
  it.each([
    [
      'a number, inclusive minimum',
      z.number().min(1),
      0,
      'field: expected a number of at least 1, received 0',
    ],
    [
      'a number, exclusive minimum',
      z.number().int().positive(),
      -1,
      'field: expected a number greater than 0, received -1',
    ],
    [
      'a number, exclusive minimum from gt()',
      z.number().gt(0.5),
      0.5,
      'field: expected a number greater than 0.5, received 0.5',
    ],
    [
      'a list',
      z.array(z.string()).min(2),
      ['a'],
      'field: expected at least 2 items, received 1 item',
    ],
    [
      'a list of at least one',
      z.array(z.string()).min(1),
      [],
      'field: expected at least 1 item, received 0 items',
    ],
    ['an empty string', z.string().min(1), '', 'field: expected a non-empty string, received ""'],
    [
      'a short string',
      z.string().min(3),
      'ab',
      'field: expected a string of at least 3 characters, received "ab"',
    ],
    [
      'an exact length',
      z.string().length(4),
      'abc',
      'field: expected a string of exactly 4 characters, received "abc"',
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(message(schema, value)).toBe(expected);
  });

  it('has no space before the comma', () => {
    for (const [schema, value] of [
      [z.number().min(0), -1],
      [z.array(z.number()).min(1), []],
    ] as const) {
      expect(message(schema, value)).not.toMatch(/ ,/);
    }
  });
});

describe('formatIssue: too_big', () => {
  it.each([
    [
      'a number, inclusive maximum',
      z.number().max(100),
      101,
      'field: expected a number of at most 100, received 101',
    ],
    [
      'a number, exclusive maximum',
      z.number().lt(1),
      1,
      'field: expected a number less than 1, received 1',
    ],
    [
      'a list',
      z.array(z.number()).max(2),
      [1, 2, 3],
      'field: expected at most 2 items, received 3 items',
    ],
    [
      'a list of at most one',
      z.array(z.number()).max(1),
      [1, 2],
      'field: expected at most 1 item, received 2 items',
    ],
    [
      'a string',
      z.string().max(3),
      'abcd',
      'field: expected a string of at most 3 characters, received "abcd"',
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(message(schema, value)).toBe(expected);
  });

  it('gives the length of a long string rather than the string', () => {
    expect(message(z.string().max(40), 'x'.repeat(57))).toBe(
      'field: expected a string of at most 40 characters, received 57 characters',
    );
  });
});

describe('formatIssue: paths and issues without input', () => {
  it('names nested fields and list indexes', () => {
    const schema = z.object({ skills: z.array(z.object({ weight: z.number().max(10) })) });
    const result = schema.safeParse(
      { skills: [{ weight: 1 }, { weight: 11 }] },
      { reportInput: true },
    );
    expect(result.success).toBe(false);
    expect(formatIssue(result.error?.issues[0] as z.core.$ZodIssue)).toBe(
      'skills[1].weight: expected a number of at most 10, received 11',
    );
  });

  it('leaves out "received" when zod did not report the input', () => {
    const result = z.object({ n: z.number().min(1) }).safeParse({ n: 0 });
    expect(formatIssue(result.error?.issues[0] as z.core.$ZodIssue)).toBe(
      'n: expected a number of at least 1',
    );
  });
});
