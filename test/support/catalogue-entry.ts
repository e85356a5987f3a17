/** A bad input of a construct or of PostgresSecurityChecks, or a bad set-up: `run` throws an error with this whole message. */
export interface ThrownEntry {
  /** The error's code, and its "### <id>" entry in docs/errors.md. */
  readonly id: string;
  readonly run: () => void;
  readonly message: string;
}
