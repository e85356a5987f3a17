import { ValidationError } from './validation-error';

/**
 * A construct directly under the stack holds an id the library keeps for a construct of its own
 * (a provider, the shared DNS zones, the stack's checks): taken for the library's, it could switch
 * off what the library's does (tenth review, A10a-10).
 */
export function reservedIdError(code: 'LIBRARY-PROVIDER-ID-RESERVED' | 'PRIVATE-DNS-ZONES-ID-RESERVED' | 'CHECKS-ID-RESERVED', id: string, purpose: string): ValidationError {
  return new ValidationError(code, 'construct id', id, `is reserved for ${purpose}`, 'rename the construct that uses it');
}
