import { armKey, idParts, nameKey } from './azure-keys';
import { madeBy, resourcesOfType } from './beside-construct';
import { containingScope, mayBeGroupOf, mayHoldScope } from './containing-scopes';
import { dynamicContents } from './dynamic-blocks';
import { laterObject, laterReach } from './given-objects';
import { isUnknown, Unknown } from './hcl-expression';
import { withNamesRead } from './name-parents';
import { isKnownVault, madeVaultOfSecret, mayBeSecretName, Relation, vaultNameOf, vaultOfSecret } from './later-secrets';
import { passwordsReadBy } from './password-copies';
import { accessPolicyGrants } from './role-grants';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { splitTemplate } from './value-readers';
import { holedPattern } from '../private/literal-pattern';
import { INSTANCE_KEY } from './traversal-text';

// A construct that generates the administrator password (or a DatabaseAccess password member's) writes
// it to a Key Vault secret: whoever reads that secret's value signs in to the server as that role. The
// vault is the caller's (given by ID), but a role on it, or on a scope that holds it, reads the
// construct's secret (RBAC inherits down), so it is judged like a role on the server (fourteenth review, A14a-7).

/** A Key Vault secret a password is written to, and whose password it is ("the administrator password"). */
export interface VaultedPassword {
  readonly secret: ResourceView;
  readonly password: string;
}

/** The Key Vault secrets the construct, or a DatabaseAccess of its server, writes a password it generates to. */
export function vaultedPasswordSecrets(server: ServerView, owner: string, stack: StackFacts | undefined): readonly VaultedPassword[] {
  const members = (stack?.declaredAccess ?? []).filter((access) => access.server === server.address).map((access) => access.path);
  const makers = [owner, ...members];
  const generators = new Set(resourcesOfType(stack, 'random_password').filter((each) => makers.some((maker) => madeBy(each, maker))).map((each) => each.address));
  return resourcesOfType(stack, 'azurerm_key_vault_secret')
    .filter((secret) => makers.some((maker) => madeBy(secret, maker)) && [...passwordsReadBy(secret.config)].some((generator) => generators.has(generator)))
    .map((secret) => ({ secret, password: madeBy(secret, owner) ? 'the administrator password' : 'the password of a DatabaseAccess member' }));
}

/** A Key Vault scope: group 1 the vault's name, 2 the secret's ("?" for a part known only at apply time). */
const VAULT_SCOPE = /\/providers\/microsoft\.keyvault\/vaults\/([^/]+)(?:\/secrets\/([^/]+)(?:\/[^/]*)?)?\/?$/;
/** A template of the ID of a secret of a vault the stack makes or looks up: group 1 is the vault's block, 2 the secret's name. */
const SECRET_UNDER_VAULT = new RegExp(String.raw`^\$\{\s*((?:data\.)?azurerm_key_vault\.[^.[\]\s]+(?:${INSTANCE_KEY})?)\.id\s*\}\/secrets\/([^/$\{}]+)(?:\/[^/$\{}]*)?\/?$`, 'i');
/** A reference to the ID of a vault the stack makes or looks up: group 1 is the block. */
const VAULT_REFERENCE = /^((?:data\.)?azurerm_key_vault\.[^.[\]\s]+)\.id$/;

/**
 * How a role's scope reaches a vaulted password secret, for a message, or undefined: the secret (a
 * reference to it, or its ID by literal or template), its vault (by the ID, expression or vault the
 * secret is given, or a template of its name), or a scope that holds the vault (its resource group,
 * where the vault's ID or block names it, a subscription, a management group, the root).
 */
