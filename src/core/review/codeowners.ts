import picomatch from 'picomatch';

/** Where GitHub looks for CODEOWNERS, in its order; the first that exists is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** One CODEOWNERS rule. */
export interface OwnerRule {
  pattern: string;
  /** `@user`, `@org/team` or an email, as written. */
  owners: string[];
  line: number;
  test: (path: string) => boolean;
}

/**
 * Turns a CODEOWNERS pattern (gitignore-like) into a matcher of
 * repository-relative posix paths: a pattern with a slash before its end is
 * anchored at the root, otherwise it matches at any depth; a pattern names a
 * file or a whole directory.
 */
function compile(pattern: string): (path: string) => boolean {
  let p = pattern;
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\/+/, '');
  if (!anchored) p = `**/${p}`;
  const globs = dirOnly ? [`${p}/**`] : [p, `${p}/**`];
  const m = picomatch(globs, { dot: true });
  return (path) => m(path);
}

/** Parses CODEOWNERS text; comment lines and lines without owners are skipped. */
export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (!pattern || pattern.startsWith('!')) return;
    rules.push({ pattern, owners, line: i + 1, test: compile(pattern) });
  });
  return rules;
}

/** Owners of one path: the last matching rule wins, as on GitHub. */
export function ownersOf(rules: readonly OwnerRule[], path: string): string[] {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i].test(path)) return rules[i].owners;
  return [];
}
