import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';

/**
 * Schema changes written in a framework's DSL: Rails, Django, Alembic,
 * Knex, Sequelize, Laravel, Liquibase, Prisma. Drops in a migration's down
 * half are the reverse of its up half and are not reported.
 */
const MIGRATIONS = { tags: ['migration'], exceptTags: ['docs'], skipInDown: true } as const;

export const migrationRules: readonly RiskRule[] = [
  {
    id: 'migration/drop-table', category: 'migration', severity: 'critical', ...MIGRATIONS,
    message: 'The migration drops a table: its data is gone for good.',
    hint: 'Stop using the table, back it up, and drop it in a separate reviewed migration.',
    added: new RegExp(
      [
        String.raw`\bdrop_table\b`, // Rails, Alembic op.drop_table
        String.raw`\bmigrations\.DeleteModel\s*\(`, // Django
        String.raw`\.(dropTable|dropTableIfExists)\s*\(`, // Knex, Sequelize queryInterface
        String.raw`\bSchema::(drop|dropIfExists)\s*\(`, // Laravel
        String.raw`<dropTable\b|^\s*-?\s*["']?dropTable["']?\s*:`, // Liquibase XML, YAML, JSON
      ].join('|'),
    ),
    check: prismaModelsRemoved,
  },
  {
    id: 'migration/drop-column', category: 'migration', severity: 'high', ...MIGRATIONS,
    message: 'The migration drops a column: its data is lost and running code that reads it breaks.',
    hint: 'Ignore the column in the code first (Rails `ignored_columns`), deploy, then drop it.',
    added: new RegExp(
      [
        String.raw`\bremove_columns?\b|\bt\.remove\b`, // Rails
        String.raw`\bdrop_column\s*\(`, // Alembic op./batch_op.
        String.raw`\bmigrations\.RemoveField\s*\(`, // Django
        String.raw`\.(dropColumns?|removeColumn)\s*\(`, // Knex, Sequelize, Laravel
        String.raw`<dropColumn\b|^\s*-?\s*["']?dropColumn["']?\s*:`, // Liquibase
      ].join('|'),
    ),
    check: prismaFieldsRemoved,
  },
  {
    id: 'migration/rename', category: 'migration', severity: 'medium', ...MIGRATIONS,
    message: 'The migration renames a table or column: running code that uses the old name breaks.',
    hint: 'Add the new name alongside the old one, move readers and writers, then remove the old one.',
    added: new RegExp(
      [
        String.raw`\brename_(column|table|index)\b`, // Rails, Alembic op.rename_table
        String.raw`\bnew_column_name\s*=`, // Alembic alter_column
        String.raw`\bmigrations\.Rename(Field|Model)\s*\(`, // Django
        String.raw`\.(renameColumn|renameTable)\s*\(|\bSchema::rename\s*\(`, // Knex, Sequelize, Laravel
        String.raw`<rename(Column|Table)\b|^\s*-?\s*["']?rename(Column|Table)["']?\s*:`, // Liquibase
      ].join('|'),
    ),
  },
  {
    id: 'migration/change-column-type', category: 'migration', severity: 'medium', ...MIGRATIONS,
    message: 'The migration changes a column type: the table may be rewritten and values may not convert.',
    hint: 'Add a new column of the new type, backfill, switch readers, then drop the old one.',
    added: new RegExp(
      [
        String.raw`\bchange_column\b(?!_(default|null|comment))`, // Rails
        String.raw`\balter_column\s*\([^)]*\btype_\s*=`, // Alembic
        String.raw`\bmigrations\.AlterField\s*\(`, // Django
        String.raw`\)\s*\.alter\s*\(`, // Knex
        String.raw`\.changeColumn\s*\(`, // Sequelize
        String.raw`<modifyDataType\b|^\s*-?\s*["']?modifyDataType["']?\s*:`, // Liquibase
      ].join('|'),
    ),
  },
  {
    id: 'migration/edited-applied-migration', category: 'migration', severity: 'medium',
    tags: ['migration'], exceptTags: ['docs'],
    message: 'Edits a migration that may already have run: databases that applied it will not re-run it (Flyway and Liquibase refuse its new checksum).',
    hint: 'Leave applied migrations as they are and add a new migration with the change.',
    check: editedMigration,
  },
];

const VERSIONED = /(^|\/)(\d{3,}[^/]*|V\d+(_\d+)*__[^/]*|[0-9a-f]{12}_[^/]*)\.(sql|py|rb|js|ts|php|xml|ya?ml|json)$|(^|\/)\d{8,}[^/]*\/migration\.sql$/;

function editedMigration(f: FileView): Hit[] {
  if (f.change.status !== 'modified' || !VERSIONED.test(f.path)) return [];
  const first = f.added[0] ?? f.removed[0];
  if (!first) return [];
  const side = f.added[0] ? 'new' : 'old';
  const lines = side === 'new' ? f.added : f.removed;
  return [at(side, lines[0].line, lines[lines.length - 1].line)];
}

const PRISMA_MODEL = /^\s*model\s+(\w+)\s*\{/;
const PRISMA_FIELD = /^\s*(\w+)\s+([A-Z]\w*|String|Int|BigInt|Float|Decimal|Boolean|DateTime|Json|Bytes)(\[\])?\??(\s|$)/;

/** `model X {` removed from schema.prisma and not re-added: `prisma migrate` drops the table. */
function prismaModelsRemoved(f: FileView): Hit[] {
  if (f.kind.language !== 'prisma') return [];
  const hits: Hit[] = [];
  for (const l of f.removed) if (PRISMA_MODEL.test(l.code) && !f.readded(l)) hits.push(at('old', l.line, l.line, `Removes Prisma model ${PRISMA_MODEL.exec(l.code)![1]}: the migration drops its table.`));
  return hits;
}

const SCALARS = /^(String|Int|BigInt|Float|Decimal|Boolean|DateTime|Json|Bytes|Unsupported)$/;

/** A field removed from a model whose name is not re-added: `prisma migrate` drops the column. */
function prismaFieldsRemoved(f: FileView): Hit[] {
  if (f.kind.language !== 'prisma') return [];
  const addedNames = new Set<string>();
  for (const l of f.added) {
    const m = PRISMA_FIELD.exec(l.code);
    if (m) addedNames.add(m[1]);
  }
  const enums = new Set<string>();
  const old = f.oldLines() ?? f.oldSides.flatMap((s) => s.map((l) => l.code));
  for (const t of old) {
    const m = /^\s*enum\s+(\w+)/.exec(t);
    if (m) enums.add(m[1]);
  }
  const hits: Hit[] = [];
  for (const side of f.oldSides) {
    let inRemovedModel = false;
    for (const l of side) {
      if (PRISMA_MODEL.test(l.code)) inRemovedModel = l.changed && !f.readded(l);
      else if (/^\s*\}/.test(l.code)) inRemovedModel = false;
      const m = PRISMA_FIELD.exec(l.code);
      if (!l.changed || !m || PRISMA_MODEL.test(l.code) || inRemovedModel || f.readded(l) || addedNames.has(m[1])) continue;
      // Relation fields (`posts Post[]`, `author User @relation(...)`) have no column of their own.
      const column = !m[3] && (SCALARS.test(m[2]) || enums.has(m[2]));
      if (column) hits.push(at('old', l.line, l.line, `Removes Prisma field ${m[1]}: the migration drops its column.`));
    }
  }
  return hits;
}
