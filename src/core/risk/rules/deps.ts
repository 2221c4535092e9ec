import { LOCK_MANIFEST } from '../classify';
import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type DiffView, type FileView } from '../view';

/** Lockfiles: what actually gets installed. */
export const depsRules: readonly RiskRule[] = [
  {
    id: 'deps/lockfile-deleted', category: 'deps', severity: 'medium', tags: ['lockfile'], on: ['deleted'],
    message: 'Deletes a lockfile: the next install resolves every dependency afresh.',
    hint: 'Keep the lockfile; regenerate it with the package manager if it is broken.',
    check: (f) => [at('old', 1, Math.max(1, ...f.removed.map((l) => l.line)))],
  },
  {
    id: 'deps/lockfile-without-manifest', category: 'deps', severity: 'low', tags: ['lockfile'], on: ['modified'],
    message: 'Changes a lockfile without its manifest: edited by hand, or dependencies changed silently.',
    hint: 'Change dependencies through the manifest and the package manager.',
    check: lockWithoutManifest,
  },
];

function lockWithoutManifest(f: FileView, all: DiffView): Hit[] {
  const slash = f.path.lastIndexOf('/');
  const dir = slash < 0 ? '' : f.path.slice(0, slash + 1);
  const manifests = LOCK_MANIFEST[f.path.slice(slash + 1)] ?? [];
  if (manifests.length === 0 || manifests.some((m) => all.paths.has(dir + m))) return [];
  const first = f.added[0] ?? f.removed[0];
  if (!first) return [];
  return [f.added[0] ? at('new', f.added[0].line, f.added[f.added.length - 1].line) : at('old', f.removed[0].line, f.removed[f.removed.length - 1].line)];
}
