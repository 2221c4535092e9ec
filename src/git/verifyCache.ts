import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync } from '../core/fs/atomic';
import { gitCommonDir } from './git';

/**
 * Remembers signatures `ssh-keygen -Y verify` already accepted, so a second
 * `aiprov verify` (a pre-push hook, a re-run) does not spawn ssh-keygen again.
 * The key hashes everything the answer depends on: the signed payload, the
 * signature, the principal, the namespace and the allowed-signers content;
 * changing any of them (a key removed from allowed signers) misses the cache.
 * Only successes are kept: failures are re-checked to explain them.
 * Lives in `.git/ai-provenance/`, never committed.
 */
export class VerifyCache {
  private readonly known: Set<string>;
  private readonly added: string[] = [];

  private constructor(private readonly file: string | undefined, known: Iterable<string>) {
    this.known = new Set(known);
  }

  static async open(cwd: string, enabled = true): Promise<VerifyCache> {
    if (!enabled) return new VerifyCache(undefined, []);
    const file = path.join(await gitCommonDir(cwd), 'ai-provenance', 'verified-signatures');
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // No cache yet.
    }
    return new VerifyCache(file, text.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)));
  }

  static key(parts: { payload: string; signature: string; principal: string; namespace: string; allowedSigners: string }): string {
    const h = crypto.createHash('sha256');
    for (const p of [parts.payload, parts.signature.trim(), parts.principal, parts.namespace, parts.allowedSigners]) h.update(`${Buffer.byteLength(p)}:${p}\0`);
    return h.digest('hex');
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  add(key: string): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    this.added.push(key);
  }

  /** Writes the cache atomically; a failure to write (read-only .git) is not an error. */
  save(): void {
    if (!this.file || this.added.length === 0) return;
    try {
      let existing = '';
      try {
        existing = fs.readFileSync(this.file, 'utf8');
      } catch {
        // First write.
      }
      const all = new Set([...existing.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)), ...this.added]);
      // Bounded: the newest entries win when it grows past 100k signatures.
      const lines = [...all].slice(-100_000);
      writeFileAtomicSync(this.file, `${lines.join('\n')}\n`);
    } catch {
      // A cache is an optimisation only.
    }
  }
}
