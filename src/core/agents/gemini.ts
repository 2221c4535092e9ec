import { classifyToolCall, claudeStyleCommon } from './classify';
import { type JsonObject, str } from './fields';
import { type ParseResult } from './types';

/**
 * Gemini CLI's BeforeTool / AfterTool payload (`.gemini/settings.json`):
 * `session_id`, `transcript_path`, `cwd`, `hook_event_name`, `timestamp`,
 * `tool_name` (`write_file`, `replace`, `run_shell_command`, …),
 * `tool_input {file_path, …}`, and on AfterTool `tool_response`.
 */
export function parseGemini(o: JsonObject): ParseResult {
  return classifyToolCall({
    agent: 'gemini',
    eventName: str(o, 'hook_event_name'),
    tool: str(o, 'tool_name'),
    input: o.tool_input,
    hasResponse: o.tool_response !== undefined,
    common: claudeStyleCommon(o),
  });
}
