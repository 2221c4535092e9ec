import * as fs from 'fs';
import { parseArgs } from 'node:util';
import { type Command } from '../command';
import { UsageError } from '../errors';
import { type Io } from '../io';
import { cliErrors, maybePush, requireRoot } from '../review/common';
import { prepareRequest, requestScope, userEmail, writeRequest, writeVerdict } from '../../git/reviewActions';
import { type ReviewView, viewReviews } from '../../git/reviewStatus';
import { findReview, loadReviews } from '../../git/reviewStore';
import { fetchReviewNotes, pushReviewNotes, reviewRemote } from '../../git/reviewSync';
import { normalizeEmail } from '../../core/review';

const HELP = `Usage: aiprov review <request|list|show|approve|reject|fetch|push> [options]

Senior review of AI-assisted changes, stored as git notes in git-appraise's
schema (refs/notes/devtools/reviews and refs/notes/devtools/discuss).

  request [--target BRANCH] [--source REV | --uncommitted] [-r EMAIL]...
          [-m TEXT | -F FILE] [--dry-run] [--no-push] [--json]
      Ask for review of the commits of REV (default HEAD) not on BRANCH
      (default: the remote's default branch). Reviewers default to the
      suggested seniors (policy seniors and CODEOWNERS; never you); the
      description defaults to a summary of the AI-written changes.
      --uncommitted reviews the staged changes instead (when nothing is
      staged: the changes to tracked files), as a snapshot commit on no
      branch kept by refs/aiprov/wip/<id> and pushed with the notes. Its
      approval covers the commit that later records exactly that change
      on the same parent (see docs/ci.md).
      --dry-run prints the suggestions and description without writing.
  list [--for-me | --by-me] [--json]
  show [ID] [--json]
  approve [ID] [--head REV] [-m TEXT] [--key KEY] [--no-push] [--json]
  reject  [ID] [--head REV] [-m TEXT] [--key KEY] [--no-push] [--json]
      Sign a verdict with ssh-keygen (-Y sign, namespace
      ai-provenance-review@v1) using KEY or git's user.signingKey. The
      passphrase of an encrypted key comes from ssh-agent, else ssh-keygen
      asks for it on the terminal. An
      approval covers exactly the commits up to the requested head; commits
      added later need a new request and approval. reject = request changes.
  fetch    fetch and merge the remote's review notes (cat_sort_uniq)
  push     push the review notes

ID is a review id or a unique prefix (see 'aiprov review list'); without
one, the review of the current branch.
`;

function out(io: Io, json: boolean | undefined, data: unknown, text: string): void {
  io.out(json ? `${JSON.stringify(data, null, 2)}\n` : text);
}

async function request(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      target: { type: 'string' },
      source: { type: 'string' },
      uncommitted: { type: 'boolean' },
      reviewer: { type: 'string', short: 'r', multiple: true },
      message: { type: 'string', short: 'm' },
      file: { type: 'string', short: 'F' },
      'dry-run': { type: 'boolean' },
      'no-push': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (values.message !== undefined && values.file !== undefined) throw new UsageError('use -m or -F, not both');
  if (values.uncommitted && values.source !== undefined) throw new UsageError('use --source or --uncommitted, not both');
  const root = await requireRoot(io);
  return cliErrors(async () => {
    const me = await userEmail(root);
    const scope = await requestScope(root, { source: values.source, target: values.target, uncommitted: values.uncommitted });
    const { suggestions, description } = await prepareRequest(root, scope, me);
    const text = values.file !== undefined ? fs.readFileSync(values.file === '-' ? 0 : values.file, 'utf8') : values.message;
    const reviewers = values.reviewer?.length ? values.reviewer : suggestions.filter((s) => s.senior).map((s) => s.id);
    if (values['dry-run']) {
      const lines = suggestions.map((s) => `  ${s.id}${s.name ? ` (${s.name})` : ''}: ${s.reason}`);
      out(io, values.json, { scope, suggestions, description }, `${scope.commits.length} commits ${scope.targetRef}..${scope.head.slice(0, 7)}\nSuggested reviewers:\n${lines.join('\n') || '  (none)'}\n\n${description}\n`);
      return 0;
    }
    const { id, request: req } = await writeRequest(root, scope, me, reviewers, text?.trim() || description);
    const what = scope.snapshot ? `${scope.snapshot.kind} changes as snapshot ${scope.head.slice(0, 7)}, kept by ${scope.reviewRef}` : `${scope.commits.length} commits up to ${scope.head.slice(0, 7)}`;
    out(io, values.json, { id, request: req, commits: scope.commits, ...(scope.snapshot ? { snapshot: scope.snapshot } : {}) }, `Review ${id.slice(0, 8)} requested from ${req.reviewers.join(', ')} (${what}).\n`);
    await maybePush(root, io, values['no-push']);
    return 0;
  });
}

