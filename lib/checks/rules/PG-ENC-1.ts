import { readsAttribute } from '../attribute-reads';
import { AMBIGUOUS, azapiTarget, azapiType, azapiWriters, bodyAfterWrites, propertyInAnyCase, surelyApplied } from '../azapi-writes';
import { idKey } from '../azure-keys';
import { isUnknown } from '../hcl-expression';
import { containerService, keyBlocksByName, keyObjects, keyService, madeKeyBlocksAt } from '../perimeter-objects';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';
import { ResourceView } from '../stack-model';
import { isObject } from '../terraform-json';
import { literalBoolean, literalString, nestedBlock } from '../value-readers';
import { describeBreadth, isWide, sourceBreadth, unreadableSources } from '../../private/source-breadth';

/** The containers judged, each by its noun: purge protection and public access are spelt alike on both. */
const NOUNS = { vault: 'Key Vault', managedhsm: 'Managed HSM' } as const;

/** The key operations a server needs on its customer-managed key to wrap and unwrap its data encryption key. */
const WRAPPING = ['wrapKey', 'unwrapKey'];

/**
 * The customer-managed key of a server, and the Key Vault or Managed HSM that holds it, as the stack makes them
 * (azurerm_key_vault_key, azurerm_key_vault; azurerm_key_vault_managed_hardware_security_module_key and _module; a vault, Managed
 * HSM or key by azapi_resource, with the azapi updates the stack writes on it merged in): the server reads its data only while the
 * key can unwrap its data encryption key, so a key without wrapKey/unwrapKey, disabled, expired or not yet valid makes it
 * inaccessible; a vault without purge protection (or soft delete) lets a deleted key be purged for good (Microsoft requires purge
 * protection for a customer-managed key); a vault open to every network (or whose ip_rules admit more than a /24 of public
 * addresses) exposes the key's management plane. The key is the one the server's pointer reads, by a reference or an expression
 * over references, or names by its names (a URL, a lookup by name: perimeter-objects.ts, A25a-4). The same changes written by an
 * azapi update of the key or vault fail PG-CFG-8 (key-scopes.ts); a key or vault the stack only looks up or is given by ID is
 * judged there, not here (twenty-third review, A23-2). A value known only at apply time is not passed unread.
 */
export const rule: Rule = {
  id: 'PG-ENC-1',
  title: 'The customer-managed key the stack makes stays usable, recoverable and private',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Give the key key_opts with wrapKey and unwrapKey and no past expiration_date or future not_before_date; give its vault or Managed HSM purge_protection_enabled = true and public_network_access_enabled = false (or network_acls with default_action = "Deny" and ip_rules of at most 256 public addresses); in an azapi body, keyOps with wrapKey and unwrapKey, attributes.enabled not false and no past exp or future nbf, enablePurgeProtection true, enableSoftDelete not false and publicNetworkAccess "Disabled" (or networkAcls defaultAction "Deny"); or suppress PG-ENC-1 on the block with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const objects = keyObjects(server, stack);
    // The blocks the pointer reads, and those it names by their names (a URL of the stack's own key, a lookup: A25a-4).
    const blocks = [...new Set([...objects.flatMap((object) => object.addresses.flatMap((address) => stack?.resources?.get(address) ?? [])), ...keyBlocksByName(objects, stack)])];
    const keys = blocks.filter((block) => keyService(block) !== undefined);
    const vaults = blocks.filter((block) => containerService(block) !== undefined);
    // An azapi_resource the pointer reads, or a key's container, whose type is known only at apply time may be a key or vault.
    const untyped = blocks.filter((block) => block.type === 'azapi_resource' && azapiType(block) === undefined)
      .map((block) => unknown(`the type of ${block.address}, which the server's customer-managed key reads or is held in, is known only at apply time: it may be a key or vault that fails PG-ENC-1`, block.address));
    if (keys.length + vaults.length + untyped.length === 0) return notApplicable('the stack makes no customer-managed key, Key Vault or Managed HSM of the server');
    // A key or container an azapi_resource makes is read from the body it sends, with the stack's later azapi writes on it.
    return [
      ...keys.map((key) => (key.type === 'azapi_resource' ? afterWrites(key, stack, azapiKeyVerdict) : keyVerdict(key))),
      ...vaults.map((vault) => (vault.type === 'azapi_resource' ? afterWrites(vault, stack, azapiVaultVerdict) : vaultVerdict(vault))),
      ...untyped,
    ];
  },
};

