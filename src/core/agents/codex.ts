import { classifyToolCall, claudeStyleCommon } from './classify';
import { type JsonObject, str } from './fields';
import { type ParseResult } from './types';

/**
 * Codex CLI's hook payload (`.codex/hooks.json` or `[hooks]` in
 * `config.toml`): Claude's field names plus `model` and `turn_id`. File edits
 * arrive as `tool_name: "apply_patch"` with the patch body in
 * `tool_input.command`; shell commands as `Bash`.
 */
export function parseCodex(o: JsonObject): ParseResult {
  return classifyToolCall({
    agent: 'codex',
    eventName: str(o, 'hook_event_name'),
    tool: str(o, 'tool_name'),
    input: o.tool_input,
    hasResponse: o.tool_response !== undefined,
    common: { ...claudeStyleCommon(o), toolUseId: str(o, 'tool_use_id', 'call_id', 'turn_id') },
  });
}
