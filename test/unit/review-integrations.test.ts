import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  describeApiError,
  findPullsRequest,
  interpretPulls,
  interpretRequested,
  requestReviewersRequest,
  reviewerHandles,
} from '../../src/core/review/integrations/githubApi';
import { describeGitHubOutcome, requestGitHubReviewers } from '../../src/core/review/integrations/githubClient';
import { authProviderFor, checkApiUrl, parseGitHubRemote, redactRemoteUrl, webHostOf } from '../../src/core/review/integrations/githubRemote';
import { buildWebhookBody, postWebhook, signBody, verifySignature, type WebhookBody, type WebhookFacts, webhookHeaders } from '../../src/core/review/integrations/webhook';
import { aiSummary } from '../../src/git/aiSummary';
import { githubTarget, repositoryLabel } from '../../src/git/githubTarget';

const REPO = { host: 'github.com', owner: 'acme', name: 'widgets' };

test('GitHub remote URLs: https, ssh and scp forms, credentials, .git and ports; other hosts and paths are not GitHub', () => {
  for (const url of [
    'https://github.com/acme/widgets.git',
    'https://github.com/acme/widgets',
    'https://github.com/acme/widgets/',
    'https://x-access-token:ghs_secret@github.com/acme/widgets.git',
    'http://github.com/acme/widgets.git',
    'ssh://git@github.com/acme/widgets.git',
    'ssh://git@ssh.github.com:443/acme/widgets.git',
    'git@github.com:acme/widgets.git',
    'github.com:acme/widgets',
    'git://github.com/acme/widgets.git',
    '  https://GitHub.com/acme/widgets.git\n',
  ]) {
    assert.deepEqual(parseGitHubRemote(url, 'github.com'), REPO, url);
  }
  assert.deepEqual(parseGitHubRemote('git@ghe.example.com:Team-1/my.repo.git', 'ghe.example.com'), { host: 'ghe.example.com', owner: 'Team-1', name: 'my.repo' });
  assert.deepEqual(parseGitHubRemote('https://ghe.example.com:8443/acme/widgets.git', 'ghe.example.com'), { ...REPO, host: 'ghe.example.com' });
  for (const url of [
    'git@gitlab.com:acme/widgets.git',
    'https://github.com/acme/group/widgets.git',
    'https://github.com/acme',
    '/home/eve/remote.git',
    'C:\\repos\\widgets',
    'file:///srv/git/acme/widgets.git',
    'https://github.com.evil.example/acme/widgets.git',
    'https://github.com/-acme/widgets.git',
    'https://github.com/acme/..',
    '',
  ]) {
    assert.equal(parseGitHubRemote(url, 'github.com'), undefined, url);
  }
  assert.equal(parseGitHubRemote('git@github.com:acme/widgets.git', 'ghe.example.com'), undefined, 'a github.com remote is not a GHE repository');
  assert.equal(redactRemoteUrl('https://x-access-token:ghs_secret@github.com/acme/widgets.git'), 'https://github.com/acme/widgets.git');
  assert.equal(redactRemoteUrl('git@github.com:acme/widgets.git'), 'git@github.com:acme/widgets.git');
});

test('API URL: the web host and sign-in provider it implies; a token never goes to plain http off this machine', () => {
  assert.equal(webHostOf('https://api.github.com'), 'github.com');
  assert.equal(authProviderFor('https://api.github.com/'), 'github');
  assert.equal(webHostOf('https://ghe.example.com/api/v3'), 'ghe.example.com');
  assert.equal(webHostOf('https://api.acme.ghe.com'), 'acme.ghe.com');
  assert.equal(authProviderFor('https://ghe.example.com/api/v3'), 'github-enterprise');
  assert.equal(webHostOf('http://127.0.0.1:4567/api/v3'), '127.0.0.1');
  assert.throws(() => checkApiUrl('http://ghe.example.com/api/v3'), /must use https/);
  assert.throws(() => checkApiUrl('ftp://api.github.com'), /must use https/);
  assert.throws(() => checkApiUrl('not a url'), /is not a URL/);
  assert.throws(() => checkApiUrl('https://user:pw@api.github.com'), /credentials/);
});

