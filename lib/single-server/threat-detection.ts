import { EMAIL_ADDRESS } from '../private/email-address';
import { boolean, list, optional, struct, text } from '../private/shape';
import { holdsTemplateSequence } from '../private/template-text';
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
        'list the addresses in your code (at least one written out; the others may be references), or keep emailAccountAdmins true',
      );
    }
    if ((addresses ?? []).length === 0) {
      throw new ValidationError('THREAT-NO-RECIPIENT', `${prop}.emailAccountAdmins`, false, 'leaves no one to receive threat alerts', 'list emailAddresses, or keep emailAccountAdmins true');
    }
    // A token or a template may be an empty or unread address: one written out is someone (adversarial run of stop 68).
    if (!addresses!.some((address) => !isToken(address) && !holdsTemplateSequence(address))) {
      const template = addresses!.some((address) => !isToken(address));
      throw new ValidationError(
        template ? 'SECURITY-SETTING-TEMPLATE' : 'SECURITY-SETTING-TOKEN',
        `${prop}.emailAddresses`,
        addresses,
        `holds only Terraform ${template ? 'tokens and templates ("${" or "%{")' : 'tokens'}: with emailAccountAdmins false they are the only recipients of threat alerts, and one known only at apply time may be an empty or unread address, with no warning`,
        'write at least one address out in your code, as plain text (the others may be references), or keep emailAccountAdmins true',
      );
    }
  }
  (addresses === undefined || isToken(addresses) ? [] : addresses).forEach((address, index) => {
    checkPattern('THREAT-EMAIL', `${prop}.emailAddresses[${index}]`, address, EMAIL_ADDRESS, 'is not an e-mail address', 'write it as name@example.com');
  });
}
