/**
 * What an `rm -rf` in a line of shell deletes: `root` (the file system, a
 * home directory, the current tree, or an unguarded `$VAR/`), `temp`
 * (temporary and build output), or `risky` (anything else).
 */
export type RmVerdict = 'root' | 'risky' | 'temp';

const RM = /(^|[\s;&|(`"'{])(?<!\bgit\s)(?:sudo\s+(?:-\S+\s+)*)?rm\s+((?:-{1,2}[\w-]+\s+)+)([^;&|)`#\n]*)/g;

const TEMP_VAR = /^\$\{?(TMPDIR|TMP|TEMP|TEMPDIR|RUNNER_TEMP|tmp\w*|temp\w*|TMP_\w+|\w*_TMP|\w*_TMPDIR|\w*TEMP_?DIR|scratch\w*|SCRATCH\w*|workdir|WORKDIR|BUILD_DIR|build_dir|OUT_DIR|out_dir|DIST_DIR|CACHE_DIR|cache_dir)(:\?[^}]*)?\}?/;
const TEMP_PATH = /^(\/tmp|\/var\/tmp|\/dev\/shm)(\/|$)|^\$\(mktemp\b|^(\.\/)?(node_modules|dist|build|out|target|coverage|\.cache|\.next|\.nuxt|\.turbo|\.parcel-cache|__pycache__|\.pytest_cache|\.mypy_cache|\.venv|venv|\.tox|tmp|temp|obj|bin\/Debug|bin\/Release|\.gradle|\.terraform|_site|public\/build|\.eggs|[\w.-]*\.egg-info|\.nyc_output|\.svelte-kit|storybook-static|\.angular)(\/|$)|^\*\.(o|pyc|tmp|log|orig|rej)$|^\.?\/?\*\*?\/__pycache__/;
const ROOT = /^(\/|\/\*|~|~\/|~\/\*|\.|\.\/|\.\/\*|\*|\.\.|\.\.\/|\.\.\/\*|\/(etc|usr|var|home|bin|sbin|boot|lib|lib64|opt|root|srv|mnt|data)\/?\*?)$/;
const HOME = /^\$\{?HOME\}?\/?\*?$/;
const BARE_VAR_SLASH = /^\$\{?(\w+)\}?\/\*?$/;

function unquote(t: string): string {
  return t.replace(/["']/g, '');
}

/** Splits arguments on whitespace outside quotes. */
function args(s: string): string[] {
  return s.match(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g) ?? [];
}

function targetVerdict(raw: string, tempVars: ReadonlySet<string>): RmVerdict {
  const t = unquote(raw);
  const v = /^\$\{?(\w+)/.exec(t)?.[1];
  if (v !== undefined && tempVars.has(v)) return 'temp';
  if (ROOT.test(t) || HOME.test(t)) return 'root';
  if (TEMP_VAR.test(t) || TEMP_PATH.test(t)) return 'temp';
  // `rm -rf "$DIR"/` with DIR unset deletes from the root; `${DIR:?}` stops that.
  if (BARE_VAR_SLASH.test(t) && !/:\?/.test(t)) return 'root';
  return 'risky';
}

/** Variables assigned from `mktemp` (`work=$(mktemp -d)`): deleting them is cleanup. */
export function mktempVars(lines: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    const m = /\b(\w+)=["']?(\$\(|`)mktemp\b/.exec(l);
    if (m) out.add(m[1]);
  }
  return out;
}

/** The worst `rm -rf` verdict on a line of shell code, or undefined when it has none. */
export function rmVerdict(code: string, tempVars: ReadonlySet<string> = new Set()): RmVerdict | undefined {
  let worst: RmVerdict | undefined;
  RM.lastIndex = 0;
  for (let m = RM.exec(code); m; m = RM.exec(code)) {
    const flags = m[2];
    const recursive = /(^|\s)-[a-zA-Z]*[rR]|--recursive\b/.test(flags);
    const force = /(^|\s)-[a-zA-Z]*f|--force\b/.test(flags);
    if (!recursive || !force) continue;
    // Inside `sh -c '…'` or `trap '…' EXIT` the command ends at the closing quote.
    const quote = m[1] === "'" || m[1] === '"' ? m[1] : '';
    const rest = quote && m[3].includes(quote) ? m[3].slice(0, m[3].indexOf(quote)) : m[3];
    const targets = args(rest);
    for (const t of targets.length ? targets : ['']) {
      if (t === '') continue;
      const v = targetVerdict(t, tempVars);
      if (v === 'root') return 'root';
      if (v === 'risky' || worst === undefined) worst = v;
    }
  }
  return worst;
}
