import { type SignedVerdict } from './records';

/**
 * The `ssh-keygen -Y sign -n` namespace of review verdicts. A signature made
 * for git commits (`git`) or files (`file`) cannot be replayed as an approval,
 * and allowed-signers lines can restrict a key to it (`namespaces="…"`).
 */
export const REVIEW_NAMESPACE = 'ai-provenance-review@v1';

const HEX = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const TS = /^[0-9]{10,}$/;

/** Lower-cased bare email (`<A@B.c>` → `a@b.c`), as compared everywhere in reviews. */
export function normalizeEmail(email: string): string {
  return email.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** Why a verdict's fields cannot be signed or trusted, or undefined when they are well formed. */
export function payloadProblem(v: Omit<SignedVerdict, 'signature'>): string | undefined {
  if (!HEX.test(v.review)) return 'review id is not a full commit id';
  if (!HEX.test(v.head)) return 'head is not a full commit id';
  if (v.commits.length === 0) return 'no reviewed commits';
  if (!v.commits.every((c) => HEX.test(c))) return 'a reviewed commit is not a full commit id';
  if (v.commits[v.commits.length - 1] !== v.head) return 'the last reviewed commit is not the head';
  if (!TS.test(v.timestamp)) return 'timestamp is not seconds since the epoch';
  for (const [k, e] of [['approver', v.approver], ['requester', v.requester]] as const) {
    if (!e || /\s/.test(e) || e !== normalizeEmail(e)) return `${k} is not a normalised email`;
  }
  return undefined;
}

/**
 * The exact bytes that are signed: line-oriented text of the verdict, the
 * review, the head, the ordered commit ids, requester, approver and time.
 * Nothing names the repository or a path, so the signature stays valid in
 * every clone and after the notes are merged or moved.
 */
export function canonicalPayload(v: Omit<SignedVerdict, 'signature'>): string {
  const problem = payloadProblem(v);
  if (problem) throw new Error(`cannot sign review verdict: ${problem}`);
  return [
    'ai-provenance-review v1',
    `verdict ${v.verdict}`,
    `review ${v.review}`,
    `head ${v.head}`,
    `requester ${v.requester}`,
    `approver ${v.approver}`,
    `timestamp ${v.timestamp}`,
    `commits ${v.commits.length}`,
    ...v.commits,
    '',
  ].join('\n');
}
