import { isToken } from './tokens';
import { ValidationError } from './validation-error';

// Small checks shared by every construct. Each skips Terraform tokens: their value is not known
// at synth, so only Terraform or Azure can judge them.

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The least a justification must say for a weakened default to be accepted. */
export const MIN_JUSTIFICATION_LENGTH = 10;

export function checkPattern(prop: string, value: string | undefined, pattern: RegExp, problem: string, fix: string): void {
  if (value === undefined || isToken(value)) return;
  if (!pattern.test(value)) throw new ValidationError(prop, value, problem, fix);
}

export function checkUuid(prop: string, value: string | undefined): void {
  checkPattern(prop, value, UUID, 'is not a UUID', 'give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000"');
}

export function checkOneOf<T>(prop: string, value: T | undefined, allowed: readonly T[], fix?: string): void {
  if (value === undefined || isToken(value)) return;
  if (!allowed.includes(value)) {
    throw new ValidationError(prop, value, 'is not supported', fix ?? `use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}

export function checkIntegerRange(prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value)) {
    throw new ValidationError(prop, value, 'is not a whole number', `use a whole number from ${min} to ${max}`);
  }
  if (value < min || value > max) {
    throw new ValidationError(prop, value, `is outside ${min}..${max}`, `use a whole number from ${min} to ${max}`);
  }
}

export function checkWholeNumberAtLeast(prop: string, value: number | undefined, min: number): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(prop, value, `is not a whole number of at least ${min}`, `use a whole number such as ${min}, ${min + 1} or ${min + 2}`);
  }
}

export function checkRequired<T>(prop: string, value: T, fix: string): asserts value is NonNullable<T> {
  if (value === undefined || value === null || value === '') {
    throw new ValidationError(prop, value, 'is required', fix);
  }
}

/** A weakened default is accepted only with a written reason that a reviewer can read. */
export function checkJustification(prop: string, value: string | undefined, what: string): void {
  if (value !== undefined && isToken(value)) return;
  const fix = `say why in at least ${MIN_JUSTIFICATION_LENGTH} characters, e.g. "SEC-123: accepted by the security team until 2027-03"`;
  if (value === undefined || value.trim().length === 0) {
    throw new ValidationError(prop, value, `is required to ${what}`, fix);
  }
  if (value.trim().length < MIN_JUSTIFICATION_LENGTH) {
    throw new ValidationError(prop, value, `is too short to justify the choice to ${what}`, fix);
  }
}
