import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { resolveSigningKey, SshSigCancelled, sshSign, sshVerify } from '../../src/git/sshsig';
import { Askpass } from '../../src/git/sshsigAskpass';

const NS = 'ai-provenance-review@v1';
const PASS = 'correct horse battery staple';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-passphrase-'));
const key = path.join(dir, 'id_ed25519');
const plainKey = path.join(dir, 'plain');
const signers = path.join(dir, 'allowed_signers');
// Our temp files (askpass folder) go here, so the test can see them removed.
const tmp = path.join(dir, 'tmp');
const saved = { TMPDIR: process.env.TMPDIR, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };

before(() => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASS, '-C', 'sam@example.com', '-f', key]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'sam@example.com', '-f', plainKey]);
  const pub = (k: string) => fs.readFileSync(`${k}.pub`, 'utf8').trim();
  fs.writeFileSync(signers, `sam@example.com namespaces="${NS}" ${pub(key)}\nsam@example.com namespaces="${NS}" ${pub(plainKey)}\n`);
  fs.mkdirSync(tmp);
  process.env.TMPDIR = tmp;
  delete process.env.SSH_AUTH_SOCK; // no agent unless a test starts one
});

after(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A prompt that answers from `answers` in turn and records what it was asked. */
function prompter(...answers: (string | undefined)[]) {
  const asked: { key: string; retry: boolean }[] = [];
  return {
    asked,
    prompt: (req: { key: string; retry: boolean }) => {
      asked.push(req);
      return Promise.resolve(answers.shift());
    },
  };
}

async function sign(file: string, prompt: ReturnType<typeof prompter>['prompt'], payload = 'payload\n'): Promise<string> {
  const k = await resolveSigningKey(dir, file);
  try {
    return await sshSign(payload, k, NS, { prompt });
  } finally {
    k.dispose();
  }
}

async function verifies(signature: string, payload = 'payload\n'): Promise<boolean> {
  return (await sshVerify({ payload, signature, allowedSigners: signers, principal: 'sam@example.com', namespace: NS }, dir)).ok;
}

test('an encrypted key without agent: the prompt is asked once, and the signature verifies', async () => {
  const p = prompter(PASS);
  const sig = await sign(`${key}.pub`, p.prompt);
  assert.deepEqual(p.asked, [{ key, retry: false }], 'asked for the private key file');
  assert.equal(await verifies(sig), true);
  assert.deepEqual(fs.readdirSync(tmp), [], 'the askpass folder and its FIFO are removed');
});

test('a wrong passphrase is asked again with retry set; the right one then signs', async () => {
  const p = prompter('wrong one', PASS);
  const sig = await sign(key, p.prompt, 'other payload\n');
  assert.deepEqual(
    p.asked.map((a) => a.retry),
    [false, true],
  );
  assert.equal(await verifies(sig, 'other payload\n'), true);
});

test('cancel at the prompt signs nothing and says so', async () => {
  const p = prompter(undefined);
  await assert.rejects(sign(key, p.prompt), (e: Error) => e instanceof SshSigCancelled && /cancelled.*nothing was signed/.test(e.message));
  assert.equal(p.asked.length, 1);
  assert.deepEqual(fs.readdirSync(tmp), []);
});

test('three wrong passphrases give up with a clear error', async () => {
  const p = prompter('a', 'b', 'c', PASS);
  await assert.rejects(sign(key, p.prompt), /wrong passphrase for .*id_ed25519 \(3 attempts\); nothing was signed/);
  assert.equal(p.asked.length, 3, 'the fourth answer is never asked for');
});

test('a key without passphrase signs without asking', async () => {
  const p = prompter(PASS);
  assert.equal(await verifies(await sign(plainKey, p.prompt)), true);
  assert.equal(p.asked.length, 0);
});

test('a key that ssh-agent holds signs without asking', async (t) => {
  const agent = spawnSync('ssh-agent', ['-s', '-a', path.join(dir, 'agent.sock')], { encoding: 'utf8' });
  if (agent.status !== 0) return t.skip(`ssh-agent did not start: ${agent.stderr}`);
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]);
  try {
    process.env.SSH_AUTH_SOCK = path.join(dir, 'agent.sock');
    // The agent gets the key through a decrypted copy: same key pair, so ssh-keygen finds it for key.pub.
    const copy = path.join(dir, 'agent-copy');
    fs.copyFileSync(key, copy);
    fs.chmodSync(copy, 0o600);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', PASS, '-N', '', '-f', copy]);
    execFileSync('ssh-add', ['-q', copy], { env: process.env, stdio: 'pipe' });
    const p = prompter(PASS);
    assert.equal(await verifies(await sign(`${key}.pub`, p.prompt)), true);
    assert.equal(p.asked.length, 0);
  } finally {
    delete process.env.SSH_AUTH_SOCK;
    if (pid) process.kill(pid);
  }
});

test('the askpass hands over one line through the FIFO, never argv or environment', async () => {
  const a = Askpass.create();
  try {
    const seen = await a.run('s3cret with spaces ', (env) => {
      assert.ok(!Object.values(env).some((v) => v?.includes('s3cret')), 'not in the environment');
      assert.equal(env.SSH_ASKPASS_REQUIRE, 'force');
      return Promise.resolve(execFileSync(env.SSH_ASKPASS!, ['Enter passphrase:'], { env, encoding: 'utf8' }));
    });
    assert.equal(seen, 's3cret with spaces \n');
    // Without the FIFO (the probing attempt) the helper answers nothing and fails.
    assert.equal(spawnSync(a.env(false).SSH_ASKPASS!, ['x'], { env: a.env(false) }).status, 1);
    await assert.rejects(a.run('two\nlines', () => Promise.resolve('')), /line break/);
  } finally {
    a.dispose();
  }
  assert.deepEqual(fs.readdirSync(tmp), []);
});

test('without mkfifo (as on Windows) an agent or unencrypted key still signs; an encrypted one says to use ssh-agent', async () => {
  const bin = path.join(dir, 'bin-no-mkfifo');
  fs.mkdirSync(bin);
  const keygenPath = execFileSync('sh', ['-c', 'command -v ssh-keygen'], { encoding: 'utf8' }).trim();
  fs.symlinkSync(keygenPath, path.join(bin, 'ssh-keygen'));
  const savedPath = process.env.PATH;
  process.env.PATH = bin;
  try {
    const p = prompter(PASS);
    assert.equal(await verifies(await sign(plainKey, p.prompt)), true);
    await assert.rejects(sign(key, p.prompt), /cannot pass a passphrase to ssh-keygen here .*load the key into ssh-agent instead/);
    assert.equal(p.asked.length, 0, 'never asked for a passphrase it cannot hand over');
  } finally {
    process.env.PATH = savedPath;
  }
  assert.deepEqual(fs.readdirSync(tmp), []);
});
