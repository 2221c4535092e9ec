import * as path from 'path';
import { type AgentEvent, type Snapshot, appendEvent, newEventId } from '../worklog/events';
import { hookSnapshot } from './hookSnapshot';
import { WORKLOG_VERSION, type WarnFn } from '../worklog/layout';
import { readRecord } from '../worklog/record';
import { undoEdits } from './cursor';
import { readFileText } from './fileText';
import { pendingFile, takePending, writePending } from './pending';
import { repoRelative } from './repo';
import { type ShellState, shellPost, shellPre } from './shell';
import { AGENT_INFO, type HookEvent } from './types';

/** What a checkpoint needs from outside the working log. */
export interface CheckpointContext {
  /** The working log folder (`<git common dir>/ai-provenance`). */
  dir: string;
  /** Top of the work tree. */
  root: string;
  /** The model, found by the caller (payload, transcript, or `unknown`). */
  model: string;
  /**
   * Texts of files as staged in the index (undefined: not tracked). Runs
   * git, so it is called only when a post event has no other starting point.
   */
  indexTexts(relPaths: readonly string[]): Map<string, string | undefined>;
  /** Repo-relative paths git reports as modified or untracked (for shell commands). */
  dirtyPaths(): string[];
  warn: WarnFn;
  now?: () => Date;
}

/** What one checkpoint did. */
export interface CheckpointResult {
  /** Events appended to the spool. */
  events: AgentEvent[];
  /** Files named by the payload that were skipped, with the reason. */
  skipped: { file: string; reason: string }[];
}

interface PendingPre {
  snapshot: Snapshot;
}

/**
 * Records one hook call in the working log. A `pre` call snapshots each
 * file the tool names (its starting point); a `post` call snapshots the
 * file the tool left and appends an event whose before/after difference is
 * the agent's work. Shell commands compare the work tree's modified files
 * before and after. Never reads the whole repository.
 */
export function recordCheckpoint(ev: HookEvent, ctx: CheckpointContext): CheckpointResult {
  if (ev.shell) return recordShell(ev, ctx);
  const result: CheckpointResult = { events: [], skipped: [] };
  const base = ev.cwd && path.isAbsolute(ev.cwd) ? ev.cwd : ctx.root;
  const noBaseline: string[] = [];
  const posts: { rel: string; after: Snapshot; before?: Snapshot }[] = [];
  for (const f of ev.files) {
    const rel = repoRelative(ctx.root, path.resolve(base, f));
    if (!rel) {
      result.skipped.push({ file: f, reason: 'outside the repository' });
      continue;
    }
    const ft = readFileText(path.join(ctx.root, ...rel.split('/')));
    if (ft.kind === 'skip') {
      result.skipped.push({ file: f, reason: 'binary or too large' });
      continue;
    }
    const text = ft.kind === 'text' ? ft.text : undefined;
    const snap = hookSnapshot(ctx.dir, text);
    const pending = pendingFile(ctx.dir, [ev.agent, ev.session, ev.toolUseId, rel]);
    if (ev.phase === 'pre') {
      writePending(pending, { snapshot: snap } satisfies PendingPre);
      result.events.push(append(ctx, ev, rel, 'pre', snap));
      continue;
    }
    const pre = takePending<PendingPre>(pending)?.snapshot;
    // Undoing the tool's own replacements gives the exact text it started
    // from; the pre snapshot may include edits made while the agent waited.
    const undone = ev.edits && text !== undefined ? undoEdits(text, ev.edits) : undefined;
    const before = undone !== undefined ? hookSnapshot(ctx.dir, undone) : pre;
    if (!before && !readRecord(ctx.dir, rel, ctx.warn)) noBaseline.push(rel);
    posts.push(before ? { rel, after: snap, before } : { rel, after: snap });
  }
  // A post event with no pre event, no recoverable edit and no record: the
  // last known content is the index (one git call for all such files).
  const staged = noBaseline.length > 0 ? ctx.indexTexts(noBaseline) : new Map<string, string | undefined>();
  for (const p of posts) {
    let before = p.before;
    if (!before && staged.has(p.rel)) {
      const t = staged.get(p.rel);
      // An untracked file with no earlier snapshot: we cannot tell the agent's lines from older ones.
      if (t !== undefined) before = hookSnapshot(ctx.dir, t);
    }
    result.events.push(append(ctx, ev, p.rel, 'post', p.after, before));
  }
  return result;
}

function append(ctx: CheckpointContext, ev: HookEvent, rel: string, phase: 'pre' | 'post', after: Snapshot, before?: Snapshot): AgentEvent {
  const e: { -readonly [K in keyof AgentEvent]: AgentEvent[K] } = {
    v: WORKLOG_VERSION,
    id: newEventId(),
    at: (ctx.now?.() ?? new Date()).toISOString(),
    agent: AGENT_INFO[ev.agent].trailerName,
    model: ctx.model,
    tool: ev.tool,
    phase,
    path: rel,
    after,
  };
  if (ev.session) e.session = ev.session;
  if (before) e.before = before;
  appendEvent(ctx.dir, e);
  return e;
}

function recordShell(ev: HookEvent, ctx: CheckpointContext): CheckpointResult {
  const pending = pendingFile(ctx.dir, [ev.agent, ev.session, ev.toolUseId, '<shell>']);
  if (ev.phase === 'pre') {
    writePending(pending, shellPre(ctx));
    return { events: [], skipped: [] };
  }
  const pre = takePending<ShellState>(pending);
  if (!pre) return { events: [], skipped: [{ file: '<shell>', reason: 'no pre-tool snapshot of the work tree: changes left unattributed' }] };
  const changes = shellPost(ctx, pre);
  return { events: changes.map((c) => append(ctx, ev, c.rel, 'post', c.after, c.before)), skipped: [] };
}
