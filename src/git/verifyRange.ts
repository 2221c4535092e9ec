import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compilePolicy, defaultPolicy, loadPolicy, parsePolicy, type Policy, POLICY_PATH } from '../core/policy';
import {
  type CheckedVerdict,
  canonicalPayload,
  detectAiAssistance,
  evaluate,
  normalizeEmail,
  payloadProblem,
  REVIEW_NAMESPACE,
  approvalRequirement,
  type ReviewComment,
  type VerifyReport,
} from '../core/review';
import { readCommitFacts } from './commitFacts';
import { riskByCommit } from './commitRisk';
import { git } from './git';
import { loadAllComments } from './reviewStore';
import { matchSnapshots, snapshotReviews } from './reviewWipMatch';
import { sshVerify } from './sshsig';
import { VerifyCache } from './verifyCache';

/** Where `aiprov verify` reads the policy and the allowed signers. */
export type PolicySource = { kind: 'rev'; rev: string } | { kind: 'worktree' };

/** Options of {@link verifyRange}. */
export interface VerifyOptions {
  /** `A..B`, or one revision (its whole history). */
  range: string;
  /** Default: the range's base (`A` of `A..B`); the working tree when there is none. */
  policyFrom?: PolicySource;
  /** Reuse signatures verified before (default true); see {@link VerifyCache}. */
  cache?: boolean;
}

/**
 * The left side of `A..B`: the target branch the change goes into. Its tree
 * is what was already reviewed and merged, so the author of the commits under
 * test cannot have edited the policy or the allowed signers read from it.
 */
export function rangeBase(range: string): string | undefined {
  if (range.includes('...')) return undefined;
  const i = range.indexOf('..');
  if (i <= 0) return undefined;
  return range.slice(0, i);
}

