import { ResourceIdKind, checkResourceId } from '../private/resource-id';
import { choice, number, optional, part, reason, required, struct, text } from '../private/shape';
import { checkJustification } from '../private/validate';
import { checkAdministratorLogin, LOGIN_REQUIRED_FIX } from '../shared/administrator-login';
import { checkPasswordVersion } from '../shared/password-version';

/** Password authentication next to Entra ID, chosen explicitly. */
export interface PasswordAuthenticationOptions {
  /** Login of the local administrator, not a reserved name (admin, root, azure_superuser, pg_..., ...). */
  readonly administratorLogin: string;
  /** Why local passwords are needed, at least 10 characters, printed at synth. */
  readonly justification: string;
  /**
   * Version of the generated password: increase it to rotate the password.
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * Key Vault to store the generated password in, as secret `<server name>-administrator-password`.
   * @default - not stored; read it from `SecureFlexibleServer.administratorPassword`
   */
  readonly keyVaultResourceId?: string;
}

/** How clients sign in. Default: Entra ID only. */
export class FlexibleServerAuthentication {
  /** Entra ID only: no local passwords exist on the server. */
  public static entraOnly(): FlexibleServerAuthentication {
    return new FlexibleServerAuthentication(undefined, false);
  }

  /**
   * Entra ID and a local administrator with a generated password, SCRAM-SHA-256 only.
   * @param options the administrator login and why passwords are needed
   */
  public static entraAndPassword(options: PasswordAuthenticationOptions): FlexibleServerAuthentication {
    return new FlexibleServerAuthentication(options, true);
  }

  /** The password settings, when password authentication is on. */
  public readonly password?: PasswordAuthenticationOptions;

  /** Which factory made it: entraAndPassword given no options (a JavaScript caller) is refused, not read as Entra only. */
  private readonly passwordChosen: boolean;

  private constructor(password: PasswordAuthenticationOptions | undefined, passwordChosen: boolean) {
    this.password = password;
    this.passwordChosen = passwordChosen;
  }
}

const PASSWORD_AUTHENTICATION_OPTIONS = struct('PasswordAuthenticationOptions', {
  administratorLogin: required(text(), LOGIN_REQUIRED_FIX),
  justification: optional(reason()),
  passwordVersion: optional(number()),
  keyVaultResourceId: optional(text()),
});

export const FLEXIBLE_SERVER_AUTHENTICATION = choice(
  'FlexibleServerAuthentication',
  FlexibleServerAuthentication,
  'use FlexibleServerAuthentication.entraOnly() or FlexibleServerAuthentication.entraAndPassword({ administratorLogin, justification })',
  (authentication) => (authentication.password === undefined && authentication['passwordChosen'] !== true
    ? []
    : [part('entraAndPassword', authentication.password, required(PASSWORD_AUTHENTICATION_OPTIONS, 'pass the options to the factory: { administratorLogin, justification }'))]),
);

export function validateAuthentication(prop: string, authentication: FlexibleServerAuthentication): void {
  const password = authentication.password;
  if (password === undefined) return;
  checkAdministratorLogin(`${prop}.administratorLogin`, password.administratorLogin);
  checkJustification(`${prop}.justification`, password.justification, 'turn on password authentication');
  checkPasswordVersion(`${prop}.passwordVersion`, password.passwordVersion);
  checkResourceId(`${prop}.keyVaultResourceId`, password.keyVaultResourceId, ResourceIdKind.KEY_VAULT);
}
