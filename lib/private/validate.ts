import { ErrorCode } from './error-codes';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH, reasonFault, unreadablePart } from './reason-text';
import { holdsTemplateSequence } from './template-text';
import { isToken } from './tokens';
import { UUID } from './uuid';
import { ValidationError } from './validation-error';

// Small checks shared by every construct. Each skips Terraform tokens: their value is not known
// at synth, so only Terraform or Azure can judge them. (The props' shapes, checked first, have
// already refused a token where a literal is needed: security settings and justifications.)


/** The least a justification must say for a weakened default to be accepted. */
export const MIN_JUSTIFICATION_LENGTH = MIN_REASON_LENGTH;

export function checkPattern(code: ErrorCode, prop: string, value: string | undefined, pattern: RegExp, problem: string, fix: string): void {
  if (value === undefined || isToken(value)) return;
  if (!pattern.test(value)) throw new ValidationError(code, prop, value, problem, fix);
}

export function checkUuid(code: ErrorCode, prop: string, value: string | undefined): void {
  const example = '"00000000-0000-0000-0000-000000000000"';
  if (value !== undefined && !isToken(value) && holdsTemplateSequence(value)) {
    throw idTemplateError(prop, value, 'an attribute such as clientConfig.tenantId or identity.principalId, or variable.stringValue of a TerraformVariable', `the GUID itself, e.g. ${example}`);
  }
  checkPattern(code, prop, value, UUID, 'is not a UUID', `give the GUID from Entra ID, e.g. ${example}`);
}

/**
 * An ID or UUID written as text holding "${" or "%{": valid cdktf (a reference written by hand, as ported from HCL), but the
 * library reads only tokens and literal values, so it says that rather than that the ID is malformed (46th run, A46b-2).
 */
export function idTemplateError(prop: string, value: string, token: string, literal: string): ValidationError {
  return new ValidationError(
    'ID-TEMPLATE',
    prop,
    value,
    'holds a hand-written Terraform expression ("${" or "%{"), which the library does not read: it reads only cdktf tokens and literal values',
    `pass the attribute as a token instead (e.g. ${token}), or ${literal}`,
  );
}

export function checkOneOf<T>(code: ErrorCode, prop: string, value: T | undefined, allowed: readonly T[], fix?: string): void {
  if (value === undefined || isToken(value)) return;
  if (!allowed.includes(value)) {
    throw new ValidationError(code, prop, value, 'is not supported', fix ?? `use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}

export function checkIntegerRange(code: ErrorCode, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value)) {
    throw new ValidationError(code, prop, value, 'is not a whole number', `use a whole number from ${min} to ${max}`);
  }
  if (value < min || value > max) {
    throw new ValidationError(code, prop, value, `is outside ${min}..${max}`, `use a whole number from ${min} to ${max}`);
  }
}

export function checkWholeNumberAtLeast(code: ErrorCode, prop: string, value: number | undefined, min: number): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(code, prop, value, `is not a whole number of at least ${min}`, `use a whole number such as ${min}, ${min + 1} or ${min + 2}`);
  }
}

const EXAMPLE_REASON = '"SEC-123: accepted by the security team until 2027-03"';

/**
 * A weakened default is accepted only with a written reason that a reviewer can read at synth:
 * at least 10 letters and digits, nothing invisible or that breaks the line it is printed on, and
 * no Terraform expression. (The props' shapes have already refused a token or a value that is
 * not text.) `what` completes "is required to ...".
 */
export function checkJustification(prop: string, value: string | undefined, what: string): void {
  const fix = `say why in at least ${MIN_JUSTIFICATION_LENGTH} characters, e.g. ${EXAMPLE_REASON}`;
  const fault = value === undefined ? 'blank' : reasonFault(value);
  if (fault === 'blank' || fault === 'not-text') {
    throw new ValidationError('JUSTIFICATION-MISSING', prop, value, `is required to ${what}`, fix);
  }
  if (fault === 'template') throw justificationTemplateError(prop, value!);
  if (fault === 'unreadable') {
    throw new ValidationError(
      'JUSTIFICATION-UNREADABLE',
      prop,
      value,
      `holds ${unreadablePart(value!)} which would hide or forge text in the warning and the security report`,
      `write the reason on one line in characters a reader sees, e.g. ${EXAMPLE_REASON}`,
    );
  }
  if (fault === 'short') {
    throw new ValidationError('JUSTIFICATION-SHORT', prop, value, `is too short to justify the choice to ${what}`, fix);
  }
  if (fault === 'long') {
    throw new ValidationError('JUSTIFICATION-LONG', prop, value, `has ${[...value!].length} characters, more than the ${MAX_REASON_LENGTH} a justification may have: printed on one line, the rest would be out of sight`,
      `say why in one or two sentences and link a ticket for the rest, e.g. ${EXAMPLE_REASON}`);
  }
}

/** A justification given as a Terraform token: no reviewer can read it at synth. */
export function justificationTokenError(prop: string, value: unknown): ValidationError {
  return new ValidationError(
    'JUSTIFICATION-TOKEN',
    prop,
    value,
    'is a Terraform token, known only at apply time, not text a reviewer can read at synth',
    `write the reason as literal text of at least ${MIN_JUSTIFICATION_LENGTH} characters, e.g. ${EXAMPLE_REASON}`,
  );
}

/** A justification whose text holds "${" or "%{": Terraform would evaluate it, and the report show it unresolved. */
export function justificationTemplateError(prop: string, value: string): ValidationError {
  return new ValidationError(
    'JUSTIFICATION-TEMPLATE',
    prop,
    value,
    'holds a Terraform expression ("${" or "%{"), which the warning and the security report would show unresolved',
    `write the reason as plain text, e.g. ${EXAMPLE_REASON}`,
  );
}
