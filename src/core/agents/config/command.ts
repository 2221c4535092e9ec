import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { type AgentId } from '../types';

/**
 * Environment cleared for the hook process. `NODE_EXTRA_CA_CERTS` makes
 * Node 20 read and parse certificates at every start (measured here: 125
 * instead of 45 ms for `node -e 0`; Node 24 defers it), and the hook makes
 * no TLS connection; `NODE_OPTIONS` may preload the user's modules or name files
 * relative to another folder, which would slow or break every hook call.
 */
export const HOOK_ENV_RESET = 'NODE_OPTIONS= NODE_EXTRA_CA_CERTS= ';

/**
 * The command an agent's hook runs: absolute paths to Node and to our hook
 * script, resolved at install time, so the agent finds them whatever its
 * PATH (agents start hooks from GUI apps, shells without nvm, and so on).
 * Quoted for the POSIX shell the agents run hook commands with.
 */
export function hookCommand(node: string, script: string, agent: AgentId, eventArg?: string, electronAsNode = false): string {
  const prefix = HOOK_ENV_RESET + (electronAsNode ? 'ELECTRON_RUN_AS_NODE=1 ' : '');
  return `${prefix}${shellQuote(node)} ${shellQuote(script)} checkpoint ${agent} --hook-input stdin${eventArg ? ` --event ${eventArg}` : ''}`;
}

export function shellQuote(s: string): string {
  return /^[\w/.,:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The oldest Node major version the hook bundle runs on (esbuild's target in scripts/build.mjs). */
export const MIN_HOOK_NODE_MAJOR = 18;

/** What a Node executable says of itself: its real path and major version. */
interface NodeInfo {
  execPath: string;
  major: number;
}

/**
 * Asks a Node executable for its real path and version; undefined when it
 * does not run. The real path matters: version managers (asdf, nodenv)
 * put shell-script shims named `node` on PATH, and a shim would add its own
 * start-up to every hook call.
 */
function nodeInfo(node: string): NodeInfo | undefined {
  const r = spawnSync(node, ['-p', 'process.execPath + "\\n" + process.versions.node'], { encoding: 'utf8', timeout: 5000, env: { ...process.env, NODE_OPTIONS: '', ELECTRON_RUN_AS_NODE: '1' } });
  const [execPath, version] = (r.stdout ?? '').trim().split('\n');
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
  if (r.status !== 0 || !execPath || !path.isAbsolute(execPath) || !major) return undefined;
  try {
    fs.accessSync(execPath, fs.constants.X_OK);
  } catch {
    return undefined;
  }
  return { execPath, major };
}

/**
 * Node to write into hooks, chosen once at install time:
 * 1. the first `node` on PATH (resolved through any shim to the real
 *    executable), when it is recent enough: the user's own Node outlives
 *    the program that installs the hooks (VS Code's Electron, or the
 *    private Node of a VS Code server, whose folder changes with every
 *    update), and it is what `aiprov` itself runs on from a shell;
 * 2. else this process's Node;
 * 3. else, inside an editor's Electron extension host, Electron run as
 *    Node (`ELECTRON_RUN_AS_NODE=1`), which starts slower.
 * Once `HOOK_ENV_RESET` applies, Node versions start within a few
 * milliseconds of each other (bench/checkpoint.bench.ts times this
 * process's Node and the project's Node 24 side by side; Node 20 was the
 * quicker), so the rule is about which Node is still there tomorrow.
 */
export function nodeForHooks(envPath = process.env.PATH ?? ''): { node: string; electronAsNode: boolean } {
  const onPath = firstOnPath('node', envPath);
  if (onPath) {
    const self = onPath === process.execPath && !process.versions.electron;
    const info = self ? { execPath: onPath, major: Number(process.versions.node.split('.')[0]) } : nodeInfo(onPath);
    if (info && info.major >= MIN_HOOK_NODE_MAJOR) return { node: info.execPath, electronAsNode: false };
  }
  return { node: process.execPath, electronAsNode: !!process.versions.electron };
}

function firstOnPath(name: string, envPath: string): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter((d) => path.isAbsolute(d))) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
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
