import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type DiffView, type FileView, type ViewLine } from '../view';
import { blockEnd, enclosingHeader, indentOf } from './structure';

/**
 * Terraform and OpenTofu: what `plan` would destroy or replace. A block
 * renamed with a `moved {}` block, moved to another file, or forgotten with
 * `removed { lifecycle { destroy = false } }` is not a destroy.
 */
const TF = { languages: ['terraform'] } as const;
const BLOCK = /^\s*(resource|module)\s+"([\w-]+)"(?:\s+"([\w-]+)")?\s*\{/;

export const terraformRules: readonly RiskRule[] = [
  {
    id: 'terraform/resource-removed', category: 'terraform', severity: 'high', ...TF,
    message: 'Removes a resource: terraform apply will destroy it.',
    hint: 'To rename it, add a `moved { from = … to = … }` block; to stop managing it without destroying it, use `removed { from = … lifecycle { destroy = false } }`.',
    check: (f, all) => removedBlocks(f, all, 'resource'),
  },
  {
    id: 'terraform/module-removed', category: 'terraform', severity: 'high', ...TF,
    message: 'Removes a module: terraform apply will destroy everything it created.',
    hint: 'To rename it, add a `moved { from = module.old to = module.new }` block.',
    check: (f, all) => removedBlocks(f, all, 'module'),
  },
  {
    id: 'terraform/prevent-destroy-removed', category: 'terraform', severity: 'critical', ...TF,
    message: 'Turns off prevent_destroy: the safety catch that stops terraform destroying this resource.',
    hint: 'Keep `lifecycle { prevent_destroy = true }` on stateful resources; remove it only in a reviewed change of its own.',
    removed: /\bprevent_destroy\s*=\s*true\b/,
    pairMatches: true,
    added: /\bprevent_destroy\s*=\s*false\b/,
  },
  {
    id: 'terraform/removed-block-destroys', category: 'terraform', severity: 'high', ...TF,
    message: 'A `removed {}` block without `destroy = false` destroys the real infrastructure.',
    hint: 'Add `lifecycle { destroy = false }` to forget the resource while keeping it.',
    check: removedBlockHits,
  },
  {
    id: 'terraform/force-replacement', category: 'terraform', severity: 'high', ...TF,
    message: 'Changes an attribute that forces replacement: terraform destroys the resource and creates a new one.',
    hint: 'Check `terraform plan` for "must be replaced"; migrate the data first or keep the old value.',
    check: forceReplacementHits,
  },
  {
    id: 'terraform/count-zero', category: 'terraform', severity: 'high', ...TF,
    message: 'Sets count to 0 or for_each to empty: every instance of the resource is destroyed.',
    hint: 'If that is intended, say so in review; otherwise restore the count.',
    added: /^\s*(count\s*=\s*0\s*$|for_each\s*=\s*(\{\s*\}|\[\s*\]|toset\(\s*\[\s*\]\s*\))\s*$)/,
  },
];

function address(m: RegExpExecArray): string {
  return m[1] === 'module' ? `module.${m[2]}` : `${m[2]}.${m[3] ?? ''}`;
}

/** Addresses a `moved` or `removed` block added anywhere in the change refers to with `from`. */
function referenced(all: DiffView): Set<string> {
  const out = new Set<string>();
  for (const f of all.files) {
    if (f.kind.language !== 'terraform') continue;
    for (const l of f.added) {
      const m = /^\s*from\s*=\s*([\w.-]+)/.exec(l.code);
      if (m) out.add(m[1].replace(/\[.*$/, ''));
    }
  }
  return out;
}

function removedBlocks(f: FileView, all: DiffView, kind: 'resource' | 'module'): Hit[] {
  const hits: Hit[] = [];
  let refs: Set<string> | undefined;
  for (const side of f.oldSides) {
    side.forEach((l, i) => {
      const m = BLOCK.exec(l.code);
      if (!l.changed || !m || m[1] !== kind || (kind === 'resource' && !m[3])) return;
      // The same block re-added here or in another file is a move, not a removal.
      if (all.addedAnywhere.has(l.code.trim().replace(/\s+/g, ' '))) return;
      refs ??= referenced(all);
      const addr = address(m);
      if (refs.has(addr)) return;
      let end = blockEnd(side, i);
      while (end > i && !side[end].changed) end--;
      hits.push(at('old', l.line, side[end].line, `Removes ${addr}: terraform apply will destroy it.`));
    });
  }
  return hits;
}

function removedBlockHits(f: FileView): Hit[] {
  const hits: Hit[] = [];
  for (const side of f.newSides) {
    side.forEach((l, i) => {
      if (!l.changed || !/^\s*removed\s*\{/.test(l.code)) return;
      const end = blockEnd(side, i);
      const body = side.slice(i, end + 1);
      if (body.some((b) => /\bdestroy\s*=\s*false\b/.test(b.code))) return;
      const from = body.map((b) => /^\s*from\s*=\s*([\w.-]+)/.exec(b.code)?.[1]).find(Boolean);
      hits.push(at('new', l.line, side[end].line, from ? `removed { from = ${from} } destroys it: no \`destroy = false\`.` : undefined));
    });
  }
  return hits;
}

/** Attributes whose change makes the provider replace the resource, per resource type. */
const FORCE_NEW: Record<string, readonly string[]> = {
  aws_instance: ['ami', 'availability_zone', 'subnet_id', 'key_name', 'placement_group', 'tenancy', 'private_ip'],
  aws_db_instance: ['identifier', 'engine', 'availability_zone', 'storage_encrypted', 'kms_key_id', 'username', 'db_name', 'character_set_name', 'snapshot_identifier'],
  aws_rds_cluster: ['cluster_identifier', 'engine', 'database_name', 'master_username', 'storage_encrypted', 'kms_key_id', 'availability_zones'],
  aws_s3_bucket: ['bucket', 'bucket_prefix'],
  aws_dynamodb_table: ['name', 'hash_key', 'range_key'],
  aws_elasticache_cluster: ['cluster_id', 'engine'],
  aws_elasticache_replication_group: ['replication_group_id', 'at_rest_encryption_enabled'],
  aws_eks_cluster: ['name'],
  aws_ecs_cluster: ['name'],
  aws_lambda_function: ['function_name'],
  aws_sqs_queue: ['name', 'fifo_queue'],
  aws_vpc: ['cidr_block'],
  aws_subnet: ['cidr_block', 'vpc_id', 'availability_zone'],
  aws_ebs_volume: ['availability_zone', 'encrypted', 'snapshot_id'],
  aws_efs_file_system: ['encrypted', 'creation_token', 'kms_key_id'],
  aws_kms_key: ['customer_master_key_spec', 'key_usage'],
  google_sql_database_instance: ['name', 'region'],
  google_container_cluster: ['name', 'location', 'network', 'subnetwork'],
  google_compute_instance: ['name', 'zone'],
  google_storage_bucket: ['name', 'location'],
  kubernetes_namespace: [],
};
/** For providers whose resources are replaced when these change (Azure: almost always). */
const FORCE_NEW_PREFIX: readonly [string, readonly string[]][] = [['azurerm_', ['name', 'location', 'resource_group_name']]];

function forceNewAttrs(type: string): readonly string[] {
  return FORCE_NEW[type] ?? FORCE_NEW_PREFIX.find(([p]) => type.startsWith(p))?.[1] ?? [];
}

const ATTR = /^\s*(\w+)\s*=\s*(.+?)\s*$/;
const RESOURCE_HEADER = /^\s*resource\s+"([\w-]+)"\s+"[\w-]+"\s*\{/;

function forceReplacementHits(f: FileView): Hit[] {
  const hits: Hit[] = [];
  f.change.hunks.forEach((h, hi) => {
    const oldVals = new Map<string, string>();
    for (const l of f.oldSides[hi]) {
      const m = l.changed ? ATTR.exec(l.code) : null;
      if (m) oldVals.set(m[1], m[2]);
    }
    const side = f.newSides[hi];
    side.forEach((l, i) => {
      const m = l.changed ? ATTR.exec(l.code) : null;
      if (!m || !oldVals.has(m[1]) || oldVals.get(m[1]) === m[2]) return;
      const type = resourceType(side, i, h.section, l);
      if (!type || !forceNewAttrs(type).includes(m[1])) return;
      hits.push(at('new', l.line, l.line, `Changing ${m[1]} of ${type} forces replacement: the resource is destroyed and created anew.`));
    });
  });
  return hits;
}

function resourceType(side: readonly ViewLine[], i: number, section: string, l: ViewLine): string | undefined {
  const header = enclosingHeader(side, i, RESOURCE_HEADER, '');
  if (header) return RESOURCE_HEADER.exec(header)![1];
  // The hunk starts inside the block: git's section line names it; only trust it for top-level attributes.
  const sec = RESOURCE_HEADER.exec(section);
  const opened = side.slice(0, i).some((x) => /\{\s*$/.test(x.code));
  return sec && !opened && indentOf(l.text) <= 2 ? sec[1] : undefined;
}
