import { type Policy, type PolicyQueries, type Severity, type Tier, severityRank, tierWeight } from '../policy';
import { type AiAssistance } from './aiAssisted';
import { type CommitFacts } from './facts';

/** Whether policy asks for senior approval of one commit, and why. */
export interface Requirement {
  needed: boolean;
  /** One line: why it is (or is not) needed. */
  why: string;
  /** The highest path tier the commit touches. */
  tier: Tier;
}

/** Risk known about a commit: its highest finding, when a risk engine ran. */
export interface CommitRisk {
  maxSeverity?: Severity;
  /** Rule ids of the findings at or above the policy's `minRisk`. */
  rules?: string[];
}

/**
 * Applies `approval` of the policy to one commit. Non-AI commits never need
 * approval. With `risky`, a commit needs approval when it touches a path
 * whose tier is listed in `approval.tiers`, or when `risk` (from the risk
 * engine, if one ran) reached `approval.minRisk`.
 */
export function approvalRequirement(c: CommitFacts, ai: AiAssistance, policy: Policy, q: PolicyQueries, risk: CommitRisk = {}): Requirement {
  let tier: Tier = 'low';
  for (const p of c.paths) {
    const t = q.tierOf(p);
    if (tierWeight(t) > tierWeight(tier)) tier = t;
  }
  const a = policy.approval;
  if (!ai.assisted) return { needed: false, why: 'not AI-assisted', tier };
  if (a.require === 'none') return { needed: false, why: 'policy requires no approval', tier };
  if (a.exemptSeniors && q.isSenior(c.authorEmail)) return { needed: false, why: 'authored by a senior (exempt by policy)', tier };
  if (a.require === 'all-ai-assisted') return { needed: true, why: 'AI-assisted', tier };
  const tierHit = c.paths.find((p) => a.tiers.includes(q.tierOf(p)));
  if (tierHit) return { needed: true, why: `AI-assisted, touches ${q.tierOf(tierHit)} path ${tierHit}`, tier };
  if (risk.maxSeverity && severityRank(risk.maxSeverity) >= severityRank(a.minRisk)) {
    return { needed: true, why: `AI-assisted, ${risk.maxSeverity} risk${risk.rules?.length ? ` (${risk.rules.join(', ')})` : ''}`, tier };
  }
  return { needed: false, why: 'AI-assisted but below the policy risk and tier thresholds', tier };
}
