import { parseRecord, serializeRecord } from './record';
import { type TraceRecord } from './types';

/**
 * One record from two notes of the same commit (a notes merge): ours first,
 * then every file entry of theirs that ours does not already hold. Ranges
 * are not trusted here; readers verify each against the commit's text.
 */
export function combineRecords(ours: TraceRecord, theirs: TraceRecord): TraceRecord {
  const seen = new Set(ours.files.map((f) => JSON.stringify(f)));
  const files = [...ours.files, ...theirs.files.filter((f) => !seen.has(JSON.stringify(f)))];
  return { ...ours, files };
}

/** {@link combineRecords} on note texts; an unreadable side is dropped, both unreadable keeps ours verbatim. */
export function combineNoteTexts(ours: string, theirs: string): string {
  const a = tryParse(ours);
  const b = tryParse(theirs);
  if (a && b) return serializeRecord(combineRecords(a, b));
  if (a) return serializeRecord(a);
  if (b) return serializeRecord(b);
  return ours;
}

/**
 * A note body: one record, or several concatenated (what a `union` notes
 * merge by hand leaves behind), combined into one. Throws TraceParseError.
 */
export function parseNoteText(text: string): TraceRecord {
  const records = text.trim().split(/\n(?=\{\s*\n\s*"version")/).map((p) => parseRecord(p));
  return records.slice(1).reduce(combineRecords, records[0]);
}

function tryParse(text: string): TraceRecord | undefined {
  try {
    return parseNoteText(text);
  } catch {
    return undefined;
  }
}
