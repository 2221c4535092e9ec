import { type Policy, severityRank } from '../core/policy';
import { type CommitRisk, type DescribedFinding } from '../core/review';
import { analyzeDiff, type Finding, riskOptionsFromPolicy } from '../core/risk';
import { git } from './git';

const RS = '\x1e';

/** Findings of the diffs of `revs`, per commit, from one `git log -p`. */
async function findingsByCommit(cwd: string, revs: readonly string[], policy: Policy): Promise<Map<string, Finding[]>> {
  const r = await git(['log', '-p', '--no-color', '--no-ext-diff', '--no-textconv', `--format=${RS}%H`, ...revs, '--'], { cwd, timeoutMs: 300_000 });
  const opts = riskOptionsFromPolicy(policy);
  const out = new Map<string, Finding[]>();
  for (const chunk of r.stdout.split(RS)) {
    const nl = chunk.indexOf('\n');
    if (nl < 0) continue;
    out.set(chunk.slice(0, nl).trim(), analyzeDiff(chunk.slice(nl + 1), opts));
  }
  return out;
}

/** The highest finding per commit and the rules at or above the policy's `minRisk`. */
export async function riskByCommit(cwd: string, ids: readonly string[], policy: Policy): Promise<Map<string, CommitRisk>> {
  const out = new Map<string, CommitRisk>();
  if (ids.length === 0) return out;
  const found = await findingsByCommit(cwd, ['--no-walk=unsorted', ...ids], policy);
  const min = severityRank(policy.approval.minRisk);
  for (const [id, findings] of found) {
    let max: CommitRisk['maxSeverity'];
    for (const f of findings) if (!max || severityRank(f.severity) > severityRank(max)) max = f.severity;
    out.set(id, { maxSeverity: max, rules: [...new Set(findings.filter((f) => severityRank(f.severity) >= min).map((f) => f.rule))] });
  }
  return out;
}

/** Findings of the whole change `base..head`, for a request's description. */
export async function describeRisk(cwd: string, base: string | undefined, head: string, policy: Policy): Promise<DescribedFinding[]> {
  const args = base ? ['diff', '--no-color', '--no-ext-diff', '--no-textconv', base, head, '--'] : ['show', '--no-color', '--format=', head, '--'];
  const r = await git(args, { cwd, timeoutMs: 300_000 });
  return analyzeDiff(r.stdout, riskOptionsFromPolicy(policy)).map((f) => ({ rule: f.rule, severity: f.severity, path: f.path, message: f.message }));
}
