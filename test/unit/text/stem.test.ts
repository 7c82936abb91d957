import { describe, expect, it } from 'vitest';
import { stem } from '../../../src/text/index.js';

describe('stem', () => {
  it('stems words and leaves text with no spaces as it is', () => {
    expect(stem('pipelines')).toBe('pipelin');
    const endless = 'pythonkafka'.repeat(100);
    expect(stem(endless)).toBe(endless);
  });
});
