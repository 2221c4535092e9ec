import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../../core/fs/atomic';
import { type Finding } from '../../core/risk';
import { git, gitCommonDir } from '../../git/git';

/** One acknowledged finding: who accepted the risk, and why. */
export interface Acknowledgement {
  readonly key: string;
  readonly rule: string;
  readonly path: string;
  readonly who: string;
  readonly why: string;
  readonly at: string;
}

/** Identifies a finding across edits: the rule, the file and the text it is about. */
export function findingKey(f: Pick<Finding, 'rule' | 'path' | 'excerpt'>): string {
  return `${f.rule}\u0000${f.path}\u0000${f.excerpt}`;
}

/**
 * Acknowledged risks, kept in the repository's working log folder
 * (`<git common dir>/ai-provenance/risk-acks.json`): local, never committed,
 * shared by every window and worktree of the clone; written atomically.
 */
export class Acknowledgements {
  private readonly loaded = new Map<string, Map<string, Acknowledgement>>();

  private async file(root: string): Promise<string> {
    return path.join(await gitCommonDir(root), 'ai-provenance', 'risk-acks.json');
  }

  async load(root: string): Promise<Map<string, Acknowledgement>> {
    let m = this.loaded.get(root);
    if (m) return m;
    m = new Map();
    try {
      const list = JSON.parse(fs.readFileSync(await this.file(root), 'utf8')) as Acknowledgement[];
      if (Array.isArray(list)) for (const a of list) if (a && typeof a.key === 'string') m.set(a.key, a);
    } catch {
      // Missing or unreadable: nothing acknowledged yet.
    }
    this.loaded.set(root, m);
    return m;
  }

  /** Whether a finding was acknowledged (after `load`). */
  has(root: string, f: Finding): boolean {
    return this.loaded.get(root)?.has(findingKey(f)) ?? false;
  }

  async add(root: string, f: Finding, why: string): Promise<Acknowledgement> {
    const m = await this.load(root);
    const email = await git(['config', 'user.email'], { cwd: root, allowFailure: true });
    const a: Acknowledgement = { key: findingKey(f), rule: f.rule, path: f.path, who: email.stdout.trim() || 'unknown', why, at: new Date().toISOString() };
    m.set(a.key, a);
    const file = await this.file(root);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify([...m.values()], null, 2)}\n`);
    return a;
  }
}