test('reviewers map to GitHub handles through the policy; no handle, other organisations and the PR author are skipped with the reason', () => {
  const seniors = [
    { email: 'sam@acme.io', name: 'Sam', github: 'sam-s' },
    { email: 'Sue@Acme.io', github: '@sue' },
    { email: 'nohandle@acme.io' },
  ];
  const r = reviewerHandles(['SAM@acme.io', 'sue@acme.io', 'nohandle@acme.io', 'stranger@x.io', '@octocat', '@acme/platform', '@other/team', '@sam-s'], seniors, 'acme', 'octocat');
  assert.deepEqual(r.users, ['sam-s', 'sue']);
  assert.deepEqual(r.teams, ['platform']);
  assert.deepEqual(r.skipped, [
    { reviewer: 'nohandle@acme.io', reason: 'no GitHub handle in the policy' },
    { reviewer: 'stranger@x.io', reason: 'not in the policy, no GitHub handle' },
    { reviewer: '@octocat', reason: '@octocat opened the pull request' },
    { reviewer: '@other/team', reason: 'team of another organisation than acme' },
  ]);
  assert.deepEqual(reviewerHandles(['a@x'], [{ email: 'a@x', github: 'bad handle!' }], 'acme').skipped, [{ reviewer: 'a@x', reason: "'bad handle!' is not a GitHub login" }]);
});

test('GitHub requests are built as the REST API documents them', () => {
  const list = findPullsRequest('https://ghe.example.com/api/v3/', REPO, 'feature/x y', 'tok', 'ua/1');
  assert.equal(list.method, 'GET');
  assert.equal(list.url, 'https://ghe.example.com/api/v3/repos/acme/widgets/pulls?head=acme%3Afeature%2Fx+y&state=open');
  assert.equal(new URL(list.url).searchParams.get('head'), 'acme:feature/x y');
  assert.equal(list.headers.Authorization, 'Bearer tok');
  assert.equal(list.headers.Accept, 'application/vnd.github+json');
  assert.equal(list.headers['User-Agent'], 'ua/1');
  const ask = requestReviewersRequest('https://api.github.com', REPO, 12, ['sam-s'], [], 'tok', 'ua/1');
  assert.equal(ask.method, 'POST');
  assert.equal(ask.url, 'https://api.github.com/repos/acme/widgets/pulls/12/requested_reviewers');
  assert.deepEqual(JSON.parse(ask.body!), { reviewers: ['sam-s'] });
  assert.deepEqual(JSON.parse(requestReviewersRequest('https://api.github.com', REPO, 12, [], ['platform'], 't', 'u').body!), { reviewers: [], team_reviewers: ['platform'] });
});

