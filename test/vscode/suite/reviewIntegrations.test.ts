import * as assert from 'assert';
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { type AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { type IntegrationRun, type ReviewIntegrationsApi } from '../../../src/extension/review/integrations';
import { loadReviews } from '../../../src/git/reviewStore';
import { commitFile, gitc, makeWorld, type World } from '../../unit/reviewFixture';
import { acceptWhileRunning, activateExtension, EXTENSION_ID, waitFor } from '../util';

/** One request the local server received. */
interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the fake GitHub API and the webhook receiver answer; changed per test. */
interface Answers {
  pulls: unknown[];
  hookStatus: number;
}

const SECRET = 'shared-secret-for-the-receiver-0123';

suite('Review integrations', () => {
  let w: World;
  let server: http.Server;
  let base = '';
  const received: Received[] = [];
  const answers: Answers = { pulls: [], hookStatus: 200 };
  const runs: IntegrationRun[] = [];
  const tokenCalls: { provider: string; scopes: readonly string[] }[] = [];
  let api: ReviewIntegrationsApi;
  let listener: vscode.Disposable | undefined;
  const config = () => vscode.workspace.getConfiguration('aiProvenance.review');

  suiteSetup(async () => {
    const exported = await activateExtension();
    assert.ok(exported.reviewIntegrations, 'the extension API exposes the review integrations');
    api = exported.reviewIntegrations;
    assert.ok(api.setGitHubTokenProvider, 'the token seam is there in test mode');
    listener = api.onDidRun((r) => runs.push(r));
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        received.push(r);
        const send = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        if (r.method === 'POST' && r.url === '/hook') return send(answers.hookStatus, answers.hookStatus === 200 ? { ok: true } : { error: 'receiver down' });
        if (r.method === 'GET' && r.url.startsWith('/api/v3/repos/acme/widgets/pulls?')) return send(200, answers.pulls);
        const m = /^\/api\/v3\/repos\/acme\/widgets\/pulls\/(\d+)\/requested_reviewers$/.exec(r.url);
        if (r.method === 'POST' && m) {
          const asked = (JSON.parse(r.body) as { reviewers: string[] }).reviewers;
          return send(201, { number: Number(m[1]), requested_reviewers: asked.map((login) => ({ login })) });
        }
        send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    w = makeWorld();
    // The policy names senior@'s GitHub handle; senior2@ has none.
    const policyFile = path.join(w.eng, '.aiprov/policy.json');
    const policy = JSON.parse(fs.readFileSync(policyFile, 'utf8')) as { seniors: { email: string; github?: string }[] };
    policy.seniors[0].github = 'sam-senior';
    commitFile(w.eng, '.aiprov/policy.json', JSON.stringify(policy, null, 2), 'policy: GitHub handle of Sam');
    commitFile(w.eng, 'src/cart.ts', 'export const total = 1;\n', 'cart total\n\nAssisted-by: GitHubCopilot:gpt-5 [agent]\nAI-Lines: 1/1');
    gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
    // The pull request lives on the (fake) GitHub host; reviews travel through origin.
    gitc(w.eng, 'remote', 'add', 'github', 'git@127.0.0.1:acme/widgets.git');
  });

  suiteTeardown(async () => {
    listener?.dispose();
    api?.setGitHubTokenProvider?.(undefined);
    for (const key of ['github.requestReviewers', 'github.apiUrl', 'webhook.url', 'signingKey']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('aiProvenance.review.setWebhookSecret', { clear: true });
    server?.closeAllConnections();
    server?.close();
    w?.cleanup();
  });

  /**
   * Requests review; returns the id and where its runs start in `runs`
   * (requests of one branch share the id: the branch's first commit).
   */
  async function request(description: string, reviewers = ['senior@example.com', 'senior2@example.com']): Promise<{ id: string; mark: number }> {
    received.length = 0;
    const mark = runs.length;
    const id = await vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, reviewers, description });
    assert.ok(id && /^[0-9a-f]{40}$/.test(id), `request id: ${String(id)}`);
    return { id, mark };
  }

  /** Waits for `count` runs of an integration for review `id`, among the runs from `mark` on. */
  function runsFor<K extends IntegrationRun['integration']>({ id, mark }: { id: string; mark: number }, integration: K, count = 1): Promise<Extract<IntegrationRun, { integration: K }>[]> {
    return waitFor(`${count} ${integration} run(s) for ${id.slice(0, 8)}`, () => {
      const r = runs.slice(mark).filter((x): x is Extract<IntegrationRun, { integration: K }> => x.review === id && x.integration === integration);
      return r.length >= count ? r : undefined;
    });
  }

  function hmac(body: string, secret: string): string {
    return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  }

  test('off by default: a request sends nothing until the webhook URL is set', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category?: string }[]; configuration: { properties: Record<string, { default: unknown; markdownDescription?: string }> } } };
    const cmd = manifest.contributes.commands.find((c) => c.command === 'aiProvenance.review.setWebhookSecret');
    assert.strictEqual(cmd?.category, 'AI Provenance');
    for (const [key, def] of [['github.requestReviewers', false], ['github.apiUrl', 'https://api.github.com'], ['webhook.url', '']] as const) {
      const p = manifest.contributes.configuration.properties[`aiProvenance.review.${key}`];
      assert.strictEqual(p?.default, def, key);
      assert.ok(p.markdownDescription, key);
      assert.strictEqual(config().get(key), def, `${key} defaults to off`);
    }
    const quiet = await request('first request, integrations off');
    assert.strictEqual(received.length, 0, 'integrations off: no HTTP request');
    await config().update('webhook.url', `${base}/hook`, vscode.ConfigurationTarget.Global);
    const loud = await request('second request, webhook on');
    await runsFor(loud, 'webhook');
    assert.deepStrictEqual(runs.slice(quiet.mark, loud.mark), [], 'nothing ran for the first request');
    assert.deepStrictEqual(
      received.map((r) => `${r.method} ${r.url}`),
      ['POST /hook'],
      'one delivery, for the second request only; GitHub is still off',
    );
    assert.ok(runs.slice(loud.mark).every((r) => r.integration === 'webhook'));
    const body = JSON.parse(received[0].body) as { aiProvenance: { event: string } };
    assert.strictEqual(body.aiProvenance.event, 'review.requested');
    assert.strictEqual(received[0].headers['x-aiprov-signature'], undefined, 'no secret yet: unsigned');
    received.length = 0;
  });

  test('Request Senior Review posts a webhook signed with the secret from the command, and requests the GitHub reviewers who have handles', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('aiProvenance.review.setWebhookSecret', { secret: SECRET }), 'set');
    await config().update('github.requestReviewers', true, vscode.ConfigurationTarget.Global);
    await config().update('github.apiUrl', `${base}/api/v3`, vscode.ConfigurationTarget.Global);
    api.setGitHubTokenProvider!((provider, scopes) => {
      tokenCalls.push({ provider, scopes });
      return Promise.resolve('gho_test_token');
    });
    answers.pulls = [{ number: 42, html_url: `${base}/acme/widgets/pull/42`, user: { login: 'eve-gh' }, base: { ref: 'main' } }];
    const req = await request('Private words that stay in git, not in chat');
    const id = req.id;
    const [gh] = await runsFor(req, 'github');
    const [hook] = await runsFor(req, 'webhook');
    const head = gitc(w.eng, 'rev-parse', 'feature');

    // GitHub: the pull request of acme:feature, then the senior with a handle; senior2 skipped and named.
    assert.deepStrictEqual(tokenCalls, [{ provider: 'github-enterprise', scopes: ['repo'] }]);
    const api3 = received.filter((r) => r.url.startsWith('/api/v3/'));
    assert.deepStrictEqual(
      api3.map((r) => `${r.method} ${r.url}`),
      ['GET /api/v3/repos/acme/widgets/pulls?head=acme%3Afeature&state=open', 'POST /api/v3/repos/acme/widgets/pulls/42/requested_reviewers'],
    );
    for (const r of api3) assert.strictEqual(r.headers.authorization, 'Bearer gho_test_token');
    assert.deepStrictEqual(JSON.parse(api3[1].body), { reviewers: ['sam-senior'] });
    assert.strictEqual(gh.outcome.kind, 'requested');
    assert.strictEqual(gh.message, 'GitHub: requested review from @sam-senior on pull request #42 (acme/widgets). Skipped: senior2@example.com (no GitHub handle in the policy).');

    // Webhook: Slack/Teams text, the facts, an HMAC the receiver can check with the secret; no description.
    const delivery = received.find((r) => r.url === '/hook')!;
    assert.ok(delivery, 'the webhook was posted');
    assert.strictEqual(delivery.headers['content-type'], 'application/json; charset=utf-8');
    assert.strictEqual(delivery.headers['x-aiprov-event'], 'review.requested');
    assert.strictEqual(delivery.headers['x-aiprov-signature'], hmac(delivery.body, SECRET));
    assert.notStrictEqual(delivery.headers['x-aiprov-signature'], hmac(delivery.body, 'another secret'));
    assert.ok(hook.delivery === delivery.headers['x-aiprov-delivery']);
    assert.ok(!delivery.body.includes('Private words'), 'the description is not sent');
    const body = JSON.parse(delivery.body) as { text: string; aiProvenance: Record<string, unknown> };
    assert.match(body.text, /^eng@example\.com requests senior review of feature → main at [0-9a-f]{7} in acme\/widgets from senior@example\.com, senior2@example\.com: 1 of 2 commits AI-assisted/);
    const { timestamp, summary, ...facts } = body.aiProvenance as { timestamp: string; summary: { agents: string[] } } & Record<string, unknown>;
    assert.ok(!Number.isNaN(Date.parse(timestamp)));
    assert.deepStrictEqual(facts, {
      version: 1,
      event: 'review.requested',
      review: id,
      repository: 'acme/widgets',
      requester: 'eng@example.com',
      reviewers: ['senior@example.com', 'senior2@example.com'],
      branch: 'feature',
      target: 'main',
      head,
      base: gitc(w.eng, 'rev-parse', 'main'),
    });
    assert.deepStrictEqual({ ...summary, agents: undefined }, { commits: 2, aiAssistedCommits: 1, agents: undefined, aiLines: 1, totalLines: 1 });
    assert.ok(summary.agents.some((a) => a.includes('GitHubCopilot')), JSON.stringify(summary.agents));
    // The request itself is written as before.
    const stored = (await loadReviews(w.eng)).find((r) => r.id === id);
    assert.strictEqual(stored?.request.description, 'Private words that stay in git, not in chat');
    received.length = 0;
  });

  test('failures are reported with the reason and never block the request: no pull request, webhook 500, declined sign-in, no GitHub remote', async () => {
    answers.pulls = [];
    answers.hookStatus = 500;
    const a = await request('no pull request yet');
    const [gh] = await runsFor(a, 'github');
    const [hook] = await runsFor(a, 'webhook');
    assert.strictEqual(gh.outcome.kind, 'no-pull-request');
    assert.match(gh.message, /no open pull request from acme:feature in acme\/widgets/);
    assert.ok(!hook.outcome.ok && hook.outcome.status === 500, JSON.stringify(hook));
    assert.match(hook.message, /failed: HTTP 500 Internal Server Error.*The review itself is recorded\./);
    assert.ok((await loadReviews(w.eng)).some((r) => r.request.description === 'no pull request yet'), 'the request was written anyway');

    answers.hookStatus = 200;
    api.setGitHubTokenProvider!(() => Promise.reject(new Error('User did not consent to login.')));
    const b = await request('sign-in declined');
    const [declined] = await runsFor(b, 'github');
    assert.strictEqual(declined.outcome.kind, 'auth-failed');
    assert.match(declined.message, /sign-in declined or unavailable \(User did not consent to login\.\)/);
    await runsFor(b, 'webhook');
    assert.deepStrictEqual(received.filter((r) => r.url.startsWith('/api/')), [], 'no GitHub call without a token');

    gitc(w.eng, 'remote', 'remove', 'github');
    const c = await request('no GitHub remote');
    const [noRemote] = await runsFor(c, 'github');
    await runsFor(c, 'webhook');
    assert.strictEqual(noRemote.outcome.kind, 'no-github-remote');
    assert.match(noRemote.message, /no remote points at a repository on 127\.0\.0\.1 \(origin .*remote\.git\)/);
    received.length = 0;
  });

  test('Approve and Request Changes post signed verdict events; a secret generated from the palette signs the next one; after Clear they are unsigned', async () => {
    const id = (await loadReviews(w.eng))[0]?.id;
    assert.ok(id);
    received.length = 0;
    const mark = { id, mark: runs.length };
    gitc(w.senior, 'fetch', '-q', 'origin');
    await vscode.commands.executeCommand('aiProvenance.review.fetch', { root: w.senior });
    await config().update('signingKey', w.people.senior.key, vscode.ConfigurationTarget.Global);
    const approved = await vscode.commands.executeCommand<string | undefined>('aiProvenance.review.approve', { root: w.senior, id, message: 'LGTM' });
    assert.strictEqual(approved, id);
    const [hook] = await runsFor(mark, 'webhook');
    assert.ok(hook.event === 'review.approved' && hook.outcome.ok, JSON.stringify(hook));
    const delivery = received.find((r) => r.headers['x-aiprov-event'] === 'review.approved')!;
    assert.strictEqual(delivery.headers['x-aiprov-signature'], hmac(delivery.body, SECRET));
    const body = JSON.parse(delivery.body) as { text: string; aiProvenance: { actor: string; requester: string; event: string } };
    assert.strictEqual(body.aiProvenance.actor, 'senior@example.com');
    assert.strictEqual(body.aiProvenance.requester, 'eng@example.com');
    assert.match(body.text, /^senior@example\.com approved \(signed\) feature → main/);
    assert.ok(!delivery.body.includes('LGTM'), 'comments are not sent');
    assert.ok(runs.slice(mark.mark).every((r) => r.integration === 'webhook'), 'GitHub reviewers only on requests');

    // Interactively: the first choice generates a secret and copies it for the receiver.
    assert.strictEqual(await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.setWebhookSecret')), 'set');
    const generated = await vscode.env.clipboard.readText();
    assert.match(generated, /^[0-9a-f]{64}$/);
    const t0 = Math.floor(Date.now() / 1000);
    await waitFor('the next second', () => (Math.floor(Date.now() / 1000) > t0 ? true : undefined));
    await vscode.commands.executeCommand('aiProvenance.review.approve', { root: w.senior, id, message: 'LGTM again' });
    const [, again] = await runsFor(mark, 'webhook', 2);
    assert.ok(again.event === 'review.approved' && again.outcome.ok);
    const signedWithGenerated = received.filter((r) => r.headers['x-aiprov-event'] === 'review.approved')[1];
    assert.ok(signedWithGenerated);
    assert.strictEqual(signedWithGenerated.headers['x-aiprov-signature'], hmac(signedWithGenerated.body, generated));

    assert.strictEqual(await vscode.commands.executeCommand('aiProvenance.review.setWebhookSecret', { clear: true }), 'cleared');
    // Verdicts are ordered by their timestamp in seconds: let the clock pass the approval's second.
    const t = Math.floor(Date.now() / 1000);
    await waitFor('the next second', () => (Math.floor(Date.now() / 1000) > t ? true : undefined));
    await vscode.commands.executeCommand('aiProvenance.review.requestChanges', { root: w.senior, id, message: 'Add a test' });
    const [, , changes] = await runsFor(mark, 'webhook', 3);
    assert.ok(changes.event === 'review.changes-requested' && changes.outcome.ok);
    const unsigned = received.find((r) => r.headers['x-aiprov-event'] === 'review.changes-requested')!;
    assert.strictEqual(unsigned.headers['x-aiprov-signature'], undefined);
    assert.match(changes.message, /unsigned: no secret set/);
  });
});
