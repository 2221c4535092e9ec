import { type FileKind, type Language, type Tag } from './classify';
import { inDownSection } from './rules/migrationContext';
import { type FileView, type DiffView, type ViewLine } from './view';
import { type FileStatus, type Hit, type RiskCategory, type Severity } from './types';

/**
 * A risk rule, as data: what it is, where it applies, and either regular
 * expressions on added or removed lines or, for what needs structure
 * (blocks, statements, counts), a `check` function.
 */
export interface RiskRule {
  /** `category/name`; reuses a well-known linter's name where one exists (squawk's `ban-drop-table`). */
  readonly id: string;
  readonly category: RiskCategory;
  readonly severity: Severity;
  readonly message: string;
  /** What to do instead, or how to make the change safe. */
  readonly hint: string;
  /** The rule applies to files of one of these languages, or with one of `tags`; to every file when both are absent. */
  readonly languages?: readonly Language[];
  readonly tags?: readonly Tag[];
  /** Never on files with one of these tags (docs, generated code). */
  readonly exceptTags?: readonly Tag[];
  /** Only for paths matching one of these globs (gitignore-like: no slash matches at any depth). */
  readonly paths?: readonly string[];
  /** Only for files changed in one of these ways (all when absent). */
  readonly on?: readonly FileStatus[];
  /** Fires on added lines whose code (comments stripped) matches. */
  readonly added?: RegExp;
  /** Fires on removed lines whose code matches and that were not re-added (moved). */
  readonly removed?: RegExp;
  /** A line that also matches this is not a hit (e.g. `rm -rf` of a temp path). */
  readonly unless?: RegExp;
  /** In migrations, ignore added lines in the down/rollback half (dropping what `up` created). */
  readonly skipInDown?: boolean;
  /**
   * Pair matches across the change: a removed match is cancelled by the same
   * matched text added elsewhere in the file (and vice versa), so a refactor
   * that keeps `verifyToken(` or `it.skip` is not reported.
   */
  readonly pairMatches?: boolean;
  /** Match the raw line text (comments included), for secrets. */
  readonly raw?: boolean;
  /** For rules that need structure. */
  readonly check?: (file: FileView, all: DiffView) => Hit[];
}

/** Whether a rule is meant for a file of this kind. */
export function ruleApplies(rule: RiskRule, kind: FileKind, status: FileStatus): boolean {
  if (rule.on && !rule.on.includes(status)) return false;
  // Test fixtures are data about changes, not changes: only leaked credentials matter there.
  if (kind.tags.has('fixture') && rule.category !== 'secrets') return false;
  if (rule.exceptTags?.some((t) => kind.tags.has(t))) return false;
  if (!rule.languages && !rule.tags) return true;
  if (rule.languages?.includes(kind.language)) return true;
  return rule.tags?.some((t) => kind.tags.has(t)) ?? false;
}

/** Hits of a rule's line patterns, adjacent lines merged into one range. */
export function lineHits(rule: RiskRule, file: FileView): Hit[] {
  const hits: Hit[] = [];
  const down = rule.skipInDown && file.kind.tags.has('migration');
  if (rule.added) {
    file.newSides.forEach((side, h) => {
      const section = file.change.hunks[h]?.section ?? '';
      collect(side, 'new', rule.added!, rule, (l, i) => l.changed && !file.preexisting(l) && !(down && inDownSection(file, side, i, section)), hits);
    });
  }
  if (rule.removed) for (const side of file.oldSides) collect(side, 'old', rule.removed, rule, (l) => l.changed && !file.readded(l), hits);
  return rule.pairMatches ? unpaired(rule, file, hits) : hits;
}

/** Drops hits whose matched text also appears on the other side of the change. */
function unpaired(rule: RiskRule, file: FileView, hits: Hit[]): Hit[] {
  const texts = (lines: readonly ViewLine[], re: RegExp | undefined) => {
    const out = new Set<string>();
    if (re) for (const l of lines) for (const m of (rule.raw ? l.text : l.code).matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))) out.add(m[0]);
    return out;
  };
  const addedTexts = texts(file.added, rule.removed);
  const removedTexts = texts(file.removed, rule.added);
  return hits.filter((h) => {
    const lines = h.side === 'new' ? file.added : file.removed;
    const other = h.side === 'new' ? removedTexts : addedTexts;
    const re = h.side === 'new' ? rule.added! : rule.removed!;
    const inHit = lines.filter((l) => l.line >= h.startLine && l.line <= h.endLine);
    return !inHit.every((l) => [...(rule.raw ? l.text : l.code).matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))].every((m) => other.has(m[0])));
  });
}

function collect(lines: readonly ViewLine[], side: 'new' | 'old', re: RegExp, rule: RiskRule, keep: (l: ViewLine, i: number) => boolean, hits: Hit[]): void {
  let last: { side: 'new' | 'old'; startLine: number; endLine: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.changed) continue;
    const s = rule.raw ? l.text : l.code;
    if (s.length === 0 || !re.test(s) || (rule.unless && rule.unless.test(s)) || !keep(l, i)) continue;
    if (last && last.endLine === l.line - 1) {
      last.endLine = l.line;
      continue;
    }
    last = { side, startLine: l.line, endLine: l.line };
    hits.push(last);
  }
}

/** A hit on one line. */
export function at(side: 'new' | 'old', line: number, endLine = line, message?: string): Hit {
  return message === undefined ? { side, startLine: line, endLine } : { side, startLine: line, endLine, message };
}
