import { PENDING_JSON, PENDING_OWNER, REVISION_PLACEHOLDER } from './pending';

/**
 * The POSIX sh scripts `aiprov install` writes. Each first runs the hook it
 * replaced (kept beside it as `<hook>.aiprov-chained`), then decides with
 * shell built-ins and file tests only whether there is anything for us to
 * do; Node starts only then, so commits without AI lines pay for one tiny
 * shell script, not a Node start (issue: hooks must not slow such commits).
 */

/** Hooks we install. */
export const HOOK_NAMES = ['prepare-commit-msg', 'post-commit', 'post-rewrite', 'reference-transaction'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** The line that marks a hook file as ours (install and uninstall look for it). */
export const MARKER = '# aiprov-hook:';
/** Suffix of the hook we replaced and call first. */
export const CHAINED_SUFFIX = '.aiprov-chained';
/** In the git dir: left by a hook that found no AI line in the working log (see HAS_AI). */
export const NO_AI_STAMP = 'ai-provenance-no-ai.stamp';
/** Up to this many working-log records, the hooks read them with sh alone; more take one grep. */
const MAX_READ_RECORDS = 8;

/** Single-quoted for sh: any byte but NUL survives, including spaces, quotes and newlines. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Finds <git common dir> without starting git: $GIT_DIR, or ./.git (a
// directory, or a file `gitdir: …` in a linked worktree), then `commondir`.
const COMMON_DIR = `aiprov_common() {
  if [ -n "\${GIT_DIR:-}" ]; then g=$GIT_DIR
  elif [ -d .git ]; then g=.git
  elif [ -f .git ]; then IFS= read -r l < .git; g=\${l#gitdir: }
  else return 1; fi
  AIPROV_GITDIR=$g
  if [ -f "$g/commondir" ]; then
    IFS= read -r c < "$g/commondir"
    case $c in /*) g=$c ;; *) g=$g/$c ;; esac
  fi
  AIPROV_COMMON=$g
}`;

// True when the working log may hold AI lines: agent events not folded into
// the records yet (the spool is not older than its merge state), or a
// record naming an AI contributor (record format: src/core/worklog/index.ts).
// Every record write is a temp file renamed into files/, so the folder's
// mtime moves on each write: a stamp saying "none", left by a look that
// found no AI and newer than the folder, answers with two stat calls and a
// short read. The stamp is written before looking, so a record written
// meanwhile leaves the folder at least as new as the stamp (-nt is strict)
// and the next hook looks again, at any mtime resolution; a look that finds
// AI lines makes it say "ai" (a write, not an rm: no process). (A record's own mtime cannot tell: the
// rename keeps the temp file's, which may predate the stamp.) A few records
// are read with sh's read, which takes a byte per system call; more than
// ${MAX_READ_RECORDS}, with one grep.
const HAS_AI = `aiprov_has_ai() {
  d=$AIPROV_COMMON/ai-provenance
  if [ -s "$d/events.jsonl" ] && ! [ "$d/spool-state.json" -nt "$d/events.jsonl" ]; then return 0; fi
  [ -d "$d/files" ] || return 1
  s=$AIPROV_GITDIR/${NO_AI_STAMP}
  if [ "$s" -nt "$d/files" ]; then
    IFS= read -r c < "$s" || c=
    [ "$c" = none ] && return 1
  fi
  echo none > "$s" 2>/dev/null
  set -- "$d"/files/*.json
  [ -f "$1" ] || return 1
  if [ $# -gt ${MAX_READ_RECORDS} ]; then
    grep -qsF '"kind":"ai"' "$@"
    case $? in 1) return 1 ;; esac
  else
    ai=
    for f; do
      l=
      { IFS= read -r l; } 2>/dev/null < "$f"
      case $l in *'"kind":"ai"'*) ai=1; break ;; esac
    done
    [ -n "$ai" ] || return 1
  fi
  echo ai > "$s" 2>/dev/null
  return 0
}`;

// Whether a file the working log credits to AI differs between the states
// git diff's revision arguments $1 name ("--cached": staged; "HEAD~1 HEAD":
// this commit). AI lines that wait unstaged in other files then start no
// Node (issue: no Node start when the working log has nothing staged).
// One sed reads the paths from the AI records (their first field, format in
// src/core/worklog/index.ts) and one git diff answers. Anything sh cannot
// read for sure (a path JSON had to escape, another record layout, agent
// events not folded into records yet, a git error) answers yes: Node decides.
const AI_CHANGED = `aiprov_ai_changed() {
  d=$AIPROV_COMMON/ai-provenance
  if [ -s "$d/events.jsonl" ] && ! [ "$d/spool-state.json" -nt "$d/events.jsonl" ]; then return 0; fi
  [ -s "$d/events.retired.jsonl" ] && return 0
  r=$1
  p=$(sed -n -e '/"kind":"ai"/!d' -e 's/^{"v":1,"path":"\\([^"\\\\]*\\)","seq":.*$/P\\1/p' -e t -e 's/.*/X/p' "$d"/files/*.json 2>/dev/null) || return 0
  set -f
  o=$IFS
  IFS='
'
  set --
  for l in $p; do
    case $l in P?*) set -- "$@" "\${l#P}" ;; *) IFS=$o; set +f; return 0 ;; esac
  done
  IFS=$o
  set +f
  [ $# -gt 0 ] || return 1
  git --literal-pathspecs diff --quiet --no-ext-diff --no-textconv $r -- "$@" 2>/dev/null
  [ $? -ne 0 ]
}`;

const HAS_NOTES = `aiprov_has_notes() {
  [ -f "$AIPROV_COMMON/refs/notes/ai-provenance" ] || [ -d "$AIPROV_COMMON/reftable" ] ||
    { [ -f "$AIPROV_COMMON/packed-refs" ] && grep -qsF ' refs/notes/ai-provenance' "$AIPROV_COMMON/packed-refs"; }
}`;

// `commit --amend -m` reaches prepare-commit-msg as a plain "message"
// commit; git's command line (/proc, Linux) is the only witness. sh's read
// drops the NUL separators, so "--amend" shows up inside the joined line; a
// message that merely mentions it only starts Node, which checks exactly.
const AMENDING = `aiprov_amending() {
  [ -r "/proc/$PPID/cmdline" ] || return 1
  while IFS= read -r l || [ -n "$l" ]; do
    case $l in *--am*) return 0 ;; esac
  done < "/proc/$PPID/cmdline"
  return 1
}`;

// Runs the replaced hook the way git would have. A plain sh script is
// sourced in a subshell so it sees its own name in $0 (husky's stubs look
// up .husky/<name> from $0); anything else is executed. Git skips hooks
// that are not executable, and so do we.
const CHAINED = `aiprov_chained() {
  [ -f "$AIPROV_CHAINED" ] && [ -x "$AIPROV_CHAINED" ] || return 0
  IFS= read -r first < "$AIPROV_CHAINED" || :
  case $first in
    '#!/bin/sh' | '#!/usr/bin/env sh') ( . "$AIPROV_CHAINED" ) ;;
    *) "$AIPROV_CHAINED" "$@" ;;
  esac
}`;

// Node is started without NODE_EXTRA_CA_CERTS (Node 20 parses that file at
// every start, about 60 ms here; the hook makes no network call) and
// without NODE_OPTIONS (a user's --require must not run inside a commit).
const RUN = `aiprov_run() {
  [ -f "$AIPROV_CLI" ] || { echo "aiprov: $AIPROV_CLI is missing; run 'aiprov install' again" >&2; return 0; }
  unset NODE_EXTRA_CA_CERTS NODE_OPTIONS
  command -v "$AIPROV_NODE" >/dev/null 2>&1 || AIPROV_NODE=node
  AIPROV_GIT_PID=$PPID AIPROV_GIT_DIR=$AIPROV_GITDIR AIPROV_COMMON_DIR=$AIPROV_COMMON \\
    "$AIPROV_NODE" "$AIPROV_CLI" hook "$AIPROV_HOOK" "$@" || :
}`;

// post-commit's quick path: prepare-commit-msg left the note (pending.ts),
// marked with the id of the git process that ran it; when that is our
// parent too (the same commit), attach it with git alone, and let the
// working log forget the committed lines in the background (there were AI
// lines: no need to look again). The JSON stays until the next one replaces
// it (uninstall removes it).
const PENDING = `aiprov_pending() {
  po=$AIPROV_GITDIR/${PENDING_OWNER}
  pj=$AIPROV_GITDIR/${PENDING_JSON}
  [ -s "$po" ] && [ -f "$pj" ] || return 1
  IFS= read -r owner < "$po" || owner=
  # Taken (or refused) once: an emptied owner file matches no process.
  : > "$po"
  [ "$owner" = "$PPID" ] && aiprov_head || return 1
  sed "s/${REVISION_PLACEHOLDER}/$h/" "$pj" | git notes --ref=refs/notes/ai-provenance add -f -F - "$h" 2>/dev/null || return 1
  # The subshell lets go of git's stdout and stderr first: a caller reading
  # them (an editor, an agent) waits until every holder exits, and the trim
  # must not make it wait. (Redirecting the call alone keeps a saved copy.)
  (exec </dev/null >/dev/null 2>&1; aiprov_run --drop-committed &)
  return 0
}`;

// HEAD's commit id into $h, read from the files git just wrote (no
// process); git rev-parse when HEAD is not a loose ref or an id (reftable).
const HEAD_ID = `aiprov_head() {
  h=
  IFS= read -r h < "$AIPROV_GITDIR/HEAD" || :
  case $h in
    'ref: refs/heads/'*) r=\${h#ref: }; h=; [ -f "$AIPROV_COMMON/$r" ] && { IFS= read -r h < "$AIPROV_COMMON/$r" || :; } ;;
  esac
  case \${#h} in
    40 | 64) case $h in *[!0-9a-f]*) h= ;; esac ;;
    *) h= ;;
  esac
  [ -n "$h" ] || h=$(git rev-parse --verify -q HEAD) && [ -n "$h" ]
}`;

/** What decides, per hook, that Node is needed (after the chained hook ran). */
const BODY: Record<HookName, string> = {
  'prepare-commit-msg': `aiprov_chained "$@" || exit $?
