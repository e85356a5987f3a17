/**
 * An e-mail address as alerts need one, in characters a reader sees: a local part of RFC 5322's atext and dots, "@", a domain name of
 * letters, digits and hyphens with a dot (an internationalized one in its xn-- form). An invisible or look-alike character, a
 * blank, a bare name or an address literal (`ops@[127.0.0.1]`) reaches no one a reviewer can tell (adversarial run of stop 81, A81-28).
 */
export const EMAIL_ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*$/;

/** Whether a value is a string written as an e-mail address (a blank one, or a bare name, reaches no one). */
export function isEmailAddress(value: unknown): boolean {
  return typeof value === 'string' && EMAIL_ADDRESS.test(value);
}
