import { emptyTree, git } from '../git';
import { type FileCredits, type LineCredit, creditKey } from '../../core/trace/credits';
import { splitLines } from '../../core/trace/hash';
import { mapLines } from '../../core/trace/lineMap';
import { type AgentCredit } from '../../core/trailers/types';
import { readBlobs } from './blobs';
import { parseAddedLines } from './diffParse';

/** One file of uncommitted work as the working log sees it. */
export interface SourceFile {
  /** The text the credits describe (usually the working-tree file). */
  readonly lines: readonly string[];
  readonly credits: FileCredits;
}

/**
 * Where uncommitted AI attribution comes from (the working log; tests may
 * seed their own). Keyed by repo-relative `/` paths.
 */
export interface AttributionSource {
  /** Files with at least one AI-written line. */
  aiFiles(): Promise<Map<string, SourceFile>>;
  /** Every path the working log holds attribution for (AI or not). */
  trackedPaths(): Promise<string[]>;
  /** After a commit: forget the credits of lines now committed as `committed`; keep the rest. */
  dropCommitted(path: string, committed: readonly string[]): Promise<void>;
}

/** What is being committed: the index (before the commit) or a commit. */
export type Target = { readonly kind: 'index' } | { readonly kind: 'commit'; readonly rev: string };

/** The AI lines of one file of a commit. */
export interface FileAttribution {
  readonly path: string;
  /** The file's lines in the target. */
  readonly lines: readonly string[];
  /** Credits of the target's lines; only added lines can carry one. */
  readonly credits: readonly (LineCredit | undefined)[];
}

/** The attribution of a commit (or of what is staged). */
export interface CommitAttribution {
  readonly files: FileAttribution[];
  readonly aiLines: number;
  readonly totalLines: number;
  readonly agents: AgentCredit[];
  /** Target texts read on the way (attributed paths and `alsoRead`); undefined = missing or binary. */
  readonly blobs?: ReadonlyMap<string, string | undefined>;
}

/** Credits brought along from elsewhere (an amended commit's note), per target file. */
export type CarryCredits = (path: string, lines: readonly string[]) => Promise<(LineCredit | undefined)[] | undefined>;

export interface ComputeOptions {
  readonly cwd: string;
  /** Tree-ish the target is compared with (see `baseOf`). */
  readonly base: string;
  readonly target: Target;
  readonly source: AttributionSource;
  readonly carry?: CarryCredits;
  /** Paths a carry may know (an amended commit's files); diffed even without working-log credits. */
  readonly carryPaths?: ReadonlySet<string>;
  /** More target files to read in the same batch (returned in `blobs`), so callers start no second reader. */
  readonly alsoRead?: readonly string[];
  /** The target's diff against `base` when the caller already has it (`stagedPatch`): no second diff. */
  readonly patch?: string;
  /** Target texts the caller started reading early (`prefetchIndexTexts`); other paths are read here. */
  readonly prefetched?: Promise<ReadonlyMap<string, string | undefined>>;
}

/**
 * Starts reading, from the index, every file the working log credits to AI,
 * before the diff says which of them are staged: the read then runs beside
 * the other git processes instead of after them.
 */
export function prefetchIndexTexts(cwd: string, source: AttributionSource): Promise<ReadonlyMap<string, string | undefined>> {
  return source.aiFiles().then(async (files) => {
    const paths = [...files.keys()];
    const texts = await readBlobs(cwd, paths.map((p) => `:${p}`));
    return new Map(paths.map((p, i) => [p, texts[i]]));
  });
}

/**
 * Which added lines of the target are AI-written: the working log's credits
 * are mapped onto the target's blob with a line diff, so only lines whose
 * text is staged exactly as attributed count (`git add -p` of some hunks
 * counts those hunks), then kept only where the target adds lines.
 */
