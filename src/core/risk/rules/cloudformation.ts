import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';
import { indentOf } from './structure';

/** AWS CloudFormation and SAM templates (YAML or JSON). */
const CFN = { tags: ['cloudformation'] } as const;

export const cloudFormationRules: readonly RiskRule[] = [
  {
    id: 'cloudformation/resource-removed', category: 'cloudformation', severity: 'high', ...CFN,
    message: 'Removes or renames a resource: CloudFormation deletes it (a renamed logical id is a delete and a create).',
    hint: 'Set `DeletionPolicy: Retain` first, or keep the logical id; review the change set before executing it.',
    check: removedResources,
  },
  {
    id: 'cloudformation/deletion-policy-delete', category: 'cloudformation', severity: 'high', ...CFN,
    message: 'DeletionPolicy or UpdateReplacePolicy no longer retains the resource: a stack update or delete destroys its data.',
    hint: 'Use `Retain` or `Snapshot` for databases, buckets, volumes and tables.',
    added: /^\s*["']?(DeletionPolicy|UpdateReplacePolicy)["']?\s*:\s*["']?Delete\b/,
    removed: /^\s*["']?(DeletionPolicy|UpdateReplacePolicy)["']?\s*:\s*["']?(Retain|Snapshot|RetainExceptOnCreate)\b/,
  },
];

const LOGICAL_ID = /^\s*["']?([A-Za-z0-9]+)["']?\s*:\s*\{?\s*$/;
const TYPE = /^\s*["']?Type["']?\s*:\s*["']?(AWS::[\w:]+)/;

/**
 * A removed logical-id line directly followed (within its block) by a
 * `Type: AWS::…` line: the resource was removed or renamed.
 */
function removedResources(f: FileView): Hit[] {
  const hits: Hit[] = [];
  for (const side of f.oldSides) {
    side.forEach((l, i) => {
      const m = l.changed ? LOGICAL_ID.exec(l.code) : null;
      if (!m || f.readded(l)) return;
      const own = indentOf(l.text);
      let type: string | undefined;
      let end = i;
      for (let j = i + 1; j < side.length; j++) {
        const n = side[j];
        if (n.code.trim() === '') continue;
        if (indentOf(n.text) <= own && !/^\s*[}\]]/.test(n.code)) break;
        end = j;
        type ??= TYPE.exec(n.code)?.[1];
      }
      if (!type) return;
      // Only the removed lines of the block belong to the finding.
      while (end > i && !side[end].changed) end--;
      hits.push(at('old', l.line, side[end].line, `Removes ${m[1]} (${type}): CloudFormation deletes it.`));
    });
  }
  return hits;
}
