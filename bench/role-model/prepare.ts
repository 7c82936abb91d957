/** What `npm run train` and `npm run eval` share: the data read, featurised and cross-validated. */
import type { CalibrationMode } from '../../src/classify/index.js';
import type { CompiledRules } from '../../src/rules/index.js';
import { crossValidate, type FoldModels, fitTemperatures } from './cross-validate.js';
import {
  type Example,
  FOLDS,
  type LabelledPosting,
  readPostings,
  trainingExamples,
} from './data.js';

export interface Prepared {
  readonly roles: readonly string[];
  readonly postings: Record<'roles' | 'generic' | 'titles', readonly LabelledPosting[]>;
  readonly examples: readonly Example[];
  readonly folds: FoldModels;
  /** Temperatures fitted without fold k, for evaluating fold k. */
  readonly foldTemperatures: readonly Record<CalibrationMode, number>[];
  /** Temperatures fitted on every out-of-fold prediction, for the shipped model. */
  readonly temperatures: Record<CalibrationMode, number>;
}

export function prepare(
  dataDir: string,
  rules: CompiledRules,
  log: (line: string) => void,
): Prepared {
  // Features never depend on the model; the rules' own evidence is one of them.
  const ruleOnly: CompiledRules = { ...rules, roleModel: null };
  const roles = rules.roles.map((role) => role.id);
  const postings = {
    roles: readPostings(dataDir, 'roles'),
    generic: readPostings(dataDir, 'generic'),
    titles: readPostings(dataDir, 'titles'),
  };
  let started = Date.now();
  const examples = trainingExamples(
    [...postings.roles, ...postings.generic, ...postings.titles],
    ruleOnly,
  );
  log(`featurised ${examples.length} examples in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const folds = crossValidate(examples, roles);
  log(`fitted ${FOLDS} fold models in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const foldTemperatures = Array.from({ length: FOLDS }, (_, fold) =>
    fitTemperatures(roles, folds.outOfFold, fold),
  );
  const temperatures = fitTemperatures(roles, folds.outOfFold);
  return { roles, postings, examples, folds, foldTemperatures, temperatures };
}
