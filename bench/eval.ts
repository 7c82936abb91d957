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
import { evaluateSkills } from './eval-skills.js';
import { type ClassificationReport, classificationReport, formatConfusion } from './metrics.js';

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
  const scores = evaluateSkills(skillsPath, join(dataDir, 'vocab'), rules);
  console.log('\n## skill mentions');
  console.log(
    `precision ${pct(scores.precision)} (${scores.predicted} mentions)  technology recall ${pct(scores.recall)} (${scores.gold} gold knowledge spans naming a technology)`,
  );
} else {
  console.log(`\nnote: ${skillsPath} not found; skill mention precision/recall not measured`);
}
