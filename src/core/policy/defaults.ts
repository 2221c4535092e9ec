import { type Policy } from './types';

/** The policy in force when a repository has no policy file. */
export function defaultPolicy(): Policy {
  return {
    version: 1,
    seniors: [],
    engineers: [],
    criticalPaths: [],
    approval: { require: 'risky', minRisk: 'high', tiers: ['critical'], exemptSeniors: true, count: 1 },
    allowedSigners: '.aiprov/allowed_signers',
    trailers: { enabled: true, style: 'assisted-by', maxDestructive: 5 },
    risk: { failOn: 'high', disabledRules: [], customRules: [] },
  };
}
