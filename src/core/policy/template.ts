import { type Policy } from './types';
import { defaultPolicy } from './defaults';

/**
 * A starting policy for a repository: the defaults plus the paths most teams
 * treat as critical. Written by "AI Provenance: Create Policy File".
 */
export function policyTemplate(senior?: { email: string; name?: string }): Policy & { $schema?: string } {
  const p = defaultPolicy();
  return {
    ...p,
    seniors: senior ? [{ email: senior.email, ...(senior.name ? { name: senior.name } : {}) }] : [],
    criticalPaths: [
      { pattern: 'infra/prod/**', tier: 'critical' },
      { pattern: '**/migrations/**', tier: 'high' },
      { pattern: 'db/migrate/**', tier: 'high' },
      { pattern: '.github/workflows/**', tier: 'high' },
      { pattern: '*.tf', tier: 'high' },
    ],
  };
}

/** The allowed-signers file's opening comment (OpenSSH ignores `#` lines). */
export const ALLOWED_SIGNERS_TEMPLATE = [
  '# Seniors allowed to sign AI Provenance review approvals, one key per line:',
  '#   EMAIL namespaces="ai-provenance-review@v1" ssh-ed25519 AAAA... comment',
  '# (OpenSSH allowed-signers format; see ssh-keygen(1), ALLOWED SIGNERS).',
  '',
].join('\n');