export function vaultedSecretScope({ secret, password }: VaultedPassword, scope: unknown, stack: StackFacts | undefined): string | undefined {
  const blockAt = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  const named = `${secret.address}, the Key Vault secret ${password} is written to`;
  if (isUnknown(scope) && scope.references.some((reference) => reference.startsWith(`${secret.address}.`) || reference.startsWith(`${secret.address}[`))) {
    const vault = scope.isPlainReference && scope.references[0] === `${secret.address}.key_vault_id`;
    return vault ? `the vault of ${named}` : named;
  }
  const relation = vaultOfSecret(scope, secret, blockAt);
  if (relation === 'same') return `the vault of ${named}`;
  // A vault the stack makes or looks up, beside a secret whose vault is known only at apply time (or the other way round), may be it (fifteenth review, A14b-6);
  // so may a scope wholly known only at apply time (a variable, a function of one, a lookup by a name known later: A15a-9, A15b-12).
  if (relation === 'later' && isUnknown(scope) && (isKnownVault(scope, blockAt) || mayBeAnyScope(scope))) return mayBe(scope, `the vault of ${named}`);
  // A secret of a vault the stack makes or looks up, by a template of its ID: a secret of that vault.
  const under = isUnknown(scope) ? SECRET_UNDER_VAULT.exec(scope.spelling.trim()) : null;
  if (under !== null && mayBeSecretName(under[2], secret, blockAt)) {
    const where = madeVaultOfSecret(under[1], secret, blockAt);
    if (where !== 'other') return where === 'same' ? named : mayBe(scope, named);
  }
  // A secret below a vault pointer known only at apply time (`${var.key_vault_id}/secrets/<name>`): a secret of that vault (A15b-12).
  const below = isUnknown(scope) ? secretBelowPointer(scope) : undefined;
  if (below !== undefined && mayBeSecretName(below.name, secret, blockAt)) {
    const where = vaultOfSecret(below.vault, secret, blockAt);
    if (where === 'same') return named;
    if (where === 'later' && (isKnownVault(below.vault, blockAt) || mayBeAnyScope(below.vault))) return mayBe(scope, named);
  }
  // A reference to a block's name in the scope is its literal (name-parents.ts): `.../vaults/${azurerm_resource_group.named.name}`.
  const text = isUnknown(scope) ? splitTemplate(withNamesRead(scope.spelling, stack?.resources), (expression) => spelledVault(expression.trim(), blockAt) ?? '?').literal : scope;
  const found = typeof text === 'string' ? VAULT_SCOPE.exec(armKey(text.trim())) : null;
  if (found !== null) {
    const [, vault, name] = found;
    const own = vaultNameOf(secret, blockAt);
    // A vault known only at apply time (keyVaultResourceId a variable) may be any vault a scope names.
    const later = own === undefined && vaultOfSecret(found[0].replace(/\/secrets\/.*$/, ''), secret, blockAt) === 'later';
    // A vault name known only at apply time (`${var.n}`, `${one(["kv-postgres"])}`) whose literal parts may spell the vault's may be it (A15a-9).
    const spelled = own !== undefined && vault.includes('?') && new RegExp(`^${holedPattern(vault, '?', '.*')}$`).test(own);
    const sameVault = vault === own || later || spelled || (vault.includes('?') && name !== undefined);
    const sameName = name === undefined || name.includes('?') || mayBeSecretName(name, secret, blockAt);
    if (sameVault && sameName && (vault !== '?' || name !== '?' || spelled)) {
      const what = name === undefined ? `the vault of ${named}` : named;
      if (later && vault !== own) return `${JSON.stringify(String(text).trim())}, which may be ${what} (its vault is known only at apply time)`;
      return vault === own ? what : mayBe(scope, what);
    }
  }
  // A subscription, management group or the root holds the vault whatever its group.
  const group = vaultGroup(secret, blockAt);
  // Read as the vault itself: a template that may spell its ID, or one above it, holds it too (A16a-6).
  const holder = { ...secret, type: 'azurerm_key_vault', config: { ...(group === undefined ? {} : { resource_group_name: group }), name: vaultNameOf(secret, blockAt) } };
  const above = containingScope(holder, scope, stack);
  if (above !== undefined) return `${above.replace(/^its /, 'the ')}, which holds the vault of ${named}`;
  // A vault given by a pointer known only at apply time, in whole or in part, may be in any literal group its known parts allow (A25a-7).
  const given = typeof scope === 'string' ? laterObject('keyVault', secret.config.key_vault_id, stack) : undefined;
  if (given !== undefined && laterReach(given, scope as string) === 'holds') return `${JSON.stringify(scope)}, which may hold the vault of ${named} (its ID is known only at apply time)`;
  if (mayBeGroupOf(holder, scope, stack)) return `${JSON.stringify(String(scope))}, which may be the resource group that holds the vault of ${named} (its name is known only at apply time)`;
  const spelled = mayHoldScope(holder, scope, stack);
  return spelled === undefined ? undefined : `${spelled}: the vault of ${named}`;
}

