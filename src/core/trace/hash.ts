import * as crypto from 'crypto';

/**
 * The content hash of lines `start..end` (1-based, inclusive) of `lines`.
 * Line endings are not part of the content (a CRLF checkout hashes like LF),
 * so the hash proves the words, not the platform.
 */
export function rangeHash(lines: readonly string[], start: number, end: number): string {
  const h = crypto.createHash('sha256');
  for (let i = start; i <= end; i++) {
    h.update(stripCr(lines[i - 1] ?? ''));
    h.update('\n');
  }
  return `sha256:${h.digest('hex').slice(0, 16)}`;
}

/** A text split into lines without terminators (a final newline adds no line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