function listLine(v: ReviewView): string {
  const first = v.description.split('\n')[0] ?? '';
  return `${v.id.slice(0, 8)}  ${v.state.padEnd(17)}  ${v.requester} -> ${v.reviewers.join(', ')}  ${(v.reviewRef ?? '').replace(/^refs\/heads\//, '')}  ${first}`;
}

async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: { 'for-me': { type: 'boolean' }, 'by-me': { type: 'boolean' }, json: { type: 'boolean' } } });
  const root = await requireRoot(io);
  return cliErrors(async () => {
    let views = await viewReviews(root, await loadReviews(root));
    if (values['for-me'] || values['by-me']) {
      const me = await userEmail(root);
      views = views.filter((v) => (values['for-me'] && v.reviewers.map(normalizeEmail).includes(me)) || (values['by-me'] && normalizeEmail(v.requester) === me));
    }
    out(io, values.json, views, views.length ? `${views.map(listLine).join('\n')}\n` : 'no reviews\n');
    return 0;
  });
}

async function show(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length > 1) throw new UsageError('show takes at most one review id');
  const root = await requireRoot(io);
  return cliErrors(async () => {
    const review = await findReview(root, positionals[0]);
    const [v] = await viewReviews(root, [review]);
    const verdicts = v.verdicts.map(
      (x) =>
        `  ${x.verdict.verdict.padEnd(15)} ${x.verdict.approver}  head ${x.verdict.head.slice(0, 7)} (${x.verdict.commits.length} commits)  ${x.valid ? 'signature ok' : `INVALID: ${x.reason ?? ''}`}`,
    );
    const text = [
      `review ${v.id}  ${v.state}`,
      `requester: ${v.requester}`,
      `reviewers: ${v.reviewers.join(', ')}`,
      `ref: ${v.reviewRef ?? '?'} -> ${v.targetRef}${v.head ? `  (head ${v.head.slice(0, 7)})` : ''}`,
      '',
      v.description,
      '',
      'verdicts:',
      ...(verdicts.length ? verdicts : ['  (none)']),
      '',
    ].join('\n');
    out(io, values.json, { ...v, comments: review.comments }, text);
    return 0;
  });
}

async function verdict(kind: 'approve' | 'request-changes', argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { head: { type: 'string' }, message: { type: 'string', short: 'm' }, key: { type: 'string' }, 'no-push': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (positionals.length > 1) throw new UsageError('give at most one review id');
  const root = await requireRoot(io);
  return cliErrors(async () => {
    const r = await writeVerdict(root, { review: positionals[0], verdict: kind, head: values.head, message: values.message, key: values.key });
    const what = kind === 'approve' ? 'Approved' : 'Requested changes on';
    out(io, values.json, r, `${what} review ${r.review.slice(0, 8)}: ${r.commits.length} commits up to ${r.comment.location!.commit!.slice(0, 7)} (signed).\n`);
    await maybePush(root, io, values['no-push']);
    return 0;
  });
}

async function sync(kind: 'fetch' | 'push', argv: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: {} });
  const root = await requireRoot(io);
  return cliErrors(async () => {
    const remote = positionals[0] ?? (await reviewRemote(root));
    if (!remote) throw new UsageError('no remote: name one (aiprov review fetch REMOTE)');
    await (kind === 'fetch' ? fetchReviewNotes(root, remote) : pushReviewNotes(root, remote));
    io.out(`${kind === 'fetch' ? 'fetched review notes from' : 'pushed review notes to'} ${remote}\n`);
    return 0;
  });
}

/** `aiprov review`: request, list, show, approve and reject senior reviews. */
export const reviewCommand: Command = {
  name: 'review',
  summary: 'request, list, show, approve or reject senior review (signed git notes)',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'request':
        return request(rest, io);
      case 'list':
        return list(rest, io);
      case 'show':
        return show(rest, io);
      case 'approve':
        return verdict('approve', rest, io);
      case 'reject':
        return verdict('request-changes', rest, io);
      case 'fetch':
      case 'push':
        return sync(sub, rest, io);
      case undefined:
        throw new UsageError("missing sub-command (see 'aiprov review --help')");
      default:
        throw new UsageError(`unknown review sub-command '${sub}' (see 'aiprov review --help')`);
    }
  },
};
