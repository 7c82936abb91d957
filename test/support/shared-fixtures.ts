import { readFile } from 'node:fs/promises';

/** Reads and parses a JSON sample payload from `../shared/sources/fixtures/`. */
export async function readSharedFixture<T>(name: string): Promise<T> {
  const url = new URL(`../../../shared/sources/fixtures/${name}`, import.meta.url);
  return JSON.parse(await readFile(url, 'utf8')) as T;
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
