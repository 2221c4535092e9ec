import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readEvents } from '../../src/core/worklog/events';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const fixtures = path.join(root, 'test/fixtures/agents');
const ORIG = fs.readFileSync(path.join(fixtures, 'cart.ts.orig'), 'utf8');
const AGENT = fs.readFileSync(path.join(fixtures, 'cart.ts.agent'), 'utf8');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** A real repository with `src/cart.ts` committed, as in the recorded payloads. */
function makeRepo(): string {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-ckpt-')));
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.name', 'Dev');
  git(repo, 'config', 'user.email', 'dev@example.com');
  git(repo, 'config', 'commit.gpgsign', 'false');
  fs.mkdirSync(path.join(repo, 'src'));
  fs.writeFileSync(path.join(repo, 'src/cart.ts'), ORIG);
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'init');
  return repo;
}

/** A recorded payload pointed at `repo` (and at the recorded Claude transcript). */
function payload(file: string, repo: string, patch: (o: Record<string, unknown>) => void = () => {}): string {
  const o = JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8').replaceAll('/home/dev/shop', repo)) as Record<string, unknown>;
  if (typeof o.transcript_path === 'string' && o.transcript_path.includes('.claude')) o.transcript_path = path.join(fixtures, 'claude/transcript.jsonl');
  patch(o);
  return JSON.stringify(o);
}

