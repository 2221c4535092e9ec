import { collectPaths, type Json, type JsonObject, replacements, str, unique } from './fields';
import { type AgentId, type HookEvent, type ParseResult } from './types';

/** Tool names that run a shell command (files found by a before/after comparison). */
const SHELL_TOOLS = new Set(['Bash', 'bash', 'shell', 'exec_command', 'local_shell', 'run_shell_command', 'run_in_terminal', 'runInTerminal', 'terminal']);

/** Tool names that read or search only: never an edit, whatever their input names. */
const READ_TOOLS = /^(Read|Glob|Grep|LS|WebFetch|WebSearch|read_file|read_many_files|list_directory|glob|search_file_content|grep_search|file_search|semantic_search|list_dir|fetch_webpage|view|TodoWrite|Task)$/;

/** Names of tools that write files, across agents (Claude, Gemini, Codex aliases, VS Code). */
const EDIT_TOOLS = /(edit|write|create|replace|insert|patch|delete|rename|move)/i;

/** Which phase an event name means; undefined for events that are not about tools. */
export function phaseOf(eventName: string): 'pre' | 'post' | undefined {
  const e = eventName.toLowerCase();
  if (e === 'pretooluse' || e === 'beforetool') return 'pre';
  if (e === 'posttooluse' || e === 'aftertool' || e === 'afterfileedit' || e === 'aftertabfileedit') return 'post';
  return undefined;
}

export interface ToolCall {
  agent: AgentId;
  eventName: string | undefined;
  tool: string | undefined;
  input: Json | undefined;
  /** Present on post events of agents that send the tool's result. */
  hasResponse: boolean;
  common: Pick<HookEvent, 'cwd' | 'session' | 'toolUseId' | 'model' | 'transcriptPath'> & { roots?: string[] };
}

/**
 * Turns a tool call (already lifted out of an agent's payload) into a hook
 * event: which phase, which files, or a shell command; anything else is
 * ignored so a broad matcher in the user's config costs nothing.
 */
export function classifyToolCall(call: ToolCall): ParseResult {
  const eventName = call.eventName ?? (call.hasResponse ? 'PostToolUse' : undefined);
  if (!eventName) return { kind: 'malformed', message: 'the payload has no hook event name (hook_event_name)' };
  const phase = phaseOf(eventName);
  if (!phase) return { kind: 'ignored', reason: `event ${eventName} is not a tool event` };
  const tool = call.tool;
  if (!tool) return { kind: 'malformed', message: `the ${eventName} payload has no tool_name` };
  const base = { agent: call.agent, phase, eventName, tool, how: 'agent' as const, roots: call.common.roots ?? [], ...withoutRoots(call.common) };
  if (SHELL_TOOLS.has(tool)) return { kind: 'event', event: { ...base, files: [], shell: true } };
  if (READ_TOOLS.test(tool)) return { kind: 'ignored', reason: `tool ${tool} does not write files` };
  const files = unique(collectPaths(call.input));
  if (files.length === 0) {
    return EDIT_TOOLS.test(tool)
      ? { kind: 'malformed', message: `the ${tool} tool input names no file (expected tool_input.file_path)` }
      : { kind: 'ignored', reason: `tool ${tool} names no file` };
  }
  if (!EDIT_TOOLS.test(tool)) return { kind: 'ignored', reason: `tool ${tool} does not write files` };
  // The replacements let a post event find the text the tool itself started
  // from, so edits someone made between the pre and post events (while the
  // agent waited for permission) stay theirs.
  const edits = files.length === 1 ? replacements(call.input) : undefined;
  return { kind: 'event', event: edits ? { ...base, files, shell: false, edits } : { ...base, files, shell: false } };
}

function withoutRoots(c: ToolCall['common']): Omit<ToolCall['common'], 'roots'> {
  const { roots: _roots, ...rest } = c;
  return rest;
}

/** The fields Claude-style payloads share (Claude Code, Codex, Gemini CLI). */
export function claudeStyleCommon(o: JsonObject): ToolCall['common'] {
  return {
    cwd: str(o, 'cwd'),
    session: str(o, 'session_id'),
    toolUseId: str(o, 'tool_use_id'),
    model: str(o, 'model'),
    transcriptPath: str(o, 'transcript_path'),
  };
}
