/**
 * Aider has no hooks; it marks its own commits instead. By default it
 * appends ` (aider)` to the author (and committer) name of commits it makes;
 * newer versions can add a `Co-authored-by: aider (MODEL) <…>` trailer, and
 * older ones could prefix the subject with `aider: `. The commit engineers
 * call this on each commit to attribute it when no working-log record did.
 */

/** Who and what of a commit, as git prints it. */
export interface CommitIdentity {
  authorName: string;
  committerName?: string;
  /** The full commit message (subject, body and trailers). */
  message: string;
}

/** Aider's mark on a commit: the model when the trailer names it. */
export interface AiderMark {
  agent: 'aider';
  model?: string;
  /** Which mark was found (for explanations in `aiprov blame`). */
  evidence: 'co-authored-by' | 'author' | 'committer' | 'subject';
}

const SUFFIX = /\s\(aider\)\s*$/;
// `Co-authored-by: aider (anthropic/claude-sonnet-4-5) <aider@aider.chat>`
const TRAILER = /^co-authored-by:[ \t]*aider[ \t]*(?:\(([^)\n]+)\))?[ \t]*<[^>\n]*>[ \t]*$/gim;

/** Aider's mark on a commit, or undefined when the commit does not carry one. */
export function aiderMark(c: CommitIdentity): AiderMark | undefined {
  for (const m of c.message.matchAll(TRAILER)) {
    const model = m[1]?.trim();
    return model ? { agent: 'aider', model, evidence: 'co-authored-by' } : { agent: 'aider', evidence: 'co-authored-by' };
  }
  if (SUFFIX.test(c.authorName)) return { agent: 'aider', evidence: 'author' };
  if (c.committerName !== undefined && SUFFIX.test(c.committerName)) return { agent: 'aider', evidence: 'committer' };
  if (/^aider: /.test(c.message)) return { agent: 'aider', evidence: 'subject' };
  return undefined;
}
