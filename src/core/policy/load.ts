import * as fs from 'fs';
import * as path from 'path';
import { defaultPolicy } from './defaults';
import { parsePolicy } from './parse';
import { POLICY_PATH, type Policy } from './types';

export interface LoadedPolicy {
  policy: Policy;
  /** Absolute path of the file read, or undefined when the defaults apply. */
  file: string | undefined;
}

/**
 * Reads the policy of the work tree at `root` (from the working tree file).
 * CI that must not trust the working tree reads it from a commit instead
 * (`git show REV:.aiprov/policy.json` then `parsePolicy`).
 */
export function loadPolicy(root: string): LoadedPolicy {
  const file = path.join(root, POLICY_PATH);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { policy: defaultPolicy(), file: undefined };
    throw e;
  }
  return { policy: parsePolicy(text, POLICY_PATH), file };
}
