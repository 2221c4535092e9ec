import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync } from '../../fs/atomic';
import { type AgentId } from '../types';
import { addHooks, checkMergeable, hasHooks, ourCommands, parseConfig, removeHooks, sameJson } from './merge';
import { HOOK_SPECS } from './specs';

/** Suffix of the one-time copy of a config as it was before our first change. */
export const BACKUP_SUFFIX = '.aiprov-backup';

/** Where an install or uninstall writes. */
export interface ConfigTarget {
  agent: AgentId;
  /** `--global`: the agent's per-user config under `home`. */
  global: boolean;
  /** The repository's top folder (project configs). */
  root: string;
  home: string;
}

export interface ConfigChange {
  agent: AgentId;
  file: string;
  /**
   * created: new file; updated: merged into the user's file; unchanged: already
   * there; removed: our entries taken out; restored: the file is byte for byte
   * the original again; deleted: the file was ours alone; absent: nothing to do.
   */
  action: 'created' | 'updated' | 'unchanged' | 'removed' | 'restored' | 'deleted' | 'absent';
  backup?: string;
}

/** The config file of an agent for a target. */
export function configFile(t: ConfigTarget): string {
  const spec = HOOK_SPECS[t.agent];
  return t.global ? path.join(t.home, spec.globalFile) : path.join(t.root, spec.projectFile);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function modeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * Adds our hooks to the agent's config. An existing file is first copied to
 * `<file>.aiprov-backup` (once: a later install never overwrites the copy of
 * the original), then merged in place; a missing file is created.
 */
export function installHooks(t: ConfigTarget, commandFor: (eventArg?: string) => string): ConfigChange {
  const spec = HOOK_SPECS[t.agent];
  const file = configFile(t);
  const before = readIfExists(file);
  const after = addHooks(before ?? '', spec, commandFor, file);
  if (before !== undefined && after === before) return { agent: t.agent, file, action: 'unchanged' };
  const backup = file + BACKUP_SUFFIX;
  if (before !== undefined && !fs.existsSync(backup)) writeFileAtomicSync(backup, before, modeOf(file));
  writeFileAtomicSync(file, after, modeOf(file));
  return before === undefined ? { agent: t.agent, file, action: 'created' } : { agent: t.agent, file, action: 'updated', backup };
}

/**
 * Removes exactly what `installHooks` added. When the result means the same
 * as the backup of the original, the original bytes are put back (and the
 * backup removed), so an install/uninstall round trip leaves the file byte
 * for byte as it was; when we had created the file and nothing else was
 * added since, the file (and the folders we made for it, if empty) go away.
 */
export function uninstallHooks(t: ConfigTarget): ConfigChange {
  const spec = HOOK_SPECS[t.agent];
  const file = configFile(t);
  const text = readIfExists(file);
  if (text === undefined) return { agent: t.agent, file, action: 'absent' };
  const backup = file + BACKUP_SUFFIX;
  const original = readIfExists(backup);
  const o = original !== undefined ? parseConfig(original, backup) : undefined;
  const tidy = removeHooks(text, spec, file, true, o);
  if (original !== undefined) {
    if (sameJson(parseConfig(tidy, file), o)) {
      writeFileAtomicSync(file, original, modeOf(file));
      fs.rmSync(backup, { force: true });
      return { agent: t.agent, file, action: 'restored' };
    }
  } else if (sameJson(parseConfig(tidy, file), spec.base) || tidy.trim() === '{}' || tidy.trim() === '') {
    fs.rmSync(file, { force: true });
    removeEmptyDirs(path.dirname(file), t.global ? t.home : t.root);
    return { agent: t.agent, file, action: 'deleted' };
  }
  if (tidy === text) return { agent: t.agent, file, action: 'absent' };
  writeFileAtomicSync(file, tidy, modeOf(file));
  return original !== undefined ? { agent: t.agent, file, action: 'removed', backup } : { agent: t.agent, file, action: 'removed' };
}

/**
 * Throws ConfigShapeError when the agent's config exists but cannot be
 * merged; called for every agent first so a multi-agent install changes
 * nothing when one file is broken.
 */
export function checkConfig(t: ConfigTarget): void {
  const file = configFile(t);
  const text = readIfExists(file);
  if (text !== undefined) checkMergeable(text, HOOK_SPECS[t.agent], file);
}

/** Whether our hooks are in the agent's config for this target. */
export function hooksInstalled(t: ConfigTarget): boolean {
  const file = configFile(t);
  const text = readIfExists(file);
  if (text === undefined) return false;
  try {
    return hasHooks(text, HOOK_SPECS[t.agent], file);
  } catch {
    return false;
  }
}

/** Removes `dir` and its empty parents up to (not including) `stop`. */
function removeEmptyDirs(dir: string, stop: string): void {
  for (let d = dir; d.startsWith(stop + path.sep) && d !== stop; d = path.dirname(d)) {
    try {
      fs.rmdirSync(d);
    } catch {
      return;
    }
  }
}

/** The commands of our hooks in the agent's config for this target (none when absent or unreadable). */
export function installedCommands(t: ConfigTarget): string[] {
  const file = configFile(t);
  const text = readIfExists(file);
  if (text === undefined) return [];
  try {
    return ourCommands(text, HOOK_SPECS[t.agent], file);
  } catch {
    return [];
  }
}
