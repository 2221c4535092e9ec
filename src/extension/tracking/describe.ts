import { type Contributor, type LineKind } from '../../core/attribution/contributor';

const VIA: Record<Contributor['via'], string> = {
  'agent-hook': 'agent hook',
  'inline-completion': 'inline completion',
  'chat-edit': 'chat edit',
  'external-write': 'write outside the editor',
  heuristic: 'heuristic (low confidence)',
  manual: 'marked or typed by hand',
};

/** "ClaudeCode (claude-sonnet-4-5)" or the kind when no agent is named. */
export function who(c: Contributor): string {
  const name = c.agent ?? (c.kind === 'human' ? 'a human' : c.kind === 'unknown' ? 'an unknown source' : 'an AI assistant');
  return c.model ? `${name} (${c.model})` : name;
}

/** One hover/tooltip line: who, how, when. */
export function describe(kind: LineKind, c: Contributor): string {
  const what = kind === 'mixed' ? `Partly AI-written by ${who(c)}` : kind === 'ai' ? `AI-written by ${who(c)}` : `Written by ${who(c)}`;
  const when = Number.isNaN(Date.parse(c.at)) ? '' : `, ${new Date(c.at).toLocaleString()}`;
  return `${what} — via ${VIA[c.via]}${when}`;
}
