import { ownValue } from '../../private/own-keys';
import { AMBIGUOUS, azapiType, bodyProperties, propertyInAnyCase } from '../azapi-writes';
import { isUnknown } from '../hcl-expression';
import { keyBlocksByName, keyObjects } from '../perimeter-objects';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ResourceView } from '../stack-model';
import { literalBoolean, literalString, nestedBlock } from '../value-readers';
import { describeBreadth, isWide, sourceBreadth, unreadableSources } from '../../private/source-breadth';

/** The key blocks judged: a Key Vault key, a Managed HSM key (the same key_opts and dates, azurerm 4.55). */
const KEY_TYPES = ['azurerm_key_vault_key', 'azurerm_key_vault_managed_hardware_security_module_key'];
/** The containers judged, each by its noun: purge protection and public access are spelt alike on both. */
const CONTAINERS: { readonly [type: string]: string } = {
  azurerm_key_vault: 'Key Vault',
  azurerm_key_vault_managed_hardware_security_module: 'Managed HSM',
};

/** The same containers made by azapi (`azapi_resource`), by Azure type: their ARM properties enablePurgeProtection, publicNetworkAccess, networkAcls. */
const AZAPI_CONTAINERS: { readonly [type: string]: string } = {
  'microsoft.keyvault/vaults': 'Key Vault',
  'microsoft.keyvault/managedhsms': 'Managed HSM',
};

/** The key operations a server needs on its customer-managed key to wrap and unwrap its data encryption key. */
const WRAPPING = ['wrapKey', 'unwrapKey'];

/**
 * The customer-managed key of a server, and the Key Vault or Managed HSM that holds it, as the stack makes them
 * (azurerm_key_vault_key, azurerm_key_vault; azurerm_key_vault_managed_hardware_security_module_key and _module; a vault or HSM
 * by azapi_resource): the server reads its data only while the key can unwrap its data encryption key, so a key without
 * wrapKey/unwrapKey, expired or not yet valid makes it inaccessible; a vault without purge protection lets a deleted key be
 * purged for good (Microsoft requires purge protection for a customer-managed key); a vault open to every network (or whose
 * ip_rules admit more than a /24 of public addresses) exposes the key's management plane. The key is the one the server's pointer
 * reads, by a reference or an expression over references (perimeter-objects.ts: A25a-4). The same changes written by an azapi update of the key or vault fail PG-CFG-8 (key-scopes.ts); a key
 * or vault the stack only looks up or is given by ID is judged there, not here (twenty-third review, A23-2). A value known only
 * at apply time is not passed unread.
 */
export const rule: Rule = {
  id: 'PG-ENC-1',
  title: 'The customer-managed key the stack makes stays usable, recoverable and private',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Give the key key_opts with wrapKey and unwrapKey and no past expiration_date or future not_before_date; give its vault or Managed HSM purge_protection_enabled = true and public_network_access_enabled = false (or network_acls with default_action = "Deny" and ip_rules of at most 256 public addresses); or suppress PG-ENC-1 on the block with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const objects = keyObjects(server, stack);
    // The blocks the pointer reads, and those it names by their names (a URL of the stack's own key: A25a-4).
    const blocks = [...objects.flatMap((object) => object.addresses.flatMap((address) => stack?.resources?.get(address) ?? [])), ...keyBlocksByName(objects, stack)];
    const keys = blocks.filter((block) => KEY_TYPES.includes(block.type));
    // A vault or Managed HSM the stack makes with azapi is read from the body it sends (azapi-writes.ts).
    const vaults = blocks.filter((block) => ownValue(CONTAINERS, block.type) !== undefined
      || (block.type === 'azapi_resource' && ownValue(AZAPI_CONTAINERS, azapiType(block) ?? '') !== undefined));
    if (keys.length + vaults.length === 0) return notApplicable('the stack makes no customer-managed key, Key Vault or Managed HSM of the server');
    return [...new Set(keys)].map(keyVerdict).concat([...new Set(vaults)].map((vault) => (vault.type === 'azapi_resource' ? azapiVaultVerdict(vault) : vaultVerdict(vault))));
  },
};