function checkpoint(agent: string, input: string, cwd: string, extra: string[] = [], script = cli) {
  const r = spawnSync(process.execPath, [script, 'checkpoint', agent, '--hook-input', 'stdin', ...extra], { cwd, input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

interface StatusRange { startLine: number; endLine: number; kind: string; agent?: string; model?: string; session?: string; via: string }
function status(repo: string): Map<string, StatusRange[]> {
  const r = spawnSync(process.execPath, [cli, 'status', '--json'], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { files: { path: string; ranges: StatusRange[] }[] };
  return new Map(j.files.map((f) => [f.path, f.ranges]));
}

function aiLines(ranges: StatusRange[] | undefined): [number, number, string | undefined, string | undefined][] {
  return (ranges ?? []).filter((r) => r.kind === 'ai').map((r) => [r.startLine, r.endLine, r.agent, r.model]);
}

const cart = (repo: string) => path.join(repo, 'src/cart.ts');

test('Claude Code: Edit between PreToolUse and PostToolUse is ClaudeCode with the model from the transcript', () => {
  const repo = makeRepo();
  checkpoint('claude', payload('claude/pre-tool-use-edit.json', repo), repo);
  fs.writeFileSync(cart(repo), AGENT);
  const r = checkpoint('claude', payload('claude/post-tool-use-edit.json', repo), repo);
  assert.equal(r.stdout, '');
  const s = status(repo).get('src/cart.ts');
  assert.deepEqual(aiLines(s), [[2, 2, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
  assert.equal(s?.[0]?.session, '3f6c2b8e-6a4d-4f0e-9d43-1b7e5c2a9f10');
  assert.equal(s?.[0]?.via, 'agent-hook');
});

test('Claude Code Write creating a file in a new folder with an odd name: the whole file is the agent\'s', () => {
  const repo = makeRepo();
  const file = path.join(repo, 'src', 'new dir', 'ünïcode "quoted" file.ts');
  const write = (o: Record<string, unknown>) => {
    o.tool_name = 'Write';
    o.tool_input = { file_path: file, content: 'export const a = 1;\nexport const b = 2;\n' };
  };
  checkpoint('claude', payload('claude/pre-tool-use-edit.json', repo, write), repo);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'export const a = 1;\nexport const b = 2;\n');
  checkpoint('claude', payload('claude/post-tool-use-edit.json', repo, write), repo);
  assert.deepEqual(aiLines(status(repo).get('src/new dir/ünïcode "quoted" file.ts')), [[1, 2, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
});

test('human edits between two agent steps stay human', () => {
  const repo = makeRepo();
  checkpoint('claude', payload('claude/pre-tool-use-edit.json', repo), repo);
  fs.writeFileSync(cart(repo), AGENT);
  checkpoint('claude', payload('claude/post-tool-use-edit.json', repo), repo);
  // The developer adds a line by hand (no hook runs) …
  fs.appendFileSync(cart(repo), 'export const TAX = 0.2;\n');
  // … then the agent edits line 2 again.
  const edit = (o: Record<string, unknown>) => {
    o.tool_use_id = 'toolu_second';
    o.tool_input = { file_path: cart(repo), old_string: '0);', new_string: '0) * (1 + TAX);' };
  };
  checkpoint('claude', payload('claude/pre-tool-use-edit.json', repo, edit), repo);
  fs.writeFileSync(cart(repo), fs.readFileSync(cart(repo), 'utf8').replace('0);', '0) * (1 + TAX);'));
  checkpoint('claude', payload('claude/post-tool-use-edit.json', repo, edit), repo);
  const s = status(repo).get('src/cart.ts') ?? [];
  assert.deepEqual(aiLines(s), [[2, 2, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
  const line4 = s.find((r) => r.startLine <= 4 && r.endLine >= 4);
  assert.ok(!line4 || line4.kind === 'human', JSON.stringify(line4));
});

test('edits made while the agent waited between its pre and post events are not the agent\'s', () => {
  const repo = makeRepo();
  checkpoint('claude', payload('claude/pre-tool-use-edit.json', repo), repo);
  // The developer saves a line by hand while Claude Code waits for permission …
  fs.writeFileSync(cart(repo), ORIG + 'export const TAX = 0.2;\n');
  // … then the Edit runs.
  fs.writeFileSync(cart(repo), AGENT + 'export const TAX = 0.2;\n');
  checkpoint('claude', payload('claude/post-tool-use-edit.json', repo), repo);
  const s = status(repo).get('src/cart.ts') ?? [];
  assert.deepEqual(aiLines(s), [[2, 2, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
  assert.ok(!s.some((r) => r.kind === 'ai' && r.endLine >= 4), JSON.stringify(s));
});

test('Cursor: post-only afterFileEdit and afterTabFileEdit are diffed against the text before the edit', () => {
  const repo = makeRepo();
  fs.writeFileSync(cart(repo), AGENT);
  const r = checkpoint('cursor', payload('cursor/after-file-edit.json', repo), repo);
  assert.equal(r.stdout.trim(), '{}');
  assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [[2, 2, 'Cursor', 'claude-4.5-sonnet']]);
  fs.appendFileSync(cart(repo), 'export const EMPTY: number[] = [];\n');
  checkpoint('cursor', payload('cursor/after-tab-file-edit.json', repo), repo);
  assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [
    [2, 2, 'Cursor', 'claude-4.5-sonnet'],
    [4, 4, 'Cursor', 'cursor-tab'],
  ]);
});

test('Cursor: when the edits cannot be undone, the index is the last known content', () => {
  const repo = makeRepo();
  fs.writeFileSync(cart(repo), AGENT);
  checkpoint('cursor', payload('cursor/after-file-edit.json', repo, (o) => (o.edits = [])), repo);
  assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [[2, 2, 'Cursor', 'claude-4.5-sonnet']]);
});

test('GitHub Copilot in VS Code (editFiles), and through Claude settings, is GitHubCopilot', () => {
  for (const [agent, pre, post] of [
    ['copilot', 'copilot/pre-tool-use.json', 'copilot/post-tool-use.json'],
    ['claude', 'claude/vscode-pre-tool-use.json', 'claude/vscode-post-tool-use.json'],
  ] as const) {
    const repo = makeRepo();
    checkpoint(agent, payload(pre, repo), repo);
    fs.writeFileSync(cart(repo), AGENT);
    checkpoint(agent, payload(post, repo), repo);
    assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [[2, 2, 'GitHubCopilot', 'unknown']], agent);
  }
});

test('Copilot CLI payloads (no event name) use the --event the installed hook passes', () => {
  const repo = makeRepo();
  checkpoint('copilot', payload('copilot/cli-pre-tool-use.json', repo), repo, ['--event', 'PreToolUse']);
  fs.writeFileSync(cart(repo), ORIG.replace('  let sum = 0;', '  let sum = 0; // running total'));
  checkpoint('copilot', payload('copilot/cli-pre-tool-use.json', repo), repo, ['--event', 'PostToolUse']);
  assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [[2, 2, 'GitHubCopilot', 'unknown']]);
});

test('Codex apply_patch is Codex with the model from the payload', () => {
  const repo = makeRepo();
  checkpoint('codex', payload('codex/pre-tool-use-apply-patch.json', repo), repo);
  fs.writeFileSync(cart(repo), AGENT);
  checkpoint('codex', payload('codex/post-tool-use-apply-patch.json', repo), repo);
  assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [[2, 2, 'Codex', 'gpt-5-codex']]);
});

test('Gemini CLI BeforeTool/AfterTool replace is GeminiCli (through dist/hook.js, the bundle installed hooks run)', () => {
  const repo = makeRepo();
  const hookJs = path.join(root, 'dist/hook.js');
  const r = checkpoint('gemini', payload('gemini/before-tool-replace.json', repo), repo, [], hookJs);
  assert.equal(r.stdout.trim(), '{}');
  fs.writeFileSync(cart(repo), AGENT);
  checkpoint('gemini', payload('gemini/after-tool-replace.json', repo), repo, [], hookJs);
  assert.deepEqual(aiLines(status(repo).get('src/cart.ts')), [[2, 2, 'GeminiCli', 'unknown']]);
});

test('Claude Code Bash: files the command changed or created are the agent’s, others are not', () => {
  const repo = makeRepo();
  fs.writeFileSync(path.join(repo, 'notes.md'), 'draft by hand\n'); // dirty before, untouched by the command
  fs.writeFileSync(path.join(repo, 'src/util.ts'), 'export const a = 1;\n');
  git(repo, 'add', 'src/util.ts');
  git(repo, 'commit', '-qm', 'util');
  fs.appendFileSync(path.join(repo, 'src/util.ts'), 'export const b = 2; // by hand\n'); // dirty before, changed by the command
  checkpoint('claude', payload('claude/pre-tool-use-bash.json', repo), repo);
  fs.writeFileSync(cart(repo), ORIG.replace('let sum = 0', 'let sum = 0 // running total'));
  fs.appendFileSync(path.join(repo, 'src/util.ts'), 'export const c = 3;\n');
  fs.writeFileSync(path.join(repo, 'src/new.ts'), 'export {};\n');
  checkpoint('claude', payload('claude/post-tool-use-bash.json', repo), repo);
  const s = status(repo);
  assert.deepEqual(aiLines(s.get('src/cart.ts')), [[2, 2, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
  assert.deepEqual(aiLines(s.get('src/util.ts')), [[3, 3, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
  assert.deepEqual(aiLines(s.get('src/new.ts')), [[1, 1, 'ClaudeCode', 'claude-sonnet-4-5-20250929']]);
  assert.equal(aiLines(s.get('notes.md')).length, 0);
});

test('malformed payloads: exit 0 for the agent, one clear line on stderr and in hooks.log, nothing recorded', () => {
  const repo = makeRepo();
  for (const input of ['', '{"tool_name":', '[]', '{"hook_event_name":"PreToolUse","session_id":"s","tool_name":"Edit","tool_input":{}}']) {
    const r = spawnSync(process.execPath, [cli, 'checkpoint', 'claude', '--hook-input', 'stdin'], { cwd: repo, input, encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^aiprov checkpoint: malformed claude hook payload: /);
  }
  const log = fs.readFileSync(path.join(repo, '.git/ai-provenance/hooks.log'), 'utf8');
  assert.equal(log.trimEnd().split('\n').length, 4);
  assert.ok(!fs.existsSync(path.join(repo, '.git/ai-provenance/events.jsonl')));
  const usage = spawnSync(process.execPath, [cli, 'checkpoint', 'claude'], { cwd: repo, input: '{}', encoding: 'utf8' });
  assert.equal(usage.status, 2, 'a person calling it wrongly gets a usage error');
});

test('files outside the repository and folders outside git are skipped quietly', () => {
  const repo = makeRepo();
  const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-nogit-')));
  const r = checkpoint('claude', payload('claude/pre-tool-use-edit.json', elsewhere), elsewhere);
  assert.equal(r.stderr, '');
  const r2 = checkpoint('claude', payload('claude/pre-tool-use-edit.json', repo, (o) => ((o.tool_input as Record<string, unknown>).file_path = path.join(elsewhere, 'x.ts'))), repo);
  assert.equal(r2.stderr, '');
  assert.ok(!fs.existsSync(path.join(repo, '.git/ai-provenance/events.jsonl')));
});

test('a hook whose standard input never closes gives up after the timeout and exits 0', async () => {
  const repo = makeRepo();
  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'checkpoint', 'claude', '--hook-input', 'stdin'], { cwd: repo, env: { ...process.env, AIPROV_HOOK_TIMEOUT_MS: '300' } });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stdin.destroy();
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 5000);
  assert.match(stderr, /gave up after 300 ms/);
});

test('16 concurrent hook processes writing 1,000 events in total lose none', async () => {
  const repo = makeRepo();
  const procs = 16;
  const total = 1000;
  const runs: Promise<number | null>[] = [];
  const expected = new Set<string>();
  for (let p = 0; p < procs; p++) {
    const n = Math.floor(total / procs) + (p < total % procs ? 1 : 0);
    const files: string[] = [];
    for (let i = 0; i < n; i++) {
      const rel = `gen/p${p}/f${i}.ts`;
      fs.mkdirSync(path.join(repo, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), `export const v = ${p * 1000 + i};\n`);
      files.push(path.join(repo, rel));
      expected.add(rel);
    }
    const input = JSON.stringify({ timestamp: new Date().toISOString(), hookEventName: 'PostToolUse', sessionId: `s${p}`, cwd: repo, tool_name: 'editFiles', tool_input: { files }, tool_response: 'ok', tool_use_id: `t${p}` });
    const child = spawn(process.execPath, [cli, 'checkpoint', 'copilot', '--hook-input', 'stdin'], { cwd: repo, env: { ...process.env, AIPROV_HOOK_TIMEOUT_MS: '60000' } });
    child.stdin.end(input);
    runs.push(new Promise((resolve) => child.on('exit', resolve)));
  }
  assert.deepEqual(await Promise.all(runs), new Array(procs).fill(0));
  const warnings: string[] = [];
  const { events } = readEvents(path.join(repo, '.git/ai-provenance'), 0, (m) => warnings.push(m));
  assert.deepEqual(warnings, []);
  assert.equal(events.length, total);
  assert.equal(new Set(events.map((e) => e.id)).size, total);
  assert.deepEqual(new Set(events.map((e) => e.path)), expected);
});

test('a hook call on a small file loads neither node:crypto nor child_process (each costs milliseconds per agent edit)', () => {
  const repo = makeRepo();
  const hookJs = path.join(root, 'dist/hook.js');
  // Prints the built-in modules the process loaded, as it exits.
  const probe = path.join(repo, '.git', 'probe.js');
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n");
  const loaded = (input: string): string[] => {
    const r = spawnSync(process.execPath, ['--require', probe, hookJs, 'checkpoint', 'claude', '--hook-input', 'stdin'], { cwd: repo, input, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stderr) as string[];
  };
  const pre = loaded(payload('claude/pre-tool-use-edit.json', repo));
  fs.writeFileSync(path.join(repo, 'src/cart.ts'), AGENT);
  const post = loaded(payload('claude/post-tool-use-edit.json', repo));
  for (const list of [pre, post]) {
    assert.ok(list.some((m) => m === 'NativeModule fs'), 'the probe sees built-in modules');
    assert.deepEqual(list.filter((m) => /^NativeModule (crypto|child_process)$/.test(m)), []);
  }
  assert.equal(readEvents(path.join(repo, '.git/ai-provenance')).events.length, 2);
});
