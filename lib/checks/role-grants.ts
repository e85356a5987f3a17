import { withLookedUpRole } from './looked-up-roles';
import { roleDefinitionGuid } from '../private/privileged-roles';
import { azapiName, azapiType, azapiWriters, bodyProperties } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { withCustomRole } from './custom-roles';
import { isAnyText, isUnknown, Unknown } from './hcl-expression';
import { resolvedPointer } from './id-aliases';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject as isJsonObject } from './terraform-json';
import { literalString } from './value-readers';

// An Azure role grant has more writers than azurerm_role_assignment: PIM, azapi role assignments and schedule
// requests, Azure Lighthouse. Each is read into the shape of an azurerm_role_assignment (scope, role by name or
// definition ID, principal), so the rules that judge roles read every writer the same way (fifteenth review,
// A15a-13, A15b-4). A writer of the table whose scope or role cannot be read gets an Unknown there: it fails closed.
// The same for Key Vault access policies (A15b-5): every writer is read as an azurerm_key_vault_access_policy.

type Config = { readonly [key: string]: unknown };

/** A JSON object written in the configuration; an Unknown (a value known only later) is none. */
function isObject(value: unknown): value is Config {
  return isJsonObject(value) && !isUnknown(value);
}

/** azapi types that grant a role at their parent (any API version, any letter case). */
export const ROLE_TYPES = /^microsoft\.authorization\/(roleassignments|roleeligibilityschedulerequests|roleassignmentschedulerequests)$/;
/** azurerm types written like azurerm_role_assignment (scope, role_definition_id, principal_id). */
export const AZURERM_ROLE_TYPES = ['azurerm_role_assignment', 'azurerm_pim_eligible_role_assignment', 'azurerm_pim_active_role_assignment'];
/** A schedule request that takes a role away grants none. */
const REMOVING_REQUESTS = ['adminremove', 'selfdeactivate'];

/**
 * Every role grant of the stack, in address order, each as an azurerm_role_assignment view (same address and metadata);
 * a grant of a custom role the stack defines carries the role's effects (custom-roles.ts; fifteenth review, A15a-3).
 */
export function roleGrants(stack: StackFacts | undefined): readonly ResourceView[] {
  const azurerm = AZURERM_ROLE_TYPES.flatMap((type) => resourcesOfType(stack, type));
  const azapi = azapiWriters(stack).flatMap((block) => azapiGrants(block));
  const lighthouse = [...resourcesOfType(stack, 'azurerm_lighthouse_assignment'), ...azapiWriters(stack)].flatMap((block) => lighthouseGrants(block, stack));
  return [...azurerm, ...azapi, ...lighthouse].map((grant) => withCustomRole(withLookedUpRole(withScopeResolved(grant, stack), stack), stack));
}

/** A grant whose scope is the id of a block whose ID is another object's (a diagnostic categories lookup's) is on that object (A70b-1). */
function withScopeResolved(grant: ResourceView, stack: StackFacts | undefined): ResourceView {
  const scope = resolvedPointer(grant.config.scope, stack);
  return scope === grant.config.scope ? grant : { ...grant, config: { ...grant.config, scope } };
}


function azapiGrants(block: ResourceView): readonly ResourceView[] {
  const type = azapiType(block);
  const properties = bodyProperties(block);
  // A type known only at apply time with a role in its body may be a role assignment's: its scope is its parent (or any).
  if (type === undefined && isUnknown(block.config.type) && isObject(properties) && properties.roleDefinitionId !== undefined) {
    const scope = block.type === 'azapi_resource' ? block.config.parent_id : undefined;
    return [grant(block, { scope: scope ?? new Unknown(`the scope of ${block.address}`, []), role_definition_id: properties.roleDefinitionId, principal_id: properties.principalId })];
  }
  if (type === undefined || !ROLE_TYPES.test(type)) return [];
  const request = literalString(isObject(properties) ? properties.requestType : undefined);
  if (request !== undefined && REMOVING_REQUESTS.includes(request.trim().toLowerCase())) return [];
  const scope = block.type === 'azapi_resource' ? block.config.parent_id : scopeOfId(block.config.resource_id, type);
  return [grant(block, {
    scope: scope ?? new Unknown(`the scope of ${block.address}`, []),
    role_definition_id: (isObject(properties) ? properties.roleDefinitionId : properties) ?? new Unknown(`the role of ${block.address}`, []),
    principal_id: isObject(properties) ? properties.principalId : undefined,
  })];
}

