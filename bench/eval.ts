/**
 * `npm run eval`: role accuracy and macro-F1 (with and without titles), titles-only accuracy,
 * per-role precision/recall/F1 and a confusion matrix, and skill mention precision/recall.
 *
 * Reads ../shared/data/{roles,titles,skills}-dev.jsonl (or --data DIR). Where those files are
 * missing it says so and measures the labelled postings of test/fixtures instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { enrich } from '../src/classify/index.js';
import { loadRules } from '../src/rules/index.js';
import {
  type ClassificationReport,
  classificationReport,
  formatConfusion,
  type Span,
  spanScores,
} from './metrics.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '..', 'shared', 'data') },
    fixtures: { type: 'boolean', default: false },
  },
});
const dataDir = values.data as string;
const rules = loadRules();

const postingLine = z
  .object({
    title: z.string().nullish(),
    description: z.string().optional(),
    text: z.string().optional(),
    role: z.string().optional(),
    label: z.string().optional(),
  })
  .transform((line, context) => {
    const description = line.description ?? line.text;
    const role = line.role ?? line.label;
    if (description === undefined || role === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'expected "description" (or "text") and "role" (or "label")',
      });
      return z.NEVER;
    }
    return { title: line.title ?? '', description, role };
  });

const titleLine = z
  .object({ title: z.string(), role: z.string().optional(), label: z.string().optional() })
  .transform((line, context) => {
    const role = line.role ?? line.label;
    if (role === undefined) {
      context.addIssue({ code: 'custom', message: 'expected "role" (or "label")' });
      return z.NEVER;
    }
    return { title: line.title, role };
  });

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const result = schema.safeParse(JSON.parse(line));
      if (!result.success) {
        throw new Error(
          `${path}: line ${index + 1}: ${result.error.issues[0]?.message ?? 'invalid'}`,
        );
      }
      return result.data;
    });
}

function pct(value: number): string {
  return value.toFixed(3);
}

function printReport(heading: string, report: ClassificationReport, details: boolean) {
  console.log(`\n## ${heading}`);
  console.log(
    `postings ${report.total}  accuracy ${pct(report.accuracy)}  macro-F1 ${pct(report.macroF1)} (roles with >= ${report.minSupport} postings)`,
  );
  if (!details) return;
  console.log(
    `\n${'role'.padEnd(28)}${'support'.padStart(8)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(7)}`,
  );
  for (const entry of report.perClass) {
    console.log(
      `${entry.label.padEnd(28)}${String(entry.support).padStart(8)}${pct(entry.precision).padStart(10)}${pct(entry.recall).padStart(8)}${pct(entry.f1).padStart(7)}`,
    );
  }
  console.log(`\n${formatConfusion(report)}`);
}

const rolesPath = join(dataDir, 'roles-dev.jsonl');
const titlesPath = join(dataDir, 'titles-dev.jsonl');
const skillsPath = join(dataDir, 'skills-dev.jsonl');
const fixturesPath = join(root, 'test', 'fixtures', 'labelled-postings.jsonl');

const useFixtures = values.fixtures || !existsSync(rolesPath);
if (useFixtures && !values.fixtures) {
  console.log(
    `note: ${rolesPath} not found; measuring the labelled postings of test/fixtures instead`,
  );
}
const minSupport = useFixtures ? 3 : 10;
const postings = readJsonl(useFixtures ? fixturesPath : rolesPath, postingLine);
console.log(
  `# jobsift eval — ${new Date().toISOString().slice(0, 10)} — ${useFixtures ? fixturesPath : dataDir}`,
);

const withTitle = postings.map((posting) => ({
  gold: posting.role,
  predicted: enrich(posting, rules).role.id,
}));
printReport('roles, title + description', classificationReport(withTitle, minSupport), true);

const withoutTitle = postings.map((posting) => ({
  gold: posting.role,
  predicted: enrich({ title: '', description: posting.description }, rules).role.id,
}));
printReport('roles, title withheld', classificationReport(withoutTitle, minSupport), false);

if (existsSync(titlesPath) || useFixtures) {
  const titles = useFixtures
    ? postings.filter((posting) => posting.title).map(({ title, role }) => ({ title, role }))
    : readJsonl(titlesPath, titleLine);
  const pairs = titles.map(({ title, role }) => ({
    gold: role,
    predicted: enrich({ title, description: '' }, rules).role.id,
  }));
  printReport('titles only', classificationReport(pairs, minSupport), false);
} else {
  console.log(`\nnote: ${titlesPath} not found; titles-only accuracy not measured`);
}

if (existsSync(skillsPath)) {
  evaluateSkills(skillsPath);
} else {
  console.log(`\nnote: ${skillsPath} not found; skill mention precision/recall not measured`);
}

/**
 * Skill spans: each line holds a text and its gold `knowledge` spans, either as
 * {text, spans: [{start, end, label}]} or as SkillSpan-style {tokens, tags_knowledge} (BIO).
 * Recall counts the gold spans that name a technology: spans with a word of vocab/ when it
 * exists, else every knowledge span.
 */
