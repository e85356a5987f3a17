import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import type { Password } from '@cdktf/provider-random/lib/password';
import type { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { libraryProvider } from '../private/library-provider';
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
    const random = loadRandomProvider();
    // The library's own aliased provider: it cannot clash with a random provider the user declares.
    const provider = libraryProvider(this, 'random', (stack, providerId, alias) => new random.RandomProvider(stack, providerId, { alias }));
    const password = new random.Password(this, 'Password', {
      provider,
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

/** The optional peer dependency that generated passwords need. */
export const RANDOM_PROVIDER_PACKAGE = '@cdktf/provider-random';

interface RandomProviderModule {
  readonly Password: typeof Password;
  readonly RandomProvider: typeof RandomProvider;
}

/**
 * Loads the random provider only when a password is generated, so that stacks with Entra ID
 * sign-in only need not install it. Its absence is reported as such; any other load failure
 * (a broken install) is passed on as it is.
 */
export function loadRandomProvider(): RandomProviderModule {
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    return {
      Password: require('@cdktf/provider-random/lib/password').Password,
      RandomProvider: require('@cdktf/provider-random/lib/provider').RandomProvider,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch (error) {
    if (isMissingModule(error, RANDOM_PROVIDER_PACKAGE)) {
      throw new Error(
        `cdktf-azure-postgres: a generated administrator password needs ${RANDOM_PROVIDER_PACKAGE}, an optional peer dependency that is not installed. ` +
          `Fix: npm install ${RANDOM_PROVIDER_PACKAGE} (stacks whose servers use Entra ID only do not need it).`,
      );
    }
    throw error;
  }
}

function isMissingModule(error: unknown, packageName: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.startsWith(`Cannot find module '${packageName}/`);
}
