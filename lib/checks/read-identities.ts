import { blockOf } from './attribute-reads';
import { azapiType } from './azapi-writes';
import { idKey } from './azure-keys';
import { referencesThrough } from './given-objects';
import { isUnknown, Unknown } from './hcl-expression';
import { pointerScope } from './judged-scopes';
import { mayFindByDisplayName } from './named-lookups';
import { fromJudged, PerimeterObject } from './perimeter-objects';
import { StackFacts } from './rule';
import { mentionsIn } from './server-mentions';
import { echoedValues, withEchoes } from './sql-clients';
import { ResourceView } from './stack-model';

/** A user-assigned identity's Azure type, as the azapi readers key it. */
const AZURE_IDENTITY_TYPE = 'microsoft.managedidentity/userassignedidentities';

/** The resource group and name of a user-assigned identity's ID, as keys (azure-keys.ts). */
const IDENTITY_ID = /\/resourcegroups\/([^/]+)\/providers\/microsoft\.managedidentity\/userassignedidentities\/([^/]+)$/;
/**
 * The name of an identity's ID whose resource group a part known only later may hold: "*" (a variable, several segments too) before
 * its type, as `/subscriptions/${var.sub}/providers/…/userAssignedIdentities/<name>` or an azapi subscription_resource_id spells it
 * (95th run, A95a-5).
 */
const LATER_GROUP_IDENTITY_ID = /\*.*\/providers\/microsoft\.managedidentity\/userassignedidentities\/([^/]+)$/;

/**
 * The resource group and name (as keys) a user-assigned identity's ID spells, the group undefined where a part known only later may
 * hold it; undefined when it spells no identity's ID.
 */
export function identityIdNames(id: string): { readonly group?: string; readonly name: string } | undefined {
  const key = `/${idKey(id)}`;
  const spelled = IDENTITY_ID.exec(key);
  if (spelled !== null) return { group: spelled[1], name: spelled[2] };
  const later = LATER_GROUP_IDENTITY_ID.exec(key);
  return later === null ? undefined : { name: later[1] };
}

/** Whether a block, made or looked up, is a user-assigned identity: azurerm's type, or an azapi block of its Azure type. */
export function isUserAssignedIdentity(block: ResourceView): boolean {
  return block.type === 'azurerm_user_assigned_identity' || (block.type.startsWith('azapi_') && azapiType(block) === AZURE_IDENTITY_TYPE);
}

/**
 * The user-assigned identities of the stack (made or looked up, azurerm or azapi) an object ID reads: by a plain reference, or
 * through a function (`lower(...)`, `try(...)`) or a local that holds one, which may keep its value (92nd run, A92c-1); through
 * what a relay gives back (`terraform_data.r.output` of its `input`) or a directory lookup of the identity's own service principal
 * (93rd run, A93b-2).
 */
export function identitiesRead(objectId: unknown, stack: StackFacts | undefined): string[] {
  if (!isUnknown(objectId)) return [];
  return [...new Set(blocksRead(objectId, stack))].filter((address) => {
    const block = stack?.resources?.get(address) ?? stack?.lookups?.get(address);
    return block !== undefined && isUserAssignedIdentity(block);
  });
}

/**
 * The directory lookups of service principals and the arguments they find one by: the principal a lookup finds by an identity's
 * `client_id`, `object_id` (`principal_id`) or name is that identity's own service principal, the identity itself. A Microsoft
 * Graph lookup (`msgraph_resource`) finds it by its path (`servicePrincipals/<principal_id>`, `servicePrincipals(appId='<client_id>')`)
 * or its query (`$filter` on appId, id or displayName): whatever it reads of an identity is read as that identity (95th run, A95a-3).
 */
const PRINCIPAL_LOOKUPS: { readonly [type: string]: readonly string[] } = {
  azuread_service_principal: ['client_id', 'application_id', 'object_id', 'display_name'],
  azuread_service_principals: ['client_ids', 'application_ids', 'object_ids', 'display_names'],
  msgraph_resource: ['url', 'query_parameters'],
};

/** How many relays or lookups deep a value is read (a relay of a lookup of a relay). */
const MAX_HOPS = 4;

/**
 * The blocks a value reads: its references through locals (given-objects.ts), what the references give back (a relay's input, a
 * variable's default: sql-clients.ts echoedValues), and what a service principal lookup among them is found by.
 */
function blocksRead(value: Unknown, stack: StackFacts | undefined, hops = 0): string[] {
  const references = referencesThrough(value, stack);
  const echoed = mentionsIn(echoedValues(new Unknown(value.expression, references), stack)).references;
  const addresses = [...references, ...referencesThrough(new Unknown('', echoed), stack)].flatMap((reference) => blockOf(reference) ?? []);
  if (hops >= MAX_HOPS) return addresses;
  const named: string[] = [];
  const found = addresses.flatMap((address) => {
    const lookup = stack?.lookups?.get(address);
    const pointers = lookup === undefined ? [] : PRINCIPAL_LOOKUPS[lookup.type] ?? [];
    const mentions = pointers.map((pointer) => mentionsIn(lookup!.config[pointer]));
    if (lookup !== undefined) named.push(...identitiesNamedBy(lookup, stack));
    return mentions.flatMap((mention) => mention.references);
  });
  return found.length === 0 ? [...addresses, ...named] : [...addresses, ...named, ...blocksRead(new Unknown('', found), stack, hops + 1)];
}

/**
 * The user-assigned identities of the stack a service principal lookup finds by their literal name (95th run, A95a-4): a managed
 * identity's service principal is named as the identity, so `display_name = "id-orders-migrations"`, a Graph filter
 * `displayName eq 'id-orders-migrations'` or `startswith(displayName, 'id-orders')`, or a search of every service principal
 * (`return_all`, no name filter) finds the identity of that name (named-lookups.ts mayFindByDisplayName); a name that is a template,
 * or a variable whose default holds it, by its literal parts (96th run, A96e-5).
 */
function identitiesNamedBy(lookup: ResourceView, stack: StackFacts | undefined): string[] {
  return [...stack?.resources?.values() ?? []].filter((block) => isUserAssignedIdentity(block)
    && withEchoes(block.config.name, stack).some((name) => mayFindByDisplayName(lookup, 'servicePrincipal', name, stack))).map((block) => block.address);
}

/** The identity at `address` as an object whose attachments are judged: named by a reference to it, its ID, or the ID its names spell. */
export function identityObject(address: string, what: (named: string) => string, stack: StackFacts | undefined): PerimeterObject {
  const pointer = new Unknown(`${address}.id`, [`${address}.id`]);
  return fromJudged('identity', pointerScope('identity', what, pointer, stack)!, stack);
}
