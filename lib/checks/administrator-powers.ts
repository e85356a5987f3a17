import { customDirectoryPowers, delegatedPowers, DirectoryPower, directoryRole, DIRECTORY_ROLES, GRAPH_APP_ROLES, GRAPH_APPLICATION_ID, graphAppRole } from '../private/directory-powers';
import { caseInsensitive } from './azapi-writes';
import { everyBlock } from './dynamic-blocks';
import { batchBody, graphRequest, graphUrl, GraphUrl, graphWrites, httpRequestType, jsonBody, mayReachGraph, pathText } from './graph-urls';
import { isUnknown } from './hcl-expression';
import { REQUEST_WRITER } from './http-requests';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

// Who can become a declared Entra administrator without being written into it: a directory role or a Microsoft Graph
// permission that adds members to every group, credentials to every application, or resets users' passwords (fifteenth
// review, A15a-4, A15b-13). Every writer of such a grant (azuread role assignments, role members, PIM requests, app role
// assignments, delegated permission grants, Microsoft Graph provider writes) is read into one shape: the resource, what it
// grants, and the powers that gives (undefined when the checks cannot read them: it fails closed).

/** A grant of a directory power the stack writes: what it grants (for a message) and its powers, undefined when they cannot be read. */
export interface PowerGrant {
  readonly resource: ResourceView;
  readonly grants: string;
  readonly powers: readonly DirectoryPower[] | undefined;
}

type Config = { readonly [key: string]: unknown };

/** The block a reference reads: "azuread_directory_role.groups" of "azuread_directory_role.groups.template_id". */
const ENTITY = /^((?:data\.)?[a-z0-9_]+\.[^.[\]\s]+)/;
/** An item of a service principal's app role or delegated scope IDs by permission name: `...app_role_ids["GroupMember.ReadWrite.All"]`. */
const PERMISSION_BY_NAME = /\.(?:app_role_ids|oauth2_permission_scope_ids)(?:\["([^"]+)"\]|\.([A-Za-z0-9.-]+))$/;

/** Every grant of a directory role or Graph permission the stack writes, in address order. */
export function powerGrants(stack: StackFacts | undefined): readonly PowerGrant[] {
  if (stack === undefined) return [];
  // Read once per stack: every server asks (reading every block per server was quadratic in servers).
  let grants = grantsOf.get(stack);
  if (grants === undefined) {
    const resources = [...stack.resources?.values() ?? []].filter((resource) => resource.address.startsWith(`${resource.type}.`));
    grants = resources.flatMap((resource) => grantOf(resource, stack) ?? []).sort((x, y) => (x.resource.address < y.resource.address ? -1 : 1));
    grantsOf.set(stack, grants);
  }
  return grants;
}

const grantsOf = new WeakMap<StackFacts, readonly PowerGrant[]>();

/** The writers of the table, by type: each reads its block into a grant. */
const WRITERS: { readonly [type: string]: (resource: ResourceView, stack: StackFacts | undefined) => PowerGrant | undefined } = {
  azuread_directory_role_assignment: (resource, stack) => roleGrant(resource, resource.config.role_id, stack),
  azuread_directory_role_eligibility_schedule_request: (resource, stack) => roleGrant(resource, resource.config.role_definition_id, stack),
  azuread_directory_role_member: (resource, stack) => roleGrant(resource, resource.config.role_object_id, stack),
  // A role scoped to an administrative unit that may hold the administrator group (or its members) reaches it there.
  azuread_administrative_unit_role_member: (resource, stack) => roleGrant(resource, resource.config.role_object_id, stack),
  // Entitlement management's catalog roles hand out (or add) access packages of the catalog: the administrator group may be one's resource.
  azuread_access_package_catalog_role_assignment: (resource) => later(resource, `the catalog role ${String(resource.config.role_id ?? null)} (whoever holds it may hand out the groups of the catalog)`),
  azuread_app_role_assignment: (resource, stack) => appRoleGrant(resource, resource.config.app_role_id, resource.config.resource_object_id, stack),
  azuread_service_principal_delegated_permission_grant: (resource, stack) => delegatedGrant(resource, resource.config.claim_values, resource.config.resource_service_principal_object_id, stack),
};