aiprov_common || exit 0
if aiprov_has_ai && aiprov_ai_changed --cached; then aiprov_run "$@"; exit 0; fi
# Amend and cherry-pick carry an earlier commit's AI lines, when there are
# notes; the cheap tests first (a packed notes ref costs a grep).
case \${2:-} in
  commit) ;;
  message) [ -f "$AIPROV_GITDIR/CHERRY_PICK_HEAD" ] || aiprov_amending || exit 0 ;;
  *) [ -f "$AIPROV_GITDIR/CHERRY_PICK_HEAD" ] || exit 0 ;;
esac
aiprov_has_notes && aiprov_run "$@"
exit 0`,
  'post-commit': `aiprov_chained "$@"
aiprov_common || exit 0
aiprov_pending && exit 0
if aiprov_has_ai && aiprov_ai_changed 'HEAD~1 HEAD'; then aiprov_run "$@"; exit 0; fi
[ -f "$AIPROV_GITDIR/CHERRY_PICK_HEAD" ] && aiprov_has_notes && aiprov_run "$@"
exit 0`,
  'post-rewrite': `AIPROV_INPUT=$(cat)
printf '%s\\n' "$AIPROV_INPUT" | aiprov_chained "$@"
aiprov_common || exit 0
aiprov_has_notes || exit 0
printf '%s\\n' "$AIPROV_INPUT" | aiprov_run "$@"
exit 0`,
  // Git runs this for every ref update (each commit: twice), so it decides
  // with shell built-ins alone: Node starts only when a fetch has just
  // updated a remote's copy of our notes (refs/notes/remotes/R/ai-provenance,
  // written by the refspec 'aiprov notes setup' adds), to merge it into
  // ours (issue: fetching merges remote notes without overwriting local
  // ones). The input is kept byte for byte for a chained hook, whose exit
  // code still decides the 'prepared' state.
  'reference-transaction': `AIPROV_INPUT=
