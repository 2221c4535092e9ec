/**
 * # The working log
 *
 * Uncommitted attribution lives in `<git common dir>/ai-provenance/` (shared
 * by linked worktrees, never committed). Core functions take that folder as
 * `dir`; `worklogDir(cwd)` in `src/git/worklog.ts` finds it.
 *
 * ```
 * ai-provenance/
 *   files/<sha256(path)[:40]>.json   one record per file (FileRecord)
 *   files/<same>.lock                held while a writer updates that record
 *   snapshots/<sha256>               file texts, content-addressed
 *   events.jsonl                     append-only agent-hook spool (AgentEvent per line)
 *   events.retired.jsonl             a compacted spool, read on until quiet (see compact.ts)
 *   events.lock                      held while the spool is merged into records
 *   spool-state.json                 {"v":1,"offset":N[,"retired":{"offset":M}]}: bytes already merged
 *   corrupt/                         unreadable files moved aside, with a warning
 * ```
 *
 * ## Per-file record (`files/*.json`, version 1)
 * ```json
 * {"v":1,"path":"src/a.ts","seq":7,"textHash":"<sha256 of the UTF-8 text>","length":1234,
 *  "updatedAt":"2026-01-01T00:00:00.000Z",
 *  "contributors":[{"kind":"ai","agent":"ClaudeCode","model":"claude-sonnet-4-5",
 *                   "session":"…","via":"agent-hook","at":"…"}],
 *  "ranges":[[0,120,0]]}
 * ```
 * - `path`: repo-relative, posix separators. The file name is a hash of it,
 *   so names with spaces, newlines or non-ASCII are safe.
 * - `ranges`: `[start, end, contributorIndex]`, sorted, non-overlapping,
 *   UTF-16 code-unit offsets into the text whose SHA-256 is `textHash`
 *   (that text is stored in `snapshots/<textHash>`). Text outside every range
 *   is unattributed (it predates tracking).
 * - contributor: `kind` `ai | human | unknown`; `via` `inline-completion |
 *   chat-edit | agent-hook | external-write | heuristic | manual` (`manual`:
 *   by a person's hand in the editor — typing, pasting, or an explicit mark);
 *   `agent`, `model`, `session` when known; `at` ISO-8601 time.
 * - Writes are atomic (temp file + rename) under the record's lock file
 *   (O_EXCL; a lock older than 10 s is a crashed writer's and is broken).
 *   `seq` grows by one per write; `writeRecord(…, {expectedSeq})` is a
 *   compare-and-swap, and a writer that loses merges with `mergeStates`
 *   (the other side is mapped onto its text with a line diff; the more
 *   reliable signal wins per character: manual > agent-hook >
 *   inline-completion = chat-edit > heuristic = external-write).
 * - A record that does not parse is moved to `corrupt/` with a warning
 *   naming both paths; reading never throws for bad content.
 *
 * ## Agent event spool (`events.jsonl`)
 * One `AgentEvent` JSON object per line, appended with a single `write(2)`
 * on an O_APPEND descriptor (`appendEvent`), so concurrent hook processes
 * never interleave:
 * `{"v":1,"id":"<uuid>","at":"…","agent":"ClaudeCode","model":"…","session":"…",
 *   "tool":"Edit","phase":"pre"|"post","path":"src/a.ts",
 *   "before":{"hash":"…"},"after":{"hash":"…","missing":true?}}`
 * Snapshots name texts in `snapshots/` (`snapshotText(dir, text)` stores one;
 * `missing: true` marks a file that did not exist). A `pre` event's `after`
 * is the file before the agent's tool ran; a `post` event's `after` is the
 * file the agent left, and its `before` (else the last `pre`, else the last
 * known state) the file the tool found. The lines that differ between the
 * two (a line diff) are the agent's; differences between the last known
 * state and the agent's starting point are someone else's (human,
 * `external-write`), so human edits between two agent steps stay human.
 * `readEvents(dir, sinceOffset)` returns complete lines only (a line being
 * appended is left for later; malformed lines are skipped with a warning).
 * `mergeSpool(dir)` folds new events into the records under `events.lock`
 * and advances `spool-state.json`; `currentStates(dir)` gives records plus
 * unmerged events without writing. `compactSpool(dir)` renames a folded
 * spool to `events.retired.jsonl` (read on until quiet, then deleted, so an
 * event appended during compaction is never lost) and
 * `pruneUnreferencedSnapshots(dir)` deletes snapshots no record or unfolded
 * event names; the editor runs both on activation and then at most every
 * ten minutes per repository.
 *
 * ## Line attribution
 * `workingTreeAttribution(dir, repoRoot, path)` (and `…Attributions` for all
 * files) maps a record onto the file as it is on disk — with a line diff when
 * `textHash` differs, leaving changed lines unattributed — and classifies
 * lines: `ai` when all non-whitespace characters are AI-written, `mixed` when
 * AI characters share the line with others, `unknown`, `human`. Runs are
 * 1-based inclusive line ranges.
 */
export { WORKLOG_VERSION, type WarnFn, type WorklogLayout, isRepoRelative, layout, recordFile, stderrWarn, textHash } from './layout';
export { WorklogBusyError, withLock } from './lock';
export { getSnapshot, pruneSnapshots, putSnapshot } from './snapshots';
export { type FileRecord, type RecordContent, StaleRecordError, deleteRecord, listRecords, moveAside, parseRecord, readRecord, renameRecord, updateRecord, writeRecord } from './record';
export { type AgentEvent, type EventBatch, type Snapshot, appendEvent, newEventId, parseEvent, readEvents, snapshotText } from './events';
export { type FileState, type MaterialiseOptions, agentContributor, applyEvent, materialise } from './materialise';
export { combineRanges, mergeStates, mergeThreeWay } from './merge';
export { type MergedWrite, type RecordBase, writeMerged } from './sync';
export { currentStates, mergeSpool, mergedOffset, recordState, unfoldedEvents } from './spool';
export { type SpoolState, readSpoolState, retiredSpool } from './spoolState';
export { type CompactOptions, type CompactResult, compactSpool, pruneUnreferencedSnapshots } from './compact';
export { type FileLineAttribution, MAX_TRACKED_BYTES, lineAttributionOf, readWorkingText, workingTreeAttribution, workingTreeAttributions } from './workingTree';
