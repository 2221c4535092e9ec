import { classifyToolCall } from './classify';
import { isObject, type Json, type JsonObject, str } from './fields';
import { type ParseResult } from './types';

/**
 * VS Code's agent hooks send camelCase common fields (`hookEventName`,
 * `sessionId`, `timestamp`) with snake_case tool fields (`tool_name`,
 * `tool_input`); Claude Code sends `hook_event_name` and `session_id`. The
 * Copilot CLI sends `toolName` and `toolArgs` (a JSON string).
 */
export function looksLikeVsCode(o: JsonObject): boolean {
  if (o.hook_event_name !== undefined || o.session_id !== undefined) return false;
  return o.hookEventName !== undefined || o.sessionId !== undefined || o.toolName !== undefined;
}

/** GitHub Copilot's agent (VS Code, `.github/hooks/*.json`; also the Copilot CLI). */
export function parseCopilot(o: JsonObject): ParseResult {
  const common = {
    cwd: str(o, 'cwd'),
    session: str(o, 'sessionId', 'session_id'),
    toolUseId: str(o, 'tool_use_id', 'toolUseId'),
    model: str(o, 'model'),
    transcriptPath: str(o, 'transcript_path', 'transcriptPath'),
  };
  return classifyToolCall({
    agent: 'copilot',
    eventName: str(o, 'hookEventName', 'hook_event_name'),
    tool: str(o, 'tool_name', 'toolName'),
    input: o.tool_input ?? toolArgs(o.toolArgs),
    hasResponse: o.tool_response !== undefined || o.toolResult !== undefined,
    common,
  });
}

function toolArgs(v: Json | undefined): Json | undefined {
  if (isObject(v)) return v;
  if (typeof v !== 'string') return undefined;
  try {
    return JSON.parse(v) as Json;
  } catch {
    return undefined;
  }
}