function keyVerdict(key: ResourceView): Verdict {
  const options = key.config.key_opts;
  if (isUnknown(options) || (Array.isArray(options) && options.some(isUnknown))) return unknown(`${key.address}'s key_opts are known only at apply time`, key.address);
  const granted = Array.isArray(options) ? options.map(literalString) : [];
  const missing = WRAPPING.filter((operation) => !granted.includes(operation));
  if (missing.length > 0) return fail(`${key.address}, the server's customer-managed key, lacks ${missing.join(' and ')} in key_opts ${JSON.stringify(options ?? null)}: the server cannot unwrap its data encryption key.`, key.address);
  const now = Date.now();
  const expiry = dateOf(key, 'expiration_date');
  if (typeof expiry === 'object') return expiry;
  if (expiry !== undefined && expiry <= now) return fail(`${key.address}, the server's customer-managed key, expired on ${String(key.config.expiration_date)}: the server cannot unwrap its data encryption key.`, key.address);
  const start = dateOf(key, 'not_before_date');
  if (typeof start === 'object') return start;
  if (start !== undefined && start > now) return fail(`${key.address}, the server's customer-managed key, is not valid before ${String(key.config.not_before_date)}: the server cannot unwrap its data encryption key until then.`, key.address);
  return PASS;
}

/** A key's date as milliseconds, undefined when not written, or the verdict when it cannot be read. */
function dateOf(key: ResourceView, attribute: string): number | undefined | Verdict {
  const value = key.config[attribute];
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return unknown(`${key.address}'s ${attribute} is known only at apply time`, key.address);
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? fail(`${key.address}'s ${attribute} ${JSON.stringify(value)} is not a date.`, key.address) : time;
}

function vaultVerdict(vault: ResourceView): Verdict {
  const noun = ownValue(CONTAINERS, vault.type) ?? 'Key Vault';
  const purge = vault.config.purge_protection_enabled;
  if (isUnknown(purge)) return unknown(`${vault.address}'s purge_protection_enabled is known only at apply time`, vault.address);
  if (literalBoolean(purge) !== true) return fail(`${vault.address}, the ${noun} of the server's customer-managed key, has no purge protection (purge_protection_enabled ${JSON.stringify(purge ?? null)}): a deleted key can be purged, and the server's data with it.`, vault.address);
  const publicAccess = vault.config.public_network_access_enabled;
  if (isUnknown(publicAccess)) return unknown(`${vault.address}'s public_network_access_enabled is known only at apply time`, vault.address);
  if (literalBoolean(publicAccess) === false) return PASS;
  const acls = nestedBlock(vault.config, 'network_acls');
  if (acls.state === 'unknown') return unknown(`${vault.address}'s ${acls.note}`, vault.address);
  const action = acls.state === 'present' ? acls.block.default_action : undefined;
  if (isUnknown(action)) return unknown(`${vault.address}'s network_acls default_action is known only at apply time`, vault.address);
  if (literalString(action) === 'Deny') return ipRulesVerdict(vault, noun, acls.state === 'present' ? acls.block.ip_rules : undefined);
  return fail(`${vault.address}, the ${noun} of the server's customer-managed key, is open to every network (public_network_access_enabled ${JSON.stringify(publicAccess ?? true)}, network_acls default_action ${JSON.stringify(action ?? 'Allow')}).`, vault.address);
}

/**
 * A vault or Managed HSM an azapi_resource makes: it sends the whole object, so a property it leaves out is Azure's default (no
 * purge protection, public access "Enabled", network ACLs "Allow"). A body or property known only at apply time is not passed unread.
 */
