import { readFile } from 'node:fs/promises';

/** Reads a sample board payload or page from `test/fixtures/sources/`. */
export async function readSourceText(name: string): Promise<string> {
  return readFile(new URL(`../fixtures/sources/${name}`, import.meta.url), 'utf8');
}

/** Reads and parses a JSON sample payload from `test/fixtures/sources/`. */
export async function readSourceFixture<T>(name: string): Promise<T> {
  return JSON.parse(await readSourceText(name)) as T;
}

/** A record of `expected-normalized.json`, the research notes' hand-derived normalisation. */
export interface ExpectedRecord {
  source: string;
  url: string;
  title: string;
  company: string;
  location: string;
  employmentType: string;
  salary: unknown;
  datePosted: string;
  descriptionText: string;
  descriptionHtml: string;
}

/** The ranges of `lines` in `text`, each the first place it occurs: expected heading ranges. */
export function rangesOf(text: string, ...lines: string[]): { start: number; end: number }[] {
  return lines.map((line) => {
    const start = text.indexOf(line);
    if (start === -1) throw new Error(`"${line}" is not in the text`);
    return { start, end: start + line.length };
  });
}
