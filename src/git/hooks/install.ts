import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync } from '../../core/fs/atomic';
import { git, gitDir } from '../git';
import { PENDING_JSON, PENDING_OWNER } from './pending';
import { CHAINED_SUFFIX, HOOK_NAMES, type HookName, MARKER, NO_AI_STAMP, hookScript } from './script';

/** Where the hooks go and what the hook scripts run. */
export interface InstallOptions {
  readonly cwd: string;
  /** Absolute path of the Node binary the hooks start. */
  readonly nodePath: string;
  /** Absolute path of `dist/cli.js`; the hooks run `commit-hook.js` beside it when it is there. */
  readonly cliPath: string;
}

/**
 * The file the hook scripts start: the hook-only bundle beside the CLI
 * (smaller, so a commit with AI lines loads less), else the CLI itself
 * (both take `hook NAME ARGS…`).
 */
export function hookEntry(cliPath: string): string {
  const small = path.join(path.dirname(cliPath), 'commit-hook.js');
  return fs.existsSync(small) && fs.existsSync(path.join(path.dirname(cliPath), 'commit-hook-main.js')) ? small : cliPath;
}

/** One line per hook of what install/uninstall did. */
export interface HookAction {
  readonly hook: HookName;
  readonly file: string;
  readonly action: 'installed' | 'updated' | 'unchanged' | 'chained' | 'removed' | 'restored' | 'absent' | 'kept';
  readonly detail?: string;
}

/**
 * The folder git runs hooks from: `core.hooksPath` when set (husky sets it
 * to `.husky/_`; a team may point it anywhere), else `<common dir>/hooks`.
 * `git rev-parse --git-path hooks` answers exactly that.
 */
export async function hooksDir(cwd: string): Promise<string> {
  const r = await git(['rev-parse', '--git-path', 'hooks'], { cwd });
  return path.resolve(cwd, r.stdout.trim());
}

export function isOurHook(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes(`\n${MARKER} `);
  } catch {
    return false;
  }
}

/**
 * Installs our hooks, idempotently. A hook already there that is not ours
 * (the user's, husky's stub, lefthook's, pre-commit's) is renamed to
 * `<hook>.aiprov-chained` — bytes and mode unchanged — and run first by
 * ours. If a chained hook is already there and differs (a framework
 * regenerated its hook over ours), the older one is kept as a numbered
 * backup: nothing is ever deleted. reference-transaction (merging fetched
 * notes) is installed only when notes are shared.
 */
export async function installHooks(o: InstallOptions): Promise<HookAction[]> {
  const dir = await hooksDir(o.cwd);
  fs.mkdirSync(dir, { recursive: true });
  const actions: HookAction[] = [];
  const sharing = await sharesNotes(o.cwd);
  const entry = hookEntry(o.cliPath);
  for (const hook of HOOK_NAMES) {
    // Git runs reference-transaction twice per commit: a repository that
    // does not fetch notes (no 'aiprov notes setup') should not pay that.
    if (hook === 'reference-transaction' && !sharing) continue;
    const file = path.join(dir, hook);
    const chained = file + CHAINED_SUFFIX;
    const script = hookScript(hook, o.nodePath, entry);
    if (fs.existsSync(file) && isOurHook(file)) {
      const same = fs.readFileSync(file, 'utf8') === script;
      if (!same) writeHook(file, script);
      actions.push({ hook, file, action: same ? 'unchanged' : 'updated' });
      continue;
    }
    let detail: string | undefined;
    if (fs.existsSync(file)) {
      if (fs.existsSync(chained)) {
        if (sameBytes(file, chained)) fs.rmSync(file);
        else {
          const backup = freeName(chained);
          fs.renameSync(chained, backup);
          detail = `an older chained hook was kept as ${path.basename(backup)}`;
        }
      }
      if (fs.existsSync(file)) fs.renameSync(file, chained);
      writeHook(file, script);
      actions.push({ hook, file, action: 'chained', detail: detail ?? `the existing hook now runs first, from ${path.basename(chained)}` });
      continue;
    }
    writeHook(file, script);
    actions.push({ hook, file, action: 'installed' });
  }
  return actions;
}

/**
 * Removes our hooks and renames each chained hook back, so the folder is
 * byte-for-byte what it was before install. A hook that is no longer ours
 * (someone replaced it) is left alone, and so is its chained one.
 */
export async function uninstallHooks(cwd: string): Promise<HookAction[]> {
  const dir = await hooksDir(cwd);
  const actions: HookAction[] = [];
  for (const hook of HOOK_NAMES) {
    const file = path.join(dir, hook);
    const chained = file + CHAINED_SUFFIX;
    if (fs.existsSync(file) && !isOurHook(file)) {
      actions.push({ hook, file, action: 'kept', detail: fs.existsSync(chained) ? `not ours; ${path.basename(chained)} left in place` : 'not ours' });
      continue;
    }
    const ours = fs.existsSync(file);
    if (ours) fs.rmSync(file);
    if (fs.existsSync(chained)) {
      fs.renameSync(chained, file);
      actions.push({ hook, file, action: 'restored' });
    } else actions.push({ hook, file, action: ours ? 'removed' : 'absent' });
  }
  // What the hooks left in the git dir (a scan stamp, a note prepared for an aborted commit).
  const left = await gitDir(cwd);
  for (const f of [NO_AI_STAMP, PENDING_JSON, PENDING_OWNER]) fs.rmSync(path.join(left, f), { force: true });
  return actions;
}

/** True when some remote fetches our notes into refs/notes/remotes/ (see setupNotesSync). */
export async function sharesNotes(cwd: string): Promise<boolean> {
  const r = await git(['config', '--get-regexp', '^remote\\..*\\.fetch$'], { cwd, allowFailure: true });
  return /:refs\/notes\/remotes\/.*\/ai-provenance\*?$/m.test(r.stdout);
}

/** True when our hooks are installed (prepare-commit-msg is ours). */
export async function hooksInstalled(cwd: string): Promise<boolean> {
  return isOurHook(path.join(await hooksDir(cwd), 'prepare-commit-msg'));
}

function writeHook(file: string, script: string): void {
  writeFileAtomicSync(file, script, 0o755);
  fs.chmodSync(file, 0o755);
}

function sameBytes(a: string, b: string): boolean {
  return fs.readFileSync(a).equals(fs.readFileSync(b));
}

function freeName(base: string): string {
  for (let n = 1; ; n++) if (!fs.existsSync(`${base}.${n}`)) return `${base}.${n}`;
}
