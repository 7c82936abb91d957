import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClassify } from '../../../src/cli/index.js';
import { loadConfig } from '../../../src/config.js';
import { InputError } from '../../../src/errors.js';
import { miniRules } from '../extract/helpers.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

async function classify(
  input: string,
  options: Parameters<typeof runClassify>[1],
  configFlags = {},
) {
  const stdout = capture();
  const stderr = capture();
  const stdin = Readable.from([Buffer.from(input)]);
  const code = await runClassify(undefined, options, loadConfig({}, configFlags), miniRules, {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Each output line of a --jsonl run, parsed. */
function jsonLines(stdout: string) {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('jobsift classify', () => {
  it('prints the Enrichment as JSON with --json', async () => {
    const { code, stdout } = await classify('We build web applications in Django.', {
      json: true,
      title: 'Python Developer',
    });
    expect(code).toBe(0);
    const enrichment = JSON.parse(stdout);
    expect(enrichment.role.id).toBe('python-developer');
    expect(enrichment.skills.map((skill: { id: string }) => skill.id)).toEqual([
      'django',
      'python',
    ]);
  });

  it('prints a readable summary by default', async () => {
    const { stdout } = await classify('Requirements:\n- Kafka\nNice to have: Kubernetes', {
      title: 'Data Engineer',
    });
    expect(stdout).toMatch(/^Data Engineer\nRole: +Data Engineer \(data-engineer\)/);
    expect(stdout).toMatch(/Required: +Apache Kafka/);
    expect(stdout).toMatch(/Preferred: +Kubernetes/);
  });

  it('says plainly when a posting is not English', async () => {
    const german =
      'Wir suchen einen Entwickler für unser Team. Du arbeitest mit Python.\nJava-Kenntnisse sind nicht erforderlich.';
    const { stdout } = await classify(german, {});
    expect(stdout).toMatch(
      /^Language: +German \(de\) — requirement cues from rules\/language\/de\.yaml; the skill and role rules are English, so the role may be unreliable$/m,
    );
    expect(stdout).toMatch(/Not wanted: +Java/);
    const french = await classify(
      'Nous recherchons un développeur pour notre équipe à Paris. Vous travaillerez avec Python et des bases de données, dans une entreprise qui aime la qualité.',
      {},
    );
    expect(french.stdout).toMatch(
      /^Language: +French \(fr\) — no rules\/language\/fr\.yaml, so requirement levels are only "mentioned"/m,
    );
    expect(french.stdout).toMatch(/Mentioned: +Python/);
    const english = await classify('We are looking for an engineer with Kafka experience.', {});
    expect(english.stdout).not.toMatch(/Language:/);
  });

  it('classifies a JSONL batch in order and reports bad lines without stopping', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Data Engineer', description: 'Kafka pipelines' }),
      '{not json',
      JSON.stringify({ id: 'c', description: 42 }),
      JSON.stringify({ id: 'd', title: 'Nurse', description: 'Patient care.' }),
    ].join('\n');
    const { code, stdout } = await classify(input, { jsonl: true });
    const lines = jsonLines(stdout);
    expect(lines.map((line) => line.id)).toEqual(['a', null, 'c', 'd']);
    expect(lines[0].role.id).toBe('data-engineer');
    expect(lines[1].error).toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/^line 2: not valid JSON/),
    });
    expect(lines[2].error).toMatchObject({
      code: 'invalid_line',
      message: 'line 3: description: expected a non-empty string, received 42',
    });
    expect(lines[3].role.id).toBe('other');
    expect(code).toBe(2);
  });

  it('keeps the id of a line over --max-bytes when the line starts with it', async () => {
    const long = 'Python '.repeat(400);
    const input = [
      `{"id":"abc","description":"${long}"}`,
      `{ "id" : 7, "description":"${long}"}`,
      `{"id":"a\\"b","description":"${long}"}`,
      `{"title":"Data","id":"late","description":"${long}"}`,
      `{"id":"cut`,
    ].join('\n');
    const { code, stdout } = await classify(
      `${input}${'x'.repeat(3000)}`,
      { jsonl: true },
      { maxInputBytes: 1000 },
    );
    const lines = jsonLines(stdout);
    expect(lines.map((line) => line.id)).toEqual(['abc', 7, 'a"b', null, null]);
    expect(lines[0].error).toMatchObject({
      code: 'input_too_large',
      message: expect.stringMatching(/^line 1: is over the 1000 bytes limit/),
    });
    expect(code).toBe(2);
  });

  it('classifies a title alone: a JSONL line without description, --title with empty input or a terminal', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Senior Data Engineer' }),
      JSON.stringify({ id: 'b', title: 'Senior Data Engineer', description: '' }),
      JSON.stringify({ id: 'c', title: ' ', description: ' ' }),
    ].join('\n');
    const { code, stdout } = await classify(input, { jsonl: true });
    const lines = jsonLines(stdout);
    expect(lines[0].role.id).toBe('data-engineer');
    expect(lines[1].role.id).toBe('data-engineer');
    expect(lines[2].error).toMatchObject({
      code: 'invalid_line',
      message: expect.stringMatching(/^line 3: expected a non-empty "title" or "description"/),
    });
    expect(code).toBe(2);

    const piped = await classify('', { json: true, title: 'Senior Data Engineer' });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).role.id).toBe('data-engineer');

    const stdout2 = capture();
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    const code2 = await runClassify(
      undefined,
      { json: true, title: 'Data Engineer' },
      loadConfig({}),
      miniRules,
      { stdin: terminal, stdout: stdout2.stream, stderr: new PassThrough() },
    );
    expect(code2).toBe(0);
    expect(JSON.parse(stdout2.text()).role.id).toBe('data-engineer');
  });

  it('rejects empty, binary and oversized input with one line that says how to fix it', async () => {
    await expect(classify('  \n ', {})).rejects.toThrow(/standard input: is empty/);
    await expect(classify('abc\u0000def', {})).rejects.toThrow(
      /looks binary \(a NUL byte at offset 3\)/,
    );
    await expect(classify('x'.repeat(2000), {}, { maxInputBytes: 1000 })).rejects.toThrow(
      /over the 1000 bytes limit; raise it with --max-bytes/,
    );
    await expect(classify('x'.repeat(2000), {}, { maxInputBytes: 1000 })).rejects.toBeInstanceOf(
      InputError,
    );
  });

  it('reads a file and names it in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsift-cli-'));
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '');
    const io = { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() };
    await expect(runClassify(file, {}, loadConfig({}), miniRules, io)).rejects.toThrow(
      `${file}: is empty`,
    );
    await expect(
      runClassify(join(dir, 'missing.txt'), {}, loadConfig({}), miniRules, io),
    ).rejects.toThrow(/missing\.txt: no such file/);
  });
});

describe('loadConfig', () => {
  it('reads the environment and lets flags win', () => {
    expect(loadConfig({ JOBSIFT_MAX_INPUT_BYTES: '5000' }).maxInputBytes).toBe(5000);
    expect(
      loadConfig({ JOBSIFT_MAX_INPUT_BYTES: '5000' }, { maxInputBytes: '7000' }).maxInputBytes,
    ).toBe(7000);
  });

  it('names the variable or flag that is wrong', () => {
    expect(() => loadConfig({ JOBSIFT_MAX_INPUT_BYTES: 'lots' })).toThrow(
      /^JOBSIFT_MAX_INPUT_BYTES: expected a number/,
    );
    expect(() => loadConfig({}, { maxInputBytes: '-1' })).toThrow(/^--max-bytes: /);
  });
});