function azapiVaultVerdict(vault: ResourceView): Verdict {
  const noun = ownValue(AZAPI_CONTAINERS, azapiType(vault) ?? '') ?? 'Key Vault';
  const properties = bodyProperties(vault);
  if (isUnknown(properties)) return unknown(`the body of ${vault.address} is known only at apply time`, vault.address);
  const read = (path: readonly string[]): unknown => path.reduce<unknown>((value, name) => propertyInAnyCase(value, name), properties);
  const purge = read(['enablePurgeProtection']);
  if (isUnknown(purge) || purge === AMBIGUOUS) return unknown(`${vault.address}'s enablePurgeProtection is known only at apply time`, vault.address);
  if (literalBoolean(purge) !== true) return fail(`${vault.address}, the ${noun} of the server's customer-managed key, has no purge protection (enablePurgeProtection ${JSON.stringify(purge ?? null)}): a deleted key can be purged, and the server's data with it.`, vault.address);
  const publicAccess = read(['publicNetworkAccess']);
  if (isUnknown(publicAccess) || publicAccess === AMBIGUOUS) return unknown(`${vault.address}'s publicNetworkAccess is known only at apply time`, vault.address);
  if (literalString(publicAccess)?.trim().toLowerCase() === 'disabled') return PASS;
  const action = read(['networkAcls', 'defaultAction']);
  if (isUnknown(action) || action === AMBIGUOUS || isUnknown(read(['networkAcls']))) return unknown(`${vault.address}'s networkAcls are known only at apply time`, vault.address);
  if (literalString(action)?.trim().toLowerCase() === 'deny') return ipRulesVerdict(vault, noun, armIpRules(read(['networkAcls', 'ipRules'])));
  return fail(`${vault.address}, the ${noun} of the server's customer-managed key, is open to every network (publicNetworkAccess ${JSON.stringify(publicAccess ?? 'Enabled')}, networkAcls defaultAction ${JSON.stringify(action ?? 'Allow')}).`, vault.address);
}

/** An azapi vault's networkAcls.ipRules ([{ value }]) as azurerm's ip_rules; anything else as it is (ipRulesVerdict says it is unread). */
function armIpRules(rules: unknown): unknown {
  if (!Array.isArray(rules)) return rules;
  return rules.map((rule) => (typeof rule === 'object' && rule !== null && !isUnknown(rule) ? propertyInAnyCase(rule, 'value') ?? rule : rule));
}

/**
 * A vault that denies by default admits what its ip_rules list (A25a-5): the server reaches its key through the trusted-services
 * bypass or a private endpoint, never a public address, so a vault's rules are an operator's few addresses. Rules that admit more
 * than 256 public addresses together (a /24, the breadth the construct's own firewall refuses: firewall-breadth.ts) open the
 * key's vault to other people's networks and fail; a rule known only at apply time, or one that is no address or range, fails closed.
 */
function ipRulesVerdict(vault: ResourceView, noun: string, rules: unknown): Verdict {
  if (rules === undefined || rules === null) return PASS;
  if (isUnknown(rules) || !Array.isArray(rules) || rules.some(isUnknown)) return unknown(`${vault.address}'s ip rules ${JSON.stringify(rules)} are known only at apply time`, vault.address);
  const texts = rules.map((rule) => (typeof rule === 'string' ? rule : JSON.stringify(rule)));
  const unreadable = [...texts.filter((_text, at) => typeof rules[at] !== 'string'), ...unreadableSources(texts)];
  if (unreadable.length > 0) return unknown(`${vault.address}'s ip rules ${JSON.stringify(unreadable)} are not IPv4 addresses or ranges the checks read`, vault.address);
  const breadth = sourceBreadth(texts);
  if (!isWide(breadth)) return PASS;
  return fail(`${vault.address}, the ${noun} of the server's customer-managed key, is public (default action "Deny") but its ip rules ${JSON.stringify(texts)} admit ${describeBreadth(breadth)}.`, vault.address);
}
