import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { OptionalPeerUse } from '../private/optional-peer';
import { isToken } from '../private/tokens';
import { claimSecretNames } from './key-vault-secret-names';
import { libraryRandomPassword } from './random-password';
import { onDemandClasses } from '../private/on-demand-classes';

/** The end of the administrator password's Key Vault secret name. */
const ADMINISTRATOR_SECRET = 'administrator-password';

/** What needs @cdktf/provider-random here, for the error when it is missing. */
const ADMINISTRATOR_PASSWORD_USE: OptionalPeerUse = {
  neededBy: 'a generated administrator password',
  notNeededBy: 'stacks whose servers use Entra ID only do not need it',
};

export interface GeneratedPasswordProps {
  /** Bump to rotate: a new password is generated and written to the server and the vault. */
  readonly version: number;
  /** Key Vault to keep the password in, so people and apps can read it without Terraform state. */
  readonly keyVaultId?: string;
  /** Name of the server: the Key Vault secret is "<server name>-administrator-password". */
  readonly serverName: string;
  readonly tags?: { [key: string]: string };
}

/**
 * A generated administrator password that never appears as a literal in the synthesized JSON.
 * It is handed to write-only attributes (`*_wo`), so the server's state never holds it; the
 * version drives both regeneration (keepers) and the write-only version attributes.
 */
export class GeneratedPassword extends Construct {
  /** The password, a sensitive reference resolved by Terraform at apply time. */
  public readonly value: string;
  /** The rotation version the password was generated for. */
  public readonly version: number;
  /** Resource ID of the Key Vault secret that holds the password, when a vault was given. */
  public readonly secretId?: string;

  constructor(scope: Construct, id: string, props: GeneratedPasswordProps) {
    super(scope, id);
    const version = isToken(props.version) ? Token.asString(props.version) : String(props.version);
    const password = libraryRandomPassword(this, 'Password', { version }, ADMINISTRATOR_PASSWORD_USE);
    this.value = password.result;
    this.version = props.version;
    if (props.keyVaultId !== undefined) {
      const secretName = `${props.serverName}-${ADMINISTRATOR_SECRET}`;
      claimSecretNames(this, [{ secret: { vaultId: props.keyVaultId, serverPath: scope.node.path, serverName: props.serverName, suffix: ADMINISTRATOR_SECRET },
        source: { prop: 'name', value: props.serverName, owner: `the administrator password of ${scope.node.path}` } }]);
      this.secretId = new (onDemandClasses.keyVaultSecret())(this, 'Secret', {
        name: secretName,
        keyVaultId: props.keyVaultId,
        valueWo: password.result,
        valueWoVersion: props.version,
        contentType: 'password',
        tags: props.tags,
      }).id;
    }
  }
}
