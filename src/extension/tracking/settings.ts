import * as vscode from 'vscode';

/** Settings of attribution tracking (package.json `aiProvenance.tracking.*`, `aiProvenance.decorations.*`). */
export interface TrackingSettings {
  /** `aiProvenance.enabled` */
  readonly enabled: boolean;
  /** `aiProvenance.tracking.maxFileSizeKb`: larger documents are not tracked. */
  readonly maxFileSizeKb: number;
  /** `aiProvenance.decorations.enabled`: gutter marks and background on AI lines. */
  readonly decorations: boolean;
  /** `aiProvenance.tracking.heuristic`: mark large unexplained insertions `unknown` via `heuristic`. */
  readonly heuristic: boolean;
}

export function readTrackingSettings(scope?: vscode.ConfigurationScope): TrackingSettings {
  const c = vscode.workspace.getConfiguration('aiProvenance', scope);
  return {
    enabled: c.get<boolean>('enabled', true),
    maxFileSizeKb: Math.max(1, c.get<number>('tracking.maxFileSizeKb', 5120)),
    decorations: c.get<boolean>('decorations.enabled', true),
    heuristic: c.get<boolean>('tracking.heuristic', false),
  };
}
