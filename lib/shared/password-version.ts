import { isToken } from '../private/tokens';
import { checkWholeNumberAtLeast } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/**
 * The largest password version: the provider reads `*_password_wo_version` as a Go int, which is
 * 32 bits wide in its 386 and arm builds, and JavaScript counts whole numbers exactly only to 2^53.
 */
export const MAX_PASSWORD_VERSION = 2 ** 31 - 1;

/** A rotation version: a whole number from 1 to MAX_PASSWORD_VERSION; a token is judged by Terraform. */
export function checkPasswordVersion(prop: string, version: number | undefined): void {
  checkWholeNumberAtLeast('PASSWORD-VERSION', prop, version, 1);
  if (version !== undefined && !isToken(version) && version > MAX_PASSWORD_VERSION) {
    throw new ValidationError(
      'PASSWORD-VERSION-TOO-LARGE',
      prop,
      version,
      `is above ${MAX_PASSWORD_VERSION}, the largest version the provider accepts on every platform (a 32-bit integer)`,
      'count versions up from 1: raise it by one to rotate the password',
    );
  }
}
