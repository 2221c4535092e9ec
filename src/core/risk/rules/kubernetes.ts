import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';
import { yamlParent } from './structure';

/** Kubernetes manifests and Helm values. */
const K8S = { tags: ['kubernetes'] } as const;

export const kubernetesRules: readonly RiskRule[] = [
  {
    id: 'kubernetes/manifest-deleted', category: 'kubernetes', severity: 'high', ...K8S,
    message: 'Deletes a Kubernetes manifest: a GitOps sync (Argo CD, Flux with prune) deletes these objects from the cluster.',
    hint: 'Make sure nothing still needs these objects; scale down first and delete in a reviewed change.',
    check: deletedManifest,
  },
  {
    id: 'kubernetes/namespace-removed', category: 'kubernetes', severity: 'critical', ...K8S,
    message: 'Removes a Namespace: deleting it deletes everything inside it.',
    hint: 'Move or back up what lives in the namespace first.',
    removed: /^\s*kind\s*:\s*["']?Namespace\b/,
  },
  {
    id: 'kubernetes/volume-removed', category: 'kubernetes', severity: 'critical', ...K8S,
    message: 'Removes a PersistentVolumeClaim or PersistentVolume: with a Delete reclaim policy the data goes with it.',
    hint: 'Back up the volume, or set the reclaim policy to Retain before removing the claim.',
    removed: /^\s*kind\s*:\s*["']?(PersistentVolumeClaim|PersistentVolume)\b/,
  },
  {
    id: 'kubernetes/resource-removed', category: 'kubernetes', severity: 'medium', ...K8S,
    message: 'Removes a Kubernetes object from a manifest.',
    hint: 'Check that nothing depends on it before the next sync prunes it.',
    removed: /^kind\s*:\s*["']?(?!Namespace\b|PersistentVolumeClaim\b|PersistentVolume\b)\w+/,
    on: ['modified', 'renamed'],
  },
  {
    id: 'kubernetes/replicas-zero', category: 'kubernetes', severity: 'high', tags: ['kubernetes', 'helm'],
    message: 'Scales a workload to zero replicas: the service stops.',
    hint: 'If the outage is intended, schedule it; otherwise keep at least one replica.',
    added: /^\s*(replicas|replicaCount|minReplicas)\s*:\s*["']?0["']?\s*$/,
  },
  {
    id: 'kubernetes/reclaim-policy-delete', category: 'kubernetes', severity: 'high', tags: ['kubernetes', 'helm'],
    message: 'Sets a Delete reclaim policy: releasing the claim deletes the volume and its data.',
    hint: 'Use `Retain` for volumes that hold data you need.',
    added: /^\s*(persistentVolumeReclaimPolicy|reclaimPolicy)\s*:\s*["']?Delete\b/,
  },
  {
    id: 'kubernetes/resource-policy-keep-removed', category: 'kubernetes', severity: 'high', tags: ['kubernetes', 'helm'],
    message: 'Removes `helm.sh/resource-policy: keep`: uninstalling the release now deletes this object.',
    hint: 'Keep the annotation on stateful objects (PVCs, secrets holding keys).',
    removed: /helm\.sh\/resource-policy\s*:\s*["']?keep\b/,
  },
  {
    id: 'kubernetes/helm-persistence-disabled', category: 'kubernetes', severity: 'high', tags: ['helm'],
    message: 'Turns persistence off in Helm values: the chart drops its volume and the data on it.',
    hint: 'Keep `persistence.enabled: true` for stateful charts, or migrate the data first.',
    check: persistenceDisabled,
  },
];

function deletedManifest(f: FileView): Hit[] {
  if (f.change.status !== 'deleted') return [];
  const last = f.oldSides.flat().reduce((n, l) => Math.max(n, l.line), 1);
  const kinds = [...new Set(f.removed.map((l) => /^\s*kind\s*:\s*["']?(\w+)/.exec(l.code)?.[1]).filter(Boolean))];
  return [at('old', 1, last, `Deletes ${f.path}${kinds.length ? ` (${kinds.join(', ')})` : ''}: a sync with pruning deletes these objects.`)];
}

function persistenceDisabled(f: FileView): Hit[] {
  const hits: Hit[] = [];
  for (const side of f.newSides) {
    side.forEach((l, i) => {
      if (!l.changed || !/^\s*enabled\s*:\s*false\b/.test(l.code) || f.preexisting(l)) return;
      if (/persistence|persistentVolume|volumeClaim/i.test(yamlParent(side, i) ?? '')) hits.push(at('new', l.line));
    });
  }
  return hits;
}
