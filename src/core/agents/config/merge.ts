// The ESM build: esbuild cannot follow the UMD build's runtime require()s.

import { applyEdits, findNodeAtLocation, type FormattingOptions, modify, type Node, parse, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { type Json } from '../fields';
import { type AgentHookSpec, isOurCommand } from './specs';

/**
 * Text-level edits of an agent's JSON / JSONC config with `jsonc-parser`
 * (the library VS Code itself uses for settings): only the spans we add or
 * remove change, so the user's entries, comments, key order and formatting
 * stay as they were.
 */

/** The config cannot be merged safely; nothing was changed. */
export class ConfigShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigShapeError';
  }
}

/** Parses JSONC strictly enough to edit it: any syntax error refuses the merge. */
export function parseConfig(text: string, file: string): Json {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as Json;
  if (errors.length > 0) {
    const e = errors[0];
    const line = text.slice(0, e.offset).split('\n').length;
    throw new ConfigShapeError(`${file} is not valid JSON (${printParseErrorCode(e.error)} at line ${line}); fix it first — nothing was changed`);
  }
  if (text.trim() !== '' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new ConfigShapeError(`${file} does not hold a JSON object; nothing was changed`);
  }
  return value;
}

/** Indentation and line ends as the file already uses them (2 spaces and LF for a new file). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /^([ \t]+)\S/m.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: m ? m[1].length : 2, eol };
}

function edit(text: string, path: (string | number)[], value: unknown): string {
  const formattingOptions = detectFormatting(text);
  return applyEdits(text, modify(text, path, value, { formattingOptions }));
}

/** Where our entry sits: `path` to the entry's command and, for removal, the smallest container that is ours alone. */
interface Found {
  commandPath: (string | number)[];
  removePath: (string | number)[];
  command: string;
}

function children(n: Node | undefined): Node[] {
  return n?.type === 'array' ? (n.children ?? []) : [];
}

function commandOf(n: Node): string | undefined {
  const c = findNodeAtLocation(n, ['command']) ?? findNodeAtLocation(n, ['bash']);
  return typeof c?.value === 'string' ? c.value : undefined;
}

/** Our entries under one event, in document order. */
function findOurs(text: string, spec: AgentHookSpec, event: string, file: string): Found[] {
  const root = parseTree(text);
  if (!root) return [];
  const hooks = findNodeAtLocation(root, ['hooks']);
  if (hooks && hooks.type !== 'object') throw new ConfigShapeError(`"hooks" in ${file} is not an object; nothing was changed`);
  const list = findNodeAtLocation(root, ['hooks', event]);
  if (!list) return [];
  if (list.type !== 'array') throw new ConfigShapeError(`"hooks.${event}" in ${file} is not a list; nothing was changed`);
  const out: Found[] = [];
  children(list).forEach((item, i) => {
    if (spec.shape === 'flat') {
      const command = commandOf(item);
      if (isOurCommand(command, spec.agent)) out.push({ command: command!, commandPath: ['hooks', event, i, 'command'], removePath: ['hooks', event, i] });
      return;
    }
    const inner = children(findNodeAtLocation(item, ['hooks']));
    const ours = inner.map((h) => commandOf(h)).map((c) => isOurCommand(c, spec.agent));
    inner.forEach((h, j) => {
      if (!ours[j]) return;
      const alone = ours.every(Boolean);
      out.push({ command: commandOf(h)!, commandPath: ['hooks', event, i, 'hooks', j, 'command'], removePath: alone ? ['hooks', event, i] : ['hooks', event, i, 'hooks', j] });
    });
  });
  return out;
}

/**
 * Adds our hook for every event of `spec` (or brings an existing one's
 * command up to date). Idempotent: a second run returns the text unchanged.
 */
export function addHooks(text: string, spec: AgentHookSpec, commandFor: (eventArg?: string) => string, file: string): string {
  parseConfig(text, file);
  let out = text.trim() === '' ? '{}\n' : text;
  if (text.trim() === '') for (const [k, v] of Object.entries(spec.base)) out = edit(out, [k], v);
  for (const ev of spec.events) {
    const command = commandFor(ev.eventArg);
    const found = findOurs(out, spec, ev.name, file);
    if (found.length > 0) {
      for (const f of found) {
        if (f.command !== command) {
          out = edit(out, f.commandPath, command);
          if (spec.shape === 'flat' && findNodeAtLocation(parseTree(out)!, [...f.commandPath.slice(0, -1), 'bash'])) out = edit(out, [...f.commandPath.slice(0, -1), 'bash'], command);
        }
      }
      continue;
    }
    const entry = spec.entry(command);
    const item = spec.shape === 'flat' ? entry : { matcher: ev.matcher ?? '', hooks: [entry] };
    out = edit(out, ['hooks', ev.name, -1], item);
  }
  return out;
}

/**
 * Removes exactly our entries. With `tidy`, also removes the containers left
 * empty (`hooks.EVENT: []`, `hooks: {}`) that `original` (the user's file
 * before we added, when known) did not have: we created those.
 */
export function removeHooks(text: string, spec: AgentHookSpec, file: string, tidy: boolean, original?: Json): string {
  parseConfig(text, file);
  const had = (p: string[]): boolean => {
    let v: unknown = original;
    for (const k of p) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
    return v !== undefined;
  };
  let out = text;
  for (const ev of spec.events) {
    for (let found = findOurs(out, spec, ev.name, file); found.length > 0; found = findOurs(out, spec, ev.name, file)) {
      out = edit(out, found[found.length - 1].removePath, undefined);
    }
    if (tidy && !had(['hooks', ev.name])) {
      const list = findNodeAtLocation(parseTree(out) ?? ({} as Node), ['hooks', ev.name]);
      if (list?.type === 'array' && children(list).length === 0) out = edit(out, ['hooks', ev.name], undefined);
    }
  }
  if (tidy && !had(['hooks'])) {
    const hooks = findNodeAtLocation(parseTree(out) ?? ({} as Node), ['hooks']);
    if (hooks?.type === 'object' && (hooks.children ?? []).length === 0) out = edit(out, ['hooks'], undefined);
  }
  return out;
}

/** Throws ConfigShapeError when `text` cannot be merged (bad JSON, `hooks` of the wrong type). */
export function checkMergeable(text: string, spec: AgentHookSpec, file: string): void {
  parseConfig(text, file);
  for (const ev of spec.events) findOurs(text, spec, ev.name, file);
}

/** The commands of our hook entries in `text` (to repair paths that moved). */
export function ourCommands(text: string, spec: AgentHookSpec, file: string): string[] {
  return spec.events.flatMap((ev) => findOurs(text, spec, ev.name, file).map((f) => f.command));
}

/** Whether our hooks are present for every event of `spec`. */
export function hasHooks(text: string, spec: AgentHookSpec, file: string): boolean {
  return spec.events.every((ev) => findOurs(text, spec, ev.name, file).length > 0);
}

/** Structural equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
