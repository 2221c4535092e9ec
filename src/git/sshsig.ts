import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { git } from './git';
import { Askpass } from './sshsigAskpass';

/** An `ssh-keygen` signing or verification problem, in one line. */
export class SshSigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshSigError';
  }
}

const KEYGEN = process.env.AIPROV_SSH_KEYGEN || 'ssh-keygen';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Signing was cancelled at the passphrase prompt; nothing was signed. */
export class SshSigCancelled extends SshSigError {
  constructor(key: string) {
    super(`signing cancelled: no passphrase given for ${key}; nothing was signed`);
    this.name = 'SshSigCancelled';
  }
}

/**
 * Runs ssh-keygen with `input` on stdin; never through a shell. With `env`
 * (the editor's signing) it runs in a session of its own, without a
 * controlling terminal, so it can never wait on a terminal prompt.
 */
function keygen(args: string[], input: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(KEYGEN, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000, ...(env ? { env, detached: true } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new SshSigError(e.code === 'ENOENT' ? 'ssh-keygen is not installed or not on PATH (OpenSSH 8.2 or later is needed)' : `ssh-keygen failed to start: ${e.message}`)),
    );
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {
      /* ssh-keygen may exit before reading everything; the exit code tells */
    });
    child.stdin.end(input);
  });
}

function lastLine(s: string): string {
  const lines = s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Signing data on standard input/.test(l));
  return lines[lines.length - 1] ?? '';
}

/** A signing key file to pass to `ssh-keygen -f`, and how to clean up after it. */
export interface SigningKey {
  file: string;
  /** Where the key came from, for messages (`user.signingKey`, `--key`). */
  source: string;
  dispose(): void;
}

/**
 * Finds the SSH key to sign with: `explicit` (a path or a `key::` literal),
 * else git's `user.signingKey`. A literal public key (`key::ssh-ed25519 …`,
 * as git accepts) is written to a private temp file; ssh-keygen then signs
 * through ssh-agent, which holds the private half. Passphrases come from
 * ssh-agent, the editor's prompt or ssh-keygen's own; we never store them.
 */
