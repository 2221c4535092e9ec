import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';
import { inDownSection } from './migrationContext';
import { statements } from './structure';

/**
 * SQL, in `.sql` files and in migrations of any framework (SQL inside
 * `execute`, `op.execute`, `RunSQL`, `knex.raw`). Ids follow squawk's rule
 * names where squawk has one.
 */
const WHERE_SQL = { languages: ['sql'], tags: ['migration'], exceptTags: ['docs'], skipInDown: true } as const;
const SHELL_TOO = { languages: ['sql', 'shell', 'makefile'], tags: ['migration'], exceptTags: ['docs'], skipInDown: true } as const;
const TEMP_TABLE = /\bDROP\s+TEMP(ORARY)?\s+TABLE\b|\bTABLE\s+(IF\s+EXISTS\s+)?["`]?(pg_temp\.|#|tmp_|temp_|_tmp)|_(tmp|temp|backup|old)["`]?\s*(;|,|$|CASCADE)/i;

export const sqlRules: readonly RiskRule[] = [
  {
    id: 'sql/ban-drop-database', category: 'sql', severity: 'critical', ...SHELL_TOO,
    message: 'Drops a whole database.',
    hint: 'Never drop a database from application code or migrations; do it by hand, with a backup, after review.',
    added: /\bDROP\s+DATABASE\b/i,
  },
  {
    id: 'sql/ban-drop-schema', category: 'sql', severity: 'critical', ...SHELL_TOO,
    message: 'Drops a schema and every table in it.',
    hint: 'Rename the schema first and drop it in a later, reviewed release once nothing reads it.',
    added: /\bDROP\s+SCHEMA\b/i,
  },
  {
    id: 'sql/ban-drop-table', category: 'sql', severity: 'critical', ...SHELL_TOO,
    message: 'Drops a table: its data is gone for good.',
    hint: 'Stop writing to the table, back it up, and drop it in a separate reviewed migration (or rename it to *_deprecated first).',
    added: /\bDROP\s+TABLE\b/i,
    unless: TEMP_TABLE,
  },
  {
    id: 'sql/ban-drop-column', category: 'sql', severity: 'high', ...WHERE_SQL,
    message: 'Drops a column: its data is lost and old code reading it breaks.',
    hint: 'Stop reading and writing the column first, deploy, then drop it in a later migration.',
    added: /\bDROP\s+COLUMN\b/i,
  },
  {
    id: 'sql/ban-truncate', category: 'sql', severity: 'high', ...SHELL_TOO,
    message: 'Truncates a table: every row is deleted.',
    hint: 'Delete the rows you mean with a WHERE clause, or archive the table first.',
    added: /\bTRUNCATE\s+(TABLE\s+)?["`\w]/i,
    unless: TEMP_TABLE,
  },
  {
    id: 'sql/delete-without-where', category: 'sql', severity: 'high', ...WHERE_SQL,
    message: 'DELETE without WHERE removes every row of the table.',
    hint: 'Add a WHERE clause naming the rows to delete.',
    check: (f) => statementHits(f, /^\s*DELETE\s+FROM\b/i),
  },
  {
    id: 'sql/update-without-where', category: 'sql', severity: 'medium', ...WHERE_SQL,
    message: 'UPDATE without WHERE rewrites every row of the table.',
    hint: 'Add a WHERE clause, or batch the backfill so it does not lock the table.',
    check: (f) => statementHits(f, /^\s*UPDATE\s+["`\w.]+\s+(AS\s+\w+\s+)?SET\b/i),
  },
  {
    id: 'sql/changing-column-type', category: 'sql', severity: 'medium', ...WHERE_SQL,
    message: 'Changes a column type: the table is rewritten and values may not convert.',
    hint: 'Add a new column, backfill it, switch readers, then drop the old one.',
    added: /\bALTER\s+COLUMN\s+["`\w]+\s+(SET\s+DATA\s+)?TYPE\b|\bMODIFY\s+(COLUMN\s+)?["`\w]+\s+\w|\bALTER\s+TABLE\b.*\bCHANGE\s+(COLUMN\s+)?["`\w]+\s+["`\w]+\s+\w/i,
  },
  {
    id: 'sql/renaming-column', category: 'sql', severity: 'medium', ...WHERE_SQL,
    message: 'Renames a column: running code that uses the old name breaks.',
    hint: 'Add the new column, write to both, move readers, then drop the old one.',
    added: /\bRENAME\s+COLUMN\b|\bALTER\s+TABLE\b.*\bRENAME\s+(?!TO\b|CONSTRAINT\b|INDEX\b)["`\w]+\s+TO\b/i,
  },
  {
    id: 'sql/renaming-table', category: 'sql', severity: 'medium', ...WHERE_SQL,
    message: 'Renames a table: running code that uses the old name breaks.',
    hint: 'Create a view with the old name during the transition, or rename in two releases.',
    added: /\bALTER\s+TABLE\s+(IF\s+EXISTS\s+)?["`\w.]+\s+RENAME\s+TO\b|\bRENAME\s+TABLE\b|\bsp_rename\b/i,
  },
  {
    id: 'sql/adding-required-field', category: 'sql', severity: 'medium', ...WHERE_SQL,
    message: 'Adds a NOT NULL column without a default: fails on a table with rows, or locks it.',
    hint: 'Add the column nullable (or with a default), backfill, then add the constraint.',
    added: /\bADD\s+(COLUMN\s+)?(IF\s+NOT\s+EXISTS\s+)?["`\w]+\s+[^,;]*\bNOT\s+NULL\b/i,
    unless: /\bDEFAULT\b|\bGENERATED\b|\bIDENTITY\b|\bSERIAL\b/i,
  },
  {
    id: 'sql/adding-not-nullable-field', category: 'sql', severity: 'medium', ...WHERE_SQL,
    message: 'Sets NOT NULL on an existing column: a full table scan under an exclusive lock, and fails on NULLs.',
    hint: 'Add a CHECK (col IS NOT NULL) NOT VALID constraint, validate it, then set NOT NULL.',
    added: /\bALTER\s+COLUMN\s+["`\w]+\s+SET\s+NOT\s+NULL\b/i,
  },
  {
    id: 'sql/require-concurrent-index-creation', category: 'sql', severity: 'low', ...WHERE_SQL,
    message: 'Creates an index without CONCURRENTLY: writes to the table block until it is built (PostgreSQL).',
    hint: 'Use CREATE INDEX CONCURRENTLY (outside a transaction).',
    check: concurrentIndexHits,
  },
];

/** Statements that start like `head` and have no WHERE, touching an added line. */
function statementHits(f: FileView, head: RegExp): Hit[] {
  const hits: Hit[] = [];
  f.newSides.forEach((side, h) => {
    for (const st of statements(side)) {
      if (!head.test(st.text) || /\bWHERE\b|\bUSING\b.*\bWHERE\b/i.test(st.text)) continue;
      const changed = st.lines.filter((l) => l.changed && !f.preexisting(l));
      if (changed.length === 0) continue;
      const idx = side.indexOf(st.lines[0]);
      if (inDownSection(f, side, idx, f.change.hunks[h]?.section ?? '')) continue;
      hits.push(at('new', st.lines[0].line, st.lines[st.lines.length - 1].line));
    }
  });
  return hits;
}

const CREATE_INDEX = /\bCREATE\s+(UNIQUE\s+)?INDEX\b(?!\s+CONCURRENTLY)(\s+IF\s+NOT\s+EXISTS)?[^;]*?\bON\s+(ONLY\s+)?["`]?([\w.]+)/i;

/** An index on a table created in the same change needs no CONCURRENTLY: nobody writes to it yet. */
function concurrentIndexHits(f: FileView): Hit[] {
  const created = new Set<string>();
  for (const l of f.added) {
    const m = /\bCREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?["`]?([\w.]+)/i.exec(l.code);
    if (m) created.add(m[2].toLowerCase());
  }
  if (/\bmysql|mariadb|sqlite/i.test(f.path)) return [];
  const hits: Hit[] = [];
  for (const l of f.added) {
    const m = CREATE_INDEX.exec(l.code);
    if (m && !created.has(m[4].toLowerCase()) && !f.preexisting(l)) hits.push(at('new', l.line));
  }
  return hits;
}
