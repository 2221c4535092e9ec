import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'jsonc-parser/lib/esm/main.js';
import { HOOK_ENV_RESET, nodeForHooks, scriptOfCommand, shellQuote } from '../../src/core/agents/config/command';
import { installedCommands } from '../../src/core/agents/config/install';
import { HOOK_SPECS, isOurCommand } from '../../src/core/agents/config/specs';
import { AGENT_IDS, type AgentId } from '../../src/core/agents/types';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

function aiprov(args: string[], cwd: string, home: string) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, env: { ...process.env, HOME: home } });
}

function tempRepo(): { repo: string; home: string } {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-agents-')));
  const repo = path.join(base, 'repo with space');
  fs.mkdirSync(repo);
  spawnSync('git', ['init', '-q'], { cwd: repo });
  const home = path.join(base, 'home');
  fs.mkdirSync(home);
  return { repo, home };
}

/** A user's own config for each agent, with comments, tabs or odd spacing, and a hook of theirs. */
const USER_CONFIGS: Record<AgentId, string> = {
  claude: '{\n\t// team settings\n\t"permissions": { "allow": ["Bash(npm test)"] },\n\t"hooks": {\n\t\t"PostToolUse": [ { "matcher": "Edit", "hooks": [ { "type": "command", "command": "npx prettier --write" } ] } ]\n\t}\n}\n',
  cursor: '{\r\n    "version": 1,\r\n    "hooks": {\r\n        "beforeShellExecution": [ { "command": "./guard.sh" } ],\r\n        "afterFileEdit": [ { "command": "./format.sh" } ]\r\n    }\r\n}\r\n',
  copilot: '{ "version": 1, "hooks": { "sessionStart": [ { "type": "command", "bash": "echo hi" } ] } }',
  codex: '{\n  "hooks": {\n    "Stop": [ { "hooks": [ { "type": "command", "command": "notify-send done" } ] } ]\n  }\n}\n',
  gemini: '{\n  "theme": "GitHub",\n  /* keep */ "hooks": { "BeforeTool": [] },\n  "model": { "name": "gemini-2.5-pro" }\n}',
};

function ourCommands(file: string, agent: AgentId): string[] {
  const o = parse(fs.readFileSync(file, 'utf8')) as { hooks: Record<string, unknown[]> };
  const out: string[] = [];
  for (const ev of HOOK_SPECS[agent].events) {
    for (const item of o.hooks[ev.name] ?? []) {
      const entries = HOOK_SPECS[agent].shape === 'flat' ? [item] : ((item as { hooks: unknown[] }).hooks ?? []);
      for (const e of entries as { command?: string }[]) if (isOurCommand(e.command, agent)) out.push(e.command!);
    }
  }
  return out;
}

for (const agent of AGENT_IDS) {
  test(`${agent}: install merges into the user's config, is idempotent, and uninstall restores it byte for byte`, () => {
    const { repo, home } = tempRepo();
    const file = path.join(repo, HOOK_SPECS[agent].projectFile);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, USER_CONFIGS[agent]);
    const r = aiprov(['agents', 'install', agent], repo, home);
    assert.equal(r.status, 0, r.stderr);
    const merged = fs.readFileSync(file, 'utf8');
    assert.equal(fs.readFileSync(file + '.aiprov-backup', 'utf8'), USER_CONFIGS[agent]);
    assert.equal(ourCommands(file, agent).length, HOOK_SPECS[agent].events.length);
    for (const c of ourCommands(file, agent)) {
      assert.ok(c.includes(`checkpoint ${agent} --hook-input stdin`), c);
      // The cleared environment, then absolute paths to the chosen Node and to the hook bundle beside the CLI, quoted (the path has a space).
      assert.ok(c.startsWith(`${HOOK_ENV_RESET}${shellQuote(nodeForHooks().node)} ${path.join(root, 'dist/hook.js')} `), c);
    }
    // The user's own entries are all still there.
    const user = parse(USER_CONFIGS[agent]) as Record<string, unknown>;
    const now = parse(merged) as Record<string, unknown>;
    for (const k of Object.keys(user).filter((k) => k !== 'hooks')) assert.deepEqual(now[k], user[k]);
    for (const [ev, list] of Object.entries((user.hooks ?? {}) as Record<string, unknown[]>)) {
      assert.deepEqual(((now.hooks as Record<string, unknown[]>)[ev] ?? []).slice(0, list.length), list);
    }
    if (agent === 'cursor') assert.ok(!/[^\r]\n/.test(merged), 'CRLF line ends kept');
    if (agent === 'claude') assert.ok(merged.includes('\t// team settings'), 'comment and tabs kept');
    assert.equal(aiprov(['agents', 'install', agent], repo, home).status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), merged, 'a second install changes nothing');
    const u = aiprov(['agents', 'install', agent, '--uninstall'], repo, home);
    assert.equal(u.status, 0, u.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), USER_CONFIGS[agent]);
    assert.ok(!fs.existsSync(file + '.aiprov-backup'));
  });

  test(`${agent}: a config we created is deleted again by uninstall, folders included`, () => {
    const { repo, home } = tempRepo();
    const file = path.join(repo, HOOK_SPECS[agent].projectFile);
    assert.equal(aiprov(['agents', 'install', agent], repo, home).status, 0);
    assert.ok(fs.existsSync(file));
    assert.ok(!fs.existsSync(file + '.aiprov-backup'));
    JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(aiprov(['agents', 'uninstall', agent], repo, home).status, 0);
    assert.ok(!fs.existsSync(file));
    assert.deepEqual(fs.readdirSync(repo), ['.git']);
  });
}

