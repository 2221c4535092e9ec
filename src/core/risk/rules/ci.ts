import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';
import { yamlParent } from './structure';

/** CI/CD pipelines and branch protection: the gates every other change passes through. */
const CI = { tags: ['ci'] } as const;
const TEST_CMD = /\b(npm|pnpm|yarn|bun)\s+(run\s+)?test\b|\bpytest\b|\bgo\s+test\b|\bcargo\s+(test|nextest)\b|\bmvn\b[^#]*\b(test|verify)\b|\bgradlew?\b[^#]*\b(test|check)\b|\bmake\s+(test|check)\b|\btox\b|\brspec\b|\bphpunit\b|\bdotnet\s+test\b|\bnpx\s+(jest|vitest|mocha|playwright)\b|\b(npm|pnpm|yarn)\s+(run\s+)?lint\b|\beslint\b/;
const PROTECTION_KEY = /^\s*["']?(required_status_checks|required_pull_request_reviews|require_code_owner_reviews|required_signatures|required_linear_history|dismiss_stale_reviews|restrictions|required_approving_review_count|strict|contexts|checks)["']?\s*[:=]/;

export const ciRules: readonly RiskRule[] = [
  {
    id: 'ci/workflow-deleted', category: 'ci', severity: 'high', ...CI, on: ['deleted'],
    message: 'Deletes a CI pipeline: the checks it ran stop running.',
    hint: 'Keep the pipeline, or move its jobs elsewhere in the same change.',
    check: (f) => [at('old', 1, Math.max(1, ...f.removed.map((l) => l.line)))],
  },
  {
    id: 'ci/continue-on-error', category: 'ci', severity: 'medium', ...CI,
    message: 'Lets a CI step fail without failing the build.',
    hint: 'Fix the failing step instead of ignoring its failure.',
    added: /^\s*-?\s*(continue-on-error|allow_failure|ignore_errors|soft_fail)\s*:\s*(true|yes)\b/,
  },
  {
    id: 'ci/step-disabled', category: 'ci', severity: 'medium', ...CI,
    message: 'Disables a CI job or step (`if: false`, `when: never`).',
    hint: 'Remove the job in a reviewed change, or fix what makes it fail.',
    added: /^\s*-?\s*if\s*:\s*(false|\$\{\{\s*false\s*\}\}|["']false["'])\s*$|^\s*-?\s*when\s*:\s*never\s*$/,
  },
  {
    id: 'ci/test-step-removed', category: 'ci', severity: 'medium', ...CI, on: ['modified', 'renamed'],
    message: 'Removes a test or lint command from CI.',
    hint: 'Keep the check running on every change.',
    removed: TEST_CMD,
    pairMatches: true,
  },
  {
    id: 'ci/pull-request-target', category: 'ci', severity: 'high', ...CI,
    message: 'Runs on `pull_request_target`: the workflow gets write tokens and secrets while handling code from forks.',
    hint: 'Use `pull_request`, or never check out and run the fork\'s code in this workflow.',
    added: /^\s*-?\s*pull_request_target\s*:?|^\s*on\s*:\s*\[?[^#]*\bpull_request_target\b/,
  },
  {
    id: 'ci/permissions-write-all', category: 'ci', severity: 'medium', ...CI,
    message: 'Grants the workflow token write access to everything.',
    hint: 'Grant only the scopes the job needs (`contents: read`, …).',
    added: /^\s*permissions\s*:\s*write-all\b/,
  },
  {
    id: 'ci/required-check-removed', category: 'ci', severity: 'high', tags: ['branch-protection'],
    message: 'Removes a required status check or review rule from branch protection.',
    hint: 'Keep the protections; change them in a reviewed change of their own.',
    check: protectionRemoved,
  },
  {
    id: 'ci/protection-bypass', category: 'ci', severity: 'high', tags: ['branch-protection'], languages: ['terraform'],
    message: 'Lets pushes bypass branch protection (admins exempt, force pushes or deletions allowed, zero reviews).',
    hint: 'Keep `enforce_admins: true`, disallow force pushes and deletions on protected branches.',
    added: /["']?(enforce_admins|enforceAdmins)["']?\s*[:=]\s*false\b|["']?(allow_force_pushes|allows_force_pushes|allow_deletions|allows_deletions)["']?\s*[:=]\s*true\b|["']?bypass_(actors|pull_request_allowances)["']?\s*[:=]|["']?required_approving_review_count["']?\s*[:=]\s*0\b/,
  },
];

function protectionRemoved(f: FileView): Hit[] {
  const hits: Hit[] = [];
  for (const side of f.oldSides) {
    side.forEach((l, i) => {
      if (!l.changed || f.readded(l) || l.code.trim() === '') return;
      const item = /^\s*-\s*["']?[\w .:/()-]+["']?\s*$/.test(l.code) && /^(contexts|checks|required_status_checks)$/.test(yamlParent(side, i) ?? '');
      if (PROTECTION_KEY.test(l.code) || item) hits.push(at('old', l.line));
    });
  }
  return hits;
}