/** The scope of a role grant's ID ("<scope>/providers/Microsoft.Authorization/<type>/<name>"), or undefined. */
function scopeOfId(id: unknown, type: string): unknown {
  const text = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  if (text === undefined) return undefined;
  const at = text.toLowerCase().lastIndexOf(`/providers/${type}/`);
  if (at <= 0) return undefined;
  const scope = text.slice(0, at);
  return isUnknown(id) ? new Unknown(scope, id.references) : scope;
}

/** A Lighthouse assignment: the azurerm type, or an azapi registrationAssignments (its parent is the scope). */
function lighthouseAssignment(block: ResourceView): { readonly scope: unknown; readonly definition: unknown } | undefined {
  if (block.type === 'azurerm_lighthouse_assignment') return { scope: block.config.scope, definition: block.config.lighthouse_definition_id };
  if (azapiType(block) !== REGISTRATION_ASSIGNMENT) return undefined;
  const properties = bodyProperties(block);
  const scope = block.type === 'azapi_resource' ? block.config.parent_id : scopeOfId(block.config.resource_id, REGISTRATION_ASSIGNMENT);
  return { scope, definition: isObject(properties) ? properties.registrationDefinitionId : properties };
}

/** One grant per authorization of the definition an assignment names; an Unknown role when it cannot be read. */
function lighthouseGrants(block: ResourceView, stack: StackFacts | undefined): readonly ResourceView[] {
  const assignment = lighthouseAssignment(block);
  if (assignment === undefined) return [];
  const scope = assignment.scope ?? new Unknown(`the scope of ${block.address}`, []);
  const authorizations = definitionAuthorizations(assignment.definition, stack);
  if (authorizations === undefined) return [grant(block, { scope, role_definition_id: new Unknown(`the roles of ${String(assignment.definition)}`, []) })];
  return authorizations.map((authorization) => grant(block, { scope, ...authorization }));
}

/**
 * The (role, principal) pairs a Lighthouse definition of the stack authorizes (azurerm `authorization` and `eligible_authorization`
 * blocks, azapi `authorizations` and `eligibleAuthorizations`), or undefined when the pointer names no definition the checks can read.
 */
function definitionAuthorizations(pointer: unknown, stack: StackFacts | undefined): readonly Config[] | undefined {
  const reference = isUnknown(pointer) && pointer.isPlainReference ? DEFINITION_REFERENCE.exec(pointer.references[0])?.[1] : undefined;
  const definition = reference === undefined ? undefined : stack?.resources?.get(reference);
  if (definition === undefined) return undefined;
  if (definition.type === 'azurerm_lighthouse_definition') {
    const written = ['authorization', 'eligible_authorization'].map((name) => definition.config[name]);
    if (written.some((each) => isUnknown(each))) return undefined;
    return written.flatMap((each) => blocksOf(each)).map((each) => ({ role_definition_id: roleDefinitionId(each.role_definition_id) ?? new Unknown('a role', []), principal_id: each.principal_id }));
  }
  if (azapiType(definition) !== REGISTRATION_DEFINITION) return undefined;
  const properties = bodyProperties(definition);
  if (!isObject(properties)) return undefined;
  const written = ['authorizations', 'eligibleAuthorizations'].map((name) => properties[name]);
  if (written.some((each) => isUnknown(each) || (each !== undefined && !Array.isArray(each)))) return undefined;
  return written.flatMap((each) => blocksOf(each)).map((each) => ({ role_definition_id: roleDefinitionId(each.roleDefinitionId) ?? new Unknown('a role', []), principal_id: each.principalId }));
}

/** azapi types of Azure Lighthouse (Microsoft.ManagedServices), and a reference to a definition block's ID. */
const REGISTRATION_ASSIGNMENT = 'microsoft.managedservices/registrationassignments';
const REGISTRATION_DEFINITION = 'microsoft.managedservices/registrationdefinitions';
const DEFINITION_REFERENCE = /^(azurerm_lighthouse_definition\.[^.[\]\s]+|azapi_resource\.[^.[\]\s]+)\.(id|lighthouse_definition_id)$/;

