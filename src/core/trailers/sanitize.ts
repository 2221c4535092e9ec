/**
 * Agent, model and tool names come from agent hooks and editor events, i.e.
 * from outside. A trailer value must stay one line and one token, or a name
 * like `x\nSigned-off-by: …` or `x: y` could forge another trailer or split
 * `AGENT:MODEL` differently (PRODUCT.md, trailer grammar).
 */

/** Longest name we keep; longer names are cut (model ids are far shorter). */
export const MAX_NAME_LENGTH = 64;

// Letters, digits and the punctuation real model ids use (`gpt-4.1`,
// `claude-sonnet-4-5@20250929`, `org/model`). Everything else becomes `-`.
const DISALLOWED = /[^\p{L}\p{N}._+@/-]+/gu;

/**
 * A single trailer-safe token: no whitespace, no `:`, no control or
 * format characters (bidi overrides, zero-width), at most MAX_NAME_LENGTH
 * characters; `fallback` when nothing is left.
 */
export function sanitizeName(raw: string | undefined, fallback = 'unknown'): string {
  if (typeof raw !== 'string') return fallback;
  const cleaned = raw
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(DISALLOWED, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const cut = [...cleaned].slice(0, MAX_NAME_LENGTH).join('').replace(/[-.]+$/, '');
  return cut || fallback;
}

/** A tool word for `[TOOL]`: like a name, lower-cased, without brackets. */
export function sanitizeTool(raw: string): string {
  return sanitizeName(raw, '').toLowerCase();
}
