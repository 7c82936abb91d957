export { classifyAnalysis, OTHER_ROLE_ID } from './classify.js';
export { enrich } from './enrich.js';
export type { Classification, Enrichment, Reason, RoleScore } from './types.js';
