import { resourcesOfType } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

// An Entra administrator that is a group makes every member of the group a server administrator
// (azure_pg_admin), and every owner of the group can add members: what a stack writes into such a
// group is what it adds to the server's administrators.

/** A resource of the stack that adds members or owners to an administrator group, and whom. */
export interface GroupAddition {
  readonly resource: ResourceView;
  /** The administrator resource whose group it writes into. */
  readonly administrator: ResourceView;
  /** What it does to the group, as the message shows it: 'adds the member "<id>" to', 'lists the members of'. */
  readonly action: string;
}

/** The resource (or data source) an expression reads, "azuread_group.admins" or "data.azuread_group.admins". */
const ENTITY = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)/;

/**
 * True when two values name the same object: the same literal object ID (in any case), or
 * expressions that read the same resource or data source (its object_id or its id).
 */
function sameObject(first: unknown, second: unknown): boolean {
  if (typeof first === 'string' && typeof second === 'string') return first.trim().toLowerCase() === second.trim().toLowerCase();
  if (!isUnknown(first) || !isUnknown(second)) return false;
  const entities = new Set(first.references.map((reference) => ENTITY.exec(reference)?.[1]));
  return second.references.some((reference) => entities.has(ENTITY.exec(reference)?.[1]));
}

/** An administrator whose principal may be a group: its type says Group, or it does not say (Single Server, an expression). */
function mayBeGroup(administrator: ResourceView): boolean {
  const type = administrator.config.principal_type;
  return typeof type !== 'string' || type.trim().toLowerCase() === 'group';
}

/**
 * The memberships the stack writes into the groups of the given administrators: azuread_group_member
 * resources of the group, and the members and owners of the azuread_group resource an administrator reads.
 */
export function groupAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): GroupAddition[] {
  const groups = administrators.filter(mayBeGroup);
  if (groups.length === 0) return [];
  const members = resourcesOfType(stack, 'azuread_group_member').flatMap((resource) => {
    const administrator = groups.find((group) => sameObject(group.config.object_id, resource.config.group_object_id));
    return administrator === undefined ? [] : [{ resource, administrator, action: `adds the member ${JSON.stringify(resource.config.member_object_id ?? null)} to` }];
  });
  const inline = resourcesOfType(stack, 'azuread_group').flatMap((resource) => {
    const administrator = groups.find((group) => isUnknown(group.config.object_id) && group.config.object_id.references.some((reference) => ENTITY.exec(reference)?.[1] === resource.address));
    const listed = ['members', 'owners'].filter((attribute) => resource.config[attribute] !== undefined && !(Array.isArray(resource.config[attribute]) && (resource.config[attribute] as unknown[]).length === 0));
    return administrator === undefined || listed.length === 0 ? [] : [{ resource, administrator, action: `lists the ${listed.join(' and ')} of` }];
  });
  return [...members, ...inline].sort((x, y) => (x.resource.address < y.resource.address ? -1 : 1));
}
