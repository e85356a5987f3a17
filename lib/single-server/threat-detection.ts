import { boolean, list, optional, struct, text } from '../private/shape';
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

export const THREAT_DETECTION_OPTIONS = struct('ThreatDetectionOptions', {
  emailAddresses: optional(list(text())),
  emailAccountAdmins: optional(boolean()),
});

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function validateThreatDetection(prop: string, options: ThreatDetectionOptions | undefined): void {
  const addresses = options?.emailAddresses;
  if (options?.emailAccountAdmins === false) {
    // The addresses are then the only recipients: a list known only at apply time may be empty.
    if (addresses !== undefined && isToken(addresses)) {
      throw new ValidationError(
        'SECURITY-SETTING-TOKEN',
        `${prop}.emailAddresses`,
        addresses,
        'is a Terraform token, known only at apply time: with emailAccountAdmins false it names the only recipients of threat alerts, and an empty list would silence them with no warning',
        'list the addresses in your code (an address may still be a reference), or keep emailAccountAdmins true',
      );
    }
    if ((addresses ?? []).length === 0) {
      throw new ValidationError('THREAT-NO-RECIPIENT', `${prop}.emailAccountAdmins`, false, 'leaves no one to receive threat alerts', 'list emailAddresses, or keep emailAccountAdmins true');
    }
  }
  (addresses === undefined || isToken(addresses) ? [] : addresses).forEach((address, index) => {
    checkPattern('THREAT-EMAIL', `${prop}.emailAddresses[${index}]`, address, EMAIL, 'is not an e-mail address', 'write it as name@example.com');
  });
}
