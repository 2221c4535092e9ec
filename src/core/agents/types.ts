/**
 * The coding agents whose hooks call `aiprov checkpoint`, and the one shape
 * every agent's hook payload is parsed into.
 */

/** Agents we can connect through their own hook configuration. */
export const AGENT_IDS = ['claude', 'cursor', 'copilot', 'codex', 'gemini'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

export function isAgentId(s: string): s is AgentId {
  return (AGENT_IDS as readonly string[]).includes(s);
}

/** Per agent: the name used in `Assisted-by:` trailers and shown to people. */
export const AGENT_INFO: Readonly<Record<AgentId | 'aider', { trailerName: string; displayName: string }>> = {
  claude: { trailerName: 'ClaudeCode', displayName: 'Claude Code' },
  cursor: { trailerName: 'Cursor', displayName: 'Cursor' },
  copilot: { trailerName: 'GitHubCopilot', displayName: 'GitHub Copilot (agent)' },
  codex: { trailerName: 'Codex', displayName: 'Codex CLI' },
  gemini: { trailerName: 'GeminiCli', displayName: 'Gemini CLI' },
  aider: { trailerName: 'Aider', displayName: 'Aider' },
};

/** One hook call, whatever agent sent it. */
export interface HookEvent {
  /**
   * The agent that really sent the payload. This can differ from the agent
   * named on the command line: VS Code's Copilot agent also runs the hooks in
   * `.claude/settings.json`, with its own payload shape.
   */
  agent: AgentId;
  /** `pre`: the tool is about to run; `post`: it ran (the files are written). */
  phase: 'pre' | 'post';
  /** The agent's own event name (`PreToolUse`, `afterFileEdit`, `BeforeTool`, …). */
  eventName: string;
  /** The tool the agent ran (`Edit`, `apply_patch`, `editFiles`, …); `tab` for Cursor Tab. */
  tool: string;
  /** Files the tool names, as given (absolute, or relative to `cwd`). */
  files: string[];
  /**
   * A shell command: the files it touches are not named, so they are found by
   * comparing the work tree before and after (stat and content).
   */
  shell: boolean;
  /** How the edit was made: an agent tool call, or an inline (tab) completion. */
  how: 'agent' | 'tab';
  /** The agent's working directory, when it says. */
  cwd?: string;
  /** Workspace roots (Cursor). */
  roots: string[];
  /** Session / conversation id. */
  session?: string;
  /** Pairs a pre event with its post event when the agent gives an id. */
  toolUseId?: string;
  /** Model id when the payload names it. */
  model?: string;
  /** Path of the agent's transcript, when the payload gives one (to find the model). */
  transcriptPath?: string;
  /** The replacements made (Cursor): lets a post-only event recover the text before the edit. */
  edits?: { oldString: string; newString: string }[];
}

/** The outcome of reading a payload. */
export type ParseResult =
  | { kind: 'event'; event: HookEvent }
  /** A well-formed payload that is not about file edits (a Read tool, a session event). */
  | { kind: 'ignored'; reason: string }
  /** Not a payload we understand; `message` is one line for people. */
  | { kind: 'malformed'; message: string };
