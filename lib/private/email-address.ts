/** An e-mail address as alerts need one: a local part, "@", a domain with a dot; no spaces. */
export const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Whether a value is a string written as an e-mail address (a blank one, or a bare name, reaches no one). */
export function isEmailAddress(value: unknown): boolean {
  return typeof value === 'string' && EMAIL_ADDRESS.test(value);
}
