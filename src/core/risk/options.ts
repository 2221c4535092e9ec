import { compilePolicy } from '../policy/match';
import { type CustomRule, type Policy, type Tier } from '../policy/types';
import { type RiskRule } from './rule';

/** What the engine needs from the repository's policy. */
export interface RiskOptions {
  /** The criticality tier of a path (default: everything `low`). */
  readonly tierOf?: (path: string) => Tier;
  /** Rule ids switched off; `category/*` switches off a whole category. */
  readonly disabledRules?: readonly string[];
  /** The repository's own rules: regular expressions on added or removed lines. */
  readonly customRules?: readonly CustomRule[];
  /** Replaces the built-in rules (tests). */
  readonly rules?: readonly RiskRule[];
}

/** Engine options from a loaded policy. */
export function riskOptionsFromPolicy(policy: Policy): RiskOptions {
  const q = compilePolicy(policy);
  return { tierOf: (p) => q.tierOf(p), disabledRules: policy.risk.disabledRules, customRules: policy.risk.customRules };
}

/** A policy custom rule as an engine rule (regexes tested on the raw line text). */
export function customRule(c: CustomRule): RiskRule {
  return {
    id: c.id,
    category: 'custom',
    severity: c.severity,
    message: c.message,
    hint: c.hint ?? '',
    raw: true,
    ...(c.paths && c.paths.length > 0 ? { paths: c.paths } : {}),
    ...(c.added ? { added: new RegExp(c.added) } : {}),
    ...(c.removed ? { removed: new RegExp(c.removed) } : {}),
  };
}

/** Whether `id` is switched off by the list (exact ids or `category/*`). */
export function isDisabled(id: string, disabled: ReadonlySet<string>): boolean {
  if (disabled.size === 0) return false;
  if (disabled.has(id)) return true;
  const slash = id.indexOf('/');
  return slash > 0 && disabled.has(`${id.slice(0, slash)}/*`);
}
