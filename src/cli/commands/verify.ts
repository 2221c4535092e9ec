import * as fs from 'fs';
import { parseArgs } from 'node:util';
import { type Command } from '../command';
import { UsageError } from '../errors';
import { cliErrors, requireRoot } from '../review/common';
import { formatMarkdown, formatText } from '../../core/review';
import { git } from '../../git/git';
import { type PolicySource, verifyRange } from '../../git/verifyRange';

const HELP = `Usage: aiprov verify [RANGE] [--json | --markdown] [--policy-from REV|worktree] [--no-cache]

Exit 1 when a commit in RANGE that the policy says needs senior approval has
no valid signed approval. An approval counts only when its ssh signature
verifies against the allowed-signers file, it comes from a senior who is
neither the commit's author nor the review's requester, it names the commit
among the reviewed commits (an approval of an older head does not cover
commits added later), and the same senior has not since requested changes.
A typed Reviewed-by: trailer never counts.

RANGE defaults to @{upstream}..HEAD, else ORIGIN/HEAD..HEAD. The policy and
the allowed-signers file are read from the range's base (A of A..B): the
branch being merged into, which the commits under test cannot change. Use
--policy-from to choose another revision, or 'worktree' (less safe).

  --json       machine-readable report
  --markdown   Markdown report; also appended to $GITHUB_STEP_SUMMARY when set
  --no-cache   re-run ssh-keygen for every signature (accepted signatures are
               otherwise remembered in .git/ai-provenance/verified-signatures,
               keyed by payload, signature, signer and allowed-signers content)
`;

async function defaultRange(root: string): Promise<string> {
  const up = await git(['rev-parse', '--verify', '-q', '--symbolic-full-name', '@{upstream}'], { cwd: root, allowFailure: true });
  if (up.exitCode === 0 && up.stdout.trim()) return `${up.stdout.trim()}..HEAD`;
  const rem = await git(['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'], { cwd: root, allowFailure: true });
  if (rem.exitCode === 0 && rem.stdout.trim()) return `${rem.stdout.trim()}..HEAD`;
  throw new UsageError('no upstream branch: give a RANGE, e.g. aiprov verify origin/main..HEAD');
}

/** `aiprov verify`: the CI gate for senior approval of AI-assisted commits. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'fail when AI-assisted commits that need senior approval lack a valid signed one',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, 'policy-from': { type: 'string' }, 'no-cache': { type: 'boolean' } },
    });
    if (positionals.length > 1) throw new UsageError('give one RANGE (e.g. origin/main..HEAD)');
    if (values.json && values.markdown) throw new UsageError('use --json or --markdown, not both');
    const range = positionals[0];
    if (range?.startsWith('-')) throw new UsageError(`bad RANGE '${range}'`);
    const root = await requireRoot(io);
    return cliErrors(async () => {
      const r = range ?? (await defaultRange(root));
      const pf = values['policy-from'];
      const policyFrom: PolicySource | undefined = pf === undefined ? undefined : pf === 'worktree' ? { kind: 'worktree' } : { kind: 'rev', rev: pf };
      const report = await verifyRange(root, { range: r, policyFrom, cache: !values['no-cache'] });
      const md = formatMarkdown(report);
      if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else io.out(values.markdown ? md : formatText(report));
      const summary = io.env.GITHUB_STEP_SUMMARY;
      if (summary) fs.appendFileSync(summary, md);
      return report.ok ? 0 : 1;
    });
  },
};