test("uninstall keeps what the user added after install and removes only our entries", () => {
  const { repo, home } = tempRepo();
  assert.equal(aiprov(['agents', 'install', 'claude'], repo, home).status, 0);
  const file = path.join(repo, '.claude/settings.json');
  const o = JSON.parse(fs.readFileSync(file, 'utf8')) as { hooks: { PreToolUse: { matcher: string; hooks: unknown[] }[] }; env?: unknown };
  o.hooks.PreToolUse.push({ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard' }] });
  o.env = { A: '1' };
  fs.writeFileSync(file, JSON.stringify(o, null, 2));
  assert.equal(aiprov(['agents', 'uninstall', 'claude'], repo, home).status, 0);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard' }] }] }, env: { A: '1' } });
});

test('--global writes the per-user config under HOME; list reports connection', () => {
  const { repo, home } = tempRepo();
  const r = aiprov(['agents', 'install', 'claude', 'gemini', '--global', '--json'], repo, home);
  assert.equal(r.status, 0, r.stderr);
  const changes = JSON.parse(r.stdout) as { file: string; action: string }[];
  assert.deepEqual(changes.map((c) => [c.file, c.action]), [[path.join(home, '.claude/settings.json'), 'created'], [path.join(home, '.gemini/settings.json'), 'created']]);
  const list = JSON.parse(aiprov(['agents', 'list', '--json'], repo, home).stdout) as { agent: string; detected: boolean; connected: { global: boolean; project: boolean } }[];
  assert.deepEqual(list.find((s) => s.agent === 'claude')?.connected, { project: false, global: true });
  assert.equal(list.find((s) => s.agent === 'claude')?.detected, true);
  assert.equal(aiprov(['agents', 'uninstall', 'all', '--global'], repo, home).status, 0);
  assert.deepEqual(fs.readdirSync(home), []);
});

test('a broken config is refused with one line and nothing is written, for any agent in the call', () => {
  const { repo, home } = tempRepo();
  fs.mkdirSync(path.join(repo, '.gemini'));
  fs.writeFileSync(path.join(repo, '.gemini/settings.json'), '{ "hooks": ');
  const r = aiprov(['agents', 'install', 'claude', 'gemini'], repo, home);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /settings\.json is not valid JSON/);
  assert.ok(!fs.existsSync(path.join(repo, '.claude')));
  fs.writeFileSync(path.join(repo, '.gemini/settings.json'), '{ "hooks": [] }');
  const r2 = aiprov(['agents', 'install', 'gemini'], repo, home);
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /"hooks" in .* is not an object/);
  assert.equal(fs.readFileSync(path.join(repo, '.gemini/settings.json'), 'utf8'), '{ "hooks": [] }');
});

test('untrusted workspaces, unknown agents and folders outside git are refused', () => {
  const { repo, home } = tempRepo();
  const u = aiprov(['agents', 'install', 'claude', '--untrusted'], repo, home);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /not trusted/);
  assert.ok(!fs.existsSync(path.join(repo, '.claude')));
  const bad = aiprov(['agents', 'install', 'windsurf'], repo, home);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown agent 'windsurf'/);
  const outside = aiprov(['agents', 'install', 'claude'], home, home);
  assert.equal(outside.status, 1);
  assert.match(outside.stderr, /not in a git repository/);
});

