/**
 * The fail-closed net under the tables of writers (sixteenth run): a block of a type no table reads
 * (read-types.ts) and that is not inert (inert-types.ts), whose arguments point at what a construct's
 * server depends on (judged-scopes.ts: the server, its resource group or subscription, the network around
 * it, its DNS zones, its password's vault and secret, its log destinations, its Entra administrator), may
 * change it where no rule looks. "Points at": an argument other than its own placement (name, group,
 * location; the parent of a new child in a resource group, a subscription or a vault) holds a reference to
 * its ID, its literal ID (or one below it), a name pointer ("route_table_name") to it, or the expression the
 * construct was given it by. A new, separate resource placed in the same group names no scope; an extension resource of the group,
 * the subscription or a management group acts on it (container-extensions.ts).
 */
import { idsInText, networkPathsOf, pathAtOrBelow } from './ids-in-text';
import { adoptedScope } from './adopted-objects';
import { adoptedVaultWeakening } from './adopted-vaults';
import { mentionsAdministrator } from './administrator-groups';
import { AZAPI_WRITER_TYPES as AZAPI, azureTypeKey, onlyReads, parseJson, requestBody, writes } from './azapi-writes';
import { armKey, idSegments, nameKey } from './azure-keys';
import { spelledBlockId, spelledId, spelledTemplate } from './block-ids';
import { madePath, namesServer, resourcesOfType } from './beside-construct';
import { readsAttribute } from './attribute-reads';
import { containerExtension } from './container-extensions';
import { containingScope, mayHoldScope } from './containing-scopes';
import { encodedTexts, MAX_INFLATED } from './encoded-texts';
import { defaultedTexts, readsWhole } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { resolvedPointer } from './id-aliases';
import { IDENTITY_PLACEMENT } from './identity-attachments';
import { givenContainerPolicy, LaterGiven, laterGiven, PIM_POLICY_TYPE, scopeLater } from './given-containers';
import { mayBeLater } from './given-objects';
import { implicitSubscription } from './implicit-subscription';
import { inertAzureReason, inertReason, writesOnlyTags } from './inert-types';
import { JudgedScope, judgedScopes, maySpellContainer, networkGroupManagers, perimeterContainers, pointerScope, SCOPE_KINDS, ScopeKind } from './judged-scopes';
import { perimeterObjects } from './perimeter-objects';
import { hardensKey, keyScopes } from './key-scopes';
import { managerScope } from './manager-deployments';
import { mayNameServer } from './later-pointers';
import { resolvedGroup } from './name-parents';
import { azureReaderOf, readerOf, readersOf } from './read-types';
import { StackFacts } from './rule';
import { unescaped } from './server-mentions';
import { ResourceView, ServerView } from './stack-model';
import { literalString, splitTemplate } from './value-readers';
import { keyUrlArmId } from '../private/key-vault-url';
import { INTERPOLATION, mayBeSecretId, secretIdsIn } from './key-vault-ids';
import { mayBeSecretName, vaultNameOf } from './later-secrets';

/** Arguments that place a block or order it, never point at what it acts on. */
const OWN_PLACEMENT = ['name', 'location', 'resource_group_name', 'tags', 'description', 'depends_on', 'replace_triggered_by', 'lifecycle',
  'provider', 'providers', 'count', 'for_each', 'source', 'version', 'type', 'timeouts', '//'];
/**
 * The parent of a new child: in a resource group or subscription, and in a vault (a key or secret of its own), it writes nothing there.
 * An extension resource of the group or subscription acts on it (container-extensions.ts).
 */
function placesChild(kind: ScopeKind, argument: string, type: string): boolean {
  if (kind === 'container') return argument === 'parent_id';
  return kind === 'vault' && argument === 'key_vault_id' && VAULT_CHILD_TYPES.includes(type);
}
/**
 * The types whose `key_vault_id` places a child of their own in the vault (a key, secret or certificate, its contacts or issuer, a
 * managed storage account), or says where the one key or certificate they name besides is (a customer-managed key, an App Service
 * certificate), or grants on the vault as another rule reads it (an access policy). Any other type's `key_vault_id` points at the
 * vault: a Data Factory Key Vault linked service reads any of its secrets by name, and Azure gives a Machine Learning workspace's or
 * AI Foundry hub's identity the vault's secrets (92nd stop, left by the 90th run).
 */