export async function resolveSigningKey(cwd: string, explicit?: string): Promise<SigningKey> {
  let value = explicit?.trim();
  let source = 'the --key option';
  if (!value) {
    const r = await git(['config', '--get', 'user.signingKey'], { cwd, allowFailure: true });
    value = r.stdout.trim();
    source = 'git config user.signingKey';
  }
  if (!value) throw new SshSigError('no SSH signing key: set one with `git config user.signingKey ~/.ssh/id_ed25519.pub` or pass --key');
  const literal = value.startsWith('key::') ? value.slice(5).trim() : /^(ssh-|ecdsa-|sk-)/.test(value) ? value : undefined;
  if (literal) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-key-'));
    const file = path.join(dir, 'key.pub');
    fs.writeFileSync(file, `${literal}\n`, { mode: 0o600 });
    return { file, source, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const file = value.startsWith('~/') ? path.join(os.homedir(), value.slice(2)) : path.resolve(cwd, value);
  if (!fs.existsSync(file)) throw new SshSigError(`the SSH signing key from ${source} does not exist: ${file}`);
  return { file, source, dispose: () => undefined };
}

/**
 * Asks the user for the passphrase of `key` (a path); resolves undefined when
 * they cancel. `retry` is true after a wrong one.
 */
export type PassphrasePrompt = (req: { key: string; retry: boolean }) => Promise<string | undefined>;

/** How {@link sshSign} may get a passphrase. */
export interface SignOptions {
  /**
   * Asked only when the key is encrypted and no ssh-agent holds it. Without
   * it, ssh-keygen asks on the terminal itself (the CLI).
   */
  prompt?: PassphrasePrompt;
  /** Wrong passphrases accepted before giving up (default 3). */
  attempts?: number;
}

const WRONG_PASSPHRASE = /incorrect passphrase/i;

function signFailure(r: Run, key: SigningKey): SshSigError {
  return new SshSigError(`ssh-keygen could not sign with the key from ${key.source}: ${lastLine(r.stderr) || `exit ${r.code}`}`);
}

const signed = (r: Run) => r.code === 0 && r.stdout.includes('BEGIN SSH SIGNATURE');

/**
 * Signs with a passphrase from `prompt`: a first attempt with an askpass
 * that answers nothing (an unencrypted key, or one ssh-agent holds, signs
 * here and nobody is asked); on "incorrect passphrase", ask, hand the answer
 * to ssh-keygen through a FIFO ({@link Askpass}), and ask again when wrong.
 */
async function signWithPrompt(args: string[], payload: string, key: SigningKey, opts: SignOptions & { prompt: PassphrasePrompt }): Promise<string> {
  let askpass: Askpass;
  try {
    askpass = Askpass.create();
  } catch (e) {
    // No FIFO here (Windows): ssh-agent and unencrypted keys still sign; an encrypted key gets the reason.
    const r = await keygen(args, payload, { ...process.env, SSH_ASKPASS_REQUIRE: 'never' });
    if (signed(r)) return r.stdout.trim();
    throw WRONG_PASSPHRASE.test(r.stderr) ? new SshSigError((e as Error).message) : signFailure(r, key);
  }
  // The passphrase protects the private half, next to `key.pub` (as ssh-keygen looks for it).
  const privateKey = key.file.replace(/\.pub$/, '');
  try {
    let r = await keygen(args, payload, askpass.env(false));
    for (let attempt = 0; !signed(r); attempt++) {
      if (/ssh_askpass:/.test(r.stderr)) throw new SshSigError(`ssh-keygen could not run its passphrase helper: ${lastLine(r.stderr)}`);
      if (!WRONG_PASSPHRASE.test(r.stderr)) throw signFailure(r, key);
      const max = opts.attempts ?? 3;
      if (attempt >= max) throw new SshSigError(`wrong passphrase for ${privateKey} (${max} attempts); nothing was signed`);
      const passphrase = await opts.prompt({ key: privateKey, retry: attempt > 0 });
      if (passphrase === undefined) throw new SshSigCancelled(privateKey);
      r = await askpass.run(passphrase, (env) => keygen(args, payload, env));
    }
    return r.stdout.trim();
  } finally {
    askpass.dispose();
  }
}

/**
 * Signs `payload` with `ssh-keygen -Y sign -n namespace`; returns the armored
 * signature. The passphrase of an encrypted key comes from ssh-agent, else
 * from `opts.prompt` (the editor), else from ssh-keygen's own terminal
 * prompt; it is never stored.
 */
export async function sshSign(payload: string, key: SigningKey, namespace: string, opts: SignOptions = {}): Promise<string> {
  const args = ['-Y', 'sign', '-f', key.file, '-n', namespace];
  if (opts.prompt) return signWithPrompt(args, payload, key, { ...opts, prompt: opts.prompt });
  const r = await keygen(args, payload);
  if (!signed(r)) throw signFailure(r, key);
  return r.stdout.trim();
}

/** What to verify. */
export interface VerifyRequest {
  payload: string;
  signature: string;
  /** Path of an OpenSSH allowed-signers file. */
  allowedSigners: string;
  /** The principal (email) the signature must belong to. */
  principal: string;
  namespace: string;
}

/** Result of a verification; `reason` says in one line why it failed. */
export interface VerifyResult {
  ok: boolean;
  reason?: string;
}

/**
 * Verifies with `ssh-keygen -Y verify`. On failure asks ssh-keygen two more
 * questions to name the cause: does the signature match the content at all
 * (`check-novalidate`), and whose key made it (`find-principals`).
 */
export async function sshVerify(req: VerifyRequest, scratchDir: string): Promise<VerifyResult> {
  const sigFile = path.join(scratchDir, `sig-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(sigFile, `${req.signature.trim()}\n`);
  try {
    const v = await keygen(['-Y', 'verify', '-f', req.allowedSigners, '-I', req.principal, '-n', req.namespace, '-s', sigFile], req.payload);
    if (v.code === 0) return { ok: true };
    const check = await keygen(['-Y', 'check-novalidate', '-n', req.namespace, '-s', sigFile], req.payload);
    if (check.code !== 0) return { ok: false, reason: 'the signature does not match the signed fields (edited note, or another namespace)' };
    const who = await keygen(['-Y', 'find-principals', '-s', sigFile, '-f', req.allowedSigners], '');
    const principals = who.code === 0 ? who.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
    if (principals.length === 0) return { ok: false, reason: `the signing key is not in the allowed-signers file` };
    if (!principals.includes(req.principal)) return { ok: false, reason: `signed with the key of ${principals.join(', ')}, not of ${req.principal}` };
    return { ok: false, reason: `ssh-keygen rejected it: ${lastLine(v.stderr) || lastLine(v.stdout) || 'no reason given'} (namespace or validity restriction?)` };
  } finally {
    fs.rmSync(sigFile, { force: true });
  }
}