test('a hook whose script moved is updated in place by a new install, not duplicated', () => {
  const { repo, home } = tempRepo();
  assert.equal(aiprov(['agents', 'install', 'claude', '--cli', '/gone/ai-provenance-0.0.9/dist/hook.js'], repo, home).status, 0);
  const file = path.join(repo, '.claude/settings.json');
  const target = { agent: 'claude' as const, global: false, root: repo, home };
  assert.deepEqual(installedCommands(target).map(scriptOfCommand), ['/gone/ai-provenance-0.0.9/dist/hook.js', '/gone/ai-provenance-0.0.9/dist/hook.js']);
  assert.equal(aiprov(['agents', 'install', 'claude'], repo, home).status, 0);
  assert.deepEqual(installedCommands(target).map(scriptOfCommand), [path.join(root, 'dist/hook.js'), path.join(root, 'dist/hook.js')]);
  assert.equal(ourCommands(file, 'claude').length, 2);
  assert.equal(scriptOfCommand(`/usr/bin/node '/a b/it'\\''s/hook.js' checkpoint claude --hook-input stdin`), "/a b/it's/hook.js");
});

/**
 * A fake `node` on a PATH folder of its own, answering `node -p` with the
 * executable it says it is (`real`, else itself) and `version`.
 */
function fakeNode(version: string, real?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-fake-node-'));
  fs.writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho "${real ?? '$0'}"\necho ${version}\n`, { mode: 0o755 });
  return dir;
}

test('hooks run the first node on PATH when it is recent enough, else this Node', () => {
  const recent = fakeNode('22.1.0');
  assert.deepEqual(nodeForHooks(`relative/bin${path.delimiter}${recent}`), { node: path.join(recent, 'node'), electronAsNode: false });
  // Ubuntu 22.04's packaged Node is 12: the hook bundle needs 18.
  const old = fakeNode('12.22.9');
  assert.deepEqual(nodeForHooks(`${old}${path.delimiter}${recent}`), { node: process.execPath, electronAsNode: false });
  assert.deepEqual(nodeForHooks(''), { node: process.execPath, electronAsNode: false });
});

test('a version manager\'s shim on PATH is resolved to the real Node it runs', () => {
  const real = path.join(fakeNode('20.11.1'), 'node');
  const shim = fakeNode('20.11.1', real);
  assert.deepEqual(nodeForHooks(shim), { node: real, electronAsNode: false });
  // A shim that names something that is not there is not trusted.
  assert.deepEqual(nodeForHooks(fakeNode('20.11.1', '/nowhere/node')), { node: process.execPath, electronAsNode: false });
});

test('the hook command clears NODE_OPTIONS and NODE_EXTRA_CA_CERTS and still runs from a POSIX shell', () => {
  const { repo, home } = tempRepo();
  assert.equal(aiprov(['agents', 'install', 'claude'], repo, home).status, 0);
  const [c] = ourCommands(path.join(repo, HOOK_SPECS.claude.projectFile), 'claude');
  assert.ok(c.startsWith('NODE_OPTIONS= NODE_EXTRA_CA_CERTS= '), c);
  // A preload that would fail (or slow) every hook call is not applied.
  const env = { ...process.env, NODE_OPTIONS: '--require ./does-not-exist.js' };
  const r = spawnSync('/bin/sh', ['-c', c], { cwd: repo, env, input: '{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{},"session_id":"s"}', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('install says so when the agent has hooks switched off, and leaves that setting alone', () => {
  const { repo, home } = tempRepo();
  const gemini = path.join(repo, '.gemini/settings.json');
  fs.mkdirSync(path.dirname(gemini), { recursive: true });
  fs.writeFileSync(gemini, '{ "hooksConfig": { "enabled": false } }\n');
  const codexToml = path.join(repo, '.codex/config.toml');
  fs.mkdirSync(path.dirname(codexToml), { recursive: true });
  fs.writeFileSync(codexToml, 'model = "gpt-5"\n\n[features]\nhooks = false # team choice\n');
  const r = aiprov(['agents', 'install', 'gemini', 'codex', 'claude'], repo, home);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /note: .*\.gemini\/settings\.json switches Gemini CLI hooks off \(hooksConfig\.enabled: false\)/);
  assert.match(r.stderr, /note: .*\.codex\/config\.toml switches Codex hooks off \(hooks = false\)/);
  assert.equal(r.stderr.trim().split('\n').length, 2, r.stderr);
  assert.deepEqual((parse(fs.readFileSync(gemini, 'utf8')) as { hooksConfig: unknown }).hooksConfig, { enabled: false });
  assert.equal(fs.readFileSync(codexToml, 'utf8'), 'model = "gpt-5"\n\n[features]\nhooks = false # team choice\n');
  // Switched on (or never mentioned): nothing to say.
  fs.writeFileSync(gemini, '{ "hooksConfig": { "enabled": true } }\n');
  fs.writeFileSync(codexToml, '[features]\ncodex_hooks = true\n');
  const again = aiprov(['agents', 'install', 'gemini', 'codex'], repo, home);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stderr, '');
});
