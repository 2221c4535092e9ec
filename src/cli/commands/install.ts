import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { repoRoot } from '../../git/git';
import { type HookAction, installHooks, uninstallHooks } from '../../git/hooks/install';
import { type Command } from '../command';
import { CliError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov install [--uninstall] [--json]

Installs the git hooks that put provenance into every commit of the current
repository: prepare-commit-msg (trailers), post-commit (the note on
refs/notes/ai-provenance) and post-rewrite (notes follow amend, rebase,
squash and fixup); where notes are shared ('aiprov notes setup'), also
reference-transaction (a fetch of a remote's notes is merged into yours at
once; git runs it twice per commit, so only there). They go where git runs
hooks: core.hooksPath when set (husky's .husky/_, a shared folder) or
.git/hooks. The hooks run dist/commit-hook.js beside this CLI.

An existing hook of the same name (your own, husky's, lefthook's, the
pre-commit framework's) is kept byte for byte as <hook>.aiprov-chained and
runs first; its exit status still stops a commit. Running install again
updates our hooks and changes nothing else.

Hooks start Node only when the working log holds AI-written lines (or, for
amend, cherry-pick and rebase, when the repository has provenance notes).
husky rewrites its hooks on every 'npm install' (its prepare script): run
'aiprov install' again afterwards (or add it to that script).
'git commit --no-verify' still runs them (it skips pre-commit and commit-msg
only); commits made by tools that bypass hooks (libgit2, some GUIs) get no
trailers or notes.

Options:
  --uninstall  remove our hooks and put back the hooks they chained
  --json       print what was done as JSON
`;

export const installCommand: Command = {
  name: 'install',
  summary: 'install the git hooks (trailers, notes), chaining existing hooks; --uninstall restores',
  help,
  async run(argv: string[], io: Io): Promise<number> {
    const { values } = parseArgs({ args: argv, options: { uninstall: { type: 'boolean' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false });
    const root = await repoRoot(io.cwd);
    if (!root) throw new CliError(`not a git repository: ${io.cwd}`);
    const actions = values.uninstall ? await uninstallHooks(root) : await installHooks({ cwd: root, nodePath: process.execPath, cliPath: cliPath() });
    if (values.json) io.out(`${JSON.stringify({ version: 1, actions }, null, 2)}\n`);
    else for (const a of actions) io.out(`${a.hook}: ${a.action} (${a.file})${a.detail ? ` — ${a.detail}` : ''}\n`);
    return 0;
  },
};

/** The CLI bundle running now: the hooks call the same file. */
export function cliPath(): string {
  const p = path.resolve(process.argv[1] ?? '');
  if (!fs.existsSync(p)) throw new CliError(`cannot find the aiprov CLI file (${p}) to point the hooks at`);
  return fs.realpathSync(p);
}

export type { HookAction };
