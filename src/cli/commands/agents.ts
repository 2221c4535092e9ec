import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { hookCommand, nodeForHooks } from '../../core/agents/config/command';
import { agentStatuses } from '../../core/agents/config/detect';
import { checkConfig, type ConfigChange, installHooks, uninstallHooks } from '../../core/agents/config/install';
import { ConfigShapeError } from '../../core/agents/config/merge';
import { hookNotices } from '../../core/agents/config/notices';
import { findRepo } from '../../core/agents/repo';
import { AGENT_IDS, type AgentId, isAgentId } from '../../core/agents/types';
import { type Command } from '../command';
import { CliError, UsageError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov agents install AGENT... [--global] [--uninstall] [--json]
       aiprov agents uninstall AGENT... [--global] [--json]
       aiprov agents list [--json]

Connects coding agents to AI Provenance: adds an 'aiprov checkpoint' hook to
each agent's own configuration, so every file the agent writes is recorded
as its work (agent, model, session).

AGENT is one of: ${AGENT_IDS.join(', ')} (or 'all').
  claude   .claude/settings.json    PreToolUse/PostToolUse on Write|Edit|MultiEdit|NotebookEdit|Bash
  cursor   .cursor/hooks.json       afterFileEdit, afterTabFileEdit
  copilot  .github/hooks/aiprov.json preToolUse/postToolUse (VS Code agent mode, Copilot CLI)
  codex    .codex/hooks.json        PreToolUse/PostToolUse on apply_patch|Bash
  gemini   .gemini/settings.json    BeforeTool/AfterTool on write_file|replace|run_shell_command

Existing files are merged, never replaced: the user's entries, comments and
formatting stay; the original is kept once as FILE.aiprov-backup. Running it
twice changes nothing. --uninstall removes exactly what was added; when
nothing else changed, the file is restored byte for byte (or deleted if we
created it).

The hook command names absolute paths to Node and to this CLI, resolved now,
so agents find aiprov whatever their PATH. Reinstall after moving either.

Options:
  --global       the agent's per-user config in your home folder instead of the repository's
  --uninstall    remove our hooks
  --untrusted    refuse to write (the editor passes this for untrusted workspaces)
  --node PATH    Node to write into the hook command (default: the first node
                 on PATH when it is Node 18 or later, else this one)
  --cli PATH     the script to write into the hook command (default: hook.js beside
                 this CLI, a bundle of 'checkpoint' alone that loads faster)
  --json         print the changes (or the list) as JSON
`;

/**
 * The script hooks run: `dist/hook.js` beside this CLI (the checkpoint
 * alone, quicker to load), else this CLI itself.
 */
function hookEntry(): string {
  const self = fs.realpathSync(process.argv[1] ?? '');
  const hook = path.join(path.dirname(self), 'hook.js');
  return fs.existsSync(hook) ? hook : self;
}

function parseAgents(words: string[]): AgentId[] {
  if (words.length === 0) throw new UsageError(`name at least one agent (${AGENT_IDS.join(', ')}, or all)`);
  const out: AgentId[] = [];
  for (const w of words) {
    if (w === 'all') out.push(...AGENT_IDS);
    else if (isAgentId(w)) out.push(w);
    else throw new UsageError(`unknown agent '${w}' (expected ${AGENT_IDS.join(', ')}, or all)`);
  }
  return [...new Set(out)];
}

function projectRoot(io: Io): string {
  const repo = findRepo(io.cwd);
  if (!repo) throw new CliError(`${io.cwd} is not in a git repository (use --global for your per-user agent config)`);
  return repo.root;
}

function describe(c: ConfigChange): string {
  const what = {
    created: 'created',
    updated: `merged into (original kept as ${c.backup ?? ''})`,
    unchanged: 'already connected in',
    removed: 'removed from',
    restored: 'restored original',
    deleted: 'deleted',
    absent: 'nothing to remove in',
  }[c.action];
  return `${c.agent}: ${what} ${c.file}`;
}

function runSync(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      global: { type: 'boolean' },
      uninstall: { type: 'boolean' },
      untrusted: { type: 'boolean' },
      json: { type: 'boolean' },
      node: { type: 'string' },
      cli: { type: 'string' },
    },
  });
  const [sub, ...rest] = positionals;
  const home = io.env.HOME || os.homedir();
  if (sub === 'list') {
    if (rest.length) throw new UsageError(`'agents list' takes no arguments`);
    const root = findRepo(io.cwd)?.root ?? io.cwd;
    const list = agentStatuses(root, home, io.env.PATH ?? '');
    if (values.json) io.out(JSON.stringify(list, null, 2) + '\n');
    else for (const s of list) io.out(`${s.agent.padEnd(8)} ${s.detected ? 'detected' : 'not found'}${s.connected.project ? ', connected (project)' : ''}${s.connected.global ? ', connected (global)' : ''}\n`);
    return 0;
  }
  if (sub !== 'install' && sub !== 'uninstall') throw new UsageError(sub ? `unknown sub-command 'agents ${sub}' (expected install, uninstall or list)` : `expected 'agents install', 'agents uninstall' or 'agents list'`);
  const agents = parseAgents(rest);
  if (values.untrusted) throw new CliError('refusing to change agent configuration: the workspace is not trusted');
  const uninstall = sub === 'uninstall' || values.uninstall === true;
  const root = values.global ? io.cwd : projectRoot(io);
  const found = nodeForHooks(io.env.PATH);
  const node = values.node ?? found.node;
  const electronAsNode = !values.node && found.electronAsNode;
  const cli = values.cli ?? hookEntry();
  const changes: ConfigChange[] = [];
  try {
    const targets = agents.map((agent) => ({ agent, global: values.global === true, root, home }));
    for (const target of targets) checkConfig(target);
    for (const target of targets) {
      const agent = target.agent;
      changes.push(uninstall ? uninstallHooks(target) : installHooks(target, (ev) => hookCommand(node, cli, agent, ev, electronAsNode)));
    }
  } catch (e) {
    if (e instanceof ConfigShapeError) throw new CliError(e.message);
    throw e;
  }
  if (values.json) io.out(JSON.stringify(changes, null, 2) + '\n');
  else for (const c of changes) io.out(describe(c) + '\n');
  if (!uninstall) for (const c of changes) for (const n of hookNotices(c.agent, c.file)) io.err(`aiprov: note: ${n}\n`);
  return 0;
}

export const agentsCommand: Command = {
  name: 'agents',
  summary: 'connect coding agents (Claude Code, Cursor, Copilot, Codex, Gemini CLI) through their hooks',
  help,
  run: (argv, io) => Promise.resolve(runSync(argv, io)),
};
