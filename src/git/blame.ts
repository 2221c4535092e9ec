import { type LineKind } from '../core/attribution/contributor';
import { git } from './git';
import { unquoteC } from './hooks/diffParse';
import { verifiedCredits } from './provenanceRead';
import { repoFileAttribution } from './worklog';

/** One line of `aiprov blame`. */
export interface BlameLine {
  /** 1-based line in the working-tree file. */
  readonly line: number;
  /** The commit that last changed the line; undefined for uncommitted lines. */
  readonly commit?: string;
  readonly author?: string;
  readonly authorEmail?: string;
  /** Author date, seconds since the epoch. */
  readonly authorTime?: number;
  /** The commit's subject line. */
  readonly summary?: string;
  /** Line number and path in that commit. */
  readonly origLine?: number;
  readonly origPath?: string;
  /**
   * Who wrote it, as far as we know: `ai` from a verified note range (or
   * the working log for uncommitted lines); the working log's kind for other
   * uncommitted lines; undefined when nothing is recorded.
   */
  readonly kind?: LineKind;
  readonly agent?: string;
  readonly model?: string;
  readonly tools?: readonly string[];
  /** `note` (committed) or `worklog` (uncommitted). */
  readonly source?: 'note' | 'worklog';
  readonly content: string;
}

const ZERO = /^0+$/;

interface Porcelain {
  commit: string;
  origLine: number;
  line: number;
  author?: string;
  authorEmail?: string;
  authorTime?: number;
  summary?: string;
  path?: string;
  content: string;
}

/** `git blame --line-porcelain` of the working-tree file, or of `contents` in its place. */
async function blamePorcelain(cwd: string, relPath: string, contents?: string): Promise<Porcelain[]> {
  const using = contents === undefined ? [] : ['--contents', '-'];
  const r = await git(['-c', 'core.quotePath=true', 'blame', '--line-porcelain', ...using, '--', relPath], { cwd, timeoutMs: 120_000, input: contents });
  const out: Porcelain[] = [];
  let cur: Porcelain | undefined;
  for (const l of r.stdout.split('\n')) {
    if (cur === undefined) {
      const m = /^([0-9a-f]{40,64}) (\d+) (\d+)/.exec(l);
      if (m) cur = { commit: m[1], origLine: Number(m[2]), line: Number(m[3]), content: '' };
      continue;
    }
    if (l.startsWith('\t')) {
      cur.content = l.slice(1);
      out.push(cur);
      cur = undefined;
    } else if (l.startsWith('author ')) cur.author = l.slice(7);
    else if (l.startsWith('author-mail ')) cur.authorEmail = l.slice(12).replace(/^<|>$/g, '');
    else if (l.startsWith('author-time ')) cur.authorTime = Number(l.slice(12));
    else if (l.startsWith('summary ')) cur.summary = l.slice(8);
    else if (l.startsWith('filename ')) {
      const f = l.slice(9);
      cur.path = f.startsWith('"') ? unquoteC(f) : f;
    }
  }
  return out;
}

/** Options of `provenanceBlame`. */
export interface BlameOptions {
  /** Blame this text in place of the working-tree file (an editor's unsaved buffer): changed lines come out uncommitted. */
  readonly contents?: string;
  /** Skip the working log: uncommitted lines get no attribution (the editor's own tracking shows those). */
  readonly committedOnly?: boolean;
}

/**
 * Per line of a working-tree file: the commit, its author, and AI
 * attribution from that commit's note (verified by content hash), or from
 * the working log for lines not committed yet.
 */
export async function provenanceBlame(cwd: string, relPath: string, warn?: (m: string) => void, opts: BlameOptions = {}): Promise<BlameLine[]> {
  const rows = await blamePorcelain(cwd, relPath, opts.contents);
  const commits = [...new Set(rows.map((r) => r.commit).filter((c) => !ZERO.test(c)))];
  const credits = await verifiedCredits(cwd, commits, warn);
  const uncommitted = !opts.committedOnly && rows.some((r) => ZERO.test(r.commit)) ? await repoFileAttribution(cwd, relPath, warn) : undefined;
  const byLine = new Map<number, NonNullable<typeof uncommitted>['ranges'][number]>();
  for (const run of uncommitted?.ranges ?? []) for (let l = run.startLine; l <= run.endLine; l++) byLine.set(l, run);
  return rows.map((r): BlameLine => {
    if (ZERO.test(r.commit)) {
      const run = byLine.get(r.line);
      const c = run?.contributor;
      return { line: r.line, content: r.content, ...(run ? { kind: run.kind, source: 'worklog' as const } : {}), ...(c?.agent ? { agent: c.agent } : {}), ...(c?.model ? { model: c.model } : {}) };
    }
    const credit = r.path ? credits.get(r.commit)?.get(r.path)?.[r.origLine - 1] : undefined;
    const base = { line: r.line, commit: r.commit, author: r.author, authorEmail: r.authorEmail, authorTime: r.authorTime, summary: r.summary, origLine: r.origLine, origPath: r.path, content: r.content };
    return credit ? { ...base, kind: 'ai', agent: credit.agent, model: credit.model, tools: credit.tools, source: 'note' } : base;
  });
}
