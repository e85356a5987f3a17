import { Token } from 'cdktf';

/**
 * True when a value is only known at apply time (a reference or a variable). Validation of a
 * literal skips such values: their content is not known at synth.
 */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** A literal string, or undefined when the value is a token or unset. */
export function literal(value: string | undefined): string | undefined {
  return isToken(value) ? undefined : value;
}
