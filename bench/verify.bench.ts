/**
 * `aiprov verify` over 500 AI-assisted commits that all need senior
 * approval, run as the real CLI process against a real repository with real
 * ssh-keygen signatures. Target: under 5 s. Baselines from the same run:
 * `git log` over the same range (the floor any range tool pays) and
 * `node -e 0` (process start).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appraiseTimestamp, canonicalPayload, DISCUSS_REF, REVIEW_NAMESPACE, serializeRecord, type SignedVerdict } from '../src/core/review';
import { resolveSigningKey, sshSign } from '../src/git/sshsig';
import { fmt, header, percentile, report } from './lib';

const N = 500;
const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-verify-'));
const repo = path.join(dir, 'repo');

const gitc = (args: string[], input?: string) => execFileSync('git', args, { cwd: repo, input, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

function data(s: string): string {
  return `data ${Buffer.byteLength(s)}\n${s}\n`;
}

/** main with the policy, then `feature` with N AI-assisted commits, in one fast-import. */
function buildRepo(pub: string): string[] {
  fs.mkdirSync(repo);
  gitc(['init', '-q', '-b', 'main']);
  gitc(['config', 'user.email', 'senior@example.com']);
  gitc(['config', 'user.name', 'Sam']);
  const policy = JSON.stringify({ seniors: [{ email: 'senior@example.com' }], approval: { require: 'all-ai-assisted' } });
  const who = 'Eve <eve@example.com> 1700000000 +0000';
  let s = `commit refs/heads/main\nmark :1\ncommitter ${who}\n${data('policy')}M 644 inline .aiprov/policy.json\n${data(policy)}M 644 inline .aiprov/allowed_signers\n${data(`senior@example.com namespaces="${REVIEW_NAMESPACE}" ${pub}`)}`;
  for (let i = 0; i < N; i++) {
    s += `commit refs/heads/feature\nmark :${i + 2}\nauthor ${who}\ncommitter ${who}\n${data(`change ${i}\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 3/4`)}from :${i + 1}\nM 644 inline src/f${i % 50}.ts\n${data(`export const v = ${i};\n`)}`;
  }
  gitc(['fast-import', '--quiet'], s);
  return gitc(['rev-list', '--reverse', 'main..feature']).split('\n');
}

/** Signs one approval per review of `size` commits; writes all notes in one fast-import. */
async function approve(commits: string[], size: number, keyFile: string, ref: string): Promise<number> {
  const key = await resolveSigningKey(repo, keyFile);
  let s = `commit ${ref}\ncommitter Sam <senior@example.com> 1700000000 +0000\n${data('reviews')}`;
  let count = 0;
  for (let i = 0; i < commits.length; i += size) {
    const covered = commits.slice(0, i + size); // each head contains every earlier commit
    const v: Omit<SignedVerdict, 'signature'> = {
      verdict: 'approve',
      review: commits[i],
      head: covered[covered.length - 1],
      commits: covered.slice(i),
      requester: 'eve@example.com',
      approver: 'senior@example.com',
      timestamp: appraiseTimestamp(),
    };
    const signature = await sshSign(canonicalPayload(v), key, REVIEW_NAMESPACE);
    const line = serializeRecord({ timestamp: v.timestamp, author: v.approver, location: { commit: v.head }, resolved: true, v: 0, aiProvenance: { ...v, signature } });
    // Notes of different reviews live on different commits; here each batch's first commit.
    s += `N inline ${commits[i]}\n${data(line)}`;
    count++;
  }
  key.dispose();
  gitc(['fast-import', '--quiet', '--force'], s);
  return count;
}

function time(cmd: string, args: string[], runs: number, cwd = repo): { ms: number[]; status: number | null } {
  const ms: number[] = [];
  let status: number | null = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
    ms.push(performance.now() - t);
    status = r.status;
    if (r.status !== 0 && cmd === process.execPath && args[0] === cli) throw new Error(`verify failed: ${r.stdout.slice(0, 2000)}${r.stderr}`);
  }
  return { ms: ms.sort((a, b) => a - b), status };
}