function evaluateSkills(path: string) {
  const vocab = loadVocabulary(join(dataDir, 'vocab'));
  const documents = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => toSpanDocument(JSON.parse(line) as Record<string, unknown>));
  const scored = documents.map(({ text, gold }) => {
    const enrichment = enrich({ title: '', description: text }, rules);
    const predicted: Span[] = enrichment.skills.flatMap((skill) =>
      skill.mentions.map(({ start, end }) => ({ start, end })),
    );
    const recallGold = vocab
      ? gold.filter((span) => namesTechnology(text.slice(span.start, span.end), vocab))
      : gold;
    return { predicted, gold, recallGold };
  });
  const scores = spanScores(scored);
  console.log('\n## skill mentions');
  console.log(
    `precision ${pct(scores.precision)} (${scores.predicted} mentions)  technology recall ${pct(scores.recall)} (${scores.gold} gold spans${vocab ? ' naming a technology' : ''})`,
  );
}

function toSpanDocument(line: Record<string, unknown>): { text: string; gold: Span[] } {
  if (Array.isArray(line.tokens) && Array.isArray(line.tags_knowledge)) {
    const tokens = line.tokens as string[];
    const tags = line.tags_knowledge as string[];
    let text = '';
    const gold: Span[] = [];
    let open: { start: number; end: number } | null = null;
    tokens.forEach((token, index) => {
      if (text) text += ' ';
      const start = text.length;
      text += token;
      const tag = tags[index] ?? 'O';
      if (tag.startsWith('B') || (tag.startsWith('I') && open === null)) {
        if (open) gold.push(open);
        open = { start, end: text.length };
      } else if (tag.startsWith('I') && open) {
        open.end = text.length;
      } else if (open) {
        gold.push(open);
        open = null;
      }
    });
    if (open) gold.push(open);
    return { text, gold };
  }
  const text = String(line.text ?? line.description ?? '');
  const spans = (Array.isArray(line.spans) ? line.spans : []) as {
    start: number;
    end: number;
    label?: string;
    type?: string;
  }[];
  return {
    text,
    gold: spans
      .filter((span) => (span.label ?? span.type ?? 'knowledge') === 'knowledge')
      .map(({ start, end }) => ({ start, end })),
  };
}

function loadVocabulary(dir: string): Set<string> | null {
  if (!existsSync(dir)) return null;
  const words = new Set<string>();
  for (const name of ['technologies.txt', 'technologies.csv', 'technologies.jsonl']) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const term = line.split(/[,\t]/)[0]?.replace(/^"|"$/g, '').trim().toLowerCase();
      if (term) words.add(term);
    }
  }
  return words.size > 0 ? words : null;
}

function namesTechnology(span: string, vocab: ReadonlySet<string>): boolean {
  const lower = span.toLowerCase();
  if (vocab.has(lower)) return true;
  return lower.split(/[^a-z0-9+#.]+/).some((word) => word.length > 1 && vocab.has(word));
}