/**
 * An object an azapi_resource makes judged after the stack's azapi writes on it (an update, an action by PUT or PATCH, by a
 * reference to its ID or its literal ID: they merge in, so a write that hardens a vault counts, one that weakens it fails here as
 * in PG-CFG-8). Terraform orders two writes on one object only by their dependencies: both orders are judged, the worse verdict
 * kept. A key is also judged as made: ARM's PUT of a key "creates the first version of a new key if it does not exist ... does not
 * update existing keys" (learn.microsoft.com/javascript/api/@azure/arm-keyvault/keysoperations, createIfNotExist), so a write
 * that would harden it may change nothing.
 */
function afterWrites(made: ResourceView, stack: StackFacts | undefined, judge: (made: ResourceView, body: unknown) => Verdict): Verdict {
  const all = azapiWriters(stack).filter((write) => write.type !== 'azapi_resource' && azapiType(write) === azapiType(made) && writesOn(write, made, stack));
  // A write that may not be sent at apply (surelyApplied: count unknown, when = "destroy") never hardens the object but may weaken
  // it: judged with the sure writes only, with all, and with the sure writes and each such write alone (31st run, A31b-1/A31b-2).
  const sure = all.filter(surelyApplied);
  const maybe = all.filter((write) => !sure.includes(write));
  const sets = [sure, ...(maybe.length > 0 ? [all] : []), ...(maybe.length > 1 ? maybe.map((write) => all.filter((each) => each === write || sure.includes(each))) : [])];
  const orders = sets.flatMap((writes) => [...(writes.length > 0 && keyService(made) !== undefined ? [[]] : []), writes, ...(writes.length > 1 ? [[...writes].reverse()] : [])]);
  const verdicts = orders.map((order) => judge(made, bodyAfterWrites(made, order)));
  return verdicts.find((verdict) => verdict.status === 'fail') ?? verdicts.find((verdict) => verdict.status !== 'pass') ?? verdicts[0];
}

/** Whether an azapi write is placed on the made object: its target reads the object's ID, or is a literal ID that names it. */
function writesOn(write: ResourceView, made: ResourceView, stack: StackFacts | undefined): boolean {
  const target = azapiTarget(write);
  if (isUnknown(target)) return target.isPlainReference && readsAttribute(target.references[0], made.address, ['id']);
  return typeof target === 'string' && madeKeyBlocksAt(idKey(target), stack).includes(made);
}

/** A value at a path of a body, its names in any case; an Unknown or AMBIGUOUS met on the way is the value (it may be anything). */
function readPath(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((at, name) => (isUnknown(at) || at === AMBIGUOUS ? at : propertyInAnyCase(at, name)), value);
}

