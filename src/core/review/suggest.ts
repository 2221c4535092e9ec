import { type Policy } from '../policy';
import { type OwnerRule, ownersOf } from './codeowners';
import { normalizeEmail } from './payload';

/** A reviewer worth asking, best first. */
export interface ReviewerSuggestion {
  /** What goes into the request's `reviewers`: the senior's email, else the owner as written. */
  id: string;
  name?: string;
  /** True when the policy lists them as a senior (only seniors' approvals count). */
  senior: boolean;
  /** Touched paths they own by CODEOWNERS. */
  owns: string[];
  /** One line for pickers: why suggested. */
  reason: string;
}

/**
 * Reviewers for a change touching `paths`: seniors who own touched paths by
 * CODEOWNERS first, then other seniors, then non-senior code owners. The
 * requester is never suggested.
 */
export function suggestReviewers(policy: Policy, rules: readonly OwnerRule[], paths: readonly string[], requester: string): ReviewerSuggestion[] {
  const me = normalizeEmail(requester);
  const mine = new Set([me, ...policy.seniors.filter((s) => normalizeEmail(s.email) === me && s.github).map((s) => `@${s.github!.toLowerCase()}`)]);
  const owned = new Map<string, Set<string>>();
  for (const p of paths) for (const o of ownersOf(rules, p)) (owned.get(o.toLowerCase()) ?? owned.set(o.toLowerCase(), new Set()).get(o.toLowerCase())!).add(p);
  const out: ReviewerSuggestion[] = [];
  const seen = new Set<string>();
  for (const s of policy.seniors) {
    const email = normalizeEmail(s.email);
    if (email === me || seen.has(email)) continue;
    seen.add(email);
    const keys = [email, ...(s.github ? [`@${s.github.toLowerCase()}`] : [])];
    const owns = [...new Set(keys.flatMap((k) => [...(owned.get(k) ?? [])]))].sort();
    for (const k of keys) owned.delete(k);
    out.push({ id: email, name: s.name, senior: true, owns, reason: owns.length ? `senior, owns ${owns.length} touched path${owns.length > 1 ? 's' : ''} (CODEOWNERS)` : 'senior' });
  }
  for (const [owner, ps] of owned) {
    if (mine.has(normalizeEmail(owner))) continue;
    out.push({ id: owner, senior: false, owns: [...ps].sort(), reason: `code owner of ${ps.size} touched path${ps.size > 1 ? 's' : ''}, not a senior in the policy` });
  }
  return out.sort((a, b) => Number(b.senior) - Number(a.senior) || b.owns.length - a.owns.length);
}
