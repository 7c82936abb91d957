/**
 * The near-duplicate test set: every posting of the demo boards (crawled from the local board
 * server), plus three edited copies of each labelled posting (paragraphs reordered, boilerplate
 * changed, another salary line), each posted on a source of its own. Ground truth comes from
 * the boards' manifests: postings made from the same labelled posting are copies of one job;
 * any two others are distinct jobs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  crawlSource,
  createNearDuplicateIndex,
  inMemoryNearDuplicateStore,
  parseSources,
  quietCrawleeLogs,
} from '../src/crawl/index.js';
import { defaultBoardsDir, demoSources, startBoardServer } from '../src/demo/index.js';
import { type Posting, postingKey } from '../src/posting/index.js';

interface Item {
  nativeId: string;
  labelledId: string | null;
}

/** labelled posting id by posting key, from both manifests. */
function groundTruth(sources: { id: string; type: string }[]): Map<string, string> {
  const dir = defaultBoardsDir();
  const read = (file: string) =>
    JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      boards: Record<string, Record<string, { postings?: Item[] } | Item[]> & { pages?: Item[] }>;
    };
  const truth = new Map<string, string>();
  const add = (sourceId: string, items: Item[]) => {
    for (const item of items) {
      if (item.labelledId !== null) truth.set(postingKey(sourceId, item.nativeId), item.labelledId);
    }
  };
  const main = read('manifest.json').boards;
  const feeds = read('feeds-manifest.json').boards;
  for (const source of sources) {
    const boards = main[source.type] ?? feeds[source.type];
    if (boards === undefined) continue;
    if (source.type === 'jsonld') {
      add(source.id, (boards.pages ?? []) as Item[]);
      continue;
    }
    for (const board of Object.values(boards)) {
      add(source.id, Array.isArray(board) ? board : (board.postings ?? []));
    }
  }
  return truth;
}

const BOILERPLATE =
  'We are an equal opportunity employer and value diversity at our company. We do not discriminate on the basis of race, religion, colour, national origin, gender, sexual orientation, age, marital status or disability status.';

/** The three edits of the issue, each a new posting on its own source. */
export function editedCopies(posting: Posting): { kind: string; posting: Posting }[] {
  const paragraphs = posting.descriptionText.split(/\n{2,}/);
  const copy = (kind: string, descriptionText: string): { kind: string; posting: Posting } => {
    const source = `copy-${kind}`;
    const { descriptionHtml: _html, descriptionHeadings: _headings, ...rest } = posting;
    return {
      kind,
      posting: { ...rest, source, key: postingKey(source, posting.key), descriptionText },
    };
  };
  const reordered =
    paragraphs.length > 2
      ? [paragraphs[0] ?? '', ...paragraphs.slice(1).reverse()]
      : [...paragraphs].reverse();
  const withoutLast = paragraphs.length > 3 ? paragraphs.slice(0, -1) : paragraphs;
  const salary = /\d[\d,.]*\s*(?:k\b)?/g;
  const resalaried = paragraphs.some((p) => /salary|compensation|pay|£|\$|€/i.test(p))
    ? paragraphs.map((p) =>
        /salary|compensation|pay|£|\$|€/i.test(p) ? p.replace(salary, (n) => `${n}5`) : p,
      )
    : [...paragraphs, 'Salary: $90,000 – $120,000 a year, plus equity.'];
  return [
    copy('reordered', reordered.join('\n\n')),
    copy('boilerplate', [...withoutLast, BOILERPLATE].join('\n\n')),
    copy('salary', resalaried.join('\n\n')),
  ];
}

export interface NearDuplicateEvaluation {
  postings: number;
  /** Postings whose job was posted before (a board copy or an edited copy). */
  copies: number;
  collapsed: number;
  /** Postings recognised as copies of a different job. */
  falseCollapses: { key: string; copyOf: string }[];
  /** Copies not recognised, by kind (`board` for a copy on another demo board). */
  missed: Record<string, number>;
}

/** Crawls the demo boards, adds the edited copies and runs them through a fresh index. */
export async function evaluateNearDuplicates(): Promise<NearDuplicateEvaluation> {
  quietCrawleeLogs();
  const server = await startBoardServer();
  try {
    const sources = parseSources(
      { sources: demoSources(server.origin).map((s) => ({ ...s, maxRequestsPerMinute: 60_000 })) },
      'demo sources',
    );
    const truth = groundTruth(sources);
    const crawled: Posting[] = [];
    for (const source of sources) {
      await crawlSource(source, { onPostings: async (batch) => void crawled.push(...batch) });
    }
    const labelled = crawled.filter((p) => truth.has(p.key));
    const firstOfJob = new Map<string, Posting>();
    for (const p of labelled)
      if (!firstOfJob.has(truth.get(p.key) ?? '')) firstOfJob.set(truth.get(p.key) ?? '', p);
    const kinds = new Map<string, string>();
    const all = [...labelled];
    for (const [job, original] of firstOfJob) {
      for (const { kind, posting } of editedCopies(original)) {
        truth.set(posting.key, job);
        kinds.set(posting.key, kind);
        all.push(posting);
      }
    }
    const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const seenJobs = new Set<string>();
    const result: NearDuplicateEvaluation = {
      postings: all.length,
      copies: 0,
      collapsed: 0,
      falseCollapses: [],
      missed: {},
    };
    const verdicts = await index.checkAll(all);
    for (const [i, posting] of all.entries()) {
      const job = truth.get(posting.key) ?? posting.key;
      const verdict = verdicts[i];
      if (verdict === undefined) throw new Error(`no verdict for ${posting.key}`);
      const isCopy = seenJobs.has(job);
      seenJobs.add(job);
      if (verdict.copyOf !== undefined && truth.get(verdict.copyOf) !== job) {
        result.falseCollapses.push({ key: posting.key, copyOf: verdict.copyOf });
      }
      if (!isCopy) continue;
      result.copies += 1;
      if (verdict.copyOf !== undefined && truth.get(verdict.copyOf) === job) result.collapsed += 1;
      else {
        const kind = kinds.get(posting.key) ?? 'board';
        result.missed[kind] = (result.missed[kind] ?? 0) + 1;
      }
    }
    return result;
  } finally {
    await server.close();
  }
}
