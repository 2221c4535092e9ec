import { classifyToolCall, claudeStyleCommon } from './classify';
import { type JsonObject, str } from './fields';
import { looksLikeVsCode, parseCopilot } from './copilot';
import { type ParseResult } from './types';

/**
 * Claude Code's PreToolUse / PostToolUse payload: `session_id`,
 * `transcript_path`, `cwd`, `hook_event_name`, `tool_name`,
 * `tool_input {file_path, …}`, and on PostToolUse `tool_response`.
 * VS Code's Copilot agent also runs the hooks in `.claude/settings.json`,
 * with camelCase common fields; such a payload is Copilot's work.
 */
export function parseClaude(o: JsonObject): ParseResult {
  if (looksLikeVsCode(o)) return parseCopilot(o);
  return classifyToolCall({
    agent: 'claude',
    eventName: str(o, 'hook_event_name'),
    tool: str(o, 'tool_name'),
    input: o.tool_input,
    hasResponse: o.tool_response !== undefined,
    common: claudeStyleCommon(o),
  });
}
