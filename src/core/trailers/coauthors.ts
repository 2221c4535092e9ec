import { type Trailer } from './types';

/**
 * Co-author trailers that assistants add themselves. VS Code's
 * `git.addAICoAuthor` writes `Co-authored-by: Copilot <…+Copilot@users.noreply.github.com>`,
 * Claude Code `Co-Authored-By: Claude <noreply@anthropic.com>`, Aider
 * `Co-authored-by: aider (MODEL) <noreply@aider.chat>`, Codex and Cursor
 * similar lines. A human co-author called "Claude" must not count, so both
 * the name and the address have to look like the assistant's.
 */
interface KnownAssistant {
  /** Matched against our agent name (lower-cased). */
  readonly agent: RegExp;
  /** Matched against the co-author's `Name <email>` (lower-cased). */
  readonly identity: RegExp;
}

const KNOWN: readonly KnownAssistant[] = [
  { agent: /copilot/, identity: /^copilot\b.*<[^>]*copilot@users\.noreply\.github\.com>/ },
  { agent: /claude/, identity: /^claude\b.*<[^>]*@anthropic\.com>/ },
  { agent: /aider/, identity: /^aider\b.*<[^>]*@aider\.chat>/ },
  { agent: /codex/, identity: /^codex\b.*<[^>]*@openai\.com>/ },
  { agent: /cursor/, identity: /^cursor\b.*<[^>]*@cursor\.(com|sh)>/ },
  { agent: /gemini/, identity: /^gemini\b.*<[^>]*@google\.com>/ },
];

/**
 * True when `trailers` already credit `agent` with an assistant's own
 * co-author line. Trailer keys compare case-insensitively, as git does.
 */
export function creditedByCoAuthor(agent: string, trailers: readonly Trailer[]): boolean {
  const a = agent.toLowerCase();
  const known = KNOWN.filter((k) => k.agent.test(a));
  if (known.length === 0) return false;
  return trailers.some(
    (t) => t.key.toLowerCase() === 'co-authored-by' && known.some((k) => k.identity.test(t.value.trim().toLowerCase())),
  );
}