/** A role definition written as a bare GUID (Lighthouse writes them so) or an ID at any scope, as the definition ID the role tables read (A17a-1). */
function roleDefinitionId(value: unknown): unknown {
  const guid = typeof value === 'string' ? roleDefinitionGuid(value) : undefined;
  return guid === undefined ? value : `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** azapi Key Vault types that write access policies: the accessPolicies child, and a vault's body. */
export const POLICY_CHILD = 'microsoft.keyvault/vaults/accesspolicies';
const VAULT = 'microsoft.keyvault/vaults';

/** Every Key Vault access policy the stack writes outside a vault block, each as an azurerm_key_vault_access_policy view. */
export function accessPolicyGrants(stack: StackFacts | undefined): readonly ResourceView[] {
  const azapi = azapiWriters(stack).flatMap((block) => azapiPolicies(block));
  return [...resourcesOfType(stack, 'azurerm_key_vault_access_policy'), ...azapi];
}

function azapiPolicies(block: ResourceView): readonly ResourceView[] {
  const type = azapiType(block);
  const properties = bodyProperties(block);
  // A type known only at apply time with access policies in its body may write them on any vault.
  const later = type === undefined && isUnknown(block.config.type) && isObject(properties) && properties.accessPolicies !== undefined;
  if (type !== POLICY_CHILD && type !== VAULT && !later) return [];
  const vault = later ? new Unknown(`the vault of ${block.address}`, []) : type === POLICY_CHILD ? policyVault(block) : vaultOf(block);
  // A vault written without access policies (or an accessPolicies "remove") grants nothing.
  if (vault === undefined) return [];
  const policies = isObject(properties) ? properties.accessPolicies : properties;
  if (policies === undefined) return [];
  if (!Array.isArray(policies)) {
    const unread = isUnknown(policies) ? policies : new Unknown(`the access policies of ${block.address}`, []);
    return [grant(block, { key_vault_id: vault, secret_permissions: unread, key_permissions: unread })];
  }
  return policies.map((policy) => {
    const permissions = isObject(policy) ? policy.permissions : policy;
    const secrets = isObject(permissions) ? permissions.secrets : permissions;
    const keys = isObject(permissions) ? permissions.keys : permissions;
    return grant(block, { key_vault_id: vault, object_id: isObject(policy) ? policy.objectId : undefined, secret_permissions: secrets, key_permissions: keys });
  });
}

/** The vault an accessPolicies write is on (add, replace), undefined for a remove; an Unknown when it cannot be read. */
function policyVault(block: ResourceView): unknown {
  const { config } = block;
  const kind = block.type === 'azapi_resource' ? azapiName(block) : undefined;
  const id = block.type === 'azapi_resource' ? undefined : typeof config.action === 'string' && config.action.trim() !== '' ? joinId(config.resource_id, config.action) : config.resource_id;
  const text = id === undefined ? undefined : typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  const tail = text === undefined ? undefined : /\/accesspolicies\/([^/]*)\/?$/i.exec(text);
  const operation = literalString(kind) ?? tail?.[1];
  if (operation?.trim().toLowerCase() === 'remove') return undefined;
  if (block.type === 'azapi_resource') return config.parent_id ?? new Unknown(`the vault of ${block.address}`, []);
  if (tail === undefined || tail === null || text === undefined) return isUnknown(id) ? id : new Unknown(`the vault of ${block.address}`, []);
  const vault = text.slice(0, tail.index);
  return isUnknown(id) ? new Unknown(vault, id.references) : vault;
}

/** The vault a vault write is on: its resource_id, or the ID an azapi_resource spells from parent_id and name. */
function vaultOf(block: ResourceView): unknown {
  const { config } = block;
  if (block.type !== 'azapi_resource') return config.resource_id ?? new Unknown(`the vault of ${block.address}`, []);
  const name = azapiName(block);
  return joinId(config.parent_id, isUnknown(name) || typeof name === 'string' ? name : undefined, '/providers/Microsoft.KeyVault/vaults/');
}

function joinId(base: unknown, tail: unknown, between = '/'): unknown {
  // A part that may be any text (dot-segments.ts) makes an ID that may be any vault.
  const any = [base, tail].find(isAnyText);
  if (any !== undefined) return any;
  const text = (value: unknown) => (typeof value === 'string' ? value : isUnknown(value) ? value.toString() : undefined);
  const [left, right] = [text(base), text(tail)];
  if (left === undefined || right === undefined) return new Unknown(`${String(left)}${between}${String(right)}`, []);
  const joined = `${left.replace(/\/+$/, '')}${between}${right.replace(/^\/+/, '')}`;
  const references = [base, tail].flatMap((part) => (isUnknown(part) ? part.references : []));
  return isUnknown(base) || isUnknown(tail) ? new Unknown(joined, references) : joined;
}

function blocksOf(value: unknown): readonly Config[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  // An item that is no object (one known only at apply time) grants a role the checks cannot read: an empty one fails closed.
  return list.map((each) => (isObject(each) ? each : {}));
}

/** The writer as a view of the azurerm type the rules read: its address, metadata and certainty, the read attributes. */
function grant(block: ResourceView, config: Config): ResourceView {
  const read = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
  return { ...block, config: read as ResourceView['config'] };
}
