import { type AttributedRange } from '../attribution/attributionMap';
import { type Contributor } from '../attribution/contributor';
import { reconcileRanges } from '../attribution/reconcile';
import { type WarnFn } from './layout';
import { type AgentEvent } from './events';

/** A file's text and its attribution. */
export interface FileState {
  readonly text: string;
  readonly ranges: readonly AttributedRange[];
}

/** What materialising needs from outside: snapshot texts, and what to call unexplained changes. */
export interface MaterialiseOptions {
  /** The text of a snapshot hash (undefined when missing). */
  loadText(hash: string): string | undefined;
  warn?: WarnFn;
  /**
   * Author of changes between the last known state and an event's starting
   * point (someone edited between two agent steps). Default: human, via
   * `external-write` — the agent's own before/after snapshots prove those
   * lines are not the agent's.
   */
  gap?: (ev: AgentEvent) => Contributor | undefined;
}

/** The contributor an agent event stands for. */
export function agentContributor(ev: AgentEvent): Contributor {
  const c: { -readonly [K in keyof Contributor]: Contributor[K] } = { kind: 'ai', agent: ev.agent, via: 'agent-hook', at: ev.at };
  if (ev.model) c.model = ev.model;
  if (ev.session) c.session = ev.session;
  return c;
}

const defaultGap = (ev: AgentEvent): Contributor => ({ kind: 'human', via: 'external-write', at: ev.at });

/** Moves `state` to `text`, giving the changed lines to `c`. */
function moveTo(state: FileState | undefined, text: string, c: Contributor | undefined): FileState {
  if (!state) return { text, ranges: [] };
  if (state.text === text) return state;
  return { text, ranges: reconcileRanges(state.text, state.ranges, text, c) };
}

/**
 * Applies one agent event to a file's state (pure apart from `loadText`).
 * A `pre` event moves the state to the agent's starting point; a `post`
 * event gives the lines that differ between its before and after to the
 * agent (line diff), keeping every other line's attribution.
 */
export function applyEvent(state: FileState | undefined, ev: AgentEvent, pendingPre: string | undefined, opts: MaterialiseOptions): FileState | undefined {
  const after = opts.loadText(ev.after.hash);
  if (after === undefined) {
    opts.warn?.(`snapshot ${ev.after.hash} of ${ev.path} (event ${ev.id}) is missing; event skipped`);
    return state;
  }
  const gap = (opts.gap ?? defaultGap)(ev);
  if (ev.phase === 'pre') return moveTo(state, after, gap);
  let before = ev.before ? opts.loadText(ev.before.hash) : pendingPre;
  if (ev.before && before === undefined) opts.warn?.(`snapshot ${ev.before.hash} of ${ev.path} (event ${ev.id}) is missing; using the last known state`);
  before ??= state?.text;
  // Without any starting point we cannot tell the agent's lines from older ones: leave them unattributed.
  if (before === undefined) return { text: after, ranges: [] };
  return moveTo(moveTo(state, before, gap), after, agentContributor(ev));
}

/**
 * Replays events in order over initial states (from the per-file records)
 * and returns the new state of every path the events touched.
 */
export function materialise(initial: ReadonlyMap<string, FileState>, events: readonly AgentEvent[], opts: MaterialiseOptions): Map<string, FileState> {
  const out = new Map<string, FileState>();
  const pre = new Map<string, string>();
  for (const ev of events) {
    const cur = out.get(ev.path) ?? initial.get(ev.path);
    const next = applyEvent(cur, ev, pre.get(ev.path), opts);
    if (ev.phase === 'pre') {
      const t = opts.loadText(ev.after.hash);
      if (t !== undefined) pre.set(ev.path, t);
    } else pre.delete(ev.path);
    if (next) out.set(ev.path, next);
  }
  return out;
}
