import { IConstruct } from 'constructs';
import { isToken } from '../private/tokens';
import { ValidationError } from '../private/validation-error';

/** Key Vault secret names are at most 127 characters (letters, digits and "-"), compared without case. */
const MAX_SECRET_NAME = 127;

/** Per app: each vault and secret name the library writes a password to, and who writes it. */
const claimed = new WeakMap<IConstruct, Map<string, string>>();

/** A secret the library names "<server name>-<suffix>": the server construct's path stands for its name, which may be known only at apply time. */
export interface PasswordSecret {
  readonly vaultId: string;
  readonly serverPath: string;
  readonly serverName: string;
  readonly suffix: string;
}

/** Where a secret name comes from, for the error: the prop, its value, and who writes the secret. */
export interface SecretNameSource {
  readonly prop: string;
  readonly value: unknown;
  readonly owner: string;
}

/** A secret to claim, and where its name comes from. */
export interface SecretClaim {
  readonly secret: PasswordSecret;
  readonly source: SecretNameSource;
}

/**
 * Claims the Key Vault secrets the library writes passwords to, once per vault and name in the app:
 * two secrets of one name overwrite each other, and a client would read another role's (or the server
 * administrator's) password (ninth review, A9-11). All or none: a refused construct claims nothing. A
 * vault known only at apply time is not compared.
 */
export function claimSecretNames(scope: IConstruct, claims: readonly SecretClaim[]): void {
  const names = claimed.get(scope.node.root) ?? new Map<string, string>();
  const added = new Map<string, string>();
  for (const { secret, source } of claims) {
    const { vaultId, serverPath, serverName, suffix } = secret;
    if (isToken(vaultId) || isToken(suffix)) continue;
    const { prop, value, owner } = source;
    const name = `${isToken(serverName) ? '<server name>' : serverName}-${suffix}`;
    if (!isToken(serverName) && name.length > MAX_SECRET_NAME) {
      throw new ValidationError('KEY-VAULT-SECRET-NAME', prop, value, `gives Key Vault secret name "${name}" of ${name.length} characters, over the ${MAX_SECRET_NAME} Key Vault allows`, 'shorten the name');
    }
    // A literal server name is compared by the whole secret name, so two servers sharing a vault
    // are compared too ("orders" + "db-administrator" is "orders-db" + "administrator"); a name
    // known only at apply time by the server construct's path.
    const secretName = isToken(serverName) ? `${serverPath}|${suffix}` : name;
    const key = `${vaultId.trim().toLowerCase()}|${secretName.toLowerCase()}`;
    const other = names.get(key) ?? added.get(key);
    if (other !== undefined) {
      throw new ValidationError('KEY-VAULT-SECRET-NAME', prop, value, `gives Key Vault secret name "${name}", which ${other} writes in the same vault`,
        'give it a name that differs in a letter or digit (secret names keep letters, digits and "-", in any case), or another keyVaultResourceId');
    }
    added.set(key, owner);
  }
  claimed.set(scope.node.root, new Map([...names, ...added]));
}
