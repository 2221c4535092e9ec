import * as path from 'path';
import { type Json, type JsonObject } from '../fields';
import { type AgentId } from '../types';

/** One hook event we register in an agent's config. */
export interface HookEventSpec {
  /** The event key in the config (`PreToolUse`, `afterFileEdit`, `BeforeTool`, …). */
  readonly name: string;
  /** Tool-name filter for agents that group hooks under matchers. */
  readonly matcher?: string;
  /**
   * Passed as `--event NAME` where the agent's payload does not say which
   * event fired (the Copilot CLI's payloads carry no event name).
   */
  readonly eventArg?: string;
}

/**
 * Where and how an agent keeps its hooks. `grouped`: `hooks.EVENT` is a list
 * of `{matcher, hooks: [entry]}` (Claude Code, Codex, Gemini CLI); `flat`:
 * `hooks.EVENT` is a list of entries (Cursor, GitHub Copilot).
 */
export interface AgentHookSpec {
  readonly agent: AgentId;
  readonly shape: 'grouped' | 'flat';
  readonly events: readonly HookEventSpec[];
  /** The config file: project-relative, and home-relative for `--global`. */
  readonly projectFile: string;
  readonly globalFile: string;
  /** One hook entry running `command`. */
  entry(command: string): JsonObject;
  /** Top-level keys a new file gets (and that alone do not make a file worth keeping). */
  readonly base: Readonly<Record<string, Json>>;
  /** Folders whose existence shows the agent is used (detection for the VS Code quick pick). */
  readonly markers: readonly string[];
  /** Executable names on PATH that show the agent is installed. */
  readonly binaries: readonly string[];
}

/** The `name` of our Gemini CLI hook entries, which `hooksConfig.disabled` would list to switch them off. */
export const GEMINI_HOOK_NAME = 'aiprov-checkpoint';

// Timeouts are generous: a checkpoint takes tens of milliseconds and bounds
// itself; the agent's own timeout is only the last line of defence.
export const HOOK_SPECS: Readonly<Record<AgentId, AgentHookSpec>> = {
  claude: {
    agent: 'claude',
    shape: 'grouped',
    // Bash is included: its file changes are found by a before/after comparison.
    events: [
      { name: 'PreToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash' },
      { name: 'PostToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash' },
    ],
    projectFile: path.join('.claude', 'settings.json'),
    globalFile: path.join('.claude', 'settings.json'),
    entry: (command) => ({ type: 'command', command, timeout: 10 }),
    base: {},
    markers: ['.claude'],
    binaries: ['claude'],
  },
  cursor: {
    agent: 'cursor',
    shape: 'flat',
    events: [{ name: 'afterFileEdit' }, { name: 'afterTabFileEdit' }],
    projectFile: path.join('.cursor', 'hooks.json'),
    globalFile: path.join('.cursor', 'hooks.json'),
    entry: (command) => ({ command }),
    base: { version: 1 },
    markers: ['.cursor'],
    binaries: ['cursor', 'cursor-agent'],
  },
  copilot: {
    agent: 'copilot',
    shape: 'flat',
    // GitHub's documented format (`version`, lowerCamel events, `bash`), which
    // the Copilot CLI reads; VS Code reads the same file and its `command`.
    events: [
      { name: 'preToolUse', eventArg: 'PreToolUse' },
      { name: 'postToolUse', eventArg: 'PostToolUse' },
    ],
    projectFile: path.join('.github', 'hooks', 'aiprov.json'),
    globalFile: path.join('.copilot', 'hooks', 'aiprov.json'),
    entry: (command) => ({ type: 'command', command, bash: command, timeoutSec: 10 }),
    base: { version: 1 },
    markers: ['.github/hooks', '.copilot'],
    binaries: ['copilot', 'code'],
  },
  codex: {
    agent: 'codex',
    shape: 'grouped',
    events: [
      { name: 'PreToolUse', matcher: 'apply_patch|Edit|Write|Bash' },
      { name: 'PostToolUse', matcher: 'apply_patch|Edit|Write|Bash' },
    ],
    projectFile: path.join('.codex', 'hooks.json'),
    globalFile: path.join('.codex', 'hooks.json'),
    entry: (command) => ({ type: 'command', command, timeout: 10 }),
    base: {},
    markers: ['.codex'],
    binaries: ['codex'],
  },
  gemini: {
    agent: 'gemini',
    shape: 'grouped',
    events: [
      { name: 'BeforeTool', matcher: 'write_file|replace|run_shell_command' },
      { name: 'AfterTool', matcher: 'write_file|replace|run_shell_command' },
    ],
    projectFile: path.join('.gemini', 'settings.json'),
    globalFile: path.join('.gemini', 'settings.json'),
    // Gemini CLI's timeout is in milliseconds.
    entry: (command) => ({ name: GEMINI_HOOK_NAME, type: 'command', command, timeout: 10_000 }),
    base: {},
    markers: ['.gemini'],
    binaries: ['gemini'],
  },
};

/**
 * Whether a hook command is one of ours for `agent`, whatever path to node
 * and to the CLI it was written with (they change when Node or the
 * extension is updated).
 */
export function isOurCommand(command: unknown, agent: AgentId): boolean {
  if (typeof command !== 'string') return false;
  const re = new RegExp(`(?:aiprov|cli\\.js|hook\\.js)['"]?\\s+checkpoint\\s+${agent}\\s+--hook-input\\s+stdin(?:\\s+--event\\s+\\w+)?\\s*$`);
  return re.test(command);
}
