/**
 * A real review setup for tests: a bare repository as the remote, an
 * engineer's clone and a senior's clone, real ed25519 keys from ssh-keygen,
 * a committed policy and allowed-signers file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '../../..');
export const cli = path.join(root, 'dist/cli.js');
export const NS = 'ai-provenance-review@v1';

export function sh(cwd: string, cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function gitc(cwd: string, ...args: string[]): string {
  return sh(cwd, 'git', args).trim();
}

export function aiprov(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface Person {
  email: string;
  name: string;
  key: string;
  pub: string;
}

export interface World {
  dir: string;
  remote: string;
  eng: string;
  senior: string;
  people: Record<'eng' | 'senior' | 'senior2' | 'outsider', Person>;
  cleanup(): void;
}

function person(dir: string, id: string, email: string, name: string): Person {
  const key = path.join(dir, 'keys', id);
  fs.mkdirSync(path.dirname(key), { recursive: true });
  sh(dir, 'ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', email, '-f', key]);
  return { email, name, key, pub: fs.readFileSync(`${key}.pub`, 'utf8').trim() };
}

export function configure(repo: string, p: Person): void {
  gitc(repo, 'config', 'user.name', p.name);
  gitc(repo, 'config', 'user.email', p.email);
  gitc(repo, 'config', 'commit.gpgsign', 'false');
  gitc(repo, 'config', 'user.signingKey', `${p.key}.pub`);
}

export function commitFile(repo: string, file: string, content: string, message: string): string {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), content);
  gitc(repo, 'add', '--', file);
  gitc(repo, 'commit', '-q', '-m', message);
  return gitc(repo, 'rev-parse', 'HEAD');
}

/** Policy options for the world. */
export interface WorldOptions {
  approval?: Record<string, unknown>;
  /** Who is in the allowed-signers file (default: both seniors but not senior2's? see below). */
  signers?: ('eng' | 'senior' | 'senior2' | 'outsider')[];
}

/**
 * Builds the world: main has the policy (seniors: senior, senior2; everyone
 * else non-senior) and an allowed-signers file; the engineer works on
 * `feature`, pushed to the remote.
 */
export function makeWorld(opts: WorldOptions = {}): World {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-review-'));
  const people = {
    eng: person(dir, 'eng', 'eng@example.com', 'Eve Engineer'),
    senior: person(dir, 'senior', 'senior@example.com', 'Sam Senior'),
    senior2: person(dir, 'senior2', 'senior2@example.com', 'Sue Senior'),
    outsider: person(dir, 'outsider', 'outsider@example.com', 'Olly Outsider'),
  };
  const remote = path.join(dir, 'remote.git');
  gitc(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  const eng = path.join(dir, 'eng clone');
  gitc(dir, 'clone', '-q', remote, eng);
  configure(eng, people.eng);
  gitc(eng, 'checkout', '-q', '-b', 'main');
  const policy = {
    version: 1,
    seniors: [
      { email: people.senior.email, name: people.senior.name },
      { email: people.senior2.email, name: people.senior2.name },
    ],
    engineers: [{ email: people.eng.email, level: 'junior' }],
    approval: { require: 'all-ai-assisted', count: 1, ...opts.approval },
    criticalPaths: [{ pattern: 'infra/**', tier: 'critical' }],
  };
  const signers = (opts.signers ?? ['senior', 'eng', 'outsider'])
    .map((k) => `${people[k].email} namespaces="${NS}" ${people[k].pub}`)
    .join('\n');
  fs.mkdirSync(path.join(eng, '.aiprov'), { recursive: true });
  fs.writeFileSync(path.join(eng, '.aiprov/policy.json'), JSON.stringify(policy, null, 2));
  fs.writeFileSync(path.join(eng, '.aiprov/allowed_signers'), `${signers}\n`);
  fs.writeFileSync(path.join(eng, 'CODEOWNERS'), `* @nobody\ninfra/ ${people.senior2.email}\n`);
  gitc(eng, 'add', '.');
  gitc(eng, 'commit', '-q', '-m', 'policy');
  gitc(eng, 'push', '-q', '-u', 'origin', 'main');
  gitc(remote, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  gitc(eng, 'remote', 'set-head', 'origin', 'main');
  gitc(eng, 'checkout', '-q', '-b', 'feature');
  const senior = path.join(dir, 'senior clone');
  gitc(dir, 'clone', '-q', remote, senior);
  configure(senior, people.senior);
  return { dir, remote, eng, senior, people, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Pushes the engineer's current branch and requests review through the CLI; returns the review id. */
export function pushAndRequest(w: World, extra: string[] = []): string {
  gitc(w.eng, 'push', '-q', '-u', 'origin', 'HEAD');
  const r = aiprov(w.eng, ['review', 'request', '--json', ...extra]);
  if (r.code !== 0) throw new Error(`request failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { id: string }).id;
}
