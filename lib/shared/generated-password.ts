import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isToken } from '../private/tokens';

export interface GeneratedPasswordProps {
  /** Bump to rotate: a new password is generated and written to the server and the vault. */
  readonly version: number;
  /** Key Vault to keep the password in, so people and apps can read it without Terraform state. */
  readonly keyVaultId?: string;
  /** Name of the Key Vault secret. */
  readonly secretName: string;
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
    ensureRandomProvider(this);
    const password = new Password(this, 'Password', {
      length: 32,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
      // Characters that survive connection strings, shells and URLs without quoting.
      overrideSpecial: '-_.~!*',
      keepers: { version: isToken(props.version) ? Token.asString(props.version) : String(props.version) },
    });
    this.value = password.result;
    this.version = props.version;
    if (props.keyVaultId !== undefined) {
      this.secretId = new KeyVaultSecret(this, 'Secret', {
        name: props.secretName,
        keyVaultId: props.keyVaultId,
        valueWo: password.result,
        valueWoVersion: props.version,
        contentType: 'password',
        tags: props.tags,
      }).id;
    }
  }
}

/** The password needs the random provider; add it to the stack unless the user already did. */
function ensureRandomProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.findAll().some((c) => c instanceof RandomProvider)) {
    new RandomProvider(stack, 'random');
  }
}