const VAULT_CHILD_TYPES: readonly string[] = [
  'azurerm_key_vault_secret', 'azurerm_key_vault_key', 'azurerm_key_vault_certificate', 'azurerm_key_vault_certificate_contacts',
  'azurerm_key_vault_certificate_issuer', 'azurerm_key_vault_managed_storage_account', 'azurerm_key_vault_access_policy',
  'azurerm_app_service_certificate', 'azurerm_storage_account_customer_managed_key', 'azurerm_kusto_cluster_customer_managed_key',
  'azurerm_databricks_workspace_root_dbfs_customer_managed_key',
];
/** Where a write on the customer-managed key is placed: as on an identity, or a Managed HSM key's rotation policy (its expiry, its versions). */
const KEY_PLACEMENT = [...IDENTITY_PLACEMENT, 'managed_hsm_key_id'];
/** Attributes of a block that are its ID or its principal's: a reference to one points at it. */
const ID_ATTRIBUTES = ['id', 'resource_id', 'versionless_id', 'versioned_id', 'resource_versionless_id', 'principal_id', 'object_id', 'client_id', 'application_id'];
/** Arguments that say which resource a block acts on: one known only at apply time may be the server. */
const TARGETS = ['resource_id', 'target_resource_id', 'scope'];
/**
 * Addresses of blocks outside the resource and module sections: they read, or PG-CFG-3 and PG-CFG-4 judge them as commands.
 * An azapi action is not one of them: azapi runs its data, ephemeral and check forms when it reads them (A18a-10).
 */
const NOT_WRITERS = /^(data|ephemeral|check|removed|import|variable|output)\./;

/** An Azure resource ID inside a decoded text (a script's line, a URL, a configuration; escapes undone): up to a space, quote, query or delimiter. */
const ID_IN_TEXT = /\/subscriptions\/[^\s"'`<>;,()|&?#\\]+/gi;

/** A value inside an argument, with the argument it is under and the key that holds it. */
interface Leaf {
  readonly argument: string;
  readonly key: string;
  readonly value: unknown;
  /** An encoded value whose gzip cannot be read (broken, or past MAX_INFLATED): it may name anything. */
  readonly unread?: true;
}

function leavesOf(block: ResourceView, stack: StackFacts | undefined): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (argument: string, key: string, value: unknown): void => {
    if (isUnknown(value) || typeof value === 'string') {
      leaves.push({ argument, key, value });
      // What it is with its variables' defaults, which Terraform plans unless the run sets them, is read as written text too.
      if (isUnknown(value)) defaultedTexts(value, stack).forEach((text) => walk(argument, key, text));
      // A JSON text (an azapi body or sensitive_body, a template) is read as Azure reads it too: parsed, its escapes undone; what a
      // `jsonencode(...)` encodes and what the known objects of a `merge(...)` give point as written beside it (A18a-1).
      const inner = [jsonOf(value), ...(isUnknown(value) ? [value.encodes, value.partly] : [])];
      inner.forEach((each) => each !== null && typeof each === 'object' && walk(argument, key, each));
      // A value the provider decodes (base64, a gzip in it) is read as decoded: the text, each ID it spells, its JSON (A19a-5's class).
      if (typeof value === 'string') {
        const decoded = encodedTexts(value);
        if (decoded.unread) leaves.push({ argument, key, value, unread: true });
        for (const text of decoded.texts) {
          leaves.push({ argument, key, value: text }, ...[...unescaped(text).matchAll(ID_IN_TEXT)].map(([id]) => ({ argument, key, value: id })));
          const json = jsonOf(text);
          if (json !== null && typeof json === 'object') walk(argument, key, json);
        }
      }
    } else if (Array.isArray(value)) value.forEach((each) => walk(argument, key, each));
    else if (value !== null && typeof value === 'object') {
      for (const [inner, each] of Object.entries(value)) if (inner !== 'tags') walk(argument, inner, each);
      // A name/value pair's value is read under the key it names too (94th run, A94b-2: a Dapr store's `vaultName`, a helm `set`).
      const pair = pairKey(value);
      if (pair !== undefined) walk(argument, pair, (value as { value: unknown }).value);
    }
  };
  for (const [argument, value] of Object.entries(block.config)) if (!OWN_PLACEMENT.includes(argument)) walk(argument, argument, value);
  return leaves;
}

/**
 * The object or list a JSON text holds (A17b-1's class: "virtualNetw\u006frks" in a body given as text is what Azure reads);
 * a template's with "?" for each interpolation (inside a string), or else null (where a value stands); undefined for any other text.
 */
