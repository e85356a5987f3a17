import { choice, LiteralReason, member, number, optional, part, reason, required, struct, text } from '../private/shape';
import { EntraPrincipalType, OBJECT_ID_FIELD, PRINCIPAL_TYPE_FIX } from '../shared/entra-administrator';

/** An Entra ID user, group or service principal (managed identities are service principals). */
export interface EntraPrincipalOptions {
  /** Object ID of the principal in Entra ID. */
  readonly objectId: string;
  /** Kind of principal. */
  readonly principalType: EntraPrincipalType;
}

/** A login with a generated, rotated password: only where Entra ID sign-in is impossible. */
export interface PasswordPrincipalOptions {
  /** Days after which Terraform generates and sets a new password (1-365). The next apply after that rotates it. */
  readonly rotateEveryDays: number;
  /** Why this member cannot sign in with Entra ID, in at least 10 letters or digits. Printed at synth. */
  readonly justification: string;
  /**
   * Days an unrotated password stays valid after its rotation is due (0-30): `valid_until` is
   * the rotation time plus these days, so a password no pipeline rotated stops working.
   * @default 7
   */
  readonly expiryGraceDays?: number;
  /**
   * Key Vault that receives the password as secret `<server name>-<role name>-password`, with the
   * same expiry.
   * @default - not stored; the password is only in the Terraform state of `random_password`
   */
  readonly keyVaultResourceId?: string;
}

/** Who signs in as a database role: an Entra ID principal, or (by exception) a password. */
export class DatabasePrincipal {
  /**
   * An Entra ID principal: the role is mapped to its object ID with the `pgaadauth` security
   * label, as Azure does, and signs in with Entra tokens only.
   */
  public static entra(options: EntraPrincipalOptions): DatabasePrincipal {
    return new DatabasePrincipal(options, undefined);
  }

  /**
   * A password login, for a client that cannot use Entra ID: the password is generated, written
   * only to write-only attributes, rotated on a schedule and expires if not rotated. Needs a
   * server in password mode, and a justification.
   */
  public static password(options: PasswordPrincipalOptions): DatabasePrincipal {
    return new DatabasePrincipal(undefined, options);
  }

  /** The Entra principal, for an Entra member. */
  public readonly entraOptions?: EntraPrincipalOptions;
  /** The password settings, for a password member. */
  public readonly passwordOptions?: PasswordPrincipalOptions;

  private constructor(entra: EntraPrincipalOptions | undefined, password: PasswordPrincipalOptions | undefined) {
    this.entraOptions = entra;
    this.passwordOptions = password;
  }
}

const ENTRA_PRINCIPAL_OPTIONS = struct('EntraPrincipalOptions', {
  objectId: OBJECT_ID_FIELD,
  // Literal: the security label that maps the role to the principal is written at synth.
  principalType: required(member('EntraPrincipalType', 'EntraPrincipalType.GROUP', LiteralReason.SECURITY), PRINCIPAL_TYPE_FIX),
});

/** When a password changes and when it expires: literals, so that no value known only at apply time keeps a password valid longer than a reviewer sees. */
const DAYS = number({ literal: LiteralReason.SECURITY });

const PASSWORD_PRINCIPAL_OPTIONS = struct('PasswordPrincipalOptions', {
  rotateEveryDays: required(DAYS, 'give the days after which the password is rotated, from 1 to 365'),
  justification: optional(reason()),
  expiryGraceDays: optional(DAYS),
  keyVaultResourceId: optional(text()),
});

/** The fix for a member that no factory of DatabasePrincipal made. */
export const MEMBER_FIX = 'use DatabasePrincipal.entra({ objectId, principalType }) or DatabasePrincipal.password({ rotateEveryDays, justification })';

export const DATABASE_PRINCIPAL = choice('DatabasePrincipal', DatabasePrincipal, MEMBER_FIX, (principal) => (principal.entraOptions !== undefined
  ? [part('entra', principal.entraOptions, required(ENTRA_PRINCIPAL_OPTIONS, 'give { objectId, principalType }'))]
  : [part('password', principal.passwordOptions, required(PASSWORD_PRINCIPAL_OPTIONS, 'give { rotateEveryDays, justification }'))]));
