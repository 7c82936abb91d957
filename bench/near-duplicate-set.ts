/**
 * The near-duplicate test set: every posting of the demo boards (crawled from the local board
 * server), plus three edited copies of each labelled posting (paragraphs reordered, boilerplate
 * changed, another salary line), each posted on a source of its own. Ground truth comes from
 * the boards' manifests: postings made from the same labelled posting are copies of one job;
 * any two others are distinct jobs. Beside them, the hard negatives of `templateSiblings`:
 * distinct jobs of one employer that share its boilerplate.
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

/**
 * An employer's template, as a company repeats it around the role in each of its postings:
 * about 230 words, so that two of its postings share most of their text whatever the role.
 */
const EMPLOYER = 'Harbourline Group';
const EMPLOYER_INTRO = [
  'About Harbourline Group. Harbourline Group runs the software behind forty container ports on four continents: berth planning, crane scheduling, customs paperwork and the gate systems that let trucks in and out without waiting. More than two thousand people work for us in Rotterdam, Singapore, Santos and Durban, and our platform moves one container in eight that crosses an ocean.',
  'How we work. Teams are small and own what they build from the first sketch to the night it runs in a port. We write things down, we review each other with care, and we ship every week. Nobody is on call alone, and every team has a budget for learning and for the tools it chooses.',
].join('\n\n');
const EMPLOYER_BENEFITS = [
  'What we offer. A competitive salary reviewed every year, a yearly bonus, a pension plan with a matched contribution, thirty days of holiday, four weeks a year of working from anywhere, a learning budget of two thousand euros, parental leave of sixteen weeks for every parent, and a visit to a port in your first year.',
  'Harbourline Group is an equal opportunity employer. We welcome applications from everyone, whatever their background, and we make reasonable adjustments at every step of the process. Tell us what you need and we will arrange it.',
].join('\n\n');
/** Words of each job's own text on the template: little, as in a template's short role section. */
const ROLE_WORDS = 60;

/** The words of a posting about its role: its text without the title, company line and close. */
function roleText(posting: Posting): string {
  const paragraphs = posting.descriptionText.split(/\n{2,}/);
  const middle = paragraphs.length > 5 ? paragraphs.slice(2, -2) : paragraphs;
  return middle.join(' ').split(/\s+/).slice(0, ROLE_WORDS).join(' ');
}

/**
 * Hard negatives: each job beside the job whose title shares most of its words with it (another
 * title), both written on one employer's template and posted by that employer. Distinct jobs,
 * though their texts share most of their shingles.
 */
export function templateSiblings(jobs: readonly Posting[]): [Posting, Posting][] {
  const titleWords = (p: Posting) => new Set(p.title.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const onTemplate = (posting: Posting, n: number): Posting => {
    const source = 'template';
    return {
      key: postingKey(source, `${n}-${posting.key}`),
      source,
      sourceId: `${n}-${posting.key}`,
      title: posting.title,
      company: EMPLOYER,
      descriptionText: [EMPLOYER_INTRO, roleText(posting), EMPLOYER_BENEFITS].join('\n\n'),
    };
  };
  return jobs.flatMap((job, n): [Posting, Posting][] => {
    const words = titleWords(job);
    let sibling: Posting | undefined;
    let best = -1;
    for (const other of jobs) {
      const otherWords = titleWords(other);
      const same = [...words].filter((w) => otherWords.has(w)).length;
      const sameTitle = same === words.size && same === otherWords.size;
      if (other !== job && !sameTitle && same > best) [sibling, best] = [other, same];
    }
    return sibling === undefined ? [] : [[onTemplate(job, n), onTemplate(sibling, n)]];
  });
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
  /** Pairs of `templateSiblings`, each checked in an index of its own. */
  siblingPairs: number;
  /** Those pairs whose second posting was taken for a copy of the first. */
  siblingCollapses: { key: string; copyOf: string }[];
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
      siblingPairs: 0,
      siblingCollapses: [],
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
    for (const pair of templateSiblings([...firstOfJob.values()])) {
      const [, second] = await createNearDuplicateIndex(inMemoryNearDuplicateStore()).checkAll(
        pair,
      );
      result.siblingPairs += 1;
      if (second?.copyOf !== undefined) {
        result.siblingCollapses.push({ key: pair[1].key, copyOf: second.copyOf });
      }
    }
    return result;
  } finally {
    await server.close();
  }
}