export async function computeAttribution(o: ComputeOptions): Promise<CommitAttribution> {
  const added = o.patch !== undefined ? addedLinesOf(o.patch) : await addedLines(o.cwd, o.base, o.target);
  const totalLines = [...added.values()].reduce((n, l) => n + l.length, 0);
  const sources = await o.source.aiFiles();
  const paths = [...added.keys()].filter((p) => sources.has(p) || o.carryPaths?.has(p)).sort();
  const prefix = o.target.kind === 'index' ? ':' : `${o.target.rev}:`;
  const early: ReadonlyMap<string, string | undefined> = (o.prefetched && (await o.prefetched.catch(() => undefined))) || new Map();
  const toRead = [...new Set([...paths, ...(o.alsoRead ?? [])])].filter((p) => !early.has(p));
  const texts = await readBlobs(o.cwd, toRead.map((p) => `${prefix}${p}`));
  const blobs = new Map([...early, ...toRead.map((p, i): [string, string | undefined] => [p, texts[i]])]);
  const files: FileAttribution[] = [];
  for (let k = 0; k < paths.length; k++) {
    const text = blobs.get(paths[k]);
    if (text === undefined) continue;
    const path = paths[k];
    const lines = splitLines(text);
    const credits = await creditsFor(lines, sources.get(path), o.carry ? await o.carry(path, lines) : undefined);
    const keep = new Set(added.get(path));
    for (let i = 0; i < credits.length; i++) if (!keep.has(i + 1)) credits[i] = undefined;
    if (credits.some(Boolean)) files.push({ path, lines, credits });
  }
  return { ...summarise(files, totalLines), blobs };
}

async function creditsFor(lines: readonly string[], src: SourceFile | undefined, carried: (LineCredit | undefined)[] | undefined): Promise<(LineCredit | undefined)[]> {
  const out: (LineCredit | undefined)[] = carried ? [...carried] : new Array<LineCredit | undefined>(lines.length).fill(undefined);
  if (!src) return out;
  const map = mapLines(src.lines, lines);
  for (let j = 0; j < lines.length; j++) {
    const i = map[j] ?? -1;
    const c = i >= 0 ? src.credits[i] : undefined;
    if (c) out[j] = c;
  }
  return Promise.resolve(out);
}

function summarise(files: FileAttribution[], totalLines: number): CommitAttribution {
  const agents = new Map<string, { agent: string; model: string; tools: string[]; lines: number }>();
  let aiLines = 0;
  for (const f of files) {
    for (const c of f.credits) {
      if (!c) continue;
      aiLines++;
      const k = creditKey(c);
      const a = agents.get(k) ?? { agent: c.agent, model: c.model, tools: [...c.tools], lines: 0 };
      a.lines++;
      agents.set(k, a);
    }
  }
  return { files, aiLines, totalLines, agents: [...agents.values()] };
}

function addedLinesOf(patch: string): Map<string, number[]> {
  return new Map(parseAddedLines(patch).map((f) => [f.path, f.lines]));
}

/**
 * The staged change against `base` as one unified diff that serves both the
 * attribution (added lines) and the risk engine (which wants context lines):
 * a hook starts one diff, not two. Every flag pinned, as in `addedLines`.
 */
export async function stagedPatch(cwd: string, base: string): Promise<string> {
  const flags = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--unified=3'];
  return (await git(['-c', 'core.quotePath=off', 'diff', '--cached', ...flags, base, '--'], { cwd, timeoutMs: 120_000 })).stdout;
}

/** Added lines per path of target vs base (text files; submodules ignored). */
export async function addedLines(cwd: string, base: string, target: Target): Promise<Map<string, number[]>> {
  // Every flag pinned: the user's diff.* settings (external diff, noprefix,
  // relative, color, textconv) must not change what we parse.
  const flags = ['-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '-M', '--ignore-submodules=all'];
  const args = target.kind === 'index' ? ['diff', '--cached', ...flags, base, '--'] : ['diff', ...flags, base, target.rev, '--'];
  const r = await git(['-c', 'core.quotePath=true', ...args], { cwd, timeoutMs: 120_000 });
  return addedLinesOf(r.stdout);
}

/**
 * What a commit is compared with: its first parent, or the empty tree for a
 * root commit. For the index: HEAD, or HEAD's parent when amending.
 */
export async function baseOf(cwd: string, rev: string): Promise<string> {
  const r = await git(['rev-parse', '--verify', '-q', `${rev}^{commit}`], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : emptyTree(cwd);
}

/** `commit`, or the empty tree when there is none (root commit, unborn branch). */
export async function commitOrEmpty(cwd: string, commit: string | undefined): Promise<string> {
  return commit ?? emptyTree(cwd);
}