AIPROV_MERGE=
while IFS= read -r l; do
  AIPROV_INPUT="$AIPROV_INPUT$l
"
  case $l in
    *' refs/notes/remotes/'*/ai-provenance) r=\${l#* }; case \${r%% *} in *[!0]*) AIPROV_MERGE=1 ;; esac ;;
  esac
done
if [ -f "$AIPROV_CHAINED" ]; then printf '%s' "$AIPROV_INPUT" | aiprov_chained "$@" || exit $?; fi
[ "\${1:-}" = committed ] && [ -n "$AIPROV_MERGE" ] || exit 0
aiprov_common || exit 0
printf '%s' "$AIPROV_INPUT" | aiprov_run "$@"
exit 0`,
};

/** The shell functions each hook's body calls (a shorter script is parsed faster, on every commit). */
const FUNCTIONS: Record<HookName, readonly string[]> = {
  'prepare-commit-msg': [COMMON_DIR, HAS_AI, AI_CHANGED, HAS_NOTES, AMENDING, CHAINED, RUN],
  'post-commit': [COMMON_DIR, HAS_AI, AI_CHANGED, HAS_NOTES, CHAINED, RUN, HEAD_ID, PENDING],
  'post-rewrite': [COMMON_DIR, HAS_NOTES, CHAINED, RUN],
  'reference-transaction': [COMMON_DIR, CHAINED, RUN],
};

/** The script for `hook`, calling `node cli hook <name>` with absolute paths fixed at install time. */
export function hookScript(hook: HookName, nodePath: string, cliPath: string): string {
  return [
    '#!/bin/sh',
    `# AI Provenance ${hook} hook, written by 'aiprov install'; 'aiprov install --uninstall' removes it`,
    `# and puts back the hook it replaced (${hook}${CHAINED_SUFFIX}).`,
    `${MARKER} ${hook} v1`,
    `AIPROV_HOOK=${hook}`,
    `AIPROV_NODE=${shQuote(nodePath)}`,
    `AIPROV_CLI=${shQuote(cliPath)}`,
    `AIPROV_CHAINED="$0${CHAINED_SUFFIX}"`,
    ...FUNCTIONS[hook],
    BODY[hook],
    '',
  ].join('\n');
}
