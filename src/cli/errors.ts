/** An error the user caused (bad arguments, bad input): exit 2 with one line. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** An expected failure that is not a usage error (e.g. not a git repository). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
