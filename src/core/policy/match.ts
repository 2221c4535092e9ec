import picomatch from 'picomatch';
import { type Policy, type Senior, type Severity, SEVERITIES, type Tier, TIERS } from './types';

/** Compiled questions a policy answers about paths and people. */
export interface PolicyQueries {
  /** The tier of a repository-relative posix path: the highest matching tier, `low` when none matches. */
  tierOf(path: string): Tier;
  isSenior(email: string | undefined): boolean;
  senior(email: string | undefined): Senior | undefined;
}

/** Numeric weight of a severity (info 0 … critical 4). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Numeric weight of a tier (low 1 … critical 4). */
export function tierWeight(t: Tier): number {
  return TIERS.indexOf(t) + 1;
}

/** Blast radius = severity rank × path tier weight (0 … 16). */
export function blastRadius(severity: Severity, tier: Tier): number {
  return severityRank(severity) * tierWeight(tier);
}

function normEmail(e: string | undefined): string {
  return (e ?? '').trim().replace(/^<|>$/g, '').toLowerCase();
}

export function compilePolicy(policy: Policy): PolicyQueries {
  // Globs are gitignore-like: a pattern without a slash matches at any depth.
  const matchers = policy.criticalPaths.map((c) => ({
    tier: c.tier,
    test: picomatch(c.pattern.includes('/') ? c.pattern.replace(/^\//, '') : `**/${c.pattern}`, { dot: true }),
  }));
  const seniors = new Map(policy.seniors.map((s) => [normEmail(s.email), s]));
  return {
    tierOf(path: string): Tier {
      let best: Tier = 'low';
      for (const m of matchers) if (tierWeight(m.tier) > tierWeight(best) && m.test(path)) best = m.tier;
      return best;
    },
    isSenior: (email) => seniors.has(normEmail(email)),
    senior: (email) => seniors.get(normEmail(email)),
  };
}
