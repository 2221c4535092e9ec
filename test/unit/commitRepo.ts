/** Helpers for tests that commit through our installed hooks in real temp repositories. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { type Contributor } from '../../src/core/attribution/contributor';
import { lineStarts } from '../../src/core/attribution/lines';
import { readRecord, writeRecord } from '../../src/core/worklog';
import { installHooks } from '../../src/git/hooks/install';
import { type TraceRecord } from '../../src/core/trace/types';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

export const CLAUDE: Contributor = { kind: 'ai', agent: 'ClaudeCode', model: 'claude-sonnet-4-5', via: 'agent-hook', at: '2026-01-01T00:00:00.000Z' };
export const COPILOT: Contributor = { kind: 'ai', agent: 'GitHubCopilot', model: 'gpt-5', via: 'inline-completion', at: '2026-01-01T00:00:00.000Z' };
export const HUMAN: Contributor = { kind: 'human', via: 'manual', at: '2026-01-01T00:00:00.000Z' };

/** Environment without the caller's GIT_* variables (a test may run under a hook). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_EDITOR: 'true', ...extra };
}

export function git(dir: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync('git', args, { cwd: dir, input: opts.input ?? '', encoding: 'utf8', env: cleanEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Temporary folders made by this test file, removed when it ends. */
const made: string[] = [];
after(() => {
  // maxRetries: a background trim started by the last commit may still be writing.
  for (const d of made) fs.rmSync(d, { recursive: true, force: true, maxRetries: 5 });
});

/** A fresh temporary folder (real path), removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function makeRepo(prefix = 'aiprov-hooks-'): string {
  const dir = tempDir(prefix);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Test Dev']);
  git(dir, ['config', 'user.email', 'dev@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

export function aiprov(dir: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [CLI, ...args], { cwd: dir, input, encoding: 'utf8', env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number | null; stdout: string; stderr: string };
    return { status: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

export function write(dir: string, rel: string, lines: string[]): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), lines.map((l) => `${l}\n`).join(''));
}

/** Records in the real working log that lines `ai` (1-based) of the file as on disk are by `who`. */
export function seed(dir: string, rel: string, ai: number[], who: Contributor = CLAUDE): void {
  const text = fs.readFileSync(path.join(dir, rel), 'utf8');
  const starts = lineStarts(text);
  const ranges = [...new Set(ai)].sort((a, b) => a - b).map((l) => ({ start: starts[l - 1], end: starts[l] ?? text.length, c: who }));
  writeRecord(path.join(dir, '.git', 'ai-provenance'), rel, text, ranges);
}

export function record(dir: string, rel: string) {
  return readRecord(path.join(dir, '.git', 'ai-provenance'), rel, () => undefined);
}

export function trailer(dir: string, key: string, rev = 'HEAD'): string[] {
  return git(dir, ['log', '-1', `--format=%(trailers:key=${key},valueonly)`, rev]).split('\n').map((s) => s.trim()).filter(Boolean);
}

export function note(dir: string, rev = 'HEAD'): TraceRecord | undefined {
  try {
    return JSON.parse(git(dir, ['notes', '--ref', 'ai-provenance', 'show', rev])) as TraceRecord;
  } catch {
    return undefined;
  }
}

/** `path:start-end` of every AI range of a note, sorted. */
export function noteRanges(n: TraceRecord | undefined): string[] {
  if (!n) return [];
  return n.files.flatMap((f) => f.conversations.flatMap((c) => c.ranges.map((r) => `${f.path}:${r.start_line}-${r.end_line}`))).sort();
}

/** Every file of a folder with its bytes, for byte-identical comparisons. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const n of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    const st = fs.statSync(p);
    if (st.isFile()) out[n] = `${(st.mode & 0o777).toString(8)} ${fs.readFileSync(p).toString('base64')}`;
  }
  return out;
}

/**
 * Installs the hooks with a Node wrapper (named `name`, in the git dir) that
 * logs each start's arguments, and returns the log's path: absent until
 * Node first starts.
 */
export async function installWithLoggingNode(dir: string, name = 'node-wrapper'): Promise<string> {
  const log = path.join(dir, '.git', 'node-started');
  const fakeNode = path.join(dir, '.git', name);
  fs.writeFileSync(fakeNode, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
  fs.chmodSync(fakeNode, 0o755);
  await installHooks({ cwd: dir, nodePath: fakeNode, cliPath: CLI });
  return log;
}

/** Polls `cond` (the working log is trimmed in the background after a commit). */
export function waitUntil(cond: () => boolean, what: string, timeoutMs = 20_000): void {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
