import * as path from 'path';
import { parseArgs } from 'util';
import { type BlameLine, provenanceBlame } from '../../git/blame';
import { GitError, repoRoot } from '../../git/git';
import { type Command } from '../command';
import { CliError, UsageError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov blame FILE [--json]

Per line of FILE (as it is in the working tree): the commit that last
changed it, its author, and who wrote it — AGENT:MODEL when the commit's
provenance note credits the line to an AI (checked against the line's
content, so a stale note credits nothing), or the working log's record for
lines not committed yet. A line without a record shows '-'.

Options:
  --json   print JSON: {"version":1,"path":"…","lines":[{"line":1,"commit":"…",
           "author":"…","authorEmail":"…","origLine":1,"origPath":"…",
           "kind":"ai","agent":"…","model":"…","tools":[],"source":"note",
           "content":"…"}]}  (fields absent when unknown)
`;

export const blameCommand: Command = {
  name: 'blame',
  summary: 'per line: commit, author, and AI attribution from notes and the working log',
  help,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const root = await repoRoot(io.cwd);
    if (!root) throw new CliError(`not a git repository: ${io.cwd}`);
    const abs = path.resolve(io.cwd, positionals[0]);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${positionals[0]} is outside the repository`);
    let lines: BlameLine[];
    try {
      lines = await provenanceBlame(root, rel, (m) => io.err(`aiprov: warning: ${m}\n`));
    } catch (e) {
      if (e instanceof GitError) throw new CliError(`cannot blame ${rel}: ${e.stderr.trim().split('\n')[0] ?? e.message}`);
      throw e;
    }
    if (values.json) {
      io.out(`${JSON.stringify({ version: 1, path: rel, lines })}\n`);
      return 0;
    }
    const who = lines.map(label);
    const authorWidth = Math.min(20, Math.max(1, ...lines.map((l) => (l.author ?? '').length)));
    const whoWidth = Math.min(40, Math.max(1, ...who.map((w) => w.length)));
    const numWidth = String(lines.length).length;
    lines.forEach((l, i) => {
      const sha = l.commit ? l.commit.slice(0, 8) : 'uncommit';
      io.out(`${sha} ${(l.author ?? '').slice(0, 20).padEnd(authorWidth)} ${who[i].padEnd(whoWidth)} ${String(l.line).padStart(numWidth)}) ${l.content}\n`);
    });
    return 0;
  },
};

function label(l: BlameLine): string {
  if (l.kind === 'ai') return `${l.agent ?? 'unknown'}:${l.model ?? 'unknown'}`;
  if (l.kind === 'mixed') return `mixed ${l.agent ?? ''}`.trim();
  return l.kind ?? '-';
}