async function showFile(cwd: string, rev: string, file: string): Promise<string | undefined> {
  const r = await git(['show', `${rev}:${file}`], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout : undefined;
}

async function loadTrusted(cwd: string, src: PolicySource): Promise<{ policy: Policy; signers: string | undefined; label: string }> {
  if (src.kind === 'worktree') {
    const { policy } = loadPolicy(cwd);
    const file = path.join(cwd, policy.allowedSigners);
    return { policy, signers: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined, label: 'the working tree' };
  }
  const ok = await git(['rev-parse', '--verify', '-q', `${src.rev}^{commit}`], { cwd, allowFailure: true });
  if (ok.exitCode !== 0) throw new Error(`policy revision ${src.rev} is not a commit`);
  const text = await showFile(cwd, src.rev, POLICY_PATH);
  const policy = text === undefined ? defaultPolicy() : parsePolicy(text, `${src.rev}:${POLICY_PATH}`);
  return { policy, signers: await showFile(cwd, src.rev, policy.allowedSigners), label: src.rev };
}

/** Why the note's plain fields disagree with its signed fields (an edited note), if they do. */
function mismatch(review: string, c: ReviewComment): string | undefined {
  const v = c.aiProvenance!;
  if (v.review !== review) return 'the note was moved to another commit than the signed review';
  if (normalizeEmail(c.author) !== v.approver) return `the note's author ${c.author} differs from the signed approver ${v.approver}`;
  if (c.resolved !== (v.verdict === 'approve')) return "the note's resolved flag differs from the signed verdict";
  if (c.location?.commit !== undefined && c.location.commit !== v.head) return "the note's commit differs from the signed head";
  if (c.timestamp !== v.timestamp) return "the note's timestamp differs from the signed one";
  return payloadProblem(v);
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Checks every signed verdict that touches the range, one `ssh-keygen` per verdict. */
async function checkVerdicts(cwd: string, inRange: ReadonlySet<string>, snapshots: ReadonlySet<string>, signers: string | undefined, signersLabel: string, cache: VerifyCache): Promise<CheckedVerdict[]> {
  const relevant = (await loadAllComments(cwd)).filter(
    ({ review, comment }) => comment.aiProvenance && (inRange.has(review) || snapshots.has(review) || comment.aiProvenance.commits.some((c) => inRange.has(c))),
  );
  if (relevant.length === 0) return [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-verify-'));
  try {
    const allowed = path.join(scratch, 'allowed_signers');
    if (signers !== undefined) fs.writeFileSync(allowed, signers);
    return await mapLimit(relevant, Number(process.env.AIPROV_VERIFY_JOBS) || Math.max(2, os.cpus().length), async ({ review, comment }) => {
      const verdict = comment.aiProvenance!;
      const bad = mismatch(review, comment);
      if (bad) return { verdict, valid: false, reason: bad };
      if (signers === undefined) return { verdict, valid: false, reason: `no allowed-signers file at ${signersLabel}` };
      const payload = canonicalPayload(verdict);
      const key = VerifyCache.key({ payload, signature: verdict.signature, principal: verdict.approver, namespace: REVIEW_NAMESPACE, allowedSigners: signers });
      if (cache.has(key)) return { verdict, valid: true };
      const r = await sshVerify({ payload, signature: verdict.signature, allowedSigners: allowed, principal: verdict.approver, namespace: REVIEW_NAMESPACE }, scratch);
      if (r.ok) cache.add(key);
      return { verdict, valid: r.ok, reason: r.reason };
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `aiprov verify`: decides, for each commit of the range, whether policy
 * needs senior approval and whether a valid signed approval covers it.
 */
export async function verifyRange(cwd: string, opts: VerifyOptions): Promise<VerifyReport> {
  const base = rangeBase(opts.range);
  const src: PolicySource = opts.policyFrom ?? (base ? { kind: 'rev', rev: base } : { kind: 'worktree' });
  const { policy, signers, label } = await loadTrusted(cwd, src);
  const q = compilePolicy(policy);
  const facts = await readCommitFacts(cwd, [opts.range]);
  const ai = new Map(facts.map((f) => [f.id, detectAiAssistance(f)]));
  // The risk engine runs only where its answer matters: AI-assisted commits that
  // `risky` would otherwise let through on path tiers alone.
  const undecided = facts.filter((f) => policy.approval.require === 'risky' && !approvalRequirement(f, ai.get(f.id)!, policy, q).needed && ai.get(f.id)!.assisted);
  const risk = await riskByCommit(cwd, undecided.map((f) => f.id), policy);
  const commits = facts.map((f) => ({ facts: f, required: approvalRequirement(f, ai.get(f.id)!, policy, q, risk.get(f.id)) }));
  const needed = new Set(commits.filter((c) => c.required.needed).map((c) => c.facts.id));
  const inRange = new Set(facts.map((f) => f.id));
  // Approved snapshots of uncommitted changes that commits of the range may carry.
  const snaps = await matchSnapshots(cwd, [...needed], needed.size === 0 ? [] : await snapshotReviews(cwd));
  const related = new Set([...snaps.byCommit.values()].flatMap((ms) => ms.map((m) => m.snapshot)));
  const cache = await VerifyCache.open(cwd, opts.cache ?? true);
  const verdicts = needed.size === 0 ? [] : await checkVerdicts(cwd, inRange, related, signers, `${label}:${policy.allowedSigners}`, cache);
  cache.save();
  const results = evaluate({ commits, verdicts, policy: q, count: policy.approval.count, snapshots: snaps.byCommit });
  const notes: string[] = [];
  if (snaps.missing.length > 0 && results.some((r) => r.status === 'missing')) {
    notes.push(`${snaps.missing.length} reviewed snapshot${snaps.missing.length === 1 ? ' of uncommitted changes is' : 's of uncommitted changes are'} not in this clone; fetch them with 'aiprov review fetch' or git fetch origin '+refs/aiprov/wip/*:refs/aiprov/wip/*'`);
  }
  return {
    range: opts.range,
    policySource: src.kind === 'rev' ? `${label}:${POLICY_PATH}` : 'the working tree',
    notes,
    commits: results,
    ok: results.every((r) => r.status !== 'missing'),
  };
}
