import { loadPolicy } from '../core/policy';
import { analyzeDiff, riskOptionsFromPolicy } from '../core/risk';
import { emptyTree, git } from './git';
import { unquoteC } from './hooks/diffParse';
import { verifiedCredits } from './provenanceRead';
import { type StoredReview, reviewCommits, reviewHead } from './reviewStore';

/** A risk finding on one file of a review, placed on the head's (new) text. */
export interface ReviewFileFinding {
  rule: string;
  severity: string;
  message: string;
  hint: string;
  /** 1-based, inclusive, in the head version (the anchor for removed lines). */
  startLine: number;
  endLine: number;
}

/** One changed file of a review: what to diff and what to mark on the head side. */
export interface ReviewFile {
  path: string;
  /** Path in the base when the file was renamed. */
  oldPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** 1-based lines of the head version written by an AI agent (verified notes of the reviewed commits). */
  aiLines: number[];
  /** Agents credited on those lines. */
  agents: string[];
  findings: ReviewFileFinding[];
}

/** What the review changes, between `base` and `head`. */
export interface ReviewChange {
  /** The merge base with the target (or the request's base); the empty tree when the branch has no older history. */
  base: string;
  head: string;
  commits: string[];
  files: ReviewFile[];
}

/** The base a review's diff starts from: the parent of its first commit. */
async function reviewBase(cwd: string, first: string): Promise<string> {
  const r = await git(['rev-parse', '--verify', '-q', `${first}^1^{commit}`], { cwd, allowFailure: true });
  if (r.exitCode === 0) return r.stdout.trim();
  return emptyTree(cwd);
}

/** `git diff --name-status -z`: status letter, path(s). */
async function changedFiles(cwd: string, base: string, head: string): Promise<Omit<ReviewFile, 'aiLines' | 'agents' | 'findings'>[]> {
  const r = await git(['diff', '--name-status', '-z', '-M', '--no-ext-diff', base, head, '--'], { cwd });
  const parts = r.stdout.split('\0');
  const out: Omit<ReviewFile, 'aiLines' | 'agents' | 'findings'>[] = [];
  for (let i = 0; i < parts.length && parts[i]; ) {
    const s = parts[i++][0];
    if (s === 'R' || s === 'C') {
      const oldPath = parts[i++];
      out.push({ path: parts[i++], oldPath, status: s === 'R' ? 'renamed' : 'added' });
    } else out.push({ path: parts[i++], status: s === 'A' ? 'added' : s === 'D' ? 'deleted' : 'modified' });
  }
  return out;
}

/** Per line of `path` at `head`: the commit and original line/path it comes from (`base..head` only; older lines are boundary). */
async function blameRange(cwd: string, base: string, head: string, path: string): Promise<{ commit: string; origLine: number; origPath: string; boundary: boolean }[]> {
  const range = /^[0-9a-f]+$/.test(base) ? [`${base}..${head}`] : [head];
  const r = await git(['-c', 'core.quotePath=true', 'blame', '--line-porcelain', ...range, '--', path], { cwd, allowFailure: true, timeoutMs: 120_000 });
  if (r.exitCode !== 0) return [];
  const out: { commit: string; origLine: number; origPath: string; boundary: boolean }[] = [];
  let cur: { commit: string; origLine: number; origPath: string; boundary: boolean } | undefined;
  for (const l of r.stdout.split('\n')) {
    const m = /^([0-9a-f]{40,64}) (\d+) \d+/.exec(l);
    if (m && !cur) cur = { commit: m[1], origLine: Number(m[2]), origPath: path, boundary: false };
    else if (!cur) continue;
    else if (l.startsWith('\t')) {
      out.push(cur);
      cur = undefined;
    } else if (l === 'boundary') cur.boundary = true;
    else if (l.startsWith('filename ')) {
      const f = l.slice(9);
      cur.origPath = f.startsWith('"') ? unquoteC(f) : f;
    }
  }
  return out;
}

/**
 * The changed files of a review between its base and the requested head,
 * each with the head's AI-written lines (from the reviewed commits' verified
 * Agent Trace notes, followed through blame) and the risk findings of the
 * base→head change on that file.
 */
export async function reviewChange(cwd: string, review: StoredReview, warn?: (m: string) => void): Promise<ReviewChange> {
  const head = await reviewHead(cwd, review);
  const commits = await reviewCommits(cwd, review, head);
  if (commits.length === 0) throw new Error(`review ${review.id.slice(0, 8)} has no commits left to review here`);
  const base = await reviewBase(cwd, commits[0]);
  const files = await changedFiles(cwd, base, head);
  const credits = await verifiedCredits(cwd, commits, warn);
  const diff = await git(['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/', base, head, '--'], { cwd, timeoutMs: 300_000 });
  const findings = analyzeDiff(diff.stdout, riskOptionsFromPolicy(loadPolicy(cwd).policy));
  const out: ReviewFile[] = [];
  for (const f of files) {
    const aiLines: number[] = [];
    const agents = new Set<string>();
    if (f.status !== 'deleted' && credits.size > 0) {
      (await blameRange(cwd, base, head, f.path)).forEach((b, i) => {
        const c = b.boundary ? undefined : credits.get(b.commit)?.get(b.origPath)?.[b.origLine - 1];
        if (!c) return;
        aiLines.push(i + 1);
        if (c.agent) agents.add(c.agent);
      });
    }
    const mine = findings
      .filter((x) => x.path === f.path)
      .map((x) => ({ rule: x.rule, severity: x.severity, message: x.message, hint: x.hint, startLine: x.side === 'new' ? x.startLine : x.anchorLine, endLine: x.side === 'new' ? x.endLine : x.anchorLine }));
    out.push({ ...f, aiLines, agents: [...agents], findings: mine });
  }
  return { base, head, commits, files: out };
}
