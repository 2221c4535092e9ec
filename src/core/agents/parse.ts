import { parseClaude } from './claude';
import { parseCodex } from './codex';
import { parseCopilot } from './copilot';
import { parseCursor } from './cursor';
import { isObject } from './fields';
import { parseGemini } from './gemini';
import { type AgentId, type ParseResult } from './types';

/** Largest payload we read: tool inputs carry whole files (a Write), so be generous. */
export const MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

/**
 * Parses the JSON an agent's hook wrote to our standard input. Never
 * throws: a payload we cannot read is `malformed` with a one-line reason.
 */
export function parseHookPayload(agent: AgentId, text: string, fallbackEvent?: string): ParseResult {
  if (text.trim() === '') return { kind: 'malformed', message: 'empty hook payload on standard input (expected the agent\'s JSON)' };
  if (text.length > MAX_PAYLOAD_BYTES) return { kind: 'malformed', message: `hook payload larger than ${MAX_PAYLOAD_BYTES} bytes` };
  let o: unknown;
  try {
    o = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { kind: 'malformed', message: `hook payload is not JSON (${(e as Error).message})` };
  }
  if (!isObject(o)) return { kind: 'malformed', message: 'hook payload is not a JSON object' };
  // The Copilot CLI does not name the event in its payload: the installed
  // command says which one it is registered for (`--event`).
  if (fallbackEvent && o.hook_event_name === undefined && o.hookEventName === undefined) {
    if (agent === 'copilot') o.hookEventName = fallbackEvent;
    else o.hook_event_name = fallbackEvent;
  }
  switch (agent) {
    case 'claude':
      return parseClaude(o);
    case 'cursor':
      return parseCursor(o);
    case 'copilot':
      return parseCopilot(o);
    case 'codex':
      return parseCodex(o);
    case 'gemini':
      return parseGemini(o);
  }
}
