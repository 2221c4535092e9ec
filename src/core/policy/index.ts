export * from './types';
export { defaultPolicy } from './defaults';
export { parsePolicy, PolicyError } from './parse';
export { compilePolicy, blastRadius, severityRank, tierWeight, type PolicyQueries } from './match';
export { loadPolicy, type LoadedPolicy } from './load';
export { policyTemplate, ALLOWED_SIGNERS_TEMPLATE } from './template';