async function main(): Promise<void> {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'senior', '-f', path.join(dir, 'key')]);
  const commits = buildRepo(fs.readFileSync(path.join(dir, 'key.pub'), 'utf8').trim());
  header(`aiprov verify over ${N} AI-assisted commits (target < 5 s)`);
  const runs = 3;
  const base = time('git', ['log', '--format=%H %ae%n%B', 'main..feature'], runs);
  const node = time(process.execPath, ['-e', '0'], runs);
  report('baseline git log main..feature', fmt(percentile(base.ms, 50)), `median of ${runs}`);
  report('baseline node -e 0', fmt(percentile(node.ms, 50)), `median of ${runs}`);
  for (const [label, size] of [
    ['one approval of all 500 commits', N],
    ['50 reviews of 10 commits each', 10],
    ['500 reviews of 1 commit each (one ssh-keygen each)', 1],
  ] as const) {
    gitc(['update-ref', '-d', DISCUSS_REF]);
    const signatures = await approve(commits, size, path.join(dir, 'key'), DISCUSS_REF);
    const cold = time(process.execPath, [cli, 'verify', '--no-cache', 'main..feature'], runs);
    const med = percentile(cold.ms, 50);
    report(`aiprov verify, ${label}, cold`, fmt(med), `${signatures} signatures; p100 ${fmt(cold.ms[cold.ms.length - 1])}; ${(med / percentile(base.ms, 50)).toFixed(1)}x git log; ${med < 5000 ? 'under' : 'OVER'} 5 s`);
    time(process.execPath, [cli, 'verify', 'main..feature'], 1); // fills the cache
    const warm = time(process.execPath, [cli, 'verify', 'main..feature'], runs);
    report(`aiprov verify, ${label}, warm cache`, fmt(percentile(warm.ms, 50)), `${(percentile(warm.ms, 50) / percentile(base.ms, 50)).toFixed(1)}x git log`);
  }
  await withSnapshots(commits, base.ms, runs);
}

/**
 * The cost of reviews of uncommitted changes in the notes: 50 snapshot
 * commits, each on a commit of the range with another tree (so the commit
 * after it is related: same parent tree, other content), next to the
 * one-approval scenario measured again in this run.
 */
async function withSnapshots(commits: string[], base: number[], runs: number): Promise<void> {
  gitc(['update-ref', '-d', DISCUSS_REF]);
  await approve(commits, N, path.join(dir, 'key'), DISCUSS_REF);
  const without = time(process.execPath, [cli, 'verify', '--no-cache', 'main..feature'], runs);
  for (let i = 0; i + 2 < commits.length && i < 500; i += 10) {
    const snap = gitc(['commit-tree', `${commits[i + 2]}^{tree}`, '-p', commits[i], '-m', 'snapshot']);
    gitc(['update-ref', `refs/aiprov/wip/${snap}`, snap]);
    const request = { timestamp: appraiseTimestamp(), reviewRef: `refs/aiprov/wip/${snap}`, targetRef: 'refs/heads/main', requester: 'eve@example.com', reviewers: ['senior@example.com'], description: 'wip', v: 0 };
    gitc(['notes', '--ref', 'refs/notes/devtools/reviews', 'add', '-m', serializeRecord(request), snap]);
  }
  const withSnaps = time(process.execPath, [cli, 'verify', '--no-cache', 'main..feature'], runs);
  const a = percentile(without.ms, 50);
  const b = percentile(withSnaps.ms, 50);
  report('aiprov verify, one approval of all 500 commits, cold (again)', fmt(a), `${(a / percentile(base, 50)).toFixed(1)}x git log`);
  report('  + 50 snapshot reviews of uncommitted changes in the notes', fmt(b), `+${fmt(b - a)}; ${b < 5000 ? 'under' : 'OVER'} 5 s`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
