import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { hookCommand, nodeForHooks, scriptOfCommand } from '../../core/agents/config/command';
import { hookNotices } from '../../core/agents/config/notices';
import { type AgentStatus, agentStatuses } from '../../core/agents/config/detect';
import { type ConfigChange, checkConfig, installHooks, installedCommands, uninstallHooks } from '../../core/agents/config/install';
import { ConfigShapeError } from '../../core/agents/config/merge';
import { findRepo } from '../../core/agents/repo';
import { AGENT_IDS, type AgentId, isAgentId } from '../../core/agents/types';

/** Options tests (and other extensions) pass instead of answering the quick pick. */
export interface ConnectOptions {
  /** Remove our hooks from these agents instead of adding them. */
  uninstall?: boolean;
  /** The agents' per-user configs instead of the repository's. */
  global?: boolean;
}

interface AgentPick extends vscode.QuickPickItem {
  status: AgentStatus;
}

/** The repository of the active editor's file, else of the first workspace folder. */
function currentRepoRoot(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document.uri;
  const candidates = [doc?.scheme === 'file' ? path.dirname(doc.fsPath) : undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)];
  for (const c of candidates) {
    const repo = c && findRepo(c);
    if (repo) return repo.root;
  }
  return undefined;
}

function describe(s: AgentStatus): string {
  const where = [s.connected.project ? 'this repository' : '', s.connected.global ? 'all repositories' : ''].filter(Boolean).join(', ');
  if (where) return `$(check) connected (${where})`;
  return s.detected ? 'detected' : 'not found on this machine';
}

/** Asks which agents should be connected; undefined when dismissed. */
async function pick(statuses: AgentStatus[]): Promise<{ add: AgentId[]; remove: AgentId[] } | undefined> {
  const items: AgentPick[] = statuses.map((s) => ({ label: s.displayName, description: describe(s), detail: path.basename(path.dirname(s.projectFile)) + path.sep + path.basename(s.projectFile), picked: s.connected.project, status: s }));
  const chosen = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Connect AI Agents',
    placeHolder: 'Agents whose hooks record their edits in this repository (checked = connected)',
  });
  if (!chosen) return undefined;
  const on = new Set(chosen.map((c) => c.status.agent));
  return {
    add: statuses.filter((s) => on.has(s.agent) && !s.connected.project).map((s) => s.agent),
    remove: statuses.filter((s) => !on.has(s.agent) && s.connected.project).map((s) => s.agent),
  };
}

/**
 * "AI Provenance: Connect AI Agents…": adds (or removes) our checkpoint hook
 * in each chosen agent's config, the same merge as `aiprov agents install`.
 * Refused in an untrusted workspace: it writes files that make agents run a
 * command. Returns the changes made (for tests and callers).
 */
export async function connectAgents(extensionPath: string, agentsArg?: unknown, options: ConnectOptions = {}): Promise<ConfigChange[]> {
  if (!vscode.workspace.isTrusted) throw new Error('Connecting AI agents needs a trusted workspace: it writes agent configuration that runs commands.');
  const root = currentRepoRoot();
  if (!root && !options.global) throw new Error('Open a folder in a git repository to connect AI agents to it.');
  const home = os.homedir();
  let add: AgentId[] = [];
  let remove: AgentId[] = [];
  if (Array.isArray(agentsArg)) {
    const ids = agentsArg.map(String);
    const bad = ids.find((a) => !isAgentId(a));
    if (bad) throw new Error(`Unknown agent '${bad}'.`);
    if (options.uninstall) remove = ids as AgentId[];
    else add = ids as AgentId[];
  } else {
    const answer = await pick(agentStatuses(root ?? home, home));
    if (!answer) return [];
    ({ add, remove } = answer);
  }
  const global = options.global === true;
  const targets = [...add, ...remove].map((agent) => ({ agent, global, root: root ?? home, home }));
  const { node, electronAsNode } = nodeForHooks();
  const script = path.join(extensionPath, 'dist', 'hook.js');
  const changes: ConfigChange[] = [];
  try {
    for (const t of targets) checkConfig(t);
    for (const t of targets) changes.push(add.includes(t.agent) ? installHooks(t, (ev) => hookCommand(node, script, t.agent, ev, electronAsNode)) : uninstallHooks(t));
  } catch (e) {
    if (e instanceof ConfigShapeError) throw new Error(e.message);
    throw e;
  }
  if (!Array.isArray(agentsArg) && changes.length > 0) {
    void vscode.window.showInformationMessage(`AI Provenance: ${changes.map((c) => `${c.agent} ${c.action}`).join(', ')}.`);
  }
  // Settings of the agent's own that keep our hooks from running: said, never changed.
  const notices = changes.filter((c) => add.includes(c.agent)).flatMap((c) => hookNotices(c.agent, c.file));
  if (notices.length > 0) void vscode.window.showWarningMessage(`AI Provenance: ${notices.join('; ')}.`);
  return changes;
}

/**
 * Hooks hold the absolute path of `dist/hook.js` inside the installed
 * extension, whose folder changes when the extension is updated. After
 * activation (off its path, trusted workspaces only) our hooks whose script
 * no longer exists are pointed at this version's script, in the
 * repositories of the workspace and in the user's configs.
 */
export function repairAgentHooks(extensionPath: string, log: vscode.LogOutputChannel): void {
  if (!vscode.workspace.isTrusted) return;
  const home = os.homedir();
  const roots = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => findRepo(f.uri.fsPath)?.root).filter((r): r is string => !!r));
  // Chosen only once a stale hook is found: it runs `node` synchronously on the host.
  let hookNode: ReturnType<typeof nodeForHooks> | undefined;
  const script = path.join(extensionPath, 'dist', 'hook.js');
  const targets = [...[...roots].map((root) => ({ global: false, root })), { global: true, root: home }].flatMap((t) => AGENT_IDS.map((agent) => ({ ...t, agent, home })));
  for (const t of targets) {
    const stale = installedCommands(t).some((c) => {
      const s = scriptOfCommand(c);
      return s !== undefined && s !== script && !fs.existsSync(s);
    });
    if (!stale) continue;
    const { node, electronAsNode } = (hookNode ??= nodeForHooks());
    try {
      const change = installHooks(t, (ev) => hookCommand(node, script, t.agent, ev, electronAsNode));
      log.info(`pointed the ${t.agent} hook in ${change.file} at ${script} (the previous script is gone)`);
    } catch (e) {
      log.warn(`could not repair the ${t.agent} hook: ${(e as Error).message}`);
    }
  }
}

/** Runs {@link repairAgentHooks} a few seconds after activation, never on its path. */
export function scheduleAgentHookRepair(extensionPath: string, log: vscode.LogOutputChannel): vscode.Disposable {
  const timer = setTimeout(() => repairAgentHooks(extensionPath, log), 3000);
  return { dispose: () => clearTimeout(timer) };
}
