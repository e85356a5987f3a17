import { EntraPrincipalType } from '../shared/entra-administrator';

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
  /** Why this member cannot sign in with Entra ID, in at least 10 visible characters. Printed at synth. */
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
