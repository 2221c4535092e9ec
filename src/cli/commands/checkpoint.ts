import type * as ChildProcess from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { type CheckpointResult, recordCheckpoint } from '../../core/agents/checkpoint';
import { parseHookPayload } from '../../core/agents/parse';
import { prunePending } from '../../core/agents/pending';
import { type RepoLocation, findRepo } from '../../core/agents/repo';
import { modelFromTranscript } from '../../core/agents/transcript';
import { AGENT_IDS, type AgentId, type HookEvent, isAgentId } from '../../core/agents/types';
import { type Command } from '../command';
import { UsageError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov checkpoint AGENT --hook-input stdin [--event NAME]

The hook entry point: an agent's hook runs this with its JSON payload on
standard input ('aiprov agents install' writes the hook). A pre-tool event
snapshots the files the tool will write; a post-tool event snapshots them
again, and the difference is recorded as the agent's work (agent, model,
session) in the repository's working log (.git/ai-provenance/events.jsonl).
Shell commands (Claude's Bash, Codex's shell) compare the files git reports
as changed before and after.

AGENT is one of: ${AGENT_IDS.join(', ')}.

It never gets in the agent's way: it exits 0 even when the payload is
malformed or something fails (the reason goes to standard error and to
.git/ai-provenance/hooks.log), and gives up after ${2000} ms.

Options:
  --hook-input stdin   read the hook payload from standard input (required)
  --event NAME         the event, for agents whose payload does not name it
