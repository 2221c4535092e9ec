import { type PolicyQueries, tierWeight } from '../policy';
import { summarizeAi } from './aiAssisted';
import { type CommitFacts } from './facts';

/** A risk finding to list in a request's description. */
export interface DescribedFinding {
  rule: string;
  severity: string;
  path: string;
  message: string;
}

/**
 * The prefilled description of a review request: what the AI wrote (agents,
 * AI-assisted commits, lines and share where known), the critical paths
 * touched, and the risk findings. The requester edits it before sending.
 */
export function describeChange(commits: readonly CommitFacts[], q: PolicyQueries, findings: readonly DescribedFinding[] = []): string {
  const { aiAssistedCommits, agents, aiLines = 0, totalLines: total = 0 } = summarizeAi(commits);
  const out = [`Senior review of ${commits.length} commit${commits.length === 1 ? '' : 's'}.`, ''];
  out.push(`AI-assisted: ${aiAssistedCommits} of ${commits.length} commits${agents.length ? ` (${agents.join(', ')})` : ''}.`);
  if (aiLines > 0) out.push(`AI-written lines: ${aiLines}${total > 0 ? ` of ${total} (${Math.round((100 * aiLines) / total)}%)` : ''}.`);
  const paths = [...new Set(commits.flatMap((c) => c.paths))];
  const critical = paths.map((p) => ({ p, t: q.tierOf(p) })).filter((x) => x.t !== 'low').sort((a, b) => tierWeight(b.t) - tierWeight(a.t));
  if (critical.length > 0) {
    out.push('', 'Critical paths touched:');
    for (const { p, t } of critical.slice(0, 20)) out.push(`- ${p} (${t})`);
    if (critical.length > 20) out.push(`- … and ${critical.length - 20} more`);
  }
  if (findings.length > 0) {
    out.push('', 'Risk findings:');
    for (const f of findings.slice(0, 20)) out.push(`- [${f.severity}] ${f.rule} ${f.path}: ${f.message}`);
    if (findings.length > 20) out.push(`- … and ${findings.length - 20} more`);
  }
  return out.join('\n');
}
