export {
  type BatchId,
  type BatchOutput,
  batchItemSchema,
  batchLineSchema,
  classifyBatchItem,
} from './batch-item.js';
export { analysisRoleFeatures, classifyAnalysis, OTHER_ROLE_ID } from './classify.js';
export { enrich } from './enrich.js';
export { type InputMode, type RoleFeatures, tfIdf } from './features.js';
export type { Classification, Enrichment, Reason, RoleScore } from './types.js';
