import { ErrorCode } from './error-codes';
import { Unshown, ValidationError } from './validation-error';

// A JavaScript caller may pass anything as an argument, a Proxy too: reading it (`in`, instanceof,
// a property) may throw, a revoked Proxy's TypeError or whatever a trap throws. Such a read is the
// library's error naming the argument, as the props' are (fifteenth review, A15a-5).

/** What stands for a value that throws when it is read; it is never shown. */
export const UNREADABLE_VALUE = new Unshown('(a value that cannot be read)');

/** The message of what a read threw, read safely: a trap may throw anything, a revoked Proxy included. */
export function thrownMessage(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return 'a value that cannot be read was thrown';
  }
}

/** Whether a thrown value is the library's error; `instanceof` on a thrown Proxy may throw too. */
export function isValidationError(error: unknown): boolean {
  try {
    return error instanceof ValidationError;
  } catch {
    return false;
  }
}

/**
 * Runs the reads of a caller's argument. What they throw, but the library's own error, is the
 * library's error `code` naming the argument `prop`: "(a value that cannot be read) cannot be read".
 */
export function readArgument<T>(prop: string, code: ErrorCode, fix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isValidationError(error)) throw error;
    throw new ValidationError(code, prop, UNREADABLE_VALUE, `cannot be read (${thrownMessage(error)})`, fix);
  }
}
