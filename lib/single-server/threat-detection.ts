import { isToken } from '../private/tokens';
import { checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** Who hears of threat detection alerts (SQL injection, anomalous access, ...). Detection itself is always on. */
export interface ThreatDetectionOptions {
  /**
   * Addresses that receive alerts.
   * @default - none; subscription administrators only
   */
  readonly emailAddresses?: string[];
  /**
   * Also alert the subscription's administrators and owners.
   * @default true
   */
  readonly emailAccountAdmins?: boolean;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function validateThreatDetection(prop: string, options: ThreatDetectionOptions | undefined): void {
  if (options?.emailAccountAdmins === false && (options.emailAddresses ?? []).length === 0) {
    throw new ValidationError(`${prop}.emailAccountAdmins`, false, 'leaves no one to receive threat alerts', 'list emailAddresses, or keep emailAccountAdmins true');
  }
  const addresses = options?.emailAddresses;
  (addresses === undefined || isToken(addresses) ? [] : addresses).forEach((address, index) => {
    checkPattern(`${prop}.emailAddresses[${index}]`, address, EMAIL, 'is not an e-mail address', 'write it as name@example.com');
  });
}