/** A reference to the ID of a block of the stack that is no vault (another type's ID): a scope on it is on that block. */
/** One traversal with nothing but names and instance keys after its root. */
const PLAIN_TRAVERSAL = new RegExp(String.raw`^[a-zA-Z_][\w-]*(?:\.[^.[\]\s]+|${INSTANCE_KEY})+$`);
const OTHER_BLOCK_ID = new RegExp(String.raw`^(?!data\.azapi_|azapi_)(?:data\.)?(?!azurerm_key_vault\.)[a-z0-9]+_[a-z0-9_]+\.[^.[\]]+(?:${INSTANCE_KEY})?\.id$`);

/**
 * True when a scope is wholly known only at apply time (no literal text: a variable, a local, a function, an iterator, a
 * lookup by a name known later) and may hold any ID: not when each reference is the ID of a block of another type.
 */
function mayBeAnyScope(scope: Unknown): boolean {
  return splitTemplate(scope.spelling).literal.trim() === '' && !(scope.references.length > 0 && scope.references.every((reference) => OTHER_BLOCK_ID.test(reference)));
}

/** A template that is a vault pointer followed by a secret's path (`${var.key_vault_id}/secrets/<name>[/<version>]`): the pointer and the secret's name. */
function secretBelowPointer(scope: Unknown): { readonly vault: Unknown; readonly name: string } | undefined {
  const expressions: string[] = [];
  const { literal, interpolations } = splitTemplate(scope.spelling, (expression) => {
    expressions.push(expression.trim());
    return '\u0000';
  });
  const found = interpolations === 1 ? /^\u0000\/secrets\/([^/\u0000]+)(?:\/[^/\u0000]*)?\/?$/i.exec(literal.trim()) : null;
  if (found === null) return undefined;
  const expression = expressions[0];
  const plain = PLAIN_TRAVERSAL.test(expression);
  return { vault: new Unknown(expression, plain ? [expression] : scope.references), name: found[1] };
}

/** The ID a reference to a vault of the stack spells from its literal name (any subscription and group). */
function spelledVault(expression: string, blockAt: (address: string) => ResourceView | undefined): string | undefined {
  const block = VAULT_REFERENCE.exec(expression)?.[1];
  const name = block === undefined ? undefined : blockAt(block)?.config.name;
  return typeof name === 'string' ? `/subscriptions/?/resourceGroups/?/providers/Microsoft.KeyVault/vaults/${name.trim()}` : undefined;
}

/** The resource group of a secret's vault: from its literal ID, or the vault block it references. */
function vaultGroup(secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): unknown {
  const vault = secret.config.key_vault_id;
  // Read as every reader reads an ID (azure-keys.ts idParts: a "." or empty segment says nothing; run 35).
  if (typeof vault === 'string') {
    const parts = idParts(vault);
    return parts.length > 4 && nameKey(parts[0]) === 'subscriptions' && nameKey(parts[2]) === 'resourcegroups' ? parts[3] : undefined;
  }
  const block = isUnknown(vault) && vault.isPlainReference ? VAULT_REFERENCE.exec(vault.references[0])?.[1] : undefined;
  return block === undefined ? undefined : blockAt(block)?.config.resource_group_name;
}

/** An access policy that may let a principal read a vaulted password: where it is written, and whether its permissions are known only at apply time. */
export interface SecretAccessPolicy {
  readonly address: string;
  readonly on: string;
  readonly later: boolean;
}

/**
 * The access policies that grant Get on the secrets of a vaulted password's vault (a vault of the
 * access-policy model: Get reads every secret's value): azurerm_key_vault_access_policy resources of
 * that vault, and the access_policy blocks of the vault when the stack makes it. Permissions known
 * only at apply time may be Get.
 */
