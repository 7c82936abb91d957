import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const jobsift = (args: string[], input?: string) =>
  spawnSync(process.execPath, [`${root}bin/jobsift.js`, ...args], {
    input,
    encoding: 'utf8',
    cwd: root,
  });

describe('the jobsift binary', () => {
  it('classifies the sample posting as JSON', () => {
    const result = jobsift([
      'classify',
      '--json',
      '--title',
      'Senior Python Engineer',
      'fixtures/sample-posting.html',
    ]);
    expect(result.status).toBe(0);
    const enrichment = JSON.parse(result.stdout);
    expect(enrichment.role.family).toBe('python-development');
    expect(enrichment.skills.some((skill: { id: string }) => skill.id === 'python')).toBe(true);
  });

  it('reads standard input', () => {
    const result = jobsift(
      ['classify', '--title', 'Registered Nurse'],
      'Provide patient care on a busy ward.',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Role: +Other \(other\)/);
  });

  it('exits 2 with one line and no stack for bad input and bad usage', () => {
    const empty = jobsift(['classify'], '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe(
      "jobsift: standard input: is empty; pass a posting's description as text or HTML\n",
    );
    const unknown = jobsift(['classify', '--nope'], 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--nope'/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the file, path and reason when the rules are broken', () => {
    const result = jobsift(['classify', '--rules', 'test/fixtures/no-such-rules'], 'Python');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^jobsift: test\/fixtures\/no-such-rules\/roles\.yaml: file not found/,
    );
  });
});
