import { type FileView, type ViewLine } from '../view';

/**
 * Whether a line sits in the "down" half of a migration (Rails `def down`,
 * Alembic `downgrade()`, Knex `exports.down`, Liquibase `<rollback>`, dbmate
 * `-- migrate:down`, goose `-- +goose Down`) or in a down-only file: dropping
 * what `up` created is how a reversible migration is written, not a risk.
 */
export function inDownSection(file: FileView, side: readonly ViewLine[], idx: number, section: string): boolean {
  if (DOWN_FILE.test(file.path)) return true;
  const all = file.newLines();
  if (all) return scan(all, side[idx].line - 1);
  for (let i = idx; i >= 0; i--) {
    const v = verdict(side[i].text);
    if (v !== undefined) return v;
  }
  return verdict(section) ?? false;
}

const DOWN_FILE = /(\.down\.sql|(^|\/)U\d+(_\d+)*__[^/]*\.sql|(^|\/)down\.sql)$/i;
const DOWN = /^\s*(def\s+(down|downgrade|self\.down)\b|(export\s+)?(default\s+)?(async\s+)?function\s+down\b|exports\.down\b|(export\s+)?(async\s+)?(const\s+)?down\s*[=(:]|public\s+function\s+down\b|<rollback\b|rollback\s*:|--\s*migrate:down|--\s*\+goose\s+Down)/i;
const UP = /^\s*(def\s+(up|upgrade|change|self\.up)\b|(export\s+)?(default\s+)?(async\s+)?function\s+up\b|exports\.up\b|(export\s+)?(async\s+)?(const\s+)?up\s*[=(:]|public\s+function\s+up\b|<\/rollback>|--\s*migrate:up|--\s*\+goose\s+Up)/i;

function verdict(text: string): boolean | undefined {
  if (DOWN.test(text)) return true;
  if (UP.test(text)) return false;
  return undefined;
}

function scan(lines: readonly string[], from: number): boolean {
  for (let i = Math.min(from, lines.length - 1); i >= 0; i--) {
    const v = verdict(lines[i]);
    if (v !== undefined) return v;
  }
  return false;
}