export function secretAccessPolicies({ secret, password }: VaultedPassword, stack: StackFacts | undefined): readonly SecretAccessPolicy[] {
  const blockAt = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  const vault = `the vault of ${secret.address}, the Key Vault secret ${password} is written to`;
  // A vault known only at apply time may be any other (fifteenth review, A14b-6): a policy of either fails closed.
  const on = (relation: Relation, vaultId: unknown) => (relation === 'same' ? vault : relation === 'later' ? mayBe(vaultId, vault) : undefined);
  const inline = resourcesOfType(stack, 'azurerm_key_vault').flatMap((block) => {
    const where = on(madeVaultOfSecret(block.address, secret, blockAt), `\${${block.address}.id}`);
    const policies = inlinePolicyReads(block.config);
    return where === undefined || policies.every((reads) => reads === false) ? [] : [{ address: block.address, on: where, later: policies.every((reads) => reads !== true) }];
  });
  // Every writer of an access policy, read as an azurerm_key_vault_access_policy (fifteenth review, A15b-5).
  const separate = accessPolicyGrants(stack).flatMap((policy) => {
    const where = on(vaultOfSecret(policy.config.key_vault_id, secret, blockAt), policy.config.key_vault_id);
    const reads = readsSecrets(policy.config.secret_permissions);
    return where === undefined || reads === false ? [] : [{ address: policy.address, on: where, later: reads === undefined }];
  });
  return [...inline, ...separate];
}

/** A vault that may be a vaulted password's, for a message. */
function mayBe(vault: unknown, what: string): string {
  return `${JSON.stringify(vault)}, which may be ${what} (one of the two vaults is known only at apply time)`;
}

/**
 * Whether each inline access policy of a vault reads secrets (readsSecrets). A list, or an item of it, known only at apply
 * time (`access_policy = var.policies`) may grant Get: it reads as a policy whose permissions are unknown, not as none. So
 * does a dynamic block's content that may read them (its for_each decides whether it is written).
 */
function inlinePolicyReads(vault: ResourceView['config']): readonly (boolean | undefined)[] {
  const value = vault.access_policy;
  const list = isUnknown(value) ? [value] : Array.isArray(value) ? value : value === undefined ? [] : [value];
  const written = list.map((policy) => (isUnknown(policy) ? undefined : typeof policy === 'object' && policy !== null ? readsSecrets((policy as { readonly [key: string]: unknown }).secret_permissions) : false));
  const dynamic = dynamicContents(vault, 'access_policy').map((policy) => (readsSecrets(policy.secret_permissions) === false ? false : undefined));
  return [...written, ...dynamic];
}

function blocksOf(value: unknown): readonly { readonly [key: string]: unknown }[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((each): each is { readonly [key: string]: unknown } => typeof each === 'object' && each !== null);
}

/**
 * The secret permissions that yield a secret's value, by their spelling in lower case: Get reads it; Backup exports it (every
 * version) as a blob Key Vault restores into any vault of the subscription, where its holder reads it (fifteenth review,
 * A15a-7); the API's "all" holds both. List, Set, Delete, Recover, Restore and Purge read no value.
 */
const READING_PERMISSIONS = new Map([['get', 'Get'], ['backup', 'Backup'], ['all', 'all']]);

/** The permissions of READING_PERMISSIONS (any case, as the Key Vault API spells them) among literal secret permissions. */
function readingPermissions(permissions: unknown): string[] {
  const literal = Array.isArray(permissions) ? permissions.filter((each): each is string => typeof each === 'string') : [];
  return [...READING_PERMISSIONS].filter(([spelled]) => literal.some((each) => each.trim().toLowerCase() === spelled)).map(([, name]) => name);
}

/** The secret permissions that yield a secret's value access policies (or a vault's inline policies) grant, for a message. */
export function grantedSecretReads(...policies: readonly (ResourceView | undefined)[]): readonly string[] {
  const all = policies.flatMap((policy) => [policy?.config.secret_permissions, ...blocksOf(policy?.config.access_policy).map((each) => each.secret_permissions)]).flatMap(readingPermissions);
  return [...READING_PERMISSIONS.values()].filter((name) => all.includes(name));
}

/** Whether secret permissions hold one that yields a secret's value: true, false, or undefined when known only at apply time. */
function readsSecrets(permissions: unknown): boolean | undefined {
  if (permissions === undefined) return false;
  if (!Array.isArray(permissions)) return isUnknown(permissions) ? undefined : false;
  if (readingPermissions(permissions).length > 0) return true;
  return permissions.some((each) => isUnknown(each)) ? undefined : false;
}
