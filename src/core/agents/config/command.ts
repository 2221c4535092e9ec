import * as fs from 'fs';
import * as path from 'path';
import { type AgentId } from '../types';

/**
 * The command an agent's hook runs: absolute paths to Node and to our hook
 * script, resolved at install time, so the agent finds them whatever its
 * PATH (agents start hooks from GUI apps, shells without nvm, and so on).
 * Quoted for the POSIX shell the agents run hook commands with.
 */
export function hookCommand(node: string, script: string, agent: AgentId, eventArg?: string, electronAsNode = false): string {
  const prefix = electronAsNode ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  return `${prefix}${shellQuote(node)} ${shellQuote(script)} checkpoint ${agent} --hook-input stdin${eventArg ? ` --event ${eventArg}` : ''}`;
}

export function shellQuote(s: string): string {
  return /^[\w/.,:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Node to write into hooks. In a plain Node process, this one. Inside an
 * editor's Electron extension host `process.execPath` is Electron: prefer a
 * `node` on PATH, else Electron run as Node (`ELECTRON_RUN_AS_NODE=1`).
 */
export function nodeForHooks(envPath = process.env.PATH ?? ''): { node: string; electronAsNode: boolean } {
  if (!process.versions.electron) return { node: process.execPath, electronAsNode: false };
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'node');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return { node: candidate, electronAsNode: false };
    } catch {
      /* not here */
    }
  }
  return { node: process.execPath, electronAsNode: true };
}

/**
 * The script path in one of our hook commands (the word before
 * `checkpoint`, unquoted), or undefined when it cannot be read.
 */
export function scriptOfCommand(command: string): string | undefined {
  const m = /(?:'((?:[^']|'\\'')*)'|(\S+))\s+checkpoint\s/.exec(command);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2];
}
