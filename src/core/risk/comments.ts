import { type Language } from './classify';

/** How a language writes comments. */
interface CommentStyle {
  /** Line comment openers. `#` opens only at a word start where `hashWordStart` says so. */
  readonly line: readonly string[];
  readonly block?: readonly [string, string];
  /** Shell and YAML: `#` starts a comment only at the start or after a space. */
  readonly hashWordStart?: boolean;
  /** Quote characters whose contents are not scanned for comment openers. */
  readonly quotes: string;
}

const STYLES: Partial<Record<Language, CommentStyle>> = {
  sql: { line: ['--', '#'], block: ['/*', '*/'], quotes: `'"\`` },
  terraform: { line: ['#', '//'], block: ['/*', '*/'], quotes: '"' },
  yaml: { line: ['#'], hashWordStart: true, quotes: `'"` },
  shell: { line: ['#'], hashWordStart: true, quotes: `'"` },
  makefile: { line: ['#'], hashWordStart: true, quotes: `'"` },
  dockerfile: { line: ['#'], hashWordStart: true, quotes: `'"` },
  env: { line: ['#'], hashWordStart: true, quotes: `'"` },
  python: { line: ['#'], quotes: `'"` },
  ruby: { line: ['#'], quotes: `'"` },
  prisma: { line: ['//'], quotes: '"' },
  js: { line: ['//'], block: ['/*', '*/'], quotes: `'"\`` },
  java: { line: ['//'], block: ['/*', '*/'], quotes: `'"` },
  go: { line: ['//'], block: ['/*', '*/'], quotes: `'"\`` },
  rust: { line: ['//'], block: ['/*', '*/'], quotes: '"' },
  csharp: { line: ['//'], block: ['/*', '*/'], quotes: `'"` },
  php: { line: ['//', '#'], block: ['/*', '*/'], quotes: `'"` },
  xml: { line: [], block: ['<!--', '-->'], quotes: '' },
};

/** Carries "inside a block comment" from one line to the next. */
export interface CommentState {
  inBlock: boolean;
}

const OPENERS = /[#/\-<*]/;

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * One regular expression per language finding, left to right, the next
 * string literal (group 1), line comment (group 2) or block opener (group 3):
 * the native regex engine scans far faster than a loop over characters.
 */
const TOKENS = new Map<CommentStyle, RegExp>();

function tokens(style: CommentStyle, sql: boolean): RegExp {
  let re = TOKENS.get(style);
  if (!re) {
    const q = [...style.quotes].map((c) => (sql ? `${esc(c)}(?:[^${esc(c)}]|${esc(c)}${esc(c)})*${esc(c)}?` : `${esc(c)}(?:[^${esc(c)}\\\\]|\\\\.)*${esc(c)}?`));
    const line = style.line.map((l) => (l === '#' && style.hashWordStart ? '(?:^|(?<=\\s))#' : esc(l)));
    const parts = [q.length ? `(${q.join('|')})` : '(?!)', line.length ? `(${line.join('|')})` : '(?!)', style.block ? `(${esc(style.block[0])})` : '(?!)'];
    re = new RegExp(parts.join('|'), 'g');
    TOKENS.set(style, re);
  }
  return re;
}

/**
 * The code of one line with its comments removed (strings kept, with
 * `blankStrings` their contents replaced by spaces so prose in a SQL string
 * literal cannot match). Keeps column positions for the rest of the line.
 */
export function stripComments(text: string, language: Language, state: CommentState, blankStrings = false): string {
  const style = STYLES[language];
  if (!style) return text;
  if (!state.inBlock && !blankStrings && !OPENERS.test(text)) return text;
  let out = '';
  let from = 0;
  if (state.inBlock) {
    const close = style.block![1];
    const j = text.indexOf(close);
    if (j < 0) return '';
    state.inBlock = false;
    out = ' '.repeat(j + close.length);
    from = j + close.length;
  }
  const re = tokens(style, language === 'sql');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) {
      if (blankStrings && m[1].length > 2) {
        out += `${text.slice(from, m.index + 1)}${' '.repeat(m[1].length - 2)}`;
        from = m.index + m[1].length - 1;
      }
      if (m[0].length === 0) re.lastIndex++;
      continue;
    }
    if (m[2] !== undefined) return out + text.slice(from, m.index);
    // A block comment: blank it up to its close, or to the end of the line and carry on.
    const close = style.block![1];
    const j = text.indexOf(close, m.index + m[3].length);
    out += `${text.slice(from, m.index)}${' '.repeat((j < 0 ? text.length : j + close.length) - m.index)}`;
    if (j < 0) {
      state.inBlock = true;
      return out;
    }
    from = re.lastIndex = j + close.length;
  }
  return out + text.slice(from);
}

/** True for a line that continues a `/* … *\/` or doc comment (` * text`). */
export function looksLikeCommentContinuation(text: string, language: Language): boolean {
  const style = STYLES[language];
  return !!style?.block && style.block[0] === '/*' && /^\s*\*(\s|\/|$)/.test(text);
}