test('GitHub answers: the pull request into the target is preferred; errors keep the status and GitHub message', () => {
  const pulls = [
    { number: 3, html_url: 'https://github.com/acme/widgets/pull/3', user: { login: 'eve' }, base: { ref: 'release' } },
    { number: 4, html_url: 'https://github.com/acme/widgets/pull/4', user: { login: 'eve' }, base: { ref: 'main' } },
  ];
  const ok = (body: unknown) => ({ status: 200, statusText: 'OK', body: JSON.stringify(body) });
  assert.deepEqual(interpretPulls(ok(pulls), 'main').pull, { number: 4, url: 'https://github.com/acme/widgets/pull/4', author: 'eve', base: 'main' });
  assert.equal(interpretPulls(ok(pulls), 'dev').pull?.number, 3);
  assert.deepEqual(interpretPulls(ok([]), 'main'), { pull: undefined, count: 0 });
  assert.match(interpretPulls({ status: 200, statusText: 'OK', body: '<html>' }).error ?? '', /not a JSON array/);
  assert.equal(
    interpretPulls({ status: 404, statusText: 'Not Found', body: '{"message":"Not Found","documentation_url":"x"}' }).error,
    'GitHub API 404 Not Found: Not Found — the repository does not exist or the account cannot see it',
  );
  assert.equal(
    describeApiError({ status: 422, statusText: 'Unprocessable Entity', body: JSON.stringify({ message: 'Validation Failed', errors: ['Reviews may only be requested from collaborators.'] }) }),
    'GitHub API 422 Unprocessable Entity: Validation Failed (Reviews may only be requested from collaborators.)',
  );
  assert.equal(describeApiError({ status: 502, statusText: 'Bad Gateway', body: 'upstream down\nmore' }), 'GitHub API 502 Bad Gateway: upstream down');
  assert.deepEqual(interpretRequested({ status: 201, statusText: 'Created', body: JSON.stringify({ requested_reviewers: [{ login: 'sam-s' }], requested_teams: [{ slug: 'platform' }] }) }), { users: ['sam-s'], teams: ['platform'] });
  assert.match(interpretRequested({ status: 401, statusText: 'Unauthorized', body: '{"message":"Bad credentials"}' }).error ?? '', /^GitHub API 401 Unauthorized: Bad credentials — sign in/);
});

