import { git } from './git';
import { KEYS, type Trailer } from '../core/trailers/types';

/**
 * Reading and writing commit-message trailers through `git interpret-trailers`,
 * git's own parser: it knows comment lines, the `commit -v` scissors line,
 * `core.commentChar`, `trailer.separators` and continuation lines, so we
 * never parse trailers by hand.
 */

/** The trailers of a commit message, unfolded, in order. */
export async function parseTrailers(message: string, cwd: string): Promise<Trailer[]> {
  const r = await git(['interpret-trailers', '--parse', '--no-divider'], { cwd, input: message });
  const out: Trailer[] = [];
  for (const line of r.stdout.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out.push({ key: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return out;
}

/**
 * What to do when a trailer with the same key exists, per key. A count is
 * replaced (amend recounts), an id kept, credits added only when different.
 * Applied only where the repository has no `trailer.ifexists` /
 * `trailer.<key>.ifexists` of its own: the user's configuration wins.
 */
const IF_EXISTS: Readonly<Record<string, string>> = {
  [KEYS.assisted]: 'addIfDifferent',
  [KEYS.generated]: 'addIfDifferent',
  [KEYS.aiLines]: 'replace',
  [KEYS.destructive]: 'addIfDifferent',
  [KEYS.provenanceId]: 'doNothing',
};

/**
 * Appends trailers to the message file in place; no-op for none.
 * `configured`: the repository's `trailer.*` keys when known, or `'no-existing'`
 * when the message holds no trailer at all: then no `ifexists` rule can
 * apply and git's own configuration is left to decide everything else.
 */
export async function addTrailersToFile(file: string, trailers: readonly Trailer[], cwd: string, configured?: ReadonlySet<string> | 'no-existing'): Promise<void> {
  if (trailers.length === 0) return;
  const tail = ['--in-place', '--', file];
  if (configured === 'no-existing') await git(['interpret-trailers', ...trailerOptions(trailers), ...tail], { cwd });
  else await git(await trailerArgs(trailers, cwd, tail, configured), { cwd });
}

/** The message `text` with trailers appended (the Source Control input box). */
export async function addTrailersToText(text: string, trailers: readonly Trailer[], cwd: string): Promise<string> {
  if (trailers.length === 0) return text;
  return (await git(await trailerArgs(trailers, cwd, []), { cwd, input: text })).stdout;
}

async function trailerArgs(trailers: readonly Trailer[], cwd: string, tail: string[], known?: ReadonlySet<string>): Promise<string[]> {
  const configured = known ?? (await trailerConfigKeys(cwd));
  const overrides: string[] = [];
  for (const key of new Set(trailers.map((t) => t.key))) {
    const how = IF_EXISTS[key];
    if (!how || configured.has('trailer.ifexists') || configured.has(`trailer.${key.toLowerCase()}.ifexists`)) continue;
    overrides.push('-c', `trailer.${key}.ifexists=${how}`);
  }
  return [...overrides, 'interpret-trailers', ...trailerOptions(trailers), ...tail];
}

function trailerOptions(trailers: readonly Trailer[]): string[] {
  // Values are sanitised one-liners; `--trailer` takes them as one argument
  // each (no shell), so nothing in a value can add another option or line.
  return trailers.flatMap((t) => ['--trailer', `${t.key}: ${t.value}`]);
}

/** Lower-cased names of the `trailer.*` variables set in the repository's config. */
export async function trailerConfigKeys(cwd: string): Promise<Set<string>> {
  const r = await git(['config', '--name-only', '--get-regexp', '^trailer\\.'], { cwd, allowFailure: true });
  return new Set(r.stdout.split('\n').map((l) => l.trim().toLowerCase()).filter(Boolean));
}