function jsonOf(value: unknown): unknown {
  const texts = typeof value === 'string' ? [value] : isUnknown(value) && value.expression.includes('${') ? ['?', 'null'].map((hole) => splitTemplate(value.spelling, hole).literal) : [];
  for (const text of texts.filter((each) => /^\s*[[{]/.test(each))) {
    const json = parseJson(text);
    if (json !== null && typeof json === 'object') return json;
  }
  return undefined;
}

/** An ID with "?" for each part known only at apply time, at or below another ID (as keys), or exactly it. */
function atOrBelow(text: string, id: string, exact: boolean): boolean {
  const [segments, own] = [idSegments(text), idSegments(id)];
  if (own.length < 2 || segments.length < own.length || (exact && segments.length !== own.length)) return false;
  return own.every((segment, at) => segments[at] === segment || segments[at] === '?' || segment === '?');
}

/**
 * The text of a leaf as an ID: a literal, or a template with "?" for each interpolation; a template that spells an ID (a block's
 * ID or name inside it, block-ids.ts) as that ID (queued after the nineteenth run: `${azurerm_resource_group.x.id}/providers/...`).
 */
function textOf(value: unknown, stack?: StackFacts): string | undefined {
  if (typeof value === 'string') return unescaped(value);
  if (!isUnknown(value) || !value.expression.includes('${')) return undefined;
  // Partly literal segments keep their literal parts ("rg-?" is not rg-logs); a block's ID in the template is spelled.
  if (value.isPlainReference) return spelledId(value, stack?.resources, stack?.azurermProviders) ?? unescaped(splitTemplate(value.spelling, '?').literal);
  return unescaped(spelledTemplate(value, stack?.resources, stack?.azurermProviders) ?? splitTemplate(value.spelling, '?').literal);
}

/**
 * Whether a leaf names a secret of the scope by its data-plane address: a secret URL or an App Service Key Vault reference
 * (`@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)`, `VaultName=...;SecretName=...`) whose name and
 * vault may be its (key-vault-ids.ts; 89th run, A89a-3), or a name under a key by which a service names the secret it reads (a
 * Data Factory linked service's `secret_name`, a CSI `objectName`): a workload reads the secret's value there, as through a
 * reference to it.
 */
function namesSecretByAddress({ key, value }: Leaf, scope: JudgedScope, stack: StackFacts | undefined): boolean {
  const text = typeof value === 'string' ? value : isUnknown(value) ? value.spelling : undefined;
  const secrets = scope.blocks.filter((block) => block.type === 'azurerm_key_vault_secret');
  if (text === undefined || secrets.length === 0) return false;
  const blockAt = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  // Another service's reference by the secret's name alone (90th run, A90a-3): its vault, named in another block, may be the secret's.
  const names = [...SECRET_NAME_KEY.test(key) ? [text] : [], ...[...text.matchAll(OBJECT_NAME_IN_TEXT)].map(([, name]) => name)];
  // A "?" is an interpolation of a JSON text read as its object (jsonOf): no Key Vault name holds one.
  if (names.some((name) => INTERPOLATION.test(name) || name.includes('?') || secrets.some((secret) => mayBeSecretName(name.trim(), secret, blockAt)))) return true;
  const addresses = secretIdsIn(text, INTERPOLATION);
  if (addresses.length > 0) return addresses.some((found) => found === 'unreadable' || secrets.some((secret) => mayBeSecretId(found, secret, blockAt, INTERPOLATION)));
  // Elsewhere, the secret's literal name anywhere in a text, as a whole Key Vault name (letters, digits and "-"): a service names the
  // secret it pulls under keys of its own (an External Secret's `remoteRef.key`, a variable group's `variable.name`, a Logic App
  // action's path), its vault in it or in another block (94th run, A94b-2).
  const tokens = new Set(text.split(/[^A-Za-z0-9-]+/).map((token) => token.toLowerCase()));
  return secrets.some((secret) => typeof secret.config.name === 'string' && tokens.has(secret.config.name.trim().toLowerCase()));
}

/** Keys under which a service names the Key Vault secret it reads: Data Factory's and Synapse's `secret_name` / `secretName`, a CSI driver's `objectName`. */
const SECRET_NAME_KEY = /^(?:secret_?name|objectname)$/i;
/** A CSI SecretProviderClass's `objects` YAML written as text: `objectName: <name>`. */
const OBJECT_NAME_IN_TEXT = /\bobjectName\s*:\s*["']?([A-Za-z0-9-]+|\$\{[^}]*\})/g;

/** Keys under which a service names the Key Vault whose secrets it reads: a Dapr secret store's or Logic App connection's `vaultName`, a CSI `keyvaultName`. */
const VAULT_NAME_KEY = /^(?:key_?vault_?name|vault_?name)$/i;
/** A Key Vault's own URL, with no item's path (External Secrets' `vaultUrl`, a Synapse linked service's `baseUrl`): group 1 is the vault's name. */
const BARE_VAULT_URL = /^\s*https?:\/\/([^./\s]+)\.vault\.[^/\s]*\/?\s*$/i;
/**
 * Keys that name one item of a vault (a key: a customer-managed key's `keyName`; a secret: `secret_name`, a CSI `objectName`): a block
 * that names one names its vault for that item, read by name above, not for every secret there.
 */
const ITEM_NAME_KEY = /^(?:key_?name|secret_?name|objectname)$/i;

/**
 * Whether a leaf names the vault of a secret of the scope by its name or its bare URL, in a block that names no item of it (94th run,
 * A94b-2): a service given a vault by name reads any secret there by name (a Dapr secret store, an External Secrets store, a Logic
 * App or Synapse Key Vault connection, an Azure DevOps variable group's `key_vault { name }`), as one given its ID does; by the
 * vault's literal name only.
 */
function namesVaultByName({ argument, key, value }: Leaf, block: ResourceView, scope: JudgedScope, stack: StackFacts | undefined): boolean {
  const text = typeof value === 'string' ? value : isUnknown(value) ? value.spelling : undefined;
  if (text === undefined) return false;
  const named = VAULT_NAME_KEY.test(key) || (argument === 'key_vault' && key === 'name') ? text.trim() : BARE_VAULT_URL.exec(text)?.[1];
  if (named === undefined || named === '' || namesItem(block.config)) return false;
  const blockAt = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  return scope.blocks.some((secret) => {
    if (secret.type !== 'azurerm_key_vault_secret') return false;
    // Only the vault's own literal name: a vault known only at apply time would make every vault name or URL of every
    // block (an app setting that points at another vault) a reader of the password.
    const vault = vaultNameOf(secret, blockAt);
    return vault !== undefined && !INTERPOLATION.test(named) && nameKey(named) === nameKey(vault);
  });
}

/** Whether a value names one item of a vault: under an item's name key, in a name/value pair, or in a CSI `objects` text. */
function namesItem(value: unknown): boolean {
  if (typeof value === 'string') return value.search(OBJECT_NAME_IN_TEXT) >= 0;
  if (Array.isArray(value)) return value.some(namesItem);
  if (value === null || typeof value !== 'object' || isUnknown(value)) return false;
  const pair = pairKey(value);
  return (pair !== undefined && ITEM_NAME_KEY.test(pair)) || Object.entries(value).some(([key, each]) => ITEM_NAME_KEY.test(key) || namesItem(each));
}

/**
 * The key a name/value pair sets (a Dapr component's metadata, a helm `set`): its name's last part (`objects[0].objectName` sets
 * `objectName`), or undefined for an object that is no such pair.
 */
function pairKey(value: object): string | undefined {
  const { name, value: set } = value as { name?: unknown; value?: unknown };
  if (typeof name !== 'string' || set === undefined) return undefined;
  return name.split(/[.[\]]/).filter((part) => part !== '').pop();
}

/** Whether a pointer is wholly known only at apply time: a variable or local, or a template with no literal part of an ID. */
function whollyLater(value: unknown, text: string | undefined): boolean {
  if (!isUnknown(value)) return false;
  if (value.isPlainReference) return /^(?:var|local)\./.test(value.references[0]);
  return text !== undefined && text.replace(/[?/\s]/g, '') === '';
}

/** The literal Microsoft.Network path ("rg/virtualnetworks/vnet") of a block of the stack, from its literal names. */
function networkPath(block: ResourceView, resources: ReadonlyMap<string, ResourceView> | undefined): string | undefined {
  const group = resolvedGroup(block.config.resource_group_name, resources);
  const name = block.config.name;
  if (group === undefined || typeof name !== 'string') return undefined;
  const kind: { readonly [type: string]: readonly unknown[] } = {
    azurerm_virtual_network: ['virtualnetworks', name],
    azurerm_subnet: ['virtualnetworks', block.config.virtual_network_name, 'subnets', name],
    azurerm_network_security_group: ['networksecuritygroups', name],
    azurerm_route_table: ['routetables', name],
    azurerm_private_endpoint: ['privateendpoints', name],
    azurerm_private_dns_zone: ['privatednszones', name],
  };
  const segments = kind[block.type];
  if (segments === undefined || !segments.every((segment): segment is string => typeof segment === 'string')) return undefined;
  return [group, ...segments].map(nameKey).join('/');
}

/** Name pointers of a child to its parent, by the parent's type: a child of a scope writes to it. */
const NAME_POINTERS: { readonly [type: string]: readonly string[] } = {
  azurerm_virtual_network: ['virtual_network_name'],
  azurerm_subnet: ['subnet_name'],
  azurerm_network_security_group: ['network_security_group_name'],
  azurerm_route_table: ['route_table_name'],
  azurerm_private_dns_zone: ['private_dns_zone_name', 'zone_name'],
};

/** True when a leaf of a block points at a scope (not the server or a containing scope). */
function pointsAt(leaf: Leaf, block: ResourceView, scope: JudgedScope, stack: StackFacts | undefined): boolean {
  const { value, key } = leaf;
  if (placesChild(scope.kind, leaf.argument, block.type)) return false;
  // An identity the server acts as, named in a block's content, is attached to it: PG-IAM-2 reads every such occurrence (A19a-1).
  if (scope.kind === 'identity' && !IDENTITY_PLACEMENT.includes(leaf.argument)) return false;
  // The customer-managed key is used (another service's encryption) by a pointer; a write is placed on it or its vault. A new child of
  // the vault (another key, a secret) is separate; one of the key (a version) rotates it (key-scopes.ts).
  if (scope.kind === 'key' && (!KEY_PLACEMENT.includes(leaf.argument) || (leaf.argument === 'parent_id' && scope.exact === true))) return false;
  // The administrator named anywhere in a text, or by a reference to its block or to what its object_id reads (A28b-4).
  if (scope.administrator !== undefined && mentionsAdministrator(scope.administrator, value, stack)) return true;
  // A template the key's vault's ID begins names what it spells (`${azurerm_key_vault.kv.id}/keys/other`: another key), read below.
  const spelled = scope.kind === 'key' && scope.exact === true && isUnknown(value) && !value.isPlainReference && spelledId(value, stack?.resources, stack?.azurermProviders) !== undefined;
  if (isUnknown(value) && !spelled) {
    if (value.references.some((reference) => scope.addresses.some((address) => readsAttribute(reference, address, ID_ATTRIBUTES)))) return true;
    // A child named under a scope block by a reference to its name.
    if (value.references.some((reference) => scope.blocks.some((each) => reference === `${each.address}.name` && (NAME_POINTERS[each.type] ?? []).includes(key)))) return true;
    if (scope.values.some((each) => isUnknown(each) && each.toString().trim() === value.toString().trim())) return true;
  }
  // An object given by a pointer known only at apply time may be any of its type: a literal ID, a lookup of its type or an
  // expression of the pointer may be it, as PG-IAM-2 reads roles on it (given-objects.ts mayBeLater; 94th run, A94b-4).
  if (scope.later !== undefined && mayBeLater(scope.later, value, stack)) return true;
  // A container's ID as a template with literal parts that may spell it (`rg-${var.env}`).
  if (maySpellContainer(value, scope, stack)) return true;
  const written = textOf(value, stack);
  if (scope.kind === 'vault' && (namesSecretByAddress(leaf, scope, stack) || namesVaultByName(leaf, block, scope, stack))) return true;
  // A Managed HSM key's rotation policy names its key by a pointer: one known only at apply time may be the key (82nd run, A82b-1).
  if (scope.kind === 'key' && leaf.argument === 'managed_hsm_key_id' && whollyLater(value, written)) return true;
  // A key's data-plane URL is read as the key's ID by its container's and its own names, in any group (A82b-1).
  const text = scope.kind === 'key' && written !== undefined ? keyUrlArmId(written) ?? written : written;
  if (text === undefined || text.trim() === '') return false;
  for (const each of scope.values) {
    if (typeof each !== 'string') continue;
    if (each.includes('/') ? atOrBelow(text, each, scope.exact === true) : nameKey(text) === nameKey(each)) return true;
  }
  // Every network ID a text holds (a template's body may name several).
  // Read by the ID grammar (ids-in-text.ts; stop 36): "//", a final "." or a letter that folds otherwise hide no ID.
  for (const path of idsInText(text).flat().flatMap(networkPathsOf)) {
    if (scope.blocks.some((each) => {
      const own = networkPath(each, stack?.resources);
      return own !== undefined && pathAtOrBelow(path, own, scope.exact === true);
    })) return true;
  }
  // A child named under a scope by its literal name, in the scope's resource group.
  return typeof value === 'string' && literalNames(scope, stack).some((named) => named.arguments.includes(key) && named.name === nameKey(value)
    && resolvedGroup(block.config.resource_group_name, stack?.resources) === named.group);
}

/** The literal names of a scope (its blocks', or its own) with the arguments by which a child names it. */
function literalNames(scope: JudgedScope, stack: StackFacts | undefined): NonNullable<JudgedScope['named']>[] {
  const own = scope.blocks.flatMap((each) => {
    const group = resolvedGroup(each.config.resource_group_name, stack?.resources);
    const pointers = NAME_POINTERS[each.type];
    return pointers === undefined || typeof each.config.name !== 'string' || group === undefined ? [] : [{ arguments: pointers, name: nameKey(each.config.name), group }];
  });
  return scope.named === undefined ? own : [...own, scope.named];
}

/** How a leaf points at the server, or a scope that contains it, for a message, with the kind; undefined when it does not. */
function serverPointer(leaf: Leaf, server: ServerView, stack: StackFacts | undefined): { on: string; kind: ScopeKind; orServer?: true } | undefined {
  const { value, key, argument } = leaf;
  const byName = key === 'server_name' && (isUnknown(value)
    ? value.references.includes(`${server.address}.name`)
    : typeof value === 'string' && typeof server.config.name === 'string' && nameKey(value) === nameKey(server.config.name));
  if (byName || namesServer(server, typeof value === 'string' ? unescaped(value) : value, true)) return { on: `the server ${server.address}`, kind: 'server' };
  // A subscription named by its GUID (a management group's members) may be the server's, which is the provider's (A16a-7).
  const moved = subscriptionNamed(leaf, stack);
  if (moved !== undefined) return { on: `the subscription ${moved}, which may hold the server ${server.address}`, kind: 'container' };
  if (argument === 'parent_id' || (typeof value === 'string' && !value.includes('/'))) return undefined;
  const container = containingScope(server, value, stack);
  if (container !== undefined && container !== 'the root scope') return { on: `${container.replace(/^its /, 'the ')}, which holds the server ${server.address}`, kind: 'container' };
  // A template whose interpolations may cover the rest of the server's ID, or of a scope above it (A16a-6).
  const spelled = argument === 'scope' || TARGETS.includes(argument) || key.endsWith('_id') ? mayHoldScope(server, value, stack) : undefined;
  // It may be the server itself too: a type the server rules read (a server child) is judged there.
  return spelled === undefined ? undefined : { on: `${spelled}: the server ${server.address}`, kind: 'container', orServer: true };
}

/** A subscription GUID. */
const SUBSCRIPTION_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The subscription a leaf names under a subscription key (`subscription_ids`, an azapi management group member's name) by its GUID or a lookup's subscription_id, for a message. */
function subscriptionNamed({ key, value }: Leaf, stack: StackFacts | undefined): string | undefined {
  if (!/^subscription_ids?$/.test(key)) return undefined;
  if (typeof value === 'string') return SUBSCRIPTION_GUID.test(value.trim()) ? JSON.stringify(value.trim()) : undefined;
  if (!isUnknown(value)) return undefined;
  // The reference as written or through a function that may give it back whole (lower, trimspace, try, coalesce): a reading that is it.
  const subscriptions = value.references.filter((reference) => reference.endsWith('.subscription_id'));
  return readsWhole(value, subscriptions, stack) ? String(value) : undefined;
}

/** A pointer known only at apply time, in an argument that says what the block acts on, that may be the server, for a message. */
function laterServer(leaf: Leaf, block: ResourceView, server: ServerView): string | undefined {
  if (AZAPI.includes(block.type) || !TARGETS.includes(leaf.argument) || !mayNameServer(leaf.value)) return undefined;
  return `${JSON.stringify(leaf.value)}, known only at apply time, which may be the server ${server.address}`;
}

/**
 * True when a block is no unread writer toward a kind of scope: a table reads its type toward that kind (there: `given` for a scope
 * named by a pointer only), or it is inert there; a Virtual Network Manager whose scope holds a container judges by what it holds (A22a-8).
 */
function notWriter(block: ResourceView, kind: ScopeKind, stack: StackFacts | undefined, given = false): boolean {
  const manager = kind === 'container' ? managerScope(block, stack) : undefined;
  if (manager !== undefined) return manager.unjudged === undefined;
  if (!AZAPI.includes(block.type)) return readerOf(block.type, kind) !== undefined || inertReason(block.type, kind) !== undefined;
  if (onlyReads(block)) return true;
  // The tables read the writes of a type (PUT, PATCH); an action by POST or DELETE on a scope is judged here, whatever its type (A18a-10).
  if (actsOnly(block)) return false;
  if (block.type !== 'azapi_resource_action' && writesOnlyTags(requestBody(block))) return true;
  if (kind === 'key' && hardensKey(block)) return true;
  const type = literalString(block.config.type);
  if (type === undefined) return false;
  return azureReaderOf(type, given, kind) !== undefined || inertAzureReason(azureTypeKey(type), kind) !== undefined;
}

/** An azapi action that neither only reads nor writes a body as the tables read one: by POST (azapi's default) or DELETE. */
function actsOnly(block: ResourceView): boolean {
  return block.type === 'azapi_resource_action' && !writes(block) && !onlyReads(block);
}

/** Why what a block does toward a kind of scope is not judged: no table reads its type, or its tables read it toward other kinds only (A16a-4). */
function unreadWhy(block: ResourceView, kind: ScopeKind, stack: StackFacts | undefined): string {
  const manager = kind === 'container' ? managerScope(block, stack)?.unjudged : undefined;
  if (manager !== undefined) return `${manager}, so what it may do there cannot be judged.`;
  const azure = AZAPI.includes(block.type);
  const type = azure ? literalString(block.config.type) : block.type;
  const rows = type === undefined || block.type === 'module' ? [] : readersOf(type, azure);
  if (rows.length === 0) return 'no rule reads what this type does there, so it cannot be judged.';
  if (actsOnly(block)) {
    const method = block.config.method ?? 'POST';
    return `its tables read the writes of this type, not the action ${JSON.stringify(block.config.action ?? null)} by ${typeof method === 'string' ? method.trim().toUpperCase() : JSON.stringify(method)}, which may move, delete, regenerate or rewrite what it names, so what it does there cannot be judged.`;
  }
  const kinds = [...new Set(rows.flatMap((row) => row.judges))].map((each) => SCOPE_KINDS[each]);
  const readers = rows.map((row) => row.reader).join('; ');
  return `${readers} read${rows.length === 1 ? 's' : ''} this type only toward ${kinds.join(', ')}, not toward ${SCOPE_KINDS[kind]}, so what it does there cannot be judged.`;
}

/**
 * Blocks that put a scope in a group, by the argument that names the member and the one that names the group: the group is
 * judged as the scope it holds, so what configures the group (a mesh connectivity over an AVNM network group) is judged as
 * a writer of the member (A16a-4).
 */
const MEMBERSHIPS: { readonly [type: string]: { readonly member: string; readonly group: string } } = {
  azurerm_network_manager_static_member: { member: 'target_virtual_network_id', group: 'network_group_id' },
};

/** The groups the stack puts a judged scope in, each judged as a scope of the same kind. */
function memberGroups(scopes: readonly JudgedScope[], stack: StackFacts | undefined): JudgedScope[] {
  return Object.entries(MEMBERSHIPS).flatMap(([type, { member, group }]) => resourcesOfType(stack, type).flatMap((block) => {
    const held = scopes.find((scope) => pointsAt({ argument: member, key: member, value: block.config[member] }, block, scope, stack));
    const found = held === undefined ? undefined : pointerScope(held.kind, (named) => `${named} (a group that holds ${held.what}, by ${block.address})`, block.config[group], stack);
    return found === undefined ? [] : [found];
  }));
}

/** A block of a type no table reads, what it is, and the scope it points at, for PG-CFG-8's message. */
export interface UnreadWriter {
  readonly block: ResourceView;
  readonly what: string;
  readonly on: string;
  readonly argument: string;
  /** Why what it does there is not judged, for the message. */
  readonly why: string;
}

/** What a block is, for messages: 'an azapi_resource of type "Microsoft.Web/sites@2023-01-01"', 'a module', 'an azurerm_linux_web_app'. */
function describe(block: ResourceView): string {
  const article = (text: string) => (/^[aeiou]/i.test(text) ? 'an' : 'a');
  if (block.type === 'module') return 'a module';
  if (!AZAPI.includes(block.type)) return `${article(block.type)} ${block.type}`;
  const type = literalString(block.config.type);
  return `an ${block.type} ${type === undefined ? 'whose type is known only at apply time' : `of type ${JSON.stringify(type)}`}`;
}

/**
 * The blocks of the stack of a type no table reads that point at what the construct `owner` makes its
 * server depend on, except those given (judged already as writers of the server by PG-CFG-3), in address order.
 */
export function unreadWriters(server: ServerView, owner: string, stack: StackFacts | undefined, judged: ReadonlySet<string>): UnreadWriter[] {
  const resources = stack?.resources;
  if (resources === undefined) return [];
  // Each scope given by a pointer known only at apply time carries the object it may be (given-containers.ts scopeLater).
  const direct = [...judgedScopes(server, owner, stack), ...keyScopes(server, stack)].map((scope) => {
    const later = scopeLater(scope, stack);
    return later === undefined ? scope : { ...scope, later };
  });
  const scopes = [...direct, ...memberGroups(direct, stack), ...perimeterContainers([...direct, ...networkGroupManagers(server, stack)], stack)];
  const own = new Set(scopes.flatMap((scope) => scope.addresses));
  const given = laterGiven(direct, perimeterObjects(server, owner, stack), stack);
  const found: UnreadWriter[] = [];
  for (const { block, leaves } of writerLeaves(resources, stack)) {
    if (block.address === server.address || judged.has(block.address) || own.has(block.address)) continue;
    const hit = findPointer(block, leaves, server, scopes, stack) ?? implicitHit(block, server, scopes, given, stack);
    if (hit !== undefined) found.push({ block, what: describe(block), ...hit });
  }
  return found;
}

/** A block that acts on its provider's subscription without naming it, where that may hold the server or the perimeter (implicit-subscription.ts), or a PIM policy on a container that may hold an object given only by a variable (given-containers.ts). */
function implicitHit(block: ResourceView, server: ServerView, scopes: readonly JudgedScope[], later: readonly LaterGiven[], stack: StackFacts | undefined): { on: string; argument: string; why: string } | undefined {
  const on = implicitSubscription(block, server, scopes, stack);
  if (on !== undefined) return { on, argument: 'provider', why: unreadWhy(block, 'container', stack) };
  const given = givenContainerPolicy(block, later);
  return given === undefined ? undefined : { on: given, argument: block.type === PIM_POLICY_TYPE ? 'scope' : block.config.resource_id !== undefined ? 'resource_id' : 'parent_id', why: unreadWhy(block, 'container', stack) };
}

/**
 * The stack's blocks that may write (not made by a construct), in address order, with their leaves: read once per stack,
 * as every server asks (reading and sorting every block per server was quadratic in servers); a stack's resources and the
 * variables whose defaults the leaves read come together.
 */
function writerLeaves(resources: ReadonlyMap<string, ResourceView>, stack: StackFacts | undefined): readonly { readonly block: ResourceView; readonly leaves: readonly Leaf[] }[] {
  let found = leavesByStack.get(resources);
  if (found === undefined) {
    found = [...resources.values()]
      .filter((block) => (!NOT_WRITERS.test(block.address) || AZAPI.includes(block.type)) && madePath(block) === undefined)
      .sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0))
      // The id of a block whose ID is another object's (a diagnostic categories lookup's) is that object's (A70b-1).
      .map((block) => ({ block, leaves: [...leavesOf(block, stack), ...memberLeaves(block)].map((leaf) => ({ ...leaf, value: resolvedPointer(leaf.value, stack) })) }));
    leavesByStack.set(resources, found);
  }
  return found;
}

const leavesByStack = new WeakMap<ReadonlyMap<string, ResourceView>, readonly { readonly block: ResourceView; readonly leaves: readonly Leaf[] }[]>();

/** An azapi management group member's name is the subscription it moves into the group (A16a-7). */
function memberLeaves(block: ResourceView): Leaf[] {
  const type = block.type === 'azapi_resource' ? literalString(block.config.type) : undefined;
  return type !== undefined && /^microsoft\.management\/managementgroups\/subscriptions(@|$)/i.test(armKey(type.trim())) ? [{ argument: 'name', key: 'subscription_id', value: block.config.name }] : [];
}

/**
 * An azapi block that PUTs an object at the very ID of a scope (its parent and name spell it) replaces it: a user-assigned identity
 * recreated by name is a new principal, its grants lost (queued after the nineteenth run, A19a-1's left part). Only the same ID:
 * a new object beside a scope, or in a container, names none.
 */
function replacedScope(block: ResourceView, scopes: readonly JudgedScope[], stack: StackFacts | undefined): { on: string; argument: string; why: string } | undefined {
  if (!['azapi_resource', 'azapi_update_resource'].includes(block.type) || block.config.resource_id !== undefined) return undefined;
  const id = spelledBlockId(block, stack?.resources, stack?.azurermProviders);
  if (id === undefined) return undefined;
  const leaf: Leaf = { argument: 'resource_id', key: 'resource_id', value: id };
  // A new object the stack makes is not one given before it by a variable (given-objects.ts, A17b-9): only the very ID replaces.
  const scope = scopes.find((each) => pointsAt(leaf, block, { ...each, exact: true, later: undefined }, stack) && !notWriter(block, each.kind, stack, each.given === true));
  return scope === undefined ? undefined : { on: `${scope.what}, whose ID ${JSON.stringify(id)} its parent_id and name spell`, argument: 'name', why: unreadWhy(block, scope.kind, stack) };
}

/** A scope as a message names it: itself, or what a leaf names that may be it (an object of its type, the scope given only later). */
function givenOrMaybe(leaf: Leaf, block: ResourceView, scope: JudgedScope, stack: StackFacts | undefined): string {
  if (scope.later === undefined || pointsAt(leaf, block, { ...scope, later: undefined }, stack)) return scope.what;
  return `${JSON.stringify(String(leaf.value))}, which may be ${scope.what}, known only at apply time`;
}

function findPointer(block: ResourceView, leaves: readonly Leaf[], server: ServerView, scopes: readonly JudgedScope[], stack: StackFacts | undefined): { on: string; argument: string; why: string } | undefined {
  const replaced = replacedScope(block, scopes, stack);
  if (replaced !== undefined) return replaced;
  // A resource an import or moved block adopts an object into writes that object with every argument it sets (A22a-7).
  const adopted = adoptedScope(block, scopes, stack, (pointer, scope) => pointsAt({ argument: 'resource_id', key: 'resource_id', value: pointer }, block, { ...scope, exact: true }, stack),
    (scope) => notWriter(block, scope.kind, stack, scope.given === true) && !(scope.kind === 'vault' && adoptedVaultWeakening(block) !== undefined));
  if (adopted !== undefined) {
    // The password's vault adopted into an azurerm_key_vault: judged by what its arguments write there, as an azapi write is (A94b-3).
    const weakening = adopted.scope.kind === 'vault' ? adoptedVaultWeakening(block) : undefined;
    return { on: adopted.on, argument: adopted.argument, why: weakening ?? unreadWhy(block, adopted.scope.kind, stack) };
  }
  const extension = AZAPI.includes(block.type) ? containerExtension(block, server, stack, scopes.filter((scope) => scope.kind === 'container')) : undefined;
  for (const leaf of leaves) {
    // The ID of an extension resource of a container known whole names that container (below), not an object it may spell.
    if (extension?.known === true && leaf.argument === extension.argument) continue;
    const atServer = serverPointer(leaf, server, stack);
    if (atServer !== undefined && !notWriter(block, atServer.kind, stack) && !(atServer.orServer === true && notWriter(block, 'server', stack))) return { on: atServer.on, argument: leaf.argument, why: unreadWhy(block, atServer.kind, stack) };
    const scope = scopes.find((each) => pointsAt(leaf, block, each, stack) && !notWriter(block, each.kind, stack, each.given === true));
    if (scope !== undefined) return { on: givenOrMaybe(leaf, block, scope, stack), argument: leaf.argument, why: unreadWhy(block, scope.kind, stack) };
  }
  // An azapi extension resource of a container that holds the server acts on the container, as its azurerm twin's scope does (A19b-2).
  if (extension !== undefined && !notWriter(block, 'container', stack) && !(extension.orServer === true && notWriter(block, 'server', stack))) return { on: extension.on, argument: extension.argument, why: unreadWhy(block, 'container', stack) };
  // What the net cannot decode may be the server's ID, as a value known only later may (fails closed).
  const unread = notWriter(block, 'server', stack) ? undefined : leaves.find((leaf) => leaf.unread === true);
  if (unread !== undefined) return { on: `an encoded value of ${unread.argument} that cannot be read (a broken gzip, or one past ${MAX_INFLATED} bytes inflated), which may name the server ${server.address}`, argument: unread.argument, why: unreadWhy(block, 'server', stack) };
  // Only what names no scope of its own may be the server by a pointer known later.
  const later = notWriter(block, 'server', stack) ? undefined : leaves.map((leaf) => ({ on: laterServer(leaf, block, server), argument: leaf.argument })).find(({ on }) => on !== undefined);
  return later === undefined ? undefined : { on: later.on as string, argument: later.argument, why: unreadWhy(block, 'server', stack) };
}
