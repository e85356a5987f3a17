import { ownValue } from '../private/own-keys';
import { AZAPI_WRITER_TYPES, azapiParent, azapiType, bodyProperties, requestBody, writes } from './azapi-writes';
import { armKey } from './azure-keys';
import { resourcesOfType } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { stackCreates } from './stack-created';
import { serverVnets } from './network-group-members';
import { fail, StackFacts, Verdict } from './rule';
import { listOf } from './server-networks';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';

// A Virtual Network Manager deployment (azurerm) or commit (an azapi action on the manager) puts configurations in force:
// what they hold then acts on the VNets of their groups (nineteenth review, A19b-5). One reader for every writer and every
// scope access: Connectivity is judged by connectivity-configurations.ts, SecurityAdmin here (a configuration whose every
// rule collection and rule the stack writes is judged by security-admin-rules.ts; any other holds rules the checks cannot
// read), Routing is inert (decided: routes steer only what the NSG still judges), any other access fails closed.

/** A deployment or commit: its scope access (lower case, undefined when known only later), as written, and its configuration IDs. */
export interface Deployment {
  readonly block: ResourceView;
  readonly access: string | undefined;
  readonly written: unknown;
  readonly ids: unknown;
  /** The regions it puts them in force in (keys: lower case, no spaces), or undefined when any may be (known only at apply time). */
  readonly regions?: readonly string[];
}

/** A region as a key: Azure reads "West Europe" and "westeurope" alike. */
function regionKey(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

/** Literal regions (one, or a list), or undefined when any is known only at apply time. */
function regionsOf(value: unknown): readonly string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((each): each is string => typeof each === 'string' && each.trim() !== '') ? list.map(regionKey) : undefined;
}

/**
 * The regions a server answers in: its own (a VNet-integrated server's VNet is in its region) and its private endpoints' (each in
 * its VNet's); undefined when one is known only at apply time (or not written), and then any region may be.
 */
function serverRegions(server: ServerView): readonly string[] | undefined {
  const all = [server.config.location, ...server.privateEndpoints.map((endpoint) => endpoint.config.location)].map((each) => regionsOf(each));
  return all.every((each): each is readonly string[] => each !== undefined) ? all.flat() : undefined;
}

/** True when a deployment may act in a region the server answers in (queued after the nineteenth run: manager deployments' regions). */
export function mayReach(deployment: Deployment, server: ServerView): boolean {
  const own = serverRegions(server);
  return deployment.regions === undefined || own === undefined || deployment.regions.some((region) => own.includes(region));
}

const DEPLOYMENT = 'azurerm_network_manager_deployment';
const MANAGER = 'microsoft.network/networkmanagers';
/** The scope accesses a table reads (or holds inert). */
const READ_ACCESS = ['connectivity', 'securityadmin', 'routing'];

function accessOf(value: unknown): string | undefined {
  return typeof value === 'string' ? armKey(value.trim()) : undefined;
}

/** Every deployment and commit of the stack; a commit whose body cannot be read may put anything in force. */
export function deploymentsOf(stack: StackFacts | undefined): Deployment[] {
  const azurerm = resourcesOfType(stack, DEPLOYMENT).map((block): Deployment => ({ block, access: accessOf(block.config.scope_access), written: block.config.scope_access, ids: block.config.configuration_ids, regions: regionsOf(block.config.location) }));
  const commits = resourcesOfType(stack, 'azapi_resource_action').filter((block) => azapiType(block) === MANAGER && (typeof block.config.action !== 'string' || armKey(block.config.action.trim()) === 'commit')).map((block): Deployment => {
    // A commit's body is the request itself (commitType, configurationIds), not a resource's properties.
    const body = requestBody(block);
    if (!isObject(body) || isUnknown(body)) return { block, access: undefined, written: body, ids: body };
    return { block, access: accessOf(body.commitType), written: body.commitType, ids: body.configurationIds, regions: regionsOf(body.targetLocations) };
  });
  return [...azurerm, ...commits];
}

/** True when a deployment may put configurations of this scope access in force: that access, or one known only later. */
export function mayDeploy(deployment: Deployment, access: string): boolean {
  return deployment.access === undefined || deployment.access === access;
}

/** The first configuration pointer a table cannot read (not `read`), the whole list when it is known only later, or undefined. */
export function unreadId(ids: unknown, read: (pointer: unknown) => boolean): unknown {
  if (isUnknown(ids) || (ids !== undefined && !Array.isArray(ids))) return ids;
  return listOf(ids).find((id) => !read(id));
}

