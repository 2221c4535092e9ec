import { parseArgs } from 'node:util';
import { type Command } from '../command';
import { CliError, UsageError } from '../errors';
import { loadPolicy, PolicyError, SEVERITIES, type Severity } from '../../core/policy';
import { activeRules, analyze, formatText, reachesThreshold, riskOptionsFromPolicy, summaryLine, toSarif } from '../../core/risk';
import { VERSION } from '../../core/version';
import { BadRevisionError, changesFor, type DiffTarget } from '../../git/riskDiff';
import { requireRoot } from '../review/common';

const HELP = `Usage: aiprov check [--staged | RANGE] [--json | --sarif] [--fail-on SEVERITY]

Runs the risk rules on a diff and lists destructive or risky changes
(dropped tables, removed infrastructure, rm -rf, deleted or skipped tests,
secrets, CI changes…) with their blast radius: severity times the
criticality tier of the path in the repository policy (.aiprov/policy.json).

  (no argument)  the working tree (tracked and untracked files) against HEAD
  --staged       the index against HEAD: what the next commit holds
  RANGE          A..B, A...B (from the merge base), or one commit against its parent

  --json         findings as JSON
  --sarif        SARIF 2.1.0, for code-scanning upload
  --fail-on S    exit 1 at this severity or above (info, low, medium, high,
                 critical); default: the policy's risk.failOn (high)

Exit status: 0 no finding reaches the threshold, 1 one does, 2 bad input
(unknown revision, not a repository, unreadable file or policy).
`;

/** `aiprov check`: the risk rules on the working tree, the index or a commit range. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'list destructive or risky changes in a diff (exit 1 at the policy threshold)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { staged: { type: 'boolean' }, json: { type: 'boolean' }, sarif: { type: 'boolean' }, 'fail-on': { type: 'string' } },
    });
    if (positionals.length > 1) throw new UsageError('give at most one RANGE (e.g. origin/main..HEAD)');
    if (values.staged && positionals.length) throw new UsageError('use --staged or a RANGE, not both');
    if (values.json && values.sarif) throw new UsageError('use --json or --sarif, not both');
    const failOnArg = values['fail-on'];
    if (failOnArg !== undefined && !(SEVERITIES as readonly string[]).includes(failOnArg)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);
    const root = await requireRoot(io, 2);
    const target: DiffTarget = values.staged ? { kind: 'staged' } : positionals[0] !== undefined ? { kind: 'range', range: positionals[0] } : { kind: 'worktree' };

    let policy;
    try {
      policy = loadPolicy(root).policy;
    } catch (e) {
      throw new CliError(e instanceof PolicyError ? e.message : `cannot read the policy: ${(e as Error).message}`, 2);
    }
    let changes;
    try {
      changes = await changesFor(root, target);
    } catch (e) {
      throw new CliError((e as Error).message, e instanceof BadRevisionError || /cannot read/.test((e as Error).message) ? 2 : 1);
    }
    const opts = riskOptionsFromPolicy(policy);
    const rules = activeRules(opts);
    const findings = analyze(changes, opts, rules);
    const failOn = (failOnArg as Severity | undefined) ?? policy.risk.failOn;
    const failed = reachesThreshold(findings, failOn);
    if (values.sarif) io.out(`${JSON.stringify(toSarif(findings, rules, VERSION), null, 2)}\n`);
    else if (values.json) io.out(`${JSON.stringify({ failOn, failed, summary: summaryLine(findings), findings }, null, 2)}\n`);
    else io.out(formatText(findings, failOn));
    return failed ? 1 : 0;
  },
};
