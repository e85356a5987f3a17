import { customRoleId, isCustomRoleId, isKnownBuiltInRole, roleDefinitionGuid } from '../private/privileged-roles';
import { customRoleEffects, RolePermissions } from '../private/role-actions';
import { azapiName, azapiType, azapiWriters, bodyProperties } from './azapi-writes';
import { madeBy, resourcesOfType } from './beside-construct';
import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown, Unknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { literalString } from './value-readers';

// A custom role the stack defines is judged by its permissions, by every spelling of a grant of it: its name, its
// definition ID, a reference to its block (fifteenth review, A15a-3). Its writers: azurerm_role_definition and an
// azapi Microsoft.Authorization/roleDefinitions (any azapi writer: a resource, an update, an action by PUT or PATCH). A grant of one is read as a grant of the role customRoleId spells from
// its effects, which the role lists (privileged-roles.ts) judge as they judge a built-in role's name.

/** A custom role the stack defines: its name and definition GUID as written (or Unknown), and its permissions (Unknown when unreadable). */
interface CustomRole {
  readonly address: string;
  readonly name: unknown;
  readonly guid: unknown;
  readonly permissions: readonly RolePermissions[] | Unknown;
}

const AZAPI_DEFINITION = 'microsoft.authorization/roledefinitions';

const definitionsOf = new WeakMap<ReadonlyMap<string, ResourceView>, readonly CustomRole[]>();

/** Every custom role definition the stack writes, once per stack (every grant asks). */
function definitions(stack: StackFacts | undefined): readonly CustomRole[] {
  const resources = stack?.resources;
  if (resources === undefined) return [];
  let known = definitionsOf.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: reading them again on every call gives the same result
  if (known === undefined) {
    known = readDefinitions(stack);
    definitionsOf.set(resources, known);
  }
  return known;
}

function readDefinitions(stack: StackFacts | undefined): readonly CustomRole[] {
  const azurerm = resourcesOfType(stack, 'azurerm_role_definition').map((block): CustomRole => ({
    address: block.address,
    name: block.config.name,
    guid: block.config.role_definition_id,
    permissions: blocksKnownLater(block.config, 'permissions') ? new Unknown(`the permissions of ${block.address}`, [])
      : permissionsOf(blocksOf(block.config.permissions), block.address, ['actions', 'not_actions', 'data_actions', 'not_data_actions']),
  }));
  const azapi = azapiWriters(stack).filter((block) => azapiType(block) === AZAPI_DEFINITION).map((block): CustomRole => {
    const properties = bodyProperties(block);
    const readable = isObject(properties) && !isUnknown(properties) && Array.isArray(properties.permissions);
    return {
      address: block.address,
      name: readable ? properties.roleName : new Unknown(`the name of ${block.address}`, []),
      guid: azapiName(block),
      permissions: readable ? permissionsOf(blocksOf(properties.permissions), block.address, ['actions', 'notActions', 'dataActions', 'notDataActions']) : new Unknown(`the permissions of ${block.address}`, []),
    };
  });
  return [...azurerm, ...azapi];
}

/** The permission blocks as lists of literal patterns; an Unknown when an action list (not a not-action list: it only takes away) cannot be read. */
function permissionsOf(blocks: readonly { readonly [key: string]: unknown }[] | undefined, address: string, keys: readonly [string, string, string, string]): readonly RolePermissions[] | Unknown {
  const read = (value: unknown): string[] | undefined => (value === undefined ? [] : Array.isArray(value) && value.every((each) => typeof each === 'string') ? value as string[] : undefined);
  const result: RolePermissions[] = [];
  // A block known only at apply time may hold any action.
  if (blocks === undefined) return new Unknown(`the actions of ${address}`, []);
  for (const block of blocks) {
    const [actions, notActions, dataActions, notDataActions] = keys.map((key) => read(block[key]));
    if (actions === undefined || dataActions === undefined) return new Unknown(`the actions of ${address}`, []);
    // A not-action known only at apply time takes away nothing the checks can count on.
    result.push({ actions, dataActions, notActions: notActions ?? [], notDataActions: notDataActions ?? [] });
  }
  return result;
}

