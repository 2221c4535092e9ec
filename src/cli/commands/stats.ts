import { parseArgs } from 'util';
import { GitError, repoRoot } from '../../git/git';
import { type Share, provenanceStats } from '../../git/stats';
import { type Command } from '../command';
import { CliError, UsageError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov stats [RANGE] [--json]

AI share of the lines added in RANGE (default HEAD, i.e. all history; any
'git log' range such as main..feature or v1.0..), by agent, model, author and
path. AI lines come from the provenance notes, each range checked against
the committed content; totals are the added lines of text files ('git log
--numstat', renames not followed; merge commits add none).

Options:
  --json   print JSON: {"version":1,"range":"…","commits":N,"aiCommits":N,
           "totals":{"ai":N,"total":N},"byAgent":{"NAME":{"ai":N,"total":N}},
           "byModel":{…},"byAuthor":{…},"byPath":{…}}
`;

export const statsCommand: Command = {
  name: 'stats',
  summary: 'AI share by agent, model, author and path over a commit range',
  help,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: true });
    if (positionals.length > 1) throw new UsageError('expected at most one RANGE');
    const range = positionals[0] ?? 'HEAD';
    if (range.startsWith('-')) throw new UsageError(`not a range: ${range}`);
    const root = await repoRoot(io.cwd);
    if (!root) throw new CliError(`not a git repository: ${io.cwd}`);
    let st;
    try {
      st = await provenanceStats(root, range, (m) => io.err(`aiprov: warning: ${m}\n`));
    } catch (e) {
      if (e instanceof GitError) throw new CliError(`bad range '${range}': ${e.stderr.trim().split('\n')[0] ?? e.message}`);
      throw e;
    }
    if (values.json) {
      io.out(`${JSON.stringify({ version: 1, ...st }, null, 2)}\n`);
      return 0;
    }
    io.out(`${st.range}: ${st.commits} commits, ${st.aiCommits} with AI lines; ${fmt(st.totals)} of added lines written by AI\n`);
    for (const [title, m] of [['agent', st.byAgent], ['model', st.byModel], ['author', st.byAuthor], ['path', st.byPath]] as const) {
      const rows = Object.entries(m).filter(([, s]) => s.ai > 0 || title === 'author').sort((a, b) => b[1].ai - a[1].ai || a[0].localeCompare(b[0]));
      if (rows.length === 0) continue;
      io.out(`\nBy ${title}:\n`);
      for (const [k, s] of rows.slice(0, 20)) io.out(`  ${k}  ${fmt(s)}\n`);
      if (rows.length > 20) io.out(`  … ${rows.length - 20} more\n`);
    }
    return 0;
  },
};

function fmt(s: Share): string {
  const pct = s.total > 0 ? ((100 * s.ai) / s.total).toFixed(1) : '0.0';
  return `${s.ai}/${s.total} (${pct}%)`;
}
