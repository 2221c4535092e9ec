// Latency of one agent hook call, process start included, on a repository of
// 5,000 files, next to a bare `node -e 0` start measured in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordCheckpoint } from '../src/core/agents/checkpoint';
import { parseHookPayload } from '../src/core/agents/parse';
import { type HookEvent } from '../src/core/agents/types';
import { fmt, header, percentile, report, timeMany } from './lib';

const root = path.resolve(__dirname, '../..');
// What installed hooks run: the checkpoint-only bundle; the full CLI is timed once for comparison.
const hookJs = path.join(root, 'dist/hook.js');
const cli = path.join(root, 'dist/cli.js');
const FILES = 5000;
const N = Number(process.env.AIPROV_BENCH_N) || 40;

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function makeRepo(): string {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-ckpt-')));
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.name', 'Bench');
  git(repo, 'config', 'user.email', 'bench@example.com');
  git(repo, 'config', 'commit.gpgsign', 'false');
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(repo, 'src', `m${i % 50}`);
    if (i < 50) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `f${i}.ts`), `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`);
  }
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'init');
  return repo;
}

function hook(agent: string, repo: string, payload: object, script = hookJs): void {
  const r = spawnSync(process.execPath, [script, 'checkpoint', agent, '--hook-input', 'stdin'], { cwd: repo, input: JSON.stringify(payload), encoding: 'utf8' });
  if (r.status !== 0 || r.stderr) throw new Error(`checkpoint failed: ${r.stderr}`);
}

function main(): void {
  header(`checkpoint: one hook call, process start included (${FILES}-file repository, n=${N})`);
  const repo = makeRepo();
  const file = (i: number) => path.join(repo, 'src', `m${i % 50}`, `f${i}.ts`);
  const claude = (phase: 'Pre' | 'Post', i: number, toolName = 'Edit') => ({
    session_id: 'bench-session',
    transcript_path: path.join(repo, 'missing.jsonl'),
    cwd: repo,
    hook_event_name: `${phase}ToolUse`,
    tool_name: toolName,
    tool_input: toolName === 'Bash' ? { command: 'sed -i …' } : { file_path: file(i), old_string: `x + ${i}`, new_string: `x + ${i} + 1` },
    tool_use_id: `toolu_${i}`,
    ...(phase === 'Post' ? { tool_response: {} } : {}),
  });

  // The machine is shared and noisy: every kind of call runs once per round,
  // interleaved, so all see the same load; "ours" is the median of the
  // per-round differences from the node start of that round.
  const kinds = ['node -e 0', 'Claude PreToolUse (Edit)', 'Claude PostToolUse (Edit)', 'Cursor afterFileEdit (post only)', 'Claude PreToolUse via the full CLI bundle (aiprov checkpoint)'] as const;
  const times = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const time = (k: (typeof kinds)[number], fn: () => void) => {
    const t = performance.now();
    fn();
    times.get(k)!.push(performance.now() - t);
  };
  const cursorAt = 1000;
  const cliAt = 3000;
  for (let i = -3; i < N; i++) {
    const j = i + 3; // warm-up rounds use files too
    time('node -e 0', () => void spawnSync(process.execPath, ['-e', '0']));
    time('Claude PreToolUse (Edit)', () => hook('claude', repo, claude('Pre', j)));
    fs.writeFileSync(file(j), fs.readFileSync(file(j), 'utf8').replace(`x + ${j};`, `x + ${j} + 1;`));
    time('Claude PostToolUse (Edit)', () => hook('claude', repo, claude('Post', j)));
    const c = cursorAt + j;
    fs.writeFileSync(file(c), fs.readFileSync(file(c), 'utf8').replace(`x + ${c};`, `x * ${c};`));
    time('Cursor afterFileEdit (post only)', () => hook('cursor', repo, { conversation_id: 'c', generation_id: `g${c}`, model: 'm', hook_event_name: 'afterFileEdit', workspace_roots: [repo], file_path: file(c), edits: [{ old_string: `x + ${c};`, new_string: `x * ${c};` }] }));
    time('Claude PreToolUse via the full CLI bundle (aiprov checkpoint)', () => hook('claude', repo, claude('Pre', cliAt + j), cli));
    if (i < 0) for (const v of times.values()) v.pop();
  }
  const node = times.get('node -e 0')!;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  report('baseline node -e 0', `p50 ${fmt(percentile(sorted(node), 50))}, p95 ${fmt(percentile(sorted(node), 95))}`);
  for (const k of kinds.slice(1)) {
    const xs = times.get(k)!;
    const diffs = sorted(xs.map((x, i) => x - node[i]));
    report(k, `p50 ${fmt(percentile(sorted(xs), 50))}, p95 ${fmt(percentile(sorted(xs), 95))}`, `ours: median ${fmt(percentile(diffs, 50))} over the same round's node start`);
  }
  const base = percentile(sorted(node), 50);

  const bashN = Math.max(5, Math.floor(N / 4));
  const bash = timeMany(bashN, (i) => {
    hook('claude', repo, claude('Pre', 2000 + i, 'Bash'));
    fs.appendFileSync(file(2000 + i), '// by a shell command\n');
    hook('claude', repo, claude('Post', 2000 + i, 'Bash'));
  }, 1);
  report('Claude Bash pre + post (git status of the work tree, two hook calls)', `p50 ${fmt(percentile(bash, 50))}, p95 ${fmt(percentile(bash, 95))}`, `2 x node start = ${fmt(2 * base)}`);
  // The checkpoint's own work, in this process (no process start, no bundle load).
  const ctx = { dir: path.join(repo, '.git/ai-provenance'), root: repo, model: 'm', indexTexts: () => new Map<string, string | undefined>(), dirtyPaths: () => [], warn: () => {} };
  const parsed = (o: object) => (parseHookPayload('claude', JSON.stringify(o)) as { event: HookEvent }).event;
  const inPre = timeMany(N, (i) => void recordCheckpoint(parsed(claude('Pre', 4000 + i)), ctx), 3);
  for (let i = 0; i < N + 3; i++) fs.appendFileSync(file(4000 + i), '// edited\n');
  const inPost = timeMany(N, (i) => void recordCheckpoint(parsed(claude('Post', 4000 + i)), ctx), 3);
  report('in-process parse + pre checkpoint (no process start)', `p50 ${fmt(percentile(inPre, 50))}, p95 ${fmt(percentile(inPre, 95))}`);
  report('in-process parse + post checkpoint (no process start)', `p50 ${fmt(percentile(inPost, 50))}, p95 ${fmt(percentile(inPost, 95))}`);
  const events = fs.readFileSync(path.join(repo, '.git/ai-provenance/events.jsonl'), 'utf8').trimEnd().split('\n').length;
  report('events appended', String(events));
  fs.rmSync(repo, { recursive: true, force: true });
}

main();
