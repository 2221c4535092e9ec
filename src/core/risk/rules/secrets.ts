import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';

/** Credentials written into the repository. */
export const secretRules: readonly RiskRule[] = [
  {
    id: 'secrets/private-key', category: 'secrets', severity: 'critical', raw: true,
    message: 'Adds a private key.',
    hint: 'Remove it, rotate the key, and load it from a secret store at run time.',
    added: /-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/,
  },
  {
    id: 'secrets/token', category: 'secrets', severity: 'critical', raw: true,
    message: 'Adds what looks like a live cloud or service token.',
    hint: 'Remove it, revoke the token, and read it from the environment or a secret store.',
    added: /\b(AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}|\bxox[abposr]-[0-9A-Za-z-]{10,}|\b[rs]k_live_[0-9a-zA-Z]{24,}|\bAIza[0-9A-Za-z_-]{35}\b|\bglpat-[0-9A-Za-z_-]{20}\b|\bnpm_[A-Za-z0-9]{36}\b|\bSG\.[\w-]{22}\.[\w-]{43}\b|\bsk-(proj-)?[A-Za-z0-9_-]{40,}/,
    unless: /EXAMPLE|example|XXXXXXXX|xxxxxxxx/,
  },
  {
    id: 'secrets/hardcoded-password', category: 'secrets', severity: 'high', exceptTags: ['docs', 'test', 'lockfile', 'generated', 'env'],
    message: 'Writes a password, secret or API key into the code.',
    hint: 'Read it from the environment or a secret store.',
    added: /\b[\w.-]*(password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret)[\w.-]*["']?\s*[:=]\s*["'][^"'\s]{8,}["']|^\s*[\w.-]*(password|passwd|secret|api[_-]?key|token)[\w.-]*\s*:\s*[^\s"'{$<#][^\s#]{7,}\s*$/i,
    unless: /["']?\s*[:=]\s*["']?(\$\{|\{\{|<|%\(|%[sd]|\$[A-Z_]|changeme|change[-_]?me|password|secret|example|dummy|placeholder|redacted|your[-_]|xxx|\*{3,}|test|fake|sample|none|null|undefined|todo|process\.env|os\.environ|env\()|getenv|ENV\[|secrets\.|vault:|ref\+|arn:aws:secretsmanager|\bsecretKeyRef\b/i,
  },
  {
    id: 'secrets/env-file', category: 'secrets', severity: 'high', tags: ['env'], on: ['added', 'modified', 'renamed'],
    message: 'Commits a .env file: these hold real credentials and stay in git history for good.',
    hint: 'Add it to .gitignore and commit a `.env.example` without values instead.',
    check: (f) => addedRange(f),
  },
  {
    id: 'secrets/credentials-file', category: 'secrets', severity: 'critical', tags: ['credentials'], on: ['added', 'modified', 'renamed'],
    message: 'Commits a key or credentials file.',
    hint: 'Remove it, rotate what it holds, and keep it in a secret store.',
    check: (f) => addedRange(f),
  },
];

function addedRange(f: FileView): Hit[] {
  const lines = f.added.filter((l) => l.text.trim() !== '');
  if (lines.length === 0) return f.change.binary && f.change.status === 'added' ? [at('new', 1)] : [];
  return [at('new', lines[0].line, lines[lines.length - 1].line)];
}
