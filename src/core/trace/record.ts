import { TRACE_VERSION, type TraceConversation, type TraceFile, type TraceRange, type TraceRecord } from './types';

/** Fields of a new record; the caller supplies id, time and tool. */
export interface RecordInit {
  id: string;
  revision: string;
  timestamp?: Date;
  tool: { name: string; version: string };
  files: TraceFile[];
  metadata?: Record<string, unknown>;
}

export function createRecord(init: RecordInit): TraceRecord {
  return {
    version: TRACE_VERSION,
    id: init.id,
    timestamp: (init.timestamp ?? new Date()).toISOString(),
    vcs: { type: 'git', revision: init.revision },
    tool: { name: init.tool.name, version: init.tool.version },
    files: [...init.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    ...(init.metadata ? { metadata: init.metadata } : {}),
  };
}

/** Stable, readable note text (one record, two-space JSON, final newline). */
export function serializeRecord(r: TraceRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** Why a note is not a record we can use. */
export class TraceParseError extends Error {}

/**
 * Parses a note body. Notes come from other clones (fetched) and may be
 * corrupt or forged: anything malformed throws TraceParseError; unknown
 * fields are kept out; ranges are checked against file content later.
 */
export function parseRecord(text: string): TraceRecord {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new TraceParseError('note is not JSON');
  }
  const o = obj(v, 'record');
  if (typeof o.version !== 'string' || !/^0\.\d+\.\d+$/.test(o.version)) throw new TraceParseError('unsupported Agent Trace version');
  if (typeof o.id !== 'string' || typeof o.timestamp !== 'string') throw new TraceParseError('record without id or timestamp');
  if (!Array.isArray(o.files)) throw new TraceParseError('record without files');
  const r: TraceRecord = { version: o.version, id: o.id, timestamp: o.timestamp, files: o.files.map(parseFile) };
  if (o.vcs !== undefined) {
    const vcs = obj(o.vcs, 'vcs');
    if (vcs.type === 'git' && typeof vcs.revision === 'string') r.vcs = { type: 'git', revision: vcs.revision };
  }
  if (o.tool !== undefined) {
    const t = obj(o.tool, 'tool');
    if (typeof t.name === 'string') r.tool = typeof t.version === 'string' ? { name: t.name, version: t.version } : { name: t.name };
  }
  if (o.metadata !== undefined) r.metadata = obj(o.metadata, 'metadata');
  return r;
}

function parseFile(v: unknown): TraceFile {
  const f = obj(v, 'file');
  if (typeof f.path !== 'string' || f.path === '' || !Array.isArray(f.conversations)) throw new TraceParseError('malformed file entry');
  return { path: f.path, conversations: f.conversations.map(parseConversation) };
}

function parseConversation(v: unknown): TraceConversation {
  const c = obj(v, 'conversation');
  const who = obj(c.contributor, 'contributor');
  const type = who.type;
  if (type !== 'ai' && type !== 'human' && type !== 'mixed' && type !== 'unknown') throw new TraceParseError('bad contributor type');
  if (!Array.isArray(c.ranges)) throw new TraceParseError('conversation without ranges');
  const conv: TraceConversation = { contributor: { type }, ranges: c.ranges.map(parseRange) };
  if (typeof who.model_id === 'string') conv.contributor.model_id = who.model_id;
  if (typeof c.url === 'string') conv.url = c.url;
  if (c.metadata !== undefined) conv.metadata = obj(c.metadata, 'metadata');
  return conv;
}

function parseRange(v: unknown): TraceRange {
  const r = obj(v, 'range');
  const s = r.start_line;
  const e = r.end_line;
  if (typeof s !== 'number' || typeof e !== 'number' || !Number.isInteger(s) || !Number.isInteger(e) || s < 1 || e < s) {
    throw new TraceParseError('bad range');
  }
  return typeof r.content_hash === 'string' ? { start_line: s, end_line: e, content_hash: r.content_hash } : { start_line: s, end_line: e };
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TraceParseError(`malformed ${what}`);
  return v as Record<string, unknown>;
}
