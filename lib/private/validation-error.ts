/**
 * Thrown when a prop is invalid. The message names the prop, shows the bad value and says the fix,
 * and is thrown before any resource is added to the tree, so nothing partial is synthesized.
 */
export class ValidationError extends Error {
  public readonly prop: string;

  constructor(prop: string, value: unknown, problem: string, fix: string) {
    super(`Invalid ${prop}: ${describe(value)} ${problem}. Fix: ${fix}.`);
    this.name = 'ValidationError';
    this.prop = prop;
  }
}

/** Prints a value the way a user wrote it: strings quoted, lists and objects as JSON. */
export function describe(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
