import { type Severity, type Tier } from '../policy/types';

export { type Severity, type Tier } from '../policy/types';

/** What a rule is about; shown as a group in reports. */
export type RiskCategory = 'sql' | 'migration' | 'terraform' | 'cloudformation' | 'kubernetes' | 'shell' | 'change' | 'tests' | 'ci' | 'secrets' | 'deps' | 'auth' | 'custom';

/** Which side of a change a line number refers to. */
export type Side = 'new' | 'old';

/** One line of a hunk: context (' '), added ('+') or removed ('-'). */
export interface DiffLine {
  readonly kind: ' ' | '+' | '-';
  readonly text: string;
  /** 1-based line in the old text (context and removed lines). */
  readonly oldLine: number;
  /** 1-based line in the new text (context and added lines). */
  readonly newLine: number;
}

/** A hunk of a unified diff. */
export interface Hunk {
  readonly oldStart: number;
  readonly newStart: number;
  /** The text after the second `@@` (git's function context), possibly empty. */
  readonly section: string;
  readonly lines: readonly DiffLine[];
}

/** How a file changed. */
export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed';

/**
 * One file of a change, as parsed from a unified diff or built from two
 * texts. Paths are repository-relative and posix.
 */
export interface FileChange {
  /** The path after the change (the old path for a deleted file). */
  readonly path: string;
  /** The path before the change when it differs (renames). */
  readonly oldPath?: string;
  readonly status: FileStatus;
  readonly binary: boolean;
  readonly hunks: readonly Hunk[];
  /** Whole texts, when known (editor changes); diffs only carry hunks. */
  readonly oldText?: string;
  readonly newText?: string;
}

/** Where a rule fired, as a detector reports it. */
export interface Hit {
  readonly side: Side;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** Replaces the rule's message when the detector knows more (names a table, a resource). */
  readonly message?: string;
}

/** A risk finding: a rule that fired on lines of one file. */
export interface Finding {
  readonly rule: string;
  readonly category: RiskCategory;
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
  readonly path: string;
  readonly side: Side;
  /** 1-based, inclusive, in the new text (side `new`) or the old text (side `old`). */
  readonly startLine: number;
  readonly endLine: number;
  /**
   * Where the finding sits in the new text: `startLine` for side `new`; for
   * removed lines, the new-text line where they used to be (for editors and
   * code-scanning annotations, which can only point at lines that exist).
   */
  readonly anchorLine: number;
  /** The first line concerned, trimmed and cut to 200 characters. */
  readonly excerpt: string;
  /** The path's criticality from the policy. */
  readonly tier: Tier;
  /** Severity rank × tier weight (0 … 16); see `blastRadius` in the policy module. */
  readonly blastRadius: number;
}
