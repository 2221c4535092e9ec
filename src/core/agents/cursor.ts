import { isObject, type JsonObject, str } from './fields';
import { type ParseResult } from './types';

/**
 * Cursor's `afterFileEdit` (agent edits) and `afterTabFileEdit` (Tab
 * completions) payloads (`.cursor/hooks.json`, version 1): common fields
 * `conversation_id`, `generation_id`, `model`, `hook_event_name`,
 * `workspace_roots`, and `file_path` with `edits[{old_string, new_string}]`.
 * Cursor has no event before an edit, so the checkpoint compares with the
 * last known content of the file.
 */
export function parseCursor(o: JsonObject): ParseResult {
  const eventName = str(o, 'hook_event_name');
  if (!eventName) return { kind: 'malformed', message: 'the payload has no hook_event_name' };
  if (eventName !== 'afterFileEdit' && eventName !== 'afterTabFileEdit') return { kind: 'ignored', reason: `event ${eventName} is not a file edit` };
  const file = str(o, 'file_path');
  if (!file) return { kind: 'malformed', message: `the ${eventName} payload has no file_path` };
  if (o.edits !== undefined && !(Array.isArray(o.edits) && o.edits.every(isObject))) {
    return { kind: 'malformed', message: `the ${eventName} payload's edits is not a list of {old_string, new_string}` };
  }
  const roots = Array.isArray(o.workspace_roots) ? o.workspace_roots.filter((r): r is string => typeof r === 'string') : [];
  const tab = eventName === 'afterTabFileEdit';
  const edits = (Array.isArray(o.edits) ? o.edits.filter(isObject) : []).map((e) => ({ oldString: typeof e.old_string === 'string' ? e.old_string : '', newString: typeof e.new_string === 'string' ? e.new_string : '' }));
  return {
    kind: 'event',
    event: {
      agent: 'cursor',
      phase: 'post',
      eventName,
      tool: tab ? 'tab' : 'edit',
      how: tab ? 'tab' : 'agent',
      files: [file],
      shell: false,
      cwd: roots[0],
      roots,
      session: str(o, 'conversation_id'),
      toolUseId: str(o, 'generation_id'),
      model: str(o, 'model'),
      transcriptPath: str(o, 'transcript_path'),
      edits,
    },
  };
}

/**
 * The text before Cursor's edits, recovered from the text after them by
 * undoing each replacement, last first. Only when every replacement's new
 * text occurs exactly once (so where it went is certain); undefined
 * otherwise, and the caller falls back to the last known content.
 */
export function undoEdits(after: string, edits: readonly { oldString: string; newString: string }[]): string | undefined {
  if (edits.length === 0) return undefined;
  let text = after;
  for (let i = edits.length - 1; i >= 0; i--) {
    const e = edits[i];
    if (e.newString === '') return undefined;
    const at = text.indexOf(e.newString);
    if (at === -1 || text.indexOf(e.newString, at + 1) !== -1) return undefined;
    text = text.slice(0, at) + e.oldString + text.slice(at + e.newString.length);
  }
  return text;
}