const AZURERM_CONFIGURATION = 'azurerm_network_manager_security_admin_configuration';
const AZAPI_CONFIGURATION = 'microsoft.network/networkmanagers/securityadminconfigurations';
const AZURERM_COLLECTION = 'azurerm_network_manager_admin_rule_collection';
const AZAPI_COLLECTION = `${AZAPI_CONFIGURATION}/rulecollections`;
/** The configurations of the other accesses (connectivity-configurations.ts reads them; routing ones are inert). */
const OTHER_CONFIGURATION = /^(azurerm_network_manager_(connectivity|routing)_configuration|microsoft\.network\/networkmanagers\/(connectivity|routing)configurations)$/;

/** The types read here (read-types.ts): the security admin configurations a deployment names (their collections and rules: security-admin-rules.ts). */
export const DEPLOYED_TYPES: readonly string[] = [AZURERM_CONFIGURATION];
export const DEPLOYED_AZURE_TYPES: readonly string[] = [AZAPI_CONFIGURATION];

/** Whether a value references a block (an attribute of its address). */
function references(value: unknown, address: string): boolean {
  return isUnknown(value) && value.references.some((reference) => reference.startsWith(`${address}.`));
}

const AZURERM_RULE = 'azurerm_network_manager_admin_rule';
const AZAPI_RULE = `${AZAPI_COLLECTION}/rules`;

/** Every admin rule of the stack with the pointer to its collection (azurerm, or the ID above an azapi rule). */
function adminRulePointers(stack: StackFacts | undefined): { block: ResourceView; collection: unknown }[] {
  return [...resourcesOfType(stack, AZURERM_RULE).map((block) => ({ block, collection: block.config.admin_rule_collection_id })),
    ...AZAPI_WRITER_TYPES.flatMap((kind) => resourcesOfType(stack, kind)).filter((block) => azapiType(block) === AZAPI_RULE && writes(block)).map((block) => ({ block, collection: azapiParent(block) }))];
}

/**
 * Why the rules a SecurityAdmin pointer names cannot all be read, or undefined when it names a configuration the stack creates
 * whose rule collections the stack creates too (their rules are then all in the JSON, judged by security-admin-rules.ts).
 */
function unreadAdminConfiguration(pointer: unknown, stack: StackFacts | undefined): string | undefined {
  // Only the configuration's own ID, as a plain reference, names it surely.
  const reference = isUnknown(pointer) && pointer.isPlainReference ? pointer.references[0] : undefined;
  const block = reference?.endsWith('.id') === true ? stack?.resources?.get(reference.slice(0, -'.id'.length)) : undefined;
  const type = block === undefined ? undefined : AZAPI_WRITER_TYPES.includes(block.type) ? azapiType(block) : block.type;
  // A configuration of another access the stack writes holds no admin rules (Azure commits only those of the access).
  if (type !== undefined && OTHER_CONFIGURATION.test(type)) return undefined;
  if (block === undefined || !(type === AZURERM_CONFIGURATION || type === AZAPI_CONFIGURATION)) return 'it is no security admin configuration the stack creates';
  return unreadAdminRules(block, stack);
}

/** Why the rules of a security admin configuration the stack writes cannot all be read, or undefined when every one is in the JSON. */
function unreadAdminRules(block: ResourceView, stack: StackFacts | undefined): string | undefined {
  if (!stackCreates(block, stack)) return `${block.address} is imported or only updated: its live rule collections are not in the JSON`;
  const collections = [...resourcesOfType(stack, AZURERM_COLLECTION).filter((each) => references(each.config.security_admin_configuration_id, block.address)),
    ...AZAPI_WRITER_TYPES.flatMap((kind) => resourcesOfType(stack, kind)).filter((each) => azapiType(each) === AZAPI_COLLECTION && writes(each) && references(azapiParent(each), block.address))];
  const live = collections.find((each) => !stackCreates(each, stack));
  if (live !== undefined) return `its rule collection ${live.address} is imported or only updated: its live rules are not in the JSON`;
  // A rule written into a collection of it that no block of the stack writes: that collection exists outside, with its rules.
  const outside = adminRulePointers(stack).find(({ collection }) => references(collection, block.address) && !collections.some((each) => references(collection, each.address)));
  return outside === undefined ? undefined : `${outside.block.address} writes into a rule collection of it the stack does not write: its other rules are not in the JSON`;
}