/** The permission blocks, or undefined when one of them is no object the checks can read. */
function blocksOf(value: unknown): { readonly [key: string]: unknown }[] | undefined {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.every((each) => isObject(each) && !isUnknown(each)) ? list : undefined;
}



/** The block an expression reads ("azurerm_role_definition.op"), from "azurerm_role_definition.op.role_definition_resource_id". */
const ENTITY = /^((?:(?:data|ephemeral)\.)?(?:azurerm_role_definition|azapi_resource|azapi_update_resource|azapi_resource_action)\.[^.[\]\s]+)/;

/** The custom role of the stack a grant names (by name, definition GUID or reference), or, for a name no definition bears for sure, one whose name is known only later. */
function namedRole(grant: ResourceView, roles: readonly CustomRole[]): CustomRole | undefined {
  const { role_definition_name: name, role_definition_id: id } = grant.config;
  const byReference = [name, id].flatMap((value) => (isUnknown(value) ? value.references : [])).map((reference) => ENTITY.exec(reference)?.[1]);
  const referenced = roles.find((role) => byReference.includes(role.address));
  if (referenced !== undefined) return referenced;
  const literal = literalString(name)?.trim().toLowerCase();
  const named = literal === undefined ? undefined : roles.find((role) => literalString(role.name)?.trim().toLowerCase() === literal);
  if (named !== undefined) return named;
  // The definition ID at any scope, read by the one parser of definition IDs (A17a-1).
  const guid = roleDefinitionGuid(literalString(id));
  const byGuid = guid === undefined ? undefined : roles.find((role) => literalString(role.guid)?.trim().toLowerCase() === guid);
  if (byGuid !== undefined) return byGuid;
  // A literal name no built-in role the library knows bears may be a custom role whose name is known only at apply time.
  return literal !== undefined && !isKnownBuiltInRole(literal, undefined) ? roles.find((role) => typeof role.name !== 'string') : undefined;
}

/** A definition ID written (not empty) that is no role definition ID at any scope, nor a bare GUID. */
function unreadableDefinitionId(written: string): boolean {
  return written.trim() !== '' && roleDefinitionGuid(written) === undefined;
}

/** How the definition ID of a grant of a custom role of the stack whose permissions cannot be read is spelled. */
const UNREAD_PERMISSIONS = 'the permissions of the custom role ';

/** Whether a grant's definition ID stands for a custom role of the stack whose permissions are known only at apply time (withCustomRole). */
export function unreadCustomRole(value: unknown): boolean {
  return isUnknown(value) && value.expression.startsWith(UNREAD_PERMISSIONS);
}

/**
 * The grant as the role lists judge it: a grant of a custom role the stack defines carries the role's effects (customRoleId)
 * as its definition ID, or an Unknown when its permissions cannot be read; any other grant as written.
 */
export function withCustomRole(grant: ResourceView, stack: StackFacts | undefined): ResourceView {
  // A definition ID written in the form custom roles travel in is none Azure knows: it is read as one known only at apply time.
  // So is one the one parser of definition IDs cannot read (A17a-1): ARM may resolve it to any role, so it is no custom role that passes.
  const written = grant.config.role_definition_id;
  if (typeof written === 'string' && (isCustomRoleId(written) || unreadableDefinitionId(written))) return { ...grant, config: { ...grant.config, role_definition_id: new Unknown(`the role ${JSON.stringify(written)}`, []) } };
  const roles = definitions(stack);
  if (roles.length === 0) return grant;
  const role = namedRole(grant, roles);
  if (role === undefined) return grant;
  // A construct's own roleAssignments item is judged too (A20a-6), named as the item wrote it: its justification binds that role (customRoleSubject).
  const own = (stack?.constructs ?? []).some((construct) => madeBy(grant, construct));
  const asWritten = literalString(grant.config.role_definition_name) ?? literalString(grant.config.role_definition_id);
  const name = (own ? asWritten : undefined) ?? literalString(role.name) ?? literalString(grant.config.role_definition_name) ?? `the custom role of ${role.address}`;
  const id = isUnknown(role.permissions) ? new Unknown(`${UNREAD_PERMISSIONS}${role.address}`, []) : customRoleId(customRoleEffects(role.permissions));
  return { ...grant, config: { ...grant.config, role_definition_name: name, role_definition_id: id } };
}