/** A fake GitHub API and webhook receiver on 127.0.0.1 that records every request. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let server: http.Server;
let base = '';
const seen: Seen[] = [];
let handler: (req: Seen, res: http.ServerResponse) => void = (_q, res) => res.writeHead(404).end();

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

const seniors = [{ email: 'sam@acme.io', github: 'sam-s' }, { email: 'sue@acme.io' }];

test('requestGitHubReviewers: finds the open pull request of the branch and requests the reviewers with handles', async () => {
  seen.length = 0;
  handler = (q, res) => {
    if (q.method === 'GET' && q.url.startsWith('/api/v3/repos/acme/widgets/pulls?')) return json(res, 200, [{ number: 7, html_url: 'h', user: { login: 'eve' }, base: { ref: 'main' } }]);
    if (q.method === 'POST' && q.url === '/api/v3/repos/acme/widgets/pulls/7/requested_reviewers') return json(res, 201, { requested_reviewers: [{ login: 'sam-s' }] });
    json(res, 404, { message: 'Not Found' });
  };
  let asked = 0;
  const o = await requestGitHubReviewers({
    apiUrl: `${base}/api/v3`,
    repo: REPO,
    branch: 'feature',
    target: 'main',
    reviewers: ['sam@acme.io', 'sue@acme.io'],
    seniors,
    token: () => Promise.resolve(`token-${++asked}`),
    userAgent: 'test',
  });
  assert.equal(o.kind, 'requested');
  assert.equal(asked, 1);
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    ['GET /api/v3/repos/acme/widgets/pulls?head=acme%3Afeature&state=open', 'POST /api/v3/repos/acme/widgets/pulls/7/requested_reviewers'],
  );
  assert.ok(seen.every((s) => s.headers.authorization === 'Bearer token-1'));
  assert.deepEqual(JSON.parse(seen[1].body), { reviewers: ['sam-s'] });
  const msg = describeGitHubOutcome(o);
  assert.equal(msg.text, 'GitHub: requested review from @sam-s on pull request #7 (acme/widgets). Skipped: sue@acme.io (no GitHub handle in the policy).');
  assert.equal(msg.warning, true, 'a skipped reviewer is worth a warning');
});

test('requestGitHubReviewers: no handles asks for no token and sends nothing; no pull request, declined sign-in and API errors are told apart', async () => {
  seen.length = 0;
  const input = { apiUrl: base, repo: REPO, branch: 'feature', reviewers: ['sue@acme.io'], seniors, userAgent: 't' };
  const none = await requestGitHubReviewers({ ...input, token: () => Promise.reject(new Error('must not be asked')) });
  assert.equal(none.kind, 'no-handles');
  assert.equal(seen.length, 0);
  assert.match(describeGitHubOutcome(none).text, /no reviewer of this request has a GitHub handle.*sue@acme\.io \(no GitHub handle in the policy\)/);

  const withHandle = { ...input, reviewers: ['sam@acme.io'] };
  const declined = await requestGitHubReviewers({ ...withHandle, token: () => Promise.reject(new Error('User did not consent to login.')) });
  assert.deepEqual(declined, { kind: 'auth-failed', message: 'User did not consent to login.', skipped: [] });
  assert.equal(seen.length, 0);
  assert.match(describeGitHubOutcome(declined).text, /sign-in declined or unavailable \(User did not consent to login\.\)/);

  handler = (_q, res) => json(res, 200, []);
  const noPr = await requestGitHubReviewers({ ...withHandle, token: () => Promise.resolve('t') });
  assert.equal(noPr.kind, 'no-pull-request');
  assert.match(describeGitHubOutcome(noPr).text, /no open pull request from acme:feature in acme\/widgets/);

  handler = (q, res) => (q.method === 'GET' ? json(res, 200, [{ number: 9, html_url: 'h', user: { login: 'eve' } }]) : json(res, 422, { message: 'Reviews may only be requested from collaborators.' }));
  const refused = await requestGitHubReviewers({ ...withHandle, token: () => Promise.resolve('t') });
  assert.equal(refused.kind, 'error');
  assert.equal(refused.kind === 'error' && refused.status, 422);
  assert.match(describeGitHubOutcome(refused).text, /GitHub API 422 Unprocessable Entity: Reviews may only be requested from collaborators\./);

  // The PR author is never asked: GitHub would refuse the whole request.
  handler = (_q, res) => json(res, 200, [{ number: 9, html_url: 'h', user: { login: 'SAM-S' } }]);
  seen.length = 0;
  const own = await requestGitHubReviewers({ ...withHandle, token: () => Promise.resolve('t') });
  assert.equal(own.kind, 'no-handles');
  assert.equal(seen.length, 1, 'only the pull request lookup');

  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  const down = await requestGitHubReviewers({ ...withHandle, apiUrl: `http://127.0.0.1:${port}`, token: () => Promise.resolve('t') });
  assert.equal(down.kind, 'error');
  assert.match(describeGitHubOutcome(down).text, /cannot reach GitHub: ECONNREFUSED/);
  await assert.rejects(requestGitHubReviewers({ ...withHandle, apiUrl: 'http://ghe.example.com', token: () => Promise.resolve('t') }), /must use https/);
});

const facts: WebhookFacts = {
  event: 'review.requested',
  review: 'a'.repeat(40),
  repository: 'acme/widgets',
  requester: 'eve@acme.io',
  reviewers: ['sam@acme.io', 'sue@acme.io'],
  branch: 'feature',
  target: 'main',
  head: 'b'.repeat(40),
  summary: { commits: 3, aiAssistedCommits: 2, agents: ['ClaudeCode:claude-sonnet-4-5'], aiLines: 42, totalLines: 120 },
};

test('webhook body: Slack/Teams text plus the facts; the signature is HMAC-SHA256 hex over the exact bytes, as openssl computes it', () => {
  const body = buildWebhookBody(facts, new Date('2026-01-02T03:04:05Z'));
  const parsed = JSON.parse(body) as WebhookBody;
  assert.equal(
    parsed.text,
    'eve@acme.io requests senior review of feature → main at bbbbbbb in acme/widgets from sam@acme.io, sue@acme.io: 2 of 3 commits AI-assisted (ClaudeCode:claude-sonnet-4-5), 42 of 120 lines AI-written.',
  );
  assert.deepEqual(parsed.aiProvenance, { version: 1, timestamp: '2026-01-02T03:04:05.000Z', ...facts });
  const approved = JSON.parse(buildWebhookBody({ ...facts, event: 'review.approved', actor: 'sam@acme.io', summary: { commits: 1, aiAssistedCommits: 0, agents: [] } })) as WebhookBody;
  assert.equal(approved.text, 'sam@acme.io approved (signed) feature → main at bbbbbbb in acme/widgets, requested by eve@acme.io: 1 commit, none marked AI-assisted.');
  const secret = 'correct horse battery staple';
  const sig = signBody(body, secret);
  const openssl = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret], { input: body, encoding: 'utf8' }).trim().split('= ').pop();
  assert.equal(sig, `sha256=${openssl}`);
  assert.equal(verifySignature(Buffer.from(body), secret, sig), true);
  assert.equal(verifySignature(body.replace('eve@', 'mallory@'), secret, sig), false, 'an edited body fails');
  assert.equal(verifySignature(body, 'wrong secret', sig), false);
  assert.equal(verifySignature(body, secret, undefined), false);
  assert.equal(verifySignature(body, secret, 'sha256=00'), false);
  const h = webhookHeaders(body, 'review.requested', 'd-1', undefined, 'ua');
  assert.equal(h['X-AIProv-Signature'], undefined, 'no secret, no signature');
  assert.equal(webhookHeaders(body, 'review.requested', 'd-1', secret, 'ua')['X-AIProv-Signature'], sig);
});

test('postWebhook: delivered, HTTP errors with status, timeouts and redirects never throw', async () => {
  const body = buildWebhookBody(facts);
  const headers = webhookHeaders(body, 'review.requested', 'd-2', 'a-secret-of-16-chars', 'ua');
  seen.length = 0;
  handler = (_q, res) => res.writeHead(200).end('ok');
  assert.deepEqual(await postWebhook(`${base}/hook`, body, headers), { ok: true, status: 200 });
  assert.equal(seen[0].method, 'POST');
  assert.equal(seen[0].body, body);
  assert.equal(seen[0].headers['x-aiprov-event'], 'review.requested');
  assert.equal(seen[0].headers['x-aiprov-delivery'], 'd-2');
  assert.equal(verifySignature(seen[0].body, 'a-secret-of-16-chars', seen[0].headers['x-aiprov-signature'] as string), true);
  handler = (_q, res) => res.writeHead(500, 'Internal Server Error').end('boom\n');
  assert.deepEqual(await postWebhook(`${base}/hook`, body, headers), { ok: false, status: 500, message: 'HTTP 500 Internal Server Error: boom' });
  handler = (_q, res) => res.writeHead(302, { Location: 'http://example.invalid/' }).end();
  seen.length = 0;
  const moved = await postWebhook(`${base}/hook`, body, headers);
  assert.equal(moved.ok, false);
  assert.equal(seen.length, 1, 'the redirect is not followed');
  handler = () => undefined; // never answers
  const t0 = Date.now();
  assert.deepEqual(await postWebhook(`${base}/hook`, body, headers, 300), { ok: false, message: 'no answer within 300 ms' });
  assert.ok(Date.now() - t0 < 5000);
  assert.deepEqual(await postWebhook('ftp://x', body, headers), { ok: false, message: 'the review webhook URL must use http or https (got ftp:)' });
});

function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-integrations-'));
  const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' }).trim();
  g('init', '-q', '-b', 'main');
  g('config', 'user.name', 'Eve');
  g('config', 'user.email', 'eve@acme.io');
  g('config', 'commit.gpgsign', 'false');
  return dir;
}

function gitIn(dir: string, ...a: string[]): string {
  return execFileSync('git', a, { cwd: dir, encoding: 'utf8' }).trim();
}

test('githubTarget: the upstream remote and its branch name, insteadOf in either direction, clear reasons otherwise (real git)', async () => {
  const dir = repo();
  try {
    await assert.rejects(githubTarget(dir, 'refs/heads/feature', 'github.com'), /has no remote/);
    await assert.rejects(githubTarget(dir, 'c'.repeat(40), 'github.com'), /detached head/);
    gitIn(dir, 'remote', 'add', 'origin', 'https://gitlab.com/acme/widgets.git');
    await assert.rejects(githubTarget(dir, 'refs/heads/feature', 'github.com'), /no remote points at a repository on github\.com \(origin https:\/\/gitlab\.com\/acme\/widgets\.git\)/);
    gitIn(dir, 'remote', 'add', 'gh', 'git@github.com:acme/widgets.git');
    assert.deepEqual(await githubTarget(dir, 'refs/heads/feature', 'github.com'), { repo: REPO, remote: 'gh', branch: 'feature' });
    // The branch pushes to a differently named upstream branch on the fork remote.
    gitIn(dir, 'remote', 'add', 'fork', 'https://tok@github.com/eve/widgets.git');
    gitIn(dir, 'config', 'branch.feature.remote', 'fork');
    gitIn(dir, 'config', 'branch.feature.merge', 'refs/heads/eve/feature');
    assert.deepEqual(await githubTarget(dir, 'refs/heads/feature', 'github.com'), { repo: { ...REPO, owner: 'eve' }, remote: 'fork', branch: 'eve/feature' });
    // A short alias expanded by insteadOf counts, and so does a GitHub URL rewritten to a mirror.
    const d2 = repo();
    try {
      gitIn(d2, 'config', 'url.git@ghe.example.com:.insteadOf', 'ghe:');
      gitIn(d2, 'remote', 'add', 'origin', 'ghe:acme/widgets.git');
      assert.deepEqual(await githubTarget(d2, 'refs/heads/main', 'ghe.example.com'), { repo: { ...REPO, host: 'ghe.example.com' }, remote: 'origin', branch: 'main' });
      gitIn(d2, 'config', 'url./srv/mirror.git.insteadOf', 'https://github.com/acme/widgets.git');
      gitIn(d2, 'remote', 'set-url', 'origin', 'https://github.com/acme/widgets.git');
      assert.deepEqual(await githubTarget(d2, 'refs/heads/main', 'github.com'), { repo: REPO, remote: 'origin', branch: 'main' });
      assert.equal(await repositoryLabel(d2, 'github.com'), 'acme/widgets');
      gitIn(d2, 'remote', 'set-url', 'origin', 'https://user:pw@git.example.com/x.git');
      gitIn(d2, 'config', '--unset', 'url./srv/mirror.git.insteadOf');
      assert.equal(await repositoryLabel(d2, 'github.com'), 'https://git.example.com/x.git', 'credentials are removed');
      gitIn(d2, 'remote', 'set-url', 'origin', '/srv/git/x.git');
      assert.equal(await repositoryLabel(d2, 'github.com'), undefined, 'a local path is not sent');
    } finally {
      fs.rmSync(d2, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('aiSummary: AI-assisted commits, agents and AI lines of a range from trailers (real git)', async () => {
  const dir = repo();
  try {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
    gitIn(dir, 'add', 'a.txt');
    gitIn(dir, 'commit', '-q', '-m', 'base');
    const baseId = gitIn(dir, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b\n');
    gitIn(dir, 'add', 'b.txt');
    gitIn(dir, 'commit', '-q', '-m', 'ai work\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 42/120');
    fs.writeFileSync(path.join(dir, 'c.txt'), 'c\n');
    gitIn(dir, 'add', 'c.txt');
    gitIn(dir, 'commit', '-q', '-m', 'by hand');
    const head = gitIn(dir, 'rev-parse', 'HEAD');
    const s = await aiSummary(dir, head, baseId);
    assert.equal(s.commits, 2);
    assert.equal(s.aiAssistedCommits, 1);
    assert.equal(s.aiLines, 42);
    assert.equal(s.totalLines, 120);
    assert.ok(s.agents.some((a) => a.includes('ClaudeCode')), JSON.stringify(s.agents));
    assert.deepEqual(await aiSummary(dir, baseId), { commits: 1, aiAssistedCommits: 0, agents: [] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