/** The block a plain reference to its `id` names (`${x.y.id}`), or undefined for any other value. */
function referencedBlock(pointer: unknown, stack: StackFacts | undefined): ResourceView | undefined {
  const reference = isUnknown(pointer) && pointer.isPlainReference ? pointer.references[0] : undefined;
  return reference?.endsWith('.id') === true ? stack?.resources?.get(reference.slice(0, -'.id'.length)) : undefined;
}

/** A security admin configuration block the stack creates (azurerm, or an azapi resource of its Azure type). */
function isCreatedConfiguration(block: ResourceView | undefined, stack: StackFacts | undefined): block is ResourceView {
  return block !== undefined && (block.type === AZURERM_CONFIGURATION || (block.type === 'azapi_resource' && azapiType(block) === AZAPI_CONFIGURATION)) && stackCreates(block, stack);
}

/**
 * The security admin configuration the stack creates that an admin rule (azurerm, or an azapi write of one) lies in, through the
 * rule collection the stack creates, each named by a plain reference to its ID; undefined when either is named any other way.
 */
export function adminRuleConfiguration(rule: ResourceView, stack: StackFacts | undefined): ResourceView | undefined {
  const collection = referencedBlock(rule.type === AZURERM_RULE ? rule.config.admin_rule_collection_id : azapiParent(rule), stack);
  if (collection === undefined || !stackCreates(collection, stack)) return undefined;
  const azurerm = collection.type === AZURERM_COLLECTION;
  if (!azurerm && !(collection.type === 'azapi_resource' && azapiType(collection) === AZAPI_COLLECTION)) return undefined;
  const configuration = referencedBlock(azurerm ? collection.config.security_admin_configuration_id : azapiParent(collection), stack);
  return isCreatedConfiguration(configuration, stack) ? configuration : undefined;
}

/**
 * True when a security admin configuration the stack creates is put in force only in regions where the server does not answer:
 * a deployment or commit of the stack names it (a plain reference to its ID), and every one that may put it in force (a
 * SecurityAdmin one, or one whose access is known only later, whose list may name it: a reference to it, a literal ID, a
 * pointer or list known only later) acts in literal regions the server does not answer in (mayReach). A configuration the stack
 * deploys nowhere is judged as in force, as before: a deployment may come later.
 */
export function deployedOnlyElsewhere(configuration: ResourceView, server: ServerView, stack: StackFacts | undefined): boolean {
  const names = (pointer: unknown) => referencedBlock(pointer, stack) === configuration;
  // Another configuration the stack creates, named by a plain reference, is surely not this one; any other pointer may be.
  const mayName = (pointer: unknown) => names(pointer) || !isCreatedConfiguration(referencedBlock(pointer, stack), stack);
  const deploying = deploymentsOf(stack).filter((deployment) => mayDeploy(deployment, 'securityadmin')
    && (isUnknown(deployment.ids) || !Array.isArray(deployment.ids) || listOf(deployment.ids).some(mayName)));
  return deploying.some((deployment) => Array.isArray(deployment.ids) && listOf(deployment.ids).some(names))
    && deploying.every((deployment) => !mayReach(deployment, server));
}

const AZURERM_MANAGER = 'azurerm_network_manager';

/** True when a block writes a Virtual Network Manager itself (azurerm, or an azapi write of its Azure type). */
export function isManagerWrite(block: ResourceView): boolean {
  return block.type === AZURERM_MANAGER || (AZAPI_WRITER_TYPES.includes(block.type) && writes(block) && azapiType(block) === MANAGER);
}

/** The connections that give a manager a scope (azurerm; azapi by Azure type, with where each names its manager). */
const AZURERM_CONNECTION = /^azurerm_network_manager_(subscription|management_group|scope)_connection$/;
const AZAPI_CONNECTIONS: { readonly [type: string]: (block: ResourceView) => unknown } = {
  'microsoft.network/networkmanagerconnections': (block) => {
    const properties = bodyProperties(block);
    return isObject(properties) && !isUnknown(properties) ? properties.networkManagerId : properties;
  },
  'microsoft.network/networkmanagers/scopeconnections': (block) => azapiParent(block),
};

/**
 * How a block gives a Virtual Network Manager a scope (the manager itself, or a connection of a subscription or management group to
 * one): undefined for any other block, else why the configurations that manager may put in force there cannot all be judged
 * (`unjudged`, undefined when they can). A connection to a manager the stack does not write names one whose configurations are not in the JSON.
 */