/** The properties of an azapi body (bodyAfterWrites), or the verdict when they cannot be read. */
function propertiesOf(made: ResourceView, body: unknown): { readonly properties: unknown } | { readonly verdict: Verdict } {
  if (isUnknown(body)) return { verdict: unknown(`the body of ${made.address} (or of an azapi write on it) is known only at apply time`, made.address) };
  const properties = body === undefined ? undefined : propertyInAnyCase(body, 'properties');
  if (isUnknown(properties) || properties === AMBIGUOUS || (properties !== undefined && properties !== null && !isObject(properties))) return { verdict: unknown(`the properties of ${made.address}'s body are not read (known only at apply time, or written twice)`, made.address) };
  return { properties: properties ?? {} };
}

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
  const noun = NOUNS[containerService(vault) ?? 'vault'];
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
 * A vault or Managed HSM an azapi_resource makes: it sends the whole object, so a property it leaves out is Azure's default:
 * enablePurgeProtection off ("Property specifying whether protection against purge is enabled": nullable, off unless true, and
 * "effective only if soft delete is also enabled"; learn.microsoft.com .../keyvaultproperties.enablepurgeprotection), enableSoftDelete
 * on ("If it's not set to any value (true or false) when creating new key vault, it will be set to true by default";
 * .../keyvaultproperties.enablesoftdelete), softDeleteRetentionInDays 90 (7 to 90, not judged, as azurerm's is not),
 * publicNetworkAccess "Enabled", networkAcls defaultAction "Allow". A body or property known only at apply time is not passed unread.
 */
function azapiVaultVerdict(vault: ResourceView, body: unknown): Verdict {
  const noun = NOUNS[containerService(vault) ?? 'vault'];
  const read = propertiesOf(vault, body);
  if ('verdict' in read) return read.verdict;
  const { properties } = read;
  const at = (path: readonly string[]): unknown => readPath(properties, path);
  const unread = (name: string) => unknown(`${vault.address}'s ${name} is known only at apply time (or written twice in two cases)`, vault.address);
  const purge = at(['enablePurgeProtection']);
  if (isUnknown(purge) || purge === AMBIGUOUS) return unread('enablePurgeProtection');
  if (literalBoolean(purge) !== true) return fail(`${vault.address}, the ${noun} of the server's customer-managed key, has no purge protection (enablePurgeProtection ${JSON.stringify(purge ?? null)}): a deleted key can be purged, and the server's data with it.`, vault.address);
  const softDelete = at(['enableSoftDelete']);
  if (isUnknown(softDelete) || softDelete === AMBIGUOUS) return unread('enableSoftDelete');
  if (literalBoolean(softDelete) === false) return fail(`${vault.address}, the ${noun} of the server's customer-managed key, has soft delete off (enableSoftDelete false): its purge protection is then ineffective, and a deleted key is gone at once.`, vault.address);
  const publicAccess = at(['publicNetworkAccess']);
  if (isUnknown(publicAccess) || publicAccess === AMBIGUOUS) return unread('publicNetworkAccess');
  if (literalString(publicAccess)?.trim().toLowerCase() === 'disabled') return PASS;
  const action = at(['networkAcls', 'defaultAction']);
  if (isUnknown(action) || action === AMBIGUOUS) return unread('networkAcls');
  if (literalString(action)?.trim().toLowerCase() === 'deny') return ipRulesVerdict(vault, noun, armIpRules(at(['networkAcls', 'ipRules'])));
  return fail(`${vault.address}, the ${noun} of the server's customer-managed key, is open to every network (publicNetworkAccess ${JSON.stringify(publicAccess ?? 'Enabled')}, networkAcls defaultAction ${JSON.stringify(action ?? 'Allow')}).`, vault.address);
}

/**
 * A key an azapi_resource makes (Microsoft.KeyVault/vaults/keys, managedHSMs/keys), by the same controls as an azurerm key's:
 * keyOps without wrapKey and unwrapKey (left out: Key Vault permits every operation of the key type, "By default all operations
 * are allowed": azure-libraries-for-java Key.DefinitionStages.WithKeyOperations), attributes.enabled false, an attributes.exp
 * (seconds since 1970) already past or an attributes.nbf still to come. Its rotationPolicy is not judged, as an azurerm key's is not.
 */
function azapiKeyVerdict(key: ResourceView, body: unknown): Verdict {
  const read = propertiesOf(key, body);
  if ('verdict' in read) return read.verdict;
  const { properties } = read;
  const unread = (name: string) => unknown(`${key.address}'s ${name} is known only at apply time (or written twice in two cases)`, key.address);
  const options = readPath(properties, ['keyOps']);
  if (isUnknown(options) || options === AMBIGUOUS || (Array.isArray(options) && options.some(isUnknown))) return unread('keyOps');
  if (options !== undefined && options !== null) {
    const granted = Array.isArray(options) ? options.map((option) => literalString(option)?.trim().toLowerCase()) : [];
    const missing = WRAPPING.filter((operation) => !granted.includes(operation.toLowerCase()));
    if (missing.length > 0) return fail(`${key.address}, the server's customer-managed key, lacks ${missing.join(' and ')} in keyOps ${JSON.stringify(options)}: the server cannot unwrap its data encryption key.`, key.address);
  }
  const enabled = readPath(properties, ['attributes', 'enabled']);
  if (isUnknown(enabled) || enabled === AMBIGUOUS) return unread('attributes.enabled');
  if (literalBoolean(enabled) === false) return fail(`${key.address}, the server's customer-managed key, is disabled (attributes.enabled false): the server cannot unwrap its data encryption key.`, key.address);
  const now = Date.now();
  for (const [name, broken] of [['exp', (time: number) => time <= now], ['nbf', (time: number) => time > now]] as const) {
    const value = readPath(properties, ['attributes', name]);
    if (value === undefined || value === null) continue;
    if (isUnknown(value) || value === AMBIGUOUS) return unread(`attributes.${name}`);
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(seconds)) return fail(`${key.address}'s attributes.${name} ${JSON.stringify(value)} is not a date (seconds since 1970).`, key.address);
    if (broken(seconds * 1000)) return fail(`${key.address}, the server's customer-managed key, ${name === 'exp' ? 'expired on' : 'is not valid before'} ${new Date(seconds * 1000).toISOString()} (attributes.${name} ${seconds}): the server cannot unwrap its data encryption key${name === 'exp' ? '' : ' until then'}.`, key.address);
  }
  return PASS;
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
