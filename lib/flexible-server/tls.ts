import { LiteralReason, member, optional, struct } from '../private/shape';
import { checkOneOf } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** TLS protocol versions a Flexible Server accepts for client connections. */
export enum TlsVersion {
  /** TLS 1.2. */
  TLS1_2 = 'TLSv1.2',
  /** TLS 1.3: what Microsoft's security guidance recommends requiring. */
  TLS1_3 = 'TLSv1.3',
}

/** TLS for client connections. `require_secure_transport` is always on; there is no way to turn TLS off. */
export interface TlsOptions {
  /**
   * Lowest TLS version a client may use.
   * @default TlsVersion.TLS1_2
   */
  readonly minVersion?: TlsVersion;
  /**
   * Highest TLS version a client may use, not lower than `minVersion`.
   * @default - no maximum
   */
  readonly maxVersion?: TlsVersion;
}

const ORDER = [TlsVersion.TLS1_2, TlsVersion.TLS1_3];

const TLS_VERSION = member('TlsVersion', 'TlsVersion.TLS1_2', LiteralReason.SECURITY);
export const TLS_OPTIONS = struct('TlsOptions', { minVersion: optional(TLS_VERSION), maxVersion: optional(TLS_VERSION) });

export function validateTls(prop: string, tls: TlsOptions | undefined): void {
  checkOneOf('TLS-MIN-VERSION', `${prop}.minVersion`, tls?.minVersion, ORDER, 'use TlsVersion.TLS1_2 or TlsVersion.TLS1_3; TLS 1.0 and 1.1 are not offered');
  checkOneOf('TLS-MAX-VERSION', `${prop}.maxVersion`, tls?.maxVersion, ORDER, 'use TlsVersion.TLS1_2 or TlsVersion.TLS1_3');
  const min = tls?.minVersion ?? TlsVersion.TLS1_2;
  if (tls?.maxVersion === undefined) return;
  if (ORDER.indexOf(tls.maxVersion) < ORDER.indexOf(min)) {
    throw new ValidationError('TLS-MAX-BELOW-MIN', `${prop}.maxVersion`, tls.maxVersion, `is lower than minVersion ${JSON.stringify(min)}`, 'raise maxVersion or leave it out');
  }
}