export function managerScope(block: ResourceView, stack: StackFacts | undefined): { readonly unjudged: string | undefined } | undefined {
  if (isManagerWrite(block)) return { unjudged: unjudgedManagerConfiguration(block, stack) };
  const azure = AZAPI_WRITER_TYPES.includes(block.type) && writes(block) ? azapiType(block) : undefined;
  const azapi = azure === undefined ? undefined : ownValue(AZAPI_CONNECTIONS, azure);
  if (!AZURERM_CONNECTION.test(block.type) && azapi === undefined) return undefined;
  const pointer = azapi === undefined ? block.config.network_manager_id : azapi(block);
  const reference = isUnknown(pointer) && pointer.isPlainReference && pointer.references[0].endsWith('.id') ? pointer.references[0].slice(0, -'.id'.length) : undefined;
  const manager = reference === undefined ? undefined : stack?.resources?.get(reference);
  if (manager === undefined || !isManagerWrite(manager)) return { unjudged: `its manager ${shown(pointer)} is no Virtual Network Manager the stack writes: the configurations it may put in force are not in the JSON` };
  const why = unjudgedManagerConfiguration(manager, stack);
  return { unjudged: why === undefined ? undefined : `its manager: ${why}` };
}

/**
 * Why a Virtual Network Manager the stack writes may hold a configuration the checks cannot judge, or undefined. A manager (its
 * scope: the subscriptions and management groups it may configure) changes no traffic: its configurations take effect only when
 * a deployment or commit puts them in force (Microsoft, "Configuration deployments in Azure Virtual Network Manager"), and each
 * deployment and connectivity configuration of the stack is judged (PG-NET-1). A deployment may still come later, outside the
 * stack: a manager the stack does not create (imported, or only updated) holds configurations that are not in the JSON, and a
 * security admin configuration of it whose rules are not all in the JSON cannot be judged before one does (twenty-second review, A22a-8).
 */
export function unjudgedManagerConfiguration(manager: ResourceView, stack: StackFacts | undefined): string | undefined {
  if (!stackCreates(manager, stack)) return `${manager.address} is imported or only updated: the configurations it holds are not in the JSON, and a deployment may put them in force at any time`;
  const configurations = [...resourcesOfType(stack, AZURERM_CONFIGURATION).filter((each) => references(each.config.network_manager_id, manager.address)),
    ...AZAPI_WRITER_TYPES.flatMap((kind) => resourcesOfType(stack, kind)).filter((each) => azapiType(each) === AZAPI_CONFIGURATION && writes(each) && references(azapiParent(each), manager.address))];
  for (const configuration of configurations) {
    const why = unreadAdminRules(configuration, stack);
    if (why !== undefined) return `its security admin configuration ${configuration.address}, which a deployment may put in force at any time, holds rules the checks cannot read (${why})`;
  }
  return undefined;
}

const ADMIN_FIX = 'Write the configuration, its rule collections and rules in the stack (they are judged), or review them and suppress PG-NET-1 on the resource with the reason.';

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/**
 * PG-NET-1 failures of the deployments and commits that may put security admin rules the stack does not write in force (an
 * AlwaysAllow rule delivers PostgreSQL past the construct's network security group), or configurations of a scope access no
 * table reads, beside a server that answers in a VNet.
 */
export function unreadAdminDeployments(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  if (serverVnets(server, stack).length === 0) return [];
  return deploymentsOf(stack).filter((deployment) => mayReach(deployment, server)).flatMap((deployment): Verdict[] => {
    const { block } = deployment;
    if (deployment.access !== undefined && !READ_ACCESS.includes(deployment.access)) {
      return [fail(`${block.address} puts Virtual Network Manager configurations of scope access ${shown(deployment.written)} in force, which no rule reads: they may act on the VNet of ${owner}'s server, so they cannot be judged. Review them and suppress PG-NET-1 on the resource with the reason.`, block.address)];
    }
    if (!mayDeploy(deployment, 'securityadmin')) return [];
    const reasons = new Map<unknown, string>();
    const unread = unreadId(deployment.ids, (pointer) => {
      const why = unreadAdminConfiguration(pointer, stack);
      if (why !== undefined) reasons.set(pointer, why);
      return why === undefined;
    });
    if (unread === undefined) return [];
    const why = reasons.get(unread) ?? 'its configurations are known only at apply time';
    return [fail(`${block.address} may put Virtual Network Manager security admin configuration ${shown(unread)} in force (${why}): its admin rules, which the checks cannot read, may always allow PostgreSQL into the VNet of ${owner}'s server past the construct's network security group. ${ADMIN_FIX}`, block.address)];
  });
}
