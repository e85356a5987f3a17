import { isUnknown } from './hcl-expression';
import { objectIdOf, principalNamed, principalsNamedLater } from './named-lookups';
import { principalWriters } from './principal-writers';
import { StackFacts } from './rule';
import type { ResourceView } from './stack-model';

// An administrator declared through a lookup that data-source-aliases.ts (with looked-up-blocks.ts) could not tie to a block,
// whose arguments still read a principal the stack makes (`object_id = coalesce(var.g, azuread_group.admins.object_id)`, a
// chain through another block's pointer, a Graph filter on its name): the lookup may return that principal, whose members,
// owners, credentials and attachments the administrator readers then judge as another's. It fails closed (A20a-1).

/** The types of the principals an Entra administrator may be, as the stack makes them. */
export const PRINCIPAL_TYPES: readonly string[] = [
  'azuread_group', 'azuread_user', 'azuread_service_principal', 'azuread_application', 'azuread_application_registration', 'azurerm_user_assigned_identity',
  // azuread 3.x's other makers of principals (A22a-4): a group without members, an application (and its service principal) from a template, an invited user.
  'azuread_group_without_members', 'azuread_application_from_template', 'azuread_invitation',
];

const GROUPS = ['azuread_group', 'azuread_group_without_members'];
const USERS = ['azuread_user', 'azuread_invitation'];
const APPLICATIONS = ['azuread_application', 'azuread_application_registration', 'azuread_application_from_template'];

/**
 * The principal types a lookup of an azuread or azurerm type may return (a service principal's by its application too); a lookup of
 * another type (azapi, msgraph, a type a later provider adds) may return any.
 */
const RETURNS: { readonly [lookup: string]: readonly string[] } = {
  azuread_group: GROUPS, azuread_groups: GROUPS,
  azuread_user: USERS, azuread_users: USERS,
  azuread_service_principal: ['azuread_service_principal', ...APPLICATIONS], azuread_service_principals: ['azuread_service_principal', ...APPLICATIONS],
  azuread_application: APPLICATIONS, azuread_applications: APPLICATIONS,
  azurerm_user_assigned_identity: ['azurerm_user_assigned_identity'],
};

/** Arguments that choose how, not what, a lookup reads (its ordering, provider and instances). */
const META = new Set(['//', 'depends_on', 'provider', 'lifecycle', 'count', 'for_each']);

/** A declared administrator read through a lookup that may return a principal the stack makes. */
export interface UnreadLookup {
  readonly administrator: ResourceView;
  readonly lookup: string;
  /** The principal block its arguments read ("azuread_group.admins"). */
  readonly principal: string;
  /** How its arguments name the principal when they do not read its block: 'display_names "db-admins"' (A21a-2); undefined when they read it. */
  readonly byName?: string;
}

/** The block a traversal reads: a resource's or a lookup's type and name. */
const BLOCK = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z_][\w-]*)/;

/** The blocks the references of a value read, at any depth. */
function blocksIn(value: unknown): string[] {
  if (isUnknown(value)) return value.references.map((reference) => BLOCK.exec(reference)?.[1]).filter((block): block is string => block !== undefined);
  if (Array.isArray(value)) return value.flatMap(blocksIn);
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(blocksIn) : [];
}

/** The blocks a lookup's arguments read. */
function readBy(block: ResourceView): string[] {
  return Object.entries(block.config).filter(([key]) => !META.has(key)).flatMap(([, value]) => blocksIn(value));
}

/**
 * The principal the stack makes that a lookup's arguments read: directly, or through one other resource's arguments (a member
 * block's group pointer); undefined when they read none.
 */
function principalRead(lookup: ResourceView, stack: StackFacts): string | undefined {
  const types = Object.prototype.hasOwnProperty.call(RETURNS, lookup.type) ? RETURNS[lookup.type] : PRINCIPAL_TYPES;
  const isPrincipal = (block: string) => types.includes(block.slice(0, block.indexOf('.'))) && stack.resources?.has(block) === true;
  const direct = readBy(lookup);
  return direct.find(isPrincipal) ?? direct.flatMap((block) => {
    const other = block.startsWith('data.') ? undefined : stack.resources?.get(block);
    return other === undefined ? [] : readBy(other);
  }).find(isPrincipal);
}

/** The declared administrators whose object ID reads a lookup (that stayed a lookup) whose arguments read a principal the stack makes. */
export function unreadAdministratorLookups(administrators: readonly ResourceView[], stack: StackFacts | undefined): UnreadLookup[] {
  if (stack === undefined) return [];
  return administrators.flatMap((administrator): UnreadLookup[] => {
    const lookups = [...new Set(blocksIn(administrator.config.object_id).filter((block) => block.startsWith('data.')))];
    for (const lookup of lookups) {
      const block = stack.lookups?.get(lookup);
      const principal = block === undefined ? undefined : principalRead(block, stack);
      if (principal !== undefined) return [{ administrator, lookup, principal }];
      // A lookup by a name (or every object) that a principal the stack makes, by any writer, may answer to (A21a-2).
      const named = block === undefined ? undefined : principalNamed(block, objectIdIndex(administrator.config.object_id, lookup), stack);
      if (named !== undefined) return [{ administrator, lookup, principal: named.principal, byName: named.byName }];
    }
    return [];
  });
}

/** The index of the lookup's result list the administrator's object ID reads ("data.azuread_groups.g.object_ids[1]" → 1), or undefined. */
function objectIdIndex(id: unknown, lookup: string): number | undefined {
  if (!isUnknown(id)) return undefined;
  const indexes = id.references.filter((reference) => reference.startsWith(`${lookup}.`)).map((reference) => /^\.object_ids\[(\d+)\]$/.exec(reference.slice(lookup.length))?.[1]);
  return indexes.length === 1 && indexes[0] !== undefined ? Number(indexes[0]) : undefined;
}

/** A principal the stack makes that a declared administrator's lookup may return by a name known only at apply time (A22a-1). */
export interface LookupCandidate extends UnreadLookup {
  readonly byName: string;
  /** The administrator as if its object ID read the principal's block: what every administrator reader judges it as. */
  readonly standIn: ResourceView;
  /** True when the lookup finds a service principal and the principal is an application: its service principal is not read, so it fails closed. */
  readonly closed: boolean;
}

/**
 * For each declared administrator read through an Entra lookup by name (that stayed a lookup), each principal the stack makes that
 * the lookup may return, one name or both being known only at apply time (named-lookups.ts), with the administrator as that principal.
 */
export function lookupCandidates(administrators: readonly ResourceView[], stack: StackFacts | undefined): LookupCandidate[] {
  if (stack === undefined) return [];
  return administrators.flatMap((administrator) => [...new Set(blocksIn(administrator.config.object_id).filter((block) => block.startsWith('data.')))].flatMap((lookup) => {
    const block = stack.lookups?.get(lookup);
    if (block === undefined) return [];
    return principalsNamedLater(block, objectIdIndex(administrator.config.object_id, lookup), stack).map(({ principal, byName }) => ({
      administrator, lookup, principal, byName, standIn: { ...administrator, config: { ...administrator.config, object_id: objectIdOf(principal) } },
      closed: block.type.startsWith('azuread_service_principal') && principalWriters(stack).get(principal)?.kind === 'application',
    }));
  }));
}
