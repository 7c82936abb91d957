/**
 * `npm run train`: fits the learned role model on the labelled dev data of ../shared/data (see
 * README, "Where the role model comes from") and writes rules/role-model.json. Deterministic: the
 * same data and rules give the same file. Temperatures come from 5-fold cross-validated
 * predictions, so the scores are calibrated on postings the fitted model did not see.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_RULES_DIR,
  loadRules,
  ROLE_MODEL_FILE,
  type RoleModelFile,
} from '../src/rules/index.js';
import { DATA_FILES, dataAvailable } from './role-model/data.js';
import { fitRoleModel, toRoleModelFile } from './role-model/fit.js';
import { prepare } from './role-model/prepare.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '..', 'shared', 'data') },
    rules: { type: 'string', default: DEFAULT_RULES_DIR },
  },
});
const dataDir = values.data as string;
const rulesDir = values.rules as string;
if (!dataAvailable(dataDir)) {
  console.error(
    `jobsift train: ${dataDir} lacks ${Object.values(DATA_FILES).join(', ')}; pass --data DIR with the labelled files`,
  );
  process.exit(2);
}
const rules = loadRules(rulesDir, { roleModel: false });
const prepared = prepare(dataDir, rules, (line) => console.error(`train: ${line}`));
const model = fitRoleModel(prepared.examples, prepared.roles);
const file = toRoleModelFile(
  model,
  prepared.temperatures,
  'Learned part of jobsift role classification: softmax regression over the features of src/classify/features.ts, written by `npm run train`. Weights are per feature and role; bias per role; temperature per input mode from 5-fold cross-validation.',
  Object.values(DATA_FILES).map((name) => `shared/data/${name}`),
);
const path = join(rulesDir, ROLE_MODEL_FILE);
writeFileSync(path, formatModelFile(file));
const weightCount = Object.values(file.weights).reduce(
  (sum, byRole) => sum + byRole.filter((weight) => weight !== 0).length,
  0,
);
console.error(
  `train: wrote ${path}: ${Object.keys(file.weights).length} features, ${weightCount} weights; temperatures ${JSON.stringify(file.temperature)}`,
);

/** One feature a line, so that a retrained model reviews as a diff of the features that moved. */
function formatModelFile(model: RoleModelFile): string {
  const { weights, idf, ...head } = model;
  const lines = Object.entries(weights).map(
    ([name, byRole]) => `    ${JSON.stringify(name)}: ${JSON.stringify(byRole)}`,
  );
  const idfLines = Object.entries(idf).map(
    ([name, value]) => `    ${JSON.stringify(name)}: ${value}`,
  );
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "idf": {\n${idfLines.join(',\n')}\n  },\n  "weights": {\n${lines.join(',\n')}\n  }\n}\n`;
}
