import { severityRank } from '../policy/match';
import { SEVERITIES, type Severity } from '../policy/types';
import { type Finding } from './types';

/** Counts of findings per severity, highest first. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** `2 critical, 1 high` (only non-zero counts), or `no findings`. */
export function summaryLine(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  const parts = [...SEVERITIES].reverse().filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return parts.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}` : 'no findings';
}

/** Where a finding is, as people read it: `path:12-14`, or `path:(removed 12-14)` for removed lines. */
export function location(f: Finding): string {
  const lines = f.startLine === f.endLine ? `${f.startLine}` : `${f.startLine}-${f.endLine}`;
  return f.side === 'new' ? `${f.path}:${lines}` : `${f.path}:(removed ${lines})`;
}

/** A plain-text table of findings for terminals, widest blast radius first. */
export function formatText(findings: readonly Finding[], failOn: Severity): string {
  if (findings.length === 0) return 'aiprov check: no risky changes found\n';
  const rows = findings.map((f) => [f.severity.toUpperCase(), `${f.blastRadius}`, f.rule, location(f)]);
  const head = ['SEVERITY', 'RADIUS', 'RULE', 'WHERE'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const pad = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i]))).join('  ');
  const out = [pad(head)];
  findings.forEach((f, i) => {
    out.push(pad(rows[i]));
    out.push(`    ${f.message}`);
    if (f.excerpt) out.push(`    > ${f.excerpt}`);
    out.push(`    hint: ${f.hint}`);
  });
  const failing = findings.filter((f) => severityRank(f.severity) >= severityRank(failOn)).length;
  out.push('', `${summaryLine(findings)}; ${failing} at or above '${failOn}'${failing ? ' (check fails)' : ''}`);
  return `${out.join('\n')}\n`;
}
