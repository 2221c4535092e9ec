import { type Snapshot, snapshotText } from '../worklog/events';

/**
 * Snapshots a text from a hook process: atomically (temp file + rename) but
 * without fsync, which would cost every agent edit milliseconds on a busy
 * disk; why that is safe is on `PutSnapshotOptions.durable`.
 */
export function hookSnapshot(dir: string, text: string | undefined): Snapshot {
  return snapshotText(dir, text, { durable: false });
}
