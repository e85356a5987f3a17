/**
 * The Key Vault secret blocks an `import` may adopt one of the stack's secrets into (88th run, A88a-3). An imported
 * `azurerm_key_vault_secret` is the secret its import names: azurerm reads its `value` back from Key Vault at every refresh (the block
 * writes `value`, not `value_wo`), and `ignore_changes = ["value"]` keeps the block's own text from ever being written, so every
 * reader of `<block>.value` reads what the adopted secret holds, a generated password included.
 * An import may adopt a secret when its `id` reads that secret's block (its id, versionless_id, resource_id...) or a lookup that may
 * find it, spells a Key Vault secret ID (read as azurerm reads it: key-vault-ids.ts, percent escapes decoded) whose name may be the
 * secret's (Key Vault compares names without case) in a vault that may be the secret's, or is known only at apply time where a secret
 * ID's shape is (a variable). Another secret block's ID is its own secret. An import by `identity` (Terraform 1.12) may adopt any.
 */
import { blockOf } from './attribute-reads';
import { resourceAddress } from './import-targets';
import { isUnknown } from './hcl-expression';
import { INTERPOLATION, mayBeSecretId, readSecretId } from './key-vault-ids';
import { mayReadSecret } from './later-secrets';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

const SECRET_TYPE = 'azurerm_key_vault_secret';

/** For each Key Vault secret block an import adopts into, by its name, the stack's secrets (of `secrets`) it may adopt. */
export function adoptedSecrets(stack: StackFacts | undefined, secrets: readonly ResourceView[]): ReadonlyMap<string, readonly ResourceView[]> {
  const adopted = new Map<string, ResourceView[]>();
  if (secrets.length === 0) return adopted;
  const blockAt = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  for (const block of stack?.lookups?.values() ?? []) {
    if (block.type !== 'import') continue;
    const [type, name] = resourceAddress(block.name).split('.');
    if (type !== SECRET_TYPE || name === undefined) continue;
    const { id, identity } = block.config;
    const found = secrets.filter((secret) => secret.name !== name && (id === undefined ? identity !== undefined : mayAdopt(id, secret, blockAt)));
    if (found.length > 0) adopted.set(name, [...adopted.get(name) ?? [], ...found]);
  }
  return adopted;
}

/** Whether an import's `id` may name a secret of the stack (see above). */
function mayAdopt(id: unknown, secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): boolean {
  if (isUnknown(id) && id.references.some((reference) => blockOf(reference) === `${SECRET_TYPE}.${secret.name}`)) return true;
  // The ID of another secret block is that block's secret; a lookup's, the secret it may find.
  const read = isUnknown(id) && id.isPlainReference ? blockOf(id.references[0]) : undefined;
  if (read?.startsWith(`${SECRET_TYPE}.`) === true) return false;
  const lookup = read?.startsWith(`data.${SECRET_TYPE}.`) === true ? blockAt(read) : undefined;
  if (lookup !== undefined) return mayReadSecret(lookup, secret, blockAt) !== undefined;
  const text = isUnknown(id) ? id.toString() : typeof id === 'string' ? id : undefined;
  const found = text === undefined ? undefined : readSecretId(text, INTERPOLATION);
  // A value known only later (a variable) may be any secret's ID; text azurerm reads as none adopts nothing.
  if (found === undefined || found === 'unreadable') return found === 'unreadable';
  return mayBeSecretId(found, secret, blockAt, INTERPOLATION);
}
