import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

// JOBSIFT_DEBUG=crawlee turns on Crawlee's own log lines (CrawlOptions.crawleeLogs).
describe('the JOBSIFT_DEBUG setting', () => {
  it('is empty by default: crawls print nothing through Crawlee', () => {
    expect(loadConfig({}).debug).toEqual([]);
    expect(loadConfig({ JOBSIFT_DEBUG: '' }).debug).toEqual([]);
  });

  it('reads a comma-separated list', () => {
    expect(loadConfig({ JOBSIFT_DEBUG: 'crawlee' }).debug).toEqual(['crawlee']);
    expect(loadConfig({ JOBSIFT_DEBUG: ' crawlee, ' }).debug).toEqual(['crawlee']);
  });

  it('rejects an unknown topic, naming the variable and the topics it knows', () => {
    expect(() => loadConfig({ JOBSIFT_DEBUG: 'crawlee,redis' })).toThrow(
      'JOBSIFT_DEBUG: expected one of "crawlee", received "redis"',
    );
  });
});
