import { analyzePosting, type PostingText } from '../extract/index.js';
import type { CompiledRules } from '../rules/index.js';
import { classifyAnalysis } from './classify.js';
import type { Enrichment } from './types.js';

/**
 * Extracts and classifies one posting: the whole pure core of jobsift.
 *
 * @example
 * const rules = loadRules();
 * enrich({ title: 'Data Engineer', description: 'Airflow, Spark and SQL ...' }, rules).role.id
 * // → 'data-engineer'
 */
export function enrich(posting: PostingText, rules: CompiledRules): Enrichment {
  const analysis = analyzePosting(posting, rules);
  const { role, roles, reasons } = classifyAnalysis(analysis, rules);
  return { role, roles, reasons, ...analysis.extraction };
}
