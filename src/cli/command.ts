import { type Io } from './io';

/** One `aiprov` sub-command. Each lives in its own file under commands/. */
export interface Command {
  /** The word after `aiprov` (e.g. `status`). */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text printed by `aiprov NAME --help`. */
  readonly help: string;
  /** Runs the command; returns the process exit code. */
  run(argv: string[], io: Io): Promise<number>;
}