`;

/**
 * `child_process`, loaded only when git must run: most hook calls never
 * need it, and loading it costs milliseconds on every agent edit.
 */
function childProcess(): typeof ChildProcess {
  // process.getBuiltinModule: Node 20.16+; older Node 20 loads it the usual way.
  return process.getBuiltinModule?.('child_process') ?? (module.require('child_process') as typeof ChildProcess);
}

/** Give up (exit 0) after this long: the agent waits for us. */
const DEFAULT_TIMEOUT_MS = 2000;

/** The git directories of the repository the event is about: from its files, else its cwd. */
function repoOf(ev: HookEvent, io: Io): RepoLocation | undefined {
  const base = ev.cwd && path.isAbsolute(ev.cwd) ? ev.cwd : (ev.roots[0] ?? io.cwd);
  const first = ev.files[0];
  return (first !== undefined ? findRepo(path.dirname(path.resolve(base, first))) : undefined) ?? findRepo(base);
}

/**
 * Time left for a git call. Git runs synchronously (the event loop, and so
 * the timeout timer, wait for it), so each call gets what is left of the
 * hook's budget instead.
 */
function remaining(deadline: number): number {
  const left = deadline - Date.now();
  if (left < 50) throw new Error('out of time before running git (the agent\'s edit is not recorded)');
  return left;
}

/** Index texts of paths, in one `git cat-file --batch` call. */
function indexTexts(root: string, rels: readonly string[], deadline: number): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const asked = rels.filter((r) => !r.includes('\n'));
  for (const r of rels) out.set(r, undefined);
  if (asked.length === 0) return out;
  const r = childProcess().spawnSync('git', ['cat-file', '--batch'], { cwd: root, input: asked.map((p) => `:${p}\n`).join(''), maxBuffer: 256 * 1024 * 1024, timeout: remaining(deadline), env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0 || !r.stdout) return out;
  const buf = r.stdout;
  let pos = 0;
  for (const rel of asked) {
    const nl = buf.indexOf(10, pos);
    if (nl === -1) break;
    const header = buf.subarray(pos, nl).toString('utf8');
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) {
      pos = nl + 1;
      continue;
    }
    const size = Number(m[1]);
    const body = buf.subarray(nl + 1, nl + 1 + size);
    if (!body.includes(0)) out.set(rel, body.toString('utf8'));
    pos = nl + 1 + size + 1;
  }
  return out;
}

/** Modified, deleted and untracked files (not ignored ones), repo-relative. */
function dirtyPaths(root: string, deadline: number): string[] {
  const r = childProcess().spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], { cwd: root, encoding: 'utf8', timeout: remaining(deadline), maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git status failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3));
}

/** Appends a line to the hook log beside the working log (kept under 1 MB by rotation). */
function logLine(dir: string | undefined, line: string): void {
  if (!dir) return;
  try {
    const file = path.join(dir, 'hooks.log');
    fs.mkdirSync(dir, { recursive: true });
    try {
      if (fs.statSync(file).size > 1024 * 1024) fs.renameSync(file, `${file}.1`);
    } catch {
      /* no log yet */
    }
    fs.appendFileSync(file, `${new Date().toISOString()} pid ${process.pid} ${line}\n`);
  } catch {
    /* logging must never fail the hook */
  }
}

function modelOf(ev: HookEvent): string {
  if (ev.model) return ev.model;
  // Claude Code's payload has no model, but its transcript does (read only on
  // post events: the tool call being reported is at the transcript's end).
  if (ev.phase === 'post' && ev.agent === 'claude' && ev.transcriptPath) return modelFromTranscript(ev.transcriptPath) ?? 'unknown';
  return 'unknown';
}

function checkpoint(agent: AgentId, text: string, eventArg: string | undefined, io: Io, deadline: number, setDir: (d: string) => void): CheckpointResult | string | undefined {
  const parsed = parseHookPayload(agent, text, eventArg);
  if (parsed.kind === 'malformed') return `malformed ${agent} hook payload: ${parsed.message}`;
  if (parsed.kind === 'ignored') return undefined;
  const ev = parsed.event;
  const repo = repoOf(ev, io);
  if (!repo) return undefined; // not in a git repository: nothing to attribute, and not an error
  const dir = path.join(repo.commonDir, 'ai-provenance');
  setDir(dir);
  if (Math.random() < 1 / 64) prunePending(dir);
  return recordCheckpoint(ev, {
    dir,
    root: repo.root,
    model: modelOf(ev),
    indexTexts: (rels) => indexTexts(repo.root, rels, deadline),
    dirtyPaths: () => dirtyPaths(repo.root, deadline),
    warn: (m) => logLine(dir, `warning: ${m}`),
  });
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'hook-input': { type: 'string' }, event: { type: 'string' } } });
  const [agent, ...extra] = positionals;
  if (!agent || !isAgentId(agent)) throw new UsageError(`expected an agent: ${AGENT_IDS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  if (values['hook-input'] !== 'stdin') throw new UsageError(`expected --hook-input stdin (the agent's payload on standard input)`);
  let dir: string | undefined;
  const fail = (message: string): number => {
    io.err(`aiprov checkpoint: ${message}\n`);
    logLine(dir ?? findRepo(io.cwd)?.commonDir.concat('/ai-provenance'), `${agent}: ${message}`);
    return 0;
  };
  const timeoutMs = Number(io.env.AIPROV_HOOK_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  // The agent waits for this process: past the timeout we stop, whatever we were waiting on.
  const timer = setTimeout(() => {
    fail(`gave up after ${timeoutMs} ms (the agent's edit is not recorded)`);
    process.exit(0);
  }, timeoutMs);
  timer.unref();
  try {
    const text = await io.readStdin();
    const r = checkpoint(agent, text, values.event, io, deadline, (d) => (dir = d));
    if (typeof r === 'string') return fail(r);
    for (const s of r?.skipped ?? []) logLine(dir, `${agent}: skipped ${s.file}: ${s.reason}`);
    // Gemini CLI and Cursor read a JSON answer on stdout; an empty object changes nothing.
    if (agent === 'gemini' || agent === 'cursor') io.out('{}\n');
    return 0;
  } catch (e) {
    return fail(`internal error: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: "agent hook entry point: record an agent's edit (reads the hook payload on stdin)",
  help,
  run,
};
