import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type DiffView, type FileView } from '../view';

/**
 * The shape of a change rather than its words: whole-file rewrites ("delete
 * and recreate"), mass deletions, deleted files.
 */
const SOURCE = { exceptTags: ['docs', 'generated', 'lockfile'] } as const;

/** Thresholds; lines counted are removed lines that were not moved elsewhere in the file. */
export const REWRITE_MIN_LINES = 20;
export const REWRITE_SHARE = 0.8;
export const MASS_DELETION_LINES = 50;
export const MANY_FILES_DELETED = 10;

export const changeRules: readonly RiskRule[] = [
  {
    id: 'change/whole-file-rewrite', category: 'change', severity: 'high', ...SOURCE, on: ['modified', 'renamed'],
    message: 'Rewrites the whole file (most lines removed and re-added): a "delete and recreate" that hides what really changed.',
    hint: 'Ask for the targeted edit; review the file as if it were new.',
    check: rewriteHits,
  },
  {
    id: 'change/mass-deletion', category: 'change', severity: 'medium', ...SOURCE, on: ['modified', 'renamed'],
    message: 'Deletes a large part of the file.',
    hint: 'Check that the removed code is really dead (no callers, no config that names it).',
    check: massDeletionHits,
  },
  {
    id: 'change/file-deleted', category: 'change', severity: 'medium', exceptTags: ['docs', 'generated', 'lockfile', 'test', 'ci', 'kubernetes', 'env'], on: ['deleted'],
    message: 'Deletes a file.',
    hint: 'Check that nothing imports, runs or deploys it.',
    check: (f) => [at('old', 1, lastOldLine(f))],
  },
  {
    id: 'change/many-files-deleted', category: 'change', severity: 'high', exceptTags: ['generated'], on: ['deleted'],
    message: 'Deletes many files at once.',
    hint: 'Split the deletion into reviewed steps, or confirm it was intended.',
    check: manyDeleted,
  },
];

function lastOldLine(f: FileView): number {
  let n = 1;
  for (const s of f.oldSides) for (const l of s) n = Math.max(n, l.line);
  return n;
}

/**
 * Lines the old text had: exact with the whole text, else from the diff when
 * its last hunk reaches the end of the file (fewer than 3 trailing context lines).
 */
export function oldLength(f: FileView): number | undefined {
  const all = f.oldLines();
  if (all) return all.length;
  const last = f.oldSides[f.oldSides.length - 1];
  if (!last || last.length === 0) return undefined;
  let trailing = 0;
  for (let i = last.length - 1; i >= 0 && !last[i].changed; i--) trailing++;
  return trailing < 3 ? last[last.length - 1].line : undefined;
}

function realRemoved(f: FileView) {
  return f.removed.filter((l) => l.code.trim() !== '' || l.text.trim() !== '');
}

/** Lines that carry content: not blank, not a lone brace or `end`. */
function substantive(text: string): boolean {
  return text.trim().replace(/[{}()[\];,]/g, '').length > 3;
}

/** Substantive old lines the change kept: known exactly with the old text, else estimated from the diff. */
function keptSubstantive(f: FileView, len: number): number {
  const old = f.oldLines();
  const removed = f.removed.filter((l) => substantive(l.text)).length;
  if (old) return old.filter(substantive).length - removed;
  let shown = 0;
  let kept = 0;
  for (const s of f.oldSides) for (const l of s) {
    shown++;
    if (!l.changed && substantive(l.text)) kept++;
  }
  return kept + Math.max(0, len - shown);
}

function rewriteHits(f: FileView): Hit[] {
  // Cheap bounds first: this runs on every keystroke in the editor.
  if (f.removed.length < REWRITE_MIN_LINES * REWRITE_SHARE || f.added.length < REWRITE_MIN_LINES * REWRITE_SHARE * 0.5) return [];
  const gone = f.removed.filter((l) => substantive(l.text)).length;
  if (gone < REWRITE_MIN_LINES * REWRITE_SHARE * 0.5) return [];
  const removed = realRemoved(f);
  const len = oldLength(f);
  if (len === undefined || len < REWRITE_MIN_LINES) return [];
  if (gone < REWRITE_SHARE * (gone + keptSubstantive(f, len))) return [];
  if (f.added.length < 0.5 * removed.length) return [];
  const lastNew = f.added[f.added.length - 1].line;
  return [at('new', f.added[0].line, lastNew, `Rewrites ${f.path}: ${removed.length} of ${len} lines removed and ${f.added.length} written anew.`)];
}

function massDeletionHits(f: FileView): Hit[] {
  const gone = realRemoved(f).filter((l) => !f.readded(l));
  if (gone.length < MASS_DELETION_LINES || gone.length < 4 * f.added.length) return [];
  if (rewriteHits(f).length > 0) return [];
  return [at('old', gone[0].line, gone[gone.length - 1].line, `Deletes ${gone.length} lines of ${f.path}.`)];
}

/** Reported once, on the first deleted file, when the change deletes many. */
function manyDeleted(f: FileView, all: DiffView): Hit[] {
  const deleted = all.files.filter((x) => x.change.status === 'deleted' && !x.kind.tags.has('generated'));
  if (deleted.length < MANY_FILES_DELETED || deleted[0] !== f) return [];
  const names = deleted.slice(0, 3).map((x) => x.path).join(', ');
  return [at('old', 1, 1, `Deletes ${deleted.length} files (${names}, …).`)];
}
