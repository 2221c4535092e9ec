/**
 * Small readers shared by the payload parsers: payloads are untrusted JSON,
 * so every field is checked for its type before use.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first of `keys` holding a non-empty string. */
export function str(o: JsonObject, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** Keys under which agents put the path of the file a tool writes. */
const PATH_KEYS = new Set(['file_path', 'filePath', 'path', 'notebook_path', 'absolute_path', 'target_file', 'file']);
/** Keys holding a list of paths (VS Code's `editFiles`). */
const PATHS_KEYS = new Set(['files', 'paths', 'filePaths']);
/** Keys whose string may be an `apply_patch` body. */
const PATCH_KEYS = new Set(['command', 'input', 'patch']);

/**
 * Every file path named in a tool's input: under the usual keys, in lists of
 * paths, in nested edit lists (`replacements[].filePath`), and in
 * `apply_patch` bodies. Depth-limited: inputs are small, but untrusted.
 */
export function collectPaths(input: Json | undefined, out: string[] = [], depth = 0): string[] {
  if (depth > 4 || input === undefined || input === null) return out;
  if (Array.isArray(input)) {
    for (const v of input) collectPaths(v, out, depth + 1);
    return out;
  }
  if (!isObject(input)) return out;
  for (const [k, v] of Object.entries(input)) {
    if (PATH_KEYS.has(k) && typeof v === 'string' && v !== '') out.push(v);
    else if (PATHS_KEYS.has(k) && Array.isArray(v)) {
      for (const p of v) if (typeof p === 'string' && p !== '') out.push(p);
        else collectPaths(p, out, depth + 1);
    } else if (PATCH_KEYS.has(k) && typeof v === 'string' && isApplyPatch(v)) out.push(...patchPaths(v));
    else if (typeof v === 'object') collectPaths(v, out, depth + 1);
  }
  return out;
}

export function isApplyPatch(s: string): boolean {
  return /^\s*\*\*\* Begin Patch/.test(s);
}

/**
 * Paths an `apply_patch` body (Codex's, and VS Code's) adds, updates, deletes
 * or moves to. The format's file headers are `*** Add File: P`,
 * `*** Update File: P`, `*** Delete File: P` and `*** Move to: P`.
 */
export function patchPaths(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+?)\s*$|^\*\*\* Move to: (.+?)\s*$/gm)) {
    const p = m[1] ?? m[2];
    if (p) out.push(p);
  }
  return out;
}

/** Removes duplicates, keeping order. */
export function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Key pairs agents use for one text replacement (Claude/Gemini, VS Code, the Copilot CLI). */
const REPLACEMENT_KEYS: readonly [string, string][] = [
  ['old_string', 'new_string'],
  ['oldString', 'newString'],
  ['old_str', 'new_str'],
];

/**
 * The text replacements a tool input describes (`Edit`, `MultiEdit`'s
 * `edits[]`, Gemini's `replace`, VS Code's `replace_string_in_file`), in
 * order; undefined when it describes none or anything else (a whole-file
 * write, `replace_all`), so the caller does not guess.
 */
export function replacements(input: Json | undefined): { oldString: string; newString: string }[] | undefined {
  if (!isObject(input) || input.replace_all === true) return undefined;
  const one = (o: JsonObject) => {
    for (const [a, b] of REPLACEMENT_KEYS) {
      if (typeof o[a] === 'string' && typeof o[b] === 'string') return { oldString: o[a], newString: o[b] };
    }
    return undefined;
  };
  const direct = one(input);
  if (direct) return [direct];
  const list = input.edits;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: { oldString: string; newString: string }[] = [];
  for (const e of list) {
    const r = isObject(e) && e.replace_all !== true ? one(e) : undefined;
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}
