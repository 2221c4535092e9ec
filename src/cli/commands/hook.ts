import * as path from 'path';
import { type Policy, loadPolicy, severityRank } from '../../core/policy';
import { combineNoteTexts } from '../../core/trace/combine';
import { type DestructiveFinding } from '../../core/trailers/types';
import { repoRoot } from '../../git/git';
import { NOTES_REF, mergeNotes } from '../../git/notes';
import { dropCommitted, postCommit } from '../../git/hooks/postCommit';
import { postRewrite } from '../../git/hooks/postRewrite';
import { prepareCommitMsg } from '../../git/hooks/prepareCommitMsg';
import { HOOK_NAMES, type HookName } from '../../git/hooks/script';
import { worklogSource } from '../../git/hooks/worklogSource';
import { worklogDir } from '../../git/worklog';
import { type Command } from '../command';
import { UsageError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov hook <prepare-commit-msg|post-commit|post-rewrite|reference-transaction> [GIT HOOK ARGS...]

The entry point of the git hooks that 'aiprov install' writes; git passes
its own hook arguments (and the standard input of post-rewrite and
reference-transaction) through.

  prepare-commit-msg FILE [SOURCE [SHA]]  adds Assisted-by, AI-Lines,
      Destructive-change and Provenance-Id trailers when staged lines are
      AI-written
  post-commit   writes the commit's Agent Trace note on
      refs/notes/ai-provenance and drops the committed lines from the
      working log
  post-rewrite amend|rebase   carries notes to amended, rebased, squashed
      and fixed-up commits
  reference-transaction committed   after a fetch updated
      refs/notes/remotes/REMOTE/ai-provenance, merges it into
      refs/notes/ai-provenance (as 'aiprov notes merge': nothing local is
      overwritten)

A hook never blocks a commit: on an internal error it prints a warning and
exits 0 (the commit then lacks provenance, which 'aiprov stats' shows).
`;

export const hookCommand: Command = {
  name: 'hook',
  summary: 'entry point of the installed git hooks (prepare-commit-msg, post-commit, post-rewrite, reference-transaction)',
  help,
  async run(argv: string[], io: Io): Promise<number> {
    const [name, ...args] = argv;
    if (!name || !(HOOK_NAMES as readonly string[]).includes(name)) throw new UsageError(`unknown hook '${name ?? ''}' (expected ${HOOK_NAMES.join(', ')})`);
    const warn = (m: string) => io.err(`aiprov: warning: ${m}\n`);
    try {
      await runHook(name as HookName, args, io, warn);
    } catch (e) {
      const first = (e as Error).message.split('\n')[0];
      warn(name === 'reference-transaction' ? `merging the fetched provenance notes failed (run 'aiprov notes merge'): ${first}` : `${name} hook failed, the commit goes on without provenance: ${first}`);
      if (io.env.AIPROV_DEBUG) io.err(`${(e as Error).stack ?? ''}\n`);
    }
    return 0;
  },
};

async function runHook(name: HookName, args: string[], io: Io, warn: (m: string) => void): Promise<void> {
  // Our hook script passes the git dirs it found with shell built-ins, and
  // git runs hooks at the top of the work tree: no git process needed here.
  const known = io.env.AIPROV_GIT_DIR && io.env.AIPROV_COMMON_DIR ? { gitDir: path.resolve(io.cwd, io.env.AIPROV_GIT_DIR), common: path.resolve(io.cwd, io.env.AIPROV_COMMON_DIR) } : undefined;
  const root = known ? io.cwd : await repoRoot(io.cwd);
  if (!root) return;
  const wlDir = known ? path.join(known.common, 'ai-provenance') : await worklogDir(root);
  const worklog = worklogSource(wlDir, warn);
  if (name === 'prepare-commit-msg') {
    const [messageFile, source, sha] = args;
    if (!messageFile) throw new UsageError('prepare-commit-msg needs the message file');
    const { policy } = loadPolicy(root);
    const findings = (patch: string) => destructiveFindings(patch, policy);
    await prepareCommitMsg({ cwd: root, messageFile: absolute(io.cwd, messageFile), source, sha, policy, worklog, env: io.env, warn, gitDir: known?.gitDir, findings });
  } else if (name === 'post-commit' && args[0] === '--drop-committed') {
    await dropCommitted({ cwd: root, worklog, warn });
  } else if (name === 'post-commit') {
    await postCommit({ cwd: root, worklog, warn, gitDir: known?.gitDir });
  } else if (name === 'reference-transaction') {
    if (args[0] === 'committed') await mergeFetchedNotes(root, await io.readStdin(), io);
  } else {
    await postRewrite({ cwd: root, kind: args[0] ?? '', input: await io.readStdin(), warn });
  }
}

/**
 * Merges every remote copy of our notes the transaction just updated
 * (`OLD NEW REF` lines; a deleted ref has an all-zero NEW) into ours.
 */
async function mergeFetchedNotes(root: string, input: string, io: Io): Promise<void> {
  const refs = new Set<string>();
  for (const line of input.split('\n')) {
    const [, next, ref] = line.trim().split(' ');
    if (ref && next && /[^0]/.test(next) && /^refs\/notes\/remotes\/.+\/ai-provenance$/.test(ref)) refs.add(ref);
  }
  for (const ref of refs) {
    const m = await mergeNotes(root, ref, combineNoteTexts);
    if (m.result === 'up-to-date' || m.result === 'absent') continue;
    const combined = m.combined ? `, ${m.combined} note(s) combined` : '';
    io.err(`aiprov: merged ${ref} into ${NOTES_REF} (${m.result}${combined})\n`);
  }
}

/**
 * The staged change's risk findings worth a `Destructive-change:` trailer:
 * severity medium and above, worst blast radius first (the trailer count is
 * capped by policy, so the cap keeps the worst). The risk engine is the
 * larger part of the hook's code: it is loaded only for a commit with AI
 * lines, from the diff the attribution already read.
 */
async function destructiveFindings(patch: string, policy: Policy): Promise<DestructiveFinding[]> {
  const { analyze, parseUnifiedDiff, riskOptionsFromPolicy } = await import('../../core/risk');
  const found = analyze(parseUnifiedDiff(patch), riskOptionsFromPolicy(policy));
  return found
    .filter((f) => severityRank(f.severity) >= severityRank('medium'))
    .sort((a, b) => b.blastRadius - a.blastRadius || a.path.localeCompare(b.path))
    .map((f) => ({ rule: f.rule, path: f.path }));
}

function absolute(cwd: string, p: string): string {
  // git passes the message file relative to the hook's cwd (the work tree top).
  return path.resolve(cwd, p);
}