/** The azuread writer types of the table (a class test enumerates them); every Graph or REST writer type is read too (readsPowers). */
export const POWER_WRITER_TYPES = Object.keys(WRITERS);

/**
 * Whether the power reader reads a type's grants: an azuread type of the table, or any type whose requests the Graph and REST readers
 * read (http-requests.ts REQUEST_WRITER, the one list: msgraph_*, restapi_*, restful_resource, restful_operation, terracurl_request).
 * The unread-writes rule passes a grant path as judged here (graph-write-targets.ts), the batch rule a grant in a batch.
 */
export function readsPowers(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(WRITERS, type) || REQUEST_WRITER.test(type);
}

function grantOf(resource: ResourceView, stack: StackFacts | undefined): PowerGrant | undefined {
  if (Object.prototype.hasOwnProperty.call(WRITERS, resource.type)) return WRITERS[resource.type](resource, stack);
  return REQUEST_WRITER.test(resource.type) ? requestsGrant(resource, stack) : undefined;
}

const later = (resource: ResourceView, what: string): PowerGrant => ({ resource, grants: what, powers: undefined });

/** A directory role by template ID, a reference to a role block of the stack (built-in or custom), or what cannot be read. */
function roleGrant(resource: ResourceView, role: unknown, stack: StackFacts | undefined): PowerGrant {
  if (typeof role === 'string') {
    const known = directoryRole(role.replace(/^.*\//, ''));
    return known === undefined ? later(resource, `the directory role ${JSON.stringify(role)}, one the checks do not know (a custom role, or a built-in one not in their table)`)
      : { resource, grants: `the directory role ${known.name}`, powers: known.powers };
  }
  const entity = isUnknown(role) && role.isPlainReference ? ENTITY.exec(role.references[0])?.[1] : undefined;
  const block = entity === undefined ? undefined : stack?.resources?.get(entity) ?? stack?.lookups?.get(entity);
  if (block?.type === 'azuread_directory_role') {
    const { template_id: template, display_name: name } = block.config;
    const known = typeof template === 'string' ? directoryRole(template) : typeof name === 'string' ? DIRECTORY_ROLES.find((each) => each.name.toLowerCase() === name.trim().toLowerCase()) : undefined;
    if (known !== undefined) return { resource, grants: `the directory role ${known.name} (${block.address})`, powers: known.powers };
  }
  if (block?.type === 'azuread_custom_directory_role') {
    const permissions = everyBlock(block.config, 'permissions');
    const actions = permissions.map((each) => each.allowed_resource_actions);
    if (!isUnknown(block.config.permissions) && permissions.length > 0 && actions.every((each) => Array.isArray(each) && each.every((action) => typeof action === 'string'))) {
      return { resource, grants: `the custom directory role ${block.address}`, powers: customDirectoryPowers((actions as string[][]).flat()) };
    }
  }
  return later(resource, `the directory role ${String(role ?? null)}, which the checks cannot read`);
}

/** Whether a service principal pointer is Microsoft Graph's ('graph'), surely another's ('other'), or may be Graph's. */
function graphOf(pointer: unknown, stack: StackFacts | undefined): 'graph' | 'other' | 'maybe' {
  const entity = isUnknown(pointer) && pointer.isPlainReference ? ENTITY.exec(pointer.references[0])?.[1] : undefined;
  const block = entity === undefined ? undefined : stack?.resources?.get(entity) ?? stack?.lookups?.get(entity);
  if (block === undefined || !block.type.endsWith('azuread_service_principal')) return 'maybe';
  // azuread 3.x names the application client_id, 2.x application_id.
  const client = block.config.client_id ?? block.config.application_id;
  if (typeof client === 'string') return client.trim().toLowerCase() === GRAPH_APPLICATION_ID ? 'graph' : 'other';
  // A service principal the stack makes for an application it makes is no one else's.
  return block.address.startsWith('azuread_service_principal.') && isUnknown(client) && client.references.some((reference) => /^azuread_application(_registration)?\./.test(reference)) ? 'other' : 'maybe';
}

/** A Graph application permission by app role ID (unique to Graph), by name through a service principal's app_role_ids, or what cannot be read. */
function appRoleGrant(resource: ResourceView, role: unknown, on: unknown, stack: StackFacts | undefined): PowerGrant | undefined {
  const graph = graphOf(on, stack);
  if (typeof role === 'string') {
    const known = graphAppRole(role);
    if (known !== undefined) return { resource, grants: `the Microsoft Graph application permission ${known.name}`, powers: known.powers };
    return graph === 'graph' ? later(resource, `the Microsoft Graph application permission ${JSON.stringify(role)}, one the checks do not know`) : undefined;
  }
  if (graph === 'other') return undefined;
  const name = isUnknown(role) && role.isPlainReference ? PERMISSION_BY_NAME.exec(role.references[0]) : null;
  const permission = name === null ? undefined : name[1] ?? name[2];
  if (permission !== undefined) {
    const powers = GRAPH_APP_ROLES.find((each) => each.name.toLowerCase() === permission.toLowerCase())?.powers ?? delegatedPowers(permission);
    return powers === undefined ? later(resource, `the permission ${JSON.stringify(permission)}, one the checks do not know`) : { resource, grants: `the Microsoft Graph application permission ${permission}`, powers };
  }
  return later(resource, `the app role ${String(role ?? null)}, which the checks cannot read, of a service principal that may be Microsoft Graph`);
}

/** Delegated Graph permissions by name (`claim_values`, or a grant's space-separated `scope`). */
function delegatedGrant(resource: ResourceView, claims: unknown, on: unknown, stack: StackFacts | undefined): PowerGrant | undefined {
  const graph = graphOf(on, stack);
  if (graph === 'other') return undefined;
  const names = typeof claims === 'string' ? claims.split(/\s+/).filter((each) => each !== '') : Array.isArray(claims) && claims.every((each) => typeof each === 'string') ? claims as string[] : undefined;
  if (names === undefined) return later(resource, `the delegated permissions ${shown(claims)}, which the checks cannot read`);
  const read = names.map((name) => ({ name, powers: delegatedPowers(name) }));
  const strong = read.filter(({ powers }) => powers !== undefined && powers.length > 0);
  if (strong.length > 0) return { resource, grants: `the delegated Microsoft Graph permission ${strong.map(({ name }) => name).join(', ')}`, powers: [...new Set(strong.flatMap(({ powers }) => powers ?? []))] };
  const unread = read.find(({ powers }) => powers === undefined);
  return unread !== undefined && graph === 'graph' ? later(resource, `the delegated Microsoft Graph permission ${JSON.stringify(unread.name)}, one the checks do not know`) : undefined;
}

/** Microsoft Graph paths (after an optional version) of the grants of the table. */
const ROLE_PATH = /^rolemanagement\/directory\/(roleassignments|roleeligibilityschedulerequests|roleassignmentschedulerequests)(\/|\?|$)/;
const ROLE_MEMBERS_PATH = /^directoryroles(?:\(roletemplateid='([^']+)'\)|\/roletemplateid=([^/]+)|\/([^/]+))\/members/;
const APP_ROLE_PATH = /(^|\/)(approleassignments|approleassignedto)(\/|\?|$)/;
const DELEGATED_PATH = /^oauth2permissiongrants(\/|\?|$)/;

/** Graph paths of the kind the table reads, that none of its paths above is: they may grant any power. */
const POWER_PATHS = /^(rolemanagement\/|directoryroles|roledefinitions|approleassign|oauth2permissiongrants)|\/(approleassign|rolemanagement|directoryroles|oauth2permissiongrants)/;

/** Whether the grant readers here read a Graph path (lower case, after the version): a role, an app role, a permission, a power path. */
export function isGrantPath(path: string): boolean {
  return ROLE_PATH.test(path) || ROLE_MEMBERS_PATH.test(path) || APP_ROLE_PATH.test(path) || DELEGATED_PATH.test(path) || POWER_PATHS.test(path);
}

/**
 * The grant of a Microsoft Graph or REST block (any REQUEST_WRITER type): each request it sends (graph-urls.ts graphWrites, the reader
 * of every other Graph rule: msgraph's URL cleaned as the provider cleans it; a generic HTTP block's create, update and read requests,
 * its provider block's methods, with the body each sends), its URL saying what it grants and its body which role or permission; a
 * `$batch` by each request. A GET grants nothing, a delete removes; a block whose requests surely go to another host than Graph
 * (mayReachGraph: a restful base URL of another API) grants nothing there. Of several requests, one that grants a power is reported
 * before one the checks cannot read.
 */
function requestsGrant(resource: ResourceView, stack: StackFacts | undefined): PowerGrant | undefined {
  const providers = stack?.providers ?? [];
  if (!mayReachGraph(resource, providers)) return undefined;
  // A msgraph or restapi type graphWrites does not know (a newer provider's): read by its `url` (restapi's `path`) and `body` (`data`).
  if (graphRequest(resource) === undefined && httpRequestType(resource) === undefined) {
    const [url, body] = resource.type.startsWith('restapi_') ? [resource.config.path, resource.config.data] : [resource.config.url, resource.config.body];
    return requestGrant(resource, graphUrl(url), caseInsensitive(jsonBody(body), resource.address), stack);
  }
  // Property names in any letter case, as the services read them (azapi-writes.ts).
  const grants = graphWrites(resource, providers).filter((write) => !write.deletes)
    .flatMap((write) => requestGrant(resource, write.url, caseInsensitive(jsonBody(write.body), resource.address), stack) ?? []);
  return grants.find(({ powers }) => powers !== undefined && powers.length > 0) ?? grants.find(({ powers }) => powers === undefined) ?? grants[0];
}

function requestGrant(resource: ResourceView, url: GraphUrl, body: unknown, stack: StackFacts | undefined): PowerGrant | undefined {
  const properties: Config | undefined = isObject(body) && !isUnknown(body) ? body as Config : undefined;
  // The path as Graph reads it (cleaned, decoded, OData keys as segments); one with a part known only at apply time may be any path,
  // unless its shape is a grant's whatever its IDs are (grantShape).
  const path = url.segments.length === 0 ? undefined : url.segments.some((segment) => segment.later) ? grantShape(url) : pathText(url).toLowerCase();
  if (path === undefined) {
    // A URL known only at apply time with a grant's fields in its body may be any grant.
    const fields = ['roleDefinitionId', 'appRoleId', 'scope'];
    return isUnknown(body) || (properties !== undefined && fields.some((field) => properties[field] !== undefined))
      ? later(resource, `a role, an app role or a delegated permission through its request to ${url.written}, a URL known only at apply time`) : undefined;
  }
  if (/^\$batch(\?|$)/.test(path)) {
    // The one reader of a batch's body (graph-urls.ts batchBody, the batch and membership rules' too): a `jsonencode(...)` read as what it encodes.
    const batch = batchBody(resource);
    const grant = batch.requests.map((request) => requestGrant(resource, request.url, caseInsensitive(request.body, resource.address), stack)).find((each) => each !== undefined);
    return grant ?? (batch.unread ? later(resource, batch.requests.length === 0 ? 'a Graph $batch whose requests the checks cannot read' : 'a Graph $batch request the checks cannot read') : undefined);
  }
  const field = (name: string) => (properties === undefined ? new Unreadable() : properties[name]);
  if (ROLE_PATH.test(path)) return /remove|deactivate/i.test(String(field('action') ?? '')) ? undefined : roleGrant(resource, field('roleDefinitionId'), stack);
  const members = ROLE_MEMBERS_PATH.exec(path);
  if (members !== null) return members[1] ?? members[2] ? roleGrant(resource, members[1] ?? members[2], stack) : later(resource, `the directory role of object ${JSON.stringify(members[3])}, one the checks do not know`);
  if (APP_ROLE_PATH.test(path)) return appRoleGrant(resource, field('appRoleId'), field('resourceId'), stack);
  if (DELEGATED_PATH.test(path)) return delegatedGrant(resource, field('scope'), field('resourceId'), stack);
  return POWER_PATHS.test(path) ? later(resource, `a write of ${JSON.stringify(path)}, a directory role or permission path the checks do not read`) : undefined;
}

/** What stands for an ID segment known only at apply time in a grant's path (grantShape): no text a path or an ID of Graph holds. */
const LATER_ID = '<an id known only at apply time>';

/**
 * The path (lower case) of a URL with segments known only at apply time, when its shape is a grant's whatever they are (39th run,
 * A39c-3: msgraph's documented `servicePrincipals/${msgraph_resource.sp.id}/appRoleAssignedTo`): each such segment one object's key,
 * never "/" or ".." (graphUrl's anyPath unset), and its literal segments alone a path the grant readers read (an app role assignment,
 * a delegated grant, a role assignment, a role's members; the keywords are literal, so the request is that grant whatever the IDs).
 * Its body is then judged as for a known path. Undefined when the shape may be another (a keyword position known only later).
 */
function grantShape(url: GraphUrl): string | undefined {
  if (url.anyPath !== undefined) return undefined;
  const path = url.segments.map((segment) => (segment.later ? LATER_ID : segment.keyName === undefined ? segment.text : `${segment.keyName}=${segment.text}`)).join('/').toLowerCase();
  return ROLE_PATH.test(path) || ROLE_MEMBERS_PATH.test(path) || APP_ROLE_PATH.test(path) || DELEGATED_PATH.test(path) ? path : undefined;
}

/** A value for a message: a field of a body the checks cannot read, or a value known only at apply time, as it says itself (never "{}"); any other as JSON. */
function shown(value: unknown): string {
  return value instanceof Unreadable || isUnknown(value) ? String(value) : JSON.stringify(value ?? null);
}

/** Stands for a field of a body the checks cannot read (known only at apply time, or not JSON). */
class Unreadable {
  public toString(): string {
    return '(a body the checks cannot read)';
  }
}

/** What a power lets the holder do, as a message says it. */
const POWER_TEXT: { readonly [power in DirectoryPower]: string } = {
  members: 'can add members to every group (or own it)',
  credentials: 'can add a credential to every application and service principal and sign in as it',
  passwords: 'can reset users\' passwords and sign in as them',
};

/**
 * The powers that reach an administrator of a principal type: a service principal's credentials, a user's password; a
 * group's members, and the powers over every kind of member it may hold (users' passwords, service principals' credentials:
 * a CI deployer in the group signs in as the group, sixteenth run, A16a-5).
 */
function powersOver(administrator: ResourceView): readonly DirectoryPower[] {
  const type = administrator.config.principal_type;
  const kind = typeof type === 'string' ? type.trim().toLowerCase() : undefined;
  return kind === 'serviceprincipal' ? ['credentials'] : kind === 'user' ? ['passwords'] : ['members', 'credentials', 'passwords'];
}

/** A grant beside the construct that lets its holder become, or act as, a declared administrator, and how the message says it (undefined: it cannot be read). */
export interface PowerAddition {
  readonly resource: ResourceView;
  readonly administrator: ResourceView;
  readonly text: string;
  readonly readable: boolean;
}

/** The grants of the stack whose powers reach one of the declared administrators, or cannot be read. */
export function powerAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): PowerAddition[] {
  if (administrators.length === 0) return [];
  return powerGrants(stack).flatMap(({ resource, grants, powers }): PowerAddition[] => {
    if (powers === undefined) return [{ resource, administrator: administrators[0], text: `grants ${grants}`, readable: false }];
    for (const administrator of administrators) {
      const reaching = powersOver(administrator).filter((power) => powers.includes(power));
      if (reaching.length > 0) return [{ resource, administrator, text: `grants ${grants}, which ${reaching.map((power) => POWER_TEXT[power]).join(' and ')}`, readable: true }];
    }
    return [];
  });
}

