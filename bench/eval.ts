/**
 * `npm run eval`: role classification in every input mode and skill mentions, on the labelled
 * dev data of ../shared/data (or --data DIR).
 *
 * The learned role model is measured by 5-fold cross-validation: each posting is classified by
 * the full product path (`enrich`) with a model fitted on the other four folds, and calibrated
 * with temperatures fitted without its fold, so no figure is measured on postings it was fitted
 * to. Beside it: the rules alone (roles.yaml, no learned part) and a TF-IDF + linear baseline
 * trained on the same folds. Where the data is missing it measures the shipped model on the
 * labelled postings of test/fixtures instead, and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CalibrationMode, enrich } from '../src/classify/index.js';
import { type CompiledRules, compileRoleModel, loadRules } from '../src/rules/index.js';
import { evaluateSkills } from './eval-skills.js';
import {
  type ClassificationReport,
  classificationReport,
  formatConfusion,
  reliability,
} from './metrics.js';
import { baselinePredictions } from './role-model/baseline.js';
import { dataAvailable, FOLDS, type LabelledPosting } from './role-model/data.js';
import { toRoleModelFile } from './role-model/fit.js';
import { prepare } from './role-model/prepare.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '..', 'shared', 'data') },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const dataDir = values.data as string;
const today = new Date().toISOString().slice(0, 10);

const pct = (value: number) => value.toFixed(3);

function printReport(heading: string, report: ClassificationReport) {
  console.log(`\n## ${heading}`);
  console.log(
    `postings ${report.total}  accuracy ${pct(report.accuracy)}  macro-F1 ${pct(report.macroF1)} (roles with >= ${report.minSupport} postings)`,
  );
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

function printReliability(heading: string, predictions: { score: number; correct: boolean }[]) {
  const { bins, ece } = reliability(predictions);
  console.log(`\n### reliability, ${heading}: expected calibration error ${pct(ece)}`);
  console.log(
    `${'score'.padEnd(10)}${'postings'.padStart(9)}${'mean score'.padStart(12)}${'right'.padStart(8)}`,
  );
  for (const bin of bins) {
    if (bin.count === 0) continue;
    console.log(
      `${`${bin.from.toFixed(1)}-${bin.to.toFixed(1)}`.padEnd(10)}${String(bin.count).padStart(9)}${pct(bin.meanScore).padStart(12)}${pct(bin.accuracy).padStart(8)}`,
    );
  }
  return ece;
}

if (!dataAvailable(dataDir)) {
  measureFixtures();
} else {
  measureDevData();
}

function measureFixtures() {
  const path = join(root, 'test', 'fixtures', 'labelled-postings.jsonl');
  console.log(`note: ${dataDir} lacks the labelled data; measuring the shipped model on ${path}`);
  const rules = loadRules();
  const postings = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { title?: string; description: string; role: string });
  const pairs = postings.map((posting) => ({
    gold: posting.role,
    predicted: enrich({ title: posting.title ?? '', description: posting.description }, rules).role
      .id,
  }));
  printReport('roles, title + description (fixtures)', classificationReport(pairs, 3));
}

function measureDevData() {
  console.log(`# jobsift eval — ${today} — ${dataDir}`);
  console.log(
    `method: ${FOLDS}-fold cross-validation; each posting classified by \`enrich\` with a role model fitted and calibrated without its fold`,
  );
  const rules = loadRules(undefined, { roleModel: false });
  const prepared = prepare(dataDir, rules, (line) => console.log(`(${line})`));
  const foldRules: CompiledRules[] = prepared.folds.models.map((model, fold) => ({
    ...rules,
    roleModel: compileRoleModel(
      toRoleModelFile(
        model,
        prepared.foldTemperatures[fold] as Record<CalibrationMode, number>,
        '',
        [],
      ),
      `fold ${fold}`,
    ),
  }));

  type Input = (posting: LabelledPosting) => { title: string; description: string };
  const withTitle: Input = ({ title, description }) => ({ title, description });
  const withoutTitle: Input = ({ description }) => ({ title: '', description });
  const titleOnly: Input = ({ title }) => ({ title, description: '' });

  const classify = (postings: readonly LabelledPosting[], input: Input) =>
    postings.map((posting) => {
      const result = enrich(input(posting), foldRules[posting.fold] as CompiledRules);
      return { posting, predicted: result.role.id, score: result.role.score };
    });
  const rulesAlone = (postings: readonly LabelledPosting[], input: Input) =>
    postings.map((posting) => enrich(input(posting), rules).role.id);

  const { roles: rolesDev, generic, titles } = prepared.postings;
  const confident = generic.filter((posting) => posting.confidence !== 'low');
  const modes = {
    full: classify(rolesDev, withTitle),
    noTitle: classify(rolesDev, withoutTitle),
    titles: classify(titles, titleOnly),
    generic: classify(generic, withTitle),
  };
  const report = (rows: readonly { posting: LabelledPosting; predicted: string }[]) =>
    classificationReport(rows.map(({ posting, predicted }) => ({ gold: posting.role, predicted })));
  const reportOf = (postings: readonly LabelledPosting[], predicted: readonly string[]) =>
    classificationReport(
      postings.map((posting, index) => ({
        gold: posting.role,
        predicted: predicted[index] as string,
      })),
    );

  const full = report(modes.full);
  const noTitle = report(modes.noTitle);
  const titlesOnly = report(modes.titles);
  const genericConfident = report(
    modes.generic.filter(({ posting }) => posting.confidence !== 'low'),
  );
  const genericAll = report(modes.generic);
  const fullStackRecall = (r: ClassificationReport) =>
    r.perClass.find((entry) => entry.label === 'python-full-stack-developer')?.recall ?? 0;

  const rulesFull = reportOf(rolesDev, rulesAlone(rolesDev, withTitle));
  const rulesNoTitle = reportOf(rolesDev, rulesAlone(rolesDev, withoutTitle));
  const rulesTitles = reportOf(titles, rulesAlone(titles, titleOnly));
  const rulesGeneric = reportOf(confident, rulesAlone(confident, withTitle));

  let baseline: {
    full: ClassificationReport;
    noTitle: ClassificationReport;
    titles: ClassificationReport;
    generic: ClassificationReport;
  } | null = null;
  if (!values['no-baseline']) {
    const started = Date.now();
    const fullTraining = [...rolesDev, ...confident];
    const fullPredictions = baselinePredictions(
      fullTraining,
      prepared.roles,
      (p) => `${p.title}\n${p.description}`,
    );
    const noTitlePredictions = baselinePredictions(rolesDev, prepared.roles, (p) => p.description);
    const titlePredictions = baselinePredictions(titles, prepared.roles, (p) => p.title);
    const of = (postings: readonly LabelledPosting[], predictions: Map<LabelledPosting, string>) =>
      reportOf(
        postings,
        postings.map((posting) => predictions.get(posting) ?? 'other'),
      );
    baseline = {
      full: of(rolesDev, fullPredictions),
      noTitle: of(rolesDev, noTitlePredictions),
      titles: of(titles, titlePredictions),
      generic: of(confident, fullPredictions),
    };
    console.log(
      `(baseline fitted on the same folds in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }

  const calibration = (
    rows: readonly { posting: LabelledPosting; predicted: string; score: number }[],
  ) =>
    rows.map(({ posting, predicted, score }) => ({ score, correct: posting.role === predicted }));
  const skillsPath = join(dataDir, 'skills-dev.jsonl');
  const skills = existsSync(skillsPath)
    ? evaluateSkills(skillsPath, join(dataDir, 'vocab'), loadRules())
    : null;
  const eceFull = reliability(calibration(modes.full)).ece;

  const b = (pick: (r: NonNullable<typeof baseline>) => number) =>
    baseline ? pct(pick(baseline)) : '—';
  console.log(`\n## summary (dev data, ${today})\n`);
  console.log('| measure | jobsift | rules alone | TF-IDF + linear baseline | target |');
  console.log('|---|---|---|---|---|');
  const row = (measure: string, ours: string, alone: string, base: string, target: string) =>
    console.log(`| ${measure} | ${ours} | ${alone} | ${base} | ${target} |`);
  row(
    'title + description: accuracy / macro-F1',
    `${pct(full.accuracy)} / ${pct(full.macroF1)}`,
    `${pct(rulesFull.accuracy)} / ${pct(rulesFull.macroF1)}`,
    baseline ? `${pct(baseline.full.accuracy)} / ${pct(baseline.full.macroF1)}` : '—',
    '≥ 0.96 / ≥ 0.92',
  );
  row(
    'python-full-stack-developer recall (title + description)',
    pct(fullStackRecall(full)),
    pct(fullStackRecall(rulesFull)),
    b((r) => fullStackRecall(r.full)),
    '≥ 0.85',
  );
  row(
    'generic titles, high + medium confidence',
    pct(genericConfident.accuracy),
    pct(rulesGeneric.accuracy),
    b((r) => r.generic.accuracy),
    '≥ 0.82',
  );
  row('generic titles, all', pct(genericAll.accuracy), '', '', '');
  row(
    'title withheld: accuracy / macro-F1',
    `${pct(noTitle.accuracy)} / ${pct(noTitle.macroF1)}`,
    `${pct(rulesNoTitle.accuracy)} / ${pct(rulesNoTitle.macroF1)}`,
    baseline ? `${pct(baseline.noTitle.accuracy)} / ${pct(baseline.noTitle.macroF1)}` : '—',
    '≥ 0.88 / ≥ 0.75',
  );
  row(
    'titles only: accuracy',
    pct(titlesOnly.accuracy),
    pct(rulesTitles.accuracy),
    b((r) => r.titles.accuracy),
    '≥ 0.975',
  );
  row(
    'calibration: ECE of role.score (title + description, 10 bins)',
    pct(eceFull),
    '',
    '',
    '≤ 0.04',
  );
  if (skills) {
    row('skill mention precision (SkillSpan)', pct(skills.precision), '', '', '≥ 0.92');
    row('technology recall (SkillSpan)', pct(skills.recall), '', '', '≥ 0.92');
  }

  printReport('roles, title + description', full);
  printReport('roles, title withheld', noTitle);
  printReport('titles only', titlesOnly);
  printReport('generic titles (roles-generic-dev), high + medium confidence', genericConfident);

  console.log('\n## calibration (temperatures fitted without the fold measured)');
  printReliability('title + description', calibration(modes.full));
  printReliability('title withheld', calibration(modes.noTitle));
  printReliability('titles only', calibration(modes.titles));
  printReliability('generic titles', calibration(modes.generic));

  if (skills) {
    console.log('\n## skill mentions');
    console.log(
      `precision ${pct(skills.precision)} (${skills.predicted} mentions)  technology recall ${pct(skills.recall)} (${skills.gold} gold knowledge spans naming a technology)`,
    );
  }
}
