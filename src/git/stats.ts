import { creditKey } from '../core/trace/credits';
import { git } from './git';
import { unquoteC } from './hooks/diffParse';
import { verifiedCredits } from './provenanceRead';

/** AI and total added lines of one group (an agent, a model, an author, a path). */
export interface Share {
  ai: number;
  total: number;
}

/** What `aiprov stats` reports (JSON version 1). */
export interface ProvenanceStats {
  range: string;
  commits: number;
  /** Commits with at least one verified AI line. */
  aiCommits: number;
  totals: Share;
  /** AI lines per `agent`; `total` is the range's added lines (the denominator of the share). */
  byAgent: Record<string, Share>;
  /** AI lines per `agent:model`. */
  byModel: Record<string, Share>;
  /** Per author (`Name <email>`): AI lines among their added lines. */
  byAuthor: Record<string, Share>;
  byPath: Record<string, Share>;
}

interface LogCommit {
  id: string;
  author: string;
  added: Map<string, number>;
}

/** Commits of `range` with author and added lines per path (text files; merges add nothing). */
async function logWithNumstat(cwd: string, range: string): Promise<LogCommit[]> {
  const r = await git(['-c', 'core.quotePath=true', 'log', '--no-renames', '--numstat', '--format=%x01%H%x02%aN <%aE>', range, '--'], { cwd, timeoutMs: 300_000 });
  const out: LogCommit[] = [];
  let cur: LogCommit | undefined;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('\x01')) {
      const [id, author] = line.slice(1).split('\x02');
      cur = { id: id ?? '', author: author ?? '', added: new Map() };
      out.push(cur);
      continue;
    }
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
    if (!cur || !m || m[1] === '-') continue;
    const p = m[3].startsWith('"') ? unquoteC(m[3]) : m[3];
    cur.added.set(p, (cur.added.get(p) ?? 0) + Number(m[1]));
  }
  return out;
}

function bump(m: Record<string, Share>, key: string, ai: number, total: number): void {
  const s = (m[key] ??= { ai: 0, total: 0 });
  s.ai += ai;
  s.total += total;
}

/** AI share of the added lines of `range`, from verified notes. */
export async function provenanceStats(cwd: string, range: string, warn?: (m: string) => void): Promise<ProvenanceStats> {
  const commits = await logWithNumstat(cwd, range);
  const credits = await verifiedCredits(cwd, commits.map((c) => c.id), warn);
  const st: ProvenanceStats = { range, commits: commits.length, aiCommits: 0, totals: { ai: 0, total: 0 }, byAgent: {}, byModel: {}, byAuthor: {}, byPath: {} };
  for (const c of commits) {
    const files = credits.get(c.id);
    let commitAi = 0;
    const paths = new Set([...c.added.keys(), ...(files?.keys() ?? [])]);
    for (const p of paths) {
      const total = c.added.get(p) ?? 0;
      const perCredit = new Map<string, { agent: string; model: string; n: number }>();
      for (const cr of files?.get(p) ?? []) {
        if (!cr) continue;
        const k = creditKey(cr);
        const e = perCredit.get(k) ?? { agent: cr.agent, model: cr.model, n: 0 };
        e.n++;
        perCredit.set(k, e);
      }
      const ai = [...perCredit.values()].reduce((n, e) => n + e.n, 0);
      commitAi += ai;
      bump(st.byPath, p, ai, total);
      bump(st.byAuthor, c.author, ai, total);
      st.totals.ai += ai;
      st.totals.total += total;
      for (const e of perCredit.values()) {
        bump(st.byAgent, e.agent, e.n, 0);
        bump(st.byModel, `${e.agent}:${e.model}`, e.n, 0);
      }
    }
    if (commitAi > 0) st.aiCommits++;
  }
  for (const m of [st.byAgent, st.byModel]) for (const s of Object.values(m)) s.total = st.totals.total;
  return st;
}
