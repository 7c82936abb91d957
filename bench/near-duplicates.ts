/**
 * `npm run bench:near-duplicates`: how well near-duplicate detection collapses copies on the
 * demo boards plus edited copies of each job, and on pairs of distinct jobs written on one
 * employer's template (see near-duplicate-set.ts). The target: at least 95% of copies collapse
 * and no distinct job does.
 */
import { evaluateNearDuplicates } from './near-duplicate-set.js';

const result = await evaluateNearDuplicates();
const share = result.copies === 0 ? 1 : result.collapsed / result.copies;
console.log(`# jobsift near-duplicates — ${new Date().toISOString().slice(0, 10)}`);
console.log(`postings: ${result.postings} (demo boards and edited copies)`);
console.log(`copies of an earlier posting: ${result.copies}`);
console.log(`collapsed: ${result.collapsed} (${(share * 100).toFixed(1)}%)`);
console.log(`missed by kind: ${JSON.stringify(result.missed)}`);
console.log(`distinct jobs collapsed: ${result.falseCollapses.length}`);
for (const f of result.falseCollapses.slice(0, 10)) console.log(`  ${f.key} → ${f.copyOf}`);
console.log(
  `distinct jobs on one employer's template collapsed: ${result.siblingCollapses.length} of ${result.siblingPairs} pairs`,
);
for (const f of result.siblingCollapses.slice(0, 10)) console.log(`  ${f.key} → ${f.copyOf}`);
const distinctKept = result.falseCollapses.length === 0 && result.siblingCollapses.length === 0;
process.exitCode = share >= 0.95 && distinctKept ? 0 : 1;
