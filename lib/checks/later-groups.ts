import { hasOwn, ownValue } from '../private/own-keys';
import { writesAdministratorId } from './administrator-groups';
import { createsDirectoryObject, DirectoryCollection, DirectoryPointer, directoryPointers, guidKey, idMayBe } from './directory-pointers';
import { hclUnescaped, isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { adoptedBy, importInto, isAdopted, stackCreates } from './stack-created';
import type { ResourceView } from './stack-model';
import { INSTANCE_KEY } from './traversal-text';

// Which group pointers the model cannot read (a variable, another state's output, an expression, a
// data.azuread_group looked up by a name or ID known only at apply time) may be a declared administrator
// group: Terraform plans a variable's default unless told otherwise, so beside a construct a member written
// into such a group is judged as one of the administrator group (fourteenth review, A14a-8), as
// later-pointers.ts does for the server. Provably another: a literal other ID, a group the stack makes, a
// lookup by a literal other name or ID. A reference to a resource's argument is the argument as configured.

/** A reference to a block's attribute: data or a resource, its type, name (and index), first attribute and what follows. */
const BLOCK_REFERENCE = new RegExp(String.raw`^(data\.)?([a-z0-9_]+)\.([^.[\]]+)(?:${INSTANCE_KEY})?(?:\.([a-z0-9_]+)(.*))?$`);
/** References followed through configured arguments before the pointer is read as anything (a chain Terraform would refuse as a cycle). */
const MAX_DEPTH = 8;

/**
 * azuread types that add a member or owner to the group an argument names (PIM assignments and
 * eligibilities, a catalog that hands out the group's membership), azuread_group_member's for messages.
 */
const GROUP_POINTERS: { readonly [type: string]: string } = {
  azuread_group_member: 'group_object_id',
  azuread_privileged_access_group_assignment_schedule: 'group_id',
  azuread_privileged_access_group_eligibility_schedule: 'group_id',
  azuread_access_package_resource_catalog_association: 'resource_origin_id',
  // "<catalog ID>/<resource origin ID>": a package handing out membership of the group (fifteenth review, A15a-6).
  azuread_access_package_resource_package_association: 'catalog_resource_association_id',
};

/** An argument that names a group by object ID ("group_id", "group_object_id", "target_group_object_id"). */
const GROUP_ARGUMENT = /^(?:[a-z0-9]+_)*group_(?:object_)?id$/;

/** The argument of a type of GROUP_POINTERS that names the group; undefined for another type. */
export function groupPointerOf(type: string): string | undefined {
  return ownValue(GROUP_POINTERS, type);
}

/** The display names an administrator gives its principal (lower case, trimmed); none when it gives none as a literal. */
export function administratorNames(administrator: ResourceView): string[] {
  return [administrator.config.principal_name, administrator.config.login].filter((name): name is string => typeof name === 'string').map((name) => name.trim().toLowerCase());
}

/**
 * True when a group object ID the model cannot read as another group may be the administrator's:
 * a literal when the administrator's own ID is known only at apply time (and is no group the stack
 * makes), an expression whose references may read it, or whose text or a part read inside holds it.
 */
export function mayBeGroupLater(administrator: ResourceView, value: unknown, stack: StackFacts | undefined, depth = 0): boolean {
  const id = administrator.config.object_id;
  if (depth > MAX_DEPTH) return true;
  if (typeof value === 'string') return typeof id === 'string' ? sameId(id, value) : !isMadePrincipal(id, stack);
  if (!isUnknown(value)) return false;
  // A value the evaluator knows all the choices of (a for_each item or key, a pick by count.index, a conditional) may be the ID when one may (A29a-1).
  // A list (a for_each item that is a list of IDs) may hold it; an object is not read (it may).
  if (value.choices !== undefined && value.choices.length > 0) {
    return value.choices.some((choice) => (Array.isArray(choice) ? choice.some((item) => mayBeGroupLater(administrator, item, stack, depth + 1))
      : (choice !== null && typeof choice === 'object' && !isUnknown(choice)) || mayBeGroupLater(administrator, choice, stack, depth + 1)));
  }
  if (value.isPlainReference) return referenceMayBe(administrator, value.references[0], stack, depth, 'id');
  if (value.references.length === 0 || value.references.some((reference) => referenceMayBe(administrator, reference, stack, depth, 'id'))) return true;
  // References that are all new objects do not make it another: its text holding the ID in any spelling, or a part the evaluator read
  // inside that may be it (`reverse([azuread_user.new.object_id, local.admin])[0]`), as every administrator reader asks (writesAdministratorId;
  // 33rd run, A33a-5). Asked after the references: a lookup reading itself ends there (MAX_DEPTH), not in its parts.
  return writesAdministratorId(administrator, value, stack);
}

/** How a writer names, by a pointer the checks cannot read as another object, an object that may be an administrator's. */
export interface LaterPointer {
  /** The pointer as the message shows it: 'group_id "${var.g}"', 'url "groups/<id>/members/$ref"'. */
  readonly text: string;
  /** True when the pointer is a literal ID: then what is known only at apply time is the administrator's own object ID, or it is the administrator. */
  readonly literal: boolean;
  /** True when it names the object by an alternate key (uniqueName, appId), which no object ID can be compared with. */
  readonly alternateKey: boolean;
}

/**
 * How a directory writer names a group that may be the administrator's, by a pointer the checks cannot read as another
 * group (a literal ID while the administrator's is known only at apply time, or one known only then); undefined when it does not.
 */
export function laterGroupPointer(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined): LaterPointer | undefined {
  const attribute = groupPointerOf(resource.type);
  if (attribute !== undefined) {
    const value = resource.config[attribute];
    return mayBeGroupLater(administrator, value, stack) ? { text: `${attribute} ${JSON.stringify(value ?? null)}`, literal: typeof value === 'string', alternateKey: false } : undefined;
  }
  // An azuread type of no table (one a later provider adds) may write into the group its group argument names: read as the table's (fail closed).
  if (resource.type.startsWith('azuread_')) {
    const argument = Object.entries(resource.config).find(([key, value]) => GROUP_ARGUMENT.test(key) && mayBeGroupLater(administrator, value, stack));
    if (argument !== undefined) return { text: `${argument[0]} ${JSON.stringify(argument[1] ?? null)}`, literal: typeof argument[1] === 'string', alternateKey: false };
  }
  // Graph and REST writes address a group by path or body field (directory-pointers.ts).
  return laterPathPointer(administrator, resource, stack, ['groups']);
}

/**
 * How a Graph or REST write names, by a pointer into one of the collections (directory-pointers.ts: a path in any text, a
 * body field) that the checks cannot read as another object, an object that may be the administrator, for messages.
 */
export function laterPathPointer(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined, collections: readonly DirectoryCollection[]): LaterPointer | undefined {
  const pointer = pointersOf(resource, stack).find((each) => collections.includes(each.collection) && pointerMayBe(administrator, each, stack));
  return pointer === undefined ? undefined : { text: pointer.where, literal: !pointer.id.includes('${'), alternateKey: pointer.alternateKey };
}

const pointersByResource = new WeakMap<ResourceView, readonly DirectoryPointer[]>();

/** The directory objects a block names, read once per block: every administrator asks. */
export function pointersOf(resource: ResourceView, stack: StackFacts | undefined): readonly DirectoryPointer[] {
  let pointers = pointersByResource.get(resource);
  if (pointers === undefined) {
    pointers = directoryPointers(resource, stack?.providers);
    pointersByResource.set(resource, pointers);
  }
  return pointers;
}

/**
 * Whether a pointer may name the administrator: an alternate key may name any object but one the stack makes; a literal ID
 * (or a user principal name) by mayBeGroupLater's rule; an interpolation by what it reads.
 */
function pointerMayBe(administrator: ResourceView, pointer: DirectoryPointer, stack: StackFacts | undefined): boolean {
  if (pointer.alternateKey) return !isMadePrincipal(administrator.config.object_id, stack);
  return idMayBe(pointer.id, (literal) => {
    if (!literal.includes('@')) return mayBeGroupLater(administrator, literal, stack);
    // A user by its user principal name: the administrator's literal one, or any when it gives none.
    const names = administratorNames(administrator).filter((name) => name.includes('@'));
    return names.length === 0 ? !isMadePrincipal(administrator.config.object_id, stack) : names.includes(literal.trim().toLowerCase());
  }, (expression) => interpolationMayBe(administrator, expression, stack));
}

/** Whether one interpolation of a pointer may be the object's ID: a traversal read as a pointer, anything else may. */
function interpolationMayBe(administrator: ResourceView, expression: string, stack: StackFacts | undefined): boolean {
  const traversal = expression.trim();
  return !BLOCK_REFERENCE.test(traversal) || referenceMayBe(administrator, traversal, stack, 0, 'id');
}

/**
 * Whether a reference may read the group's ID (or, `as` 'name', its display name): a resource's
 * configured argument is read as configured; a new directory object the stack makes is another; a
 * data.azuread_group by its arguments; variables, locals, modules, other states and other lookups may.
 */
function referenceMayBe(administrator: ResourceView, reference: string, stack: StackFacts | undefined, depth: number, as: 'id' | 'name'): boolean {
  const found = BLOCK_REFERENCE.exec(reference);
  if (found === null) return true;
  const [, data, type, name, attribute, rest] = found;
  if (data === undefined && !type.includes('_')) return true;
  if (data !== undefined) {
    // A plural lookup is read by administrator-groups.ts (the name or ID at the index read); one the model lacks may be any.
    if (type === 'azuread_groups') return as === 'name' || stack?.resources?.has(`data.${type}.${name}`) !== true;
    const nameArgument = ownValue(LOOKUP_NAMES, type);
    return nameArgument === undefined || as === 'name' || lookupMayBe(administrator, instanceOf(stack?.lookups?.get(`data.${type}.${name}`), reference), nameArgument, stack, depth);
  }
  const resource = stack?.resources?.get(`${type}.${name}`);
  if (resource === undefined || attribute === undefined) return true;
  if (rest === '' && hasOwn(resource.config, attribute)) return valueMayBe(administrator, resource.config[attribute], stack, depth + 1, as);
  // A group, user, application or managed identity the stack makes (also a Graph write posting to a collection) is a new object, unless an
  // import or moved block adopts an existing one (A28a-8).
  const made = isNewObjectId(type, attribute) || (attribute === 'id' && createsDirectoryObject(resource));
  return !(as === 'id' && made && rest === '' && !isAdopted(resource.address, stack));
}

/** A literal string instance key of a lookup reference (`data.azuread_user.u["alice@contoso.com"].object_id`), as quoted. */
const LITERAL_KEY = /^data\.[a-z0-9_]+\.[^.[\]]+\["((?:[^"\\$%]|\\.)*)"\]/;

/**
 * The lookup a reference reads: with a literal key, the one instance of a for_each lookup it picks, whose arguments are that item's
 * (30th run, note N1: `data.azuread_user.u["alice@contoso.com"]` over several UPNs is alice's lookup); any other, the lookup read
 * through any of its instances.
 */
function instanceOf(lookup: ResourceView | undefined, reference: string): ResourceView | undefined {
  const key = LITERAL_KEY.exec(reference)?.[1];
  const config = key === undefined ? undefined : lookup?.instance?.(hclUnescaped(key));
  return config === undefined || lookup === undefined ? lookup : { ...lookup, config };
}

/** Whether an attribute of a resource of the type is the ID of a new object when the stack makes it: a directory object, a managed identity. */
function isNewObjectId(type: string, attribute: string): boolean {
  if (type === 'azurerm_user_assigned_identity') return ['id', 'principal_id', 'client_id'].includes(attribute);
  return type.startsWith('azuread_') && ['object_id', 'id'].includes(attribute);
}

/** Directory lookups the model compares, by the argument that names the object by display name (a user by its UPN). */
const LOOKUP_NAMES: { readonly [type: string]: string } = {
  azuread_group: 'display_name',
  azuread_service_principal: 'display_name',
  azuread_user: 'user_principal_name',
};

/** Whether a value may be the group's ID or display name. */
function valueMayBe(administrator: ResourceView, value: unknown, stack: StackFacts | undefined, depth: number, as: 'id' | 'name'): boolean {
  if (as === 'id') return mayBeGroupLater(administrator, value, stack, depth);
  if (depth > MAX_DEPTH) return true;
  const names = administratorNames(administrator);
  if (typeof value === 'string') return names.length === 0 || names.includes(value.trim().toLowerCase());
  if (!isUnknown(value)) return false;
  return !value.isPlainReference || referenceMayBe(administrator, value.references[0], stack, depth, 'name');
}

/**
 * Whether a data.azuread_group (service principal, user) may be the administrator's principal: by object ID or
 * display name (UPN), as its argument may be the principal's; by a mail nickname, or with no arguments the model
 * reads (a client ID), it may be.
 */
function lookupMayBe(administrator: ResourceView, lookup: ResourceView | undefined, nameArgument: string, stack: StackFacts | undefined, depth: number): boolean {
  if (lookup === undefined) return true;
  const { object_id: id, [nameArgument]: name, mail_nickname: nickname } = lookup.config;
  if (nickname !== undefined) return true;
  if (id !== undefined) return valueMayBe(administrator, id, stack, depth + 1, 'id');
  if (name !== undefined) return valueMayBe(administrator, name, stack, depth + 1, 'name');
  return true;
}

/** How a message names the object a moved block hands a resource. */
export const MOVED_POINTER = 'object (a moved block hands it the one another address managed)';

/**
 * Whether an import or moved block adopts the administrator's group into an azuread_group resource of the
 * stack (whose members and owners are then the group's): `{}` when its literal ID names the group,
 * `{ laterPointer }` ('import id "${var.g}"', a moved block's object) when it may, undefined when it adopts none or another.
 */
export function adoptedGroup(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined): { readonly laterPointer?: string } | undefined {
  const how = adoptedBy(resource.address, stack);
  if (how === undefined) return undefined;
  // A moved block hands the resource whatever object its old address managed, which no ID names (A28a-8): any existing group.
  if (how === 'moved') return isMadePrincipal(administrator.config.object_id, stack) ? undefined : { laterPointer: MOVED_POINTER };
  const id = importInto(resource.address, stack)?.id;
  const own = administrator.config.object_id;
  // The azuread provider imports a group by "/groups/<object ID>" (by its object ID before 3.0).
  if (typeof id === 'string' && typeof own === 'string') return id.toLowerCase().includes(own.trim().toLowerCase()) ? {} : undefined;
  if (typeof id === 'string' && isMadePrincipal(own, stack)) return undefined;
  return { laterPointer: `import id ${JSON.stringify(id ?? null)}` };
}

/**
 * Whether the administrator's own ID is a principal the stack makes (a group, user, service principal or
 * managed identity not adopted by an import): no literal is that new object.
 */
export function isMadePrincipal(id: unknown, stack: StackFacts | undefined): boolean {
  if (!isUnknown(id) || !id.isPlainReference) return false;
  const found = BLOCK_REFERENCE.exec(id.references[0]);
  return found !== null && found[1] === undefined && MADE_PRINCIPALS.includes(found[2]) && isNewObjectId(found[2], found[4] ?? '') && found[5] === ''
    && stackCreates(`${found[2]}.${found[3]}`, stack);
}

/** Types that make a principal an administrator's object ID may read. */
const MADE_PRINCIPALS = ['azuread_group', 'azuread_user', 'azuread_service_principal', 'azurerm_user_assigned_identity'];


/**
 * Entra object IDs are GUIDs: compared without case and surrounding spaces, without the path azuread 3.x writes
 * ("/servicePrincipals/<id>"), and in any spelling Graph parses (without hyphens, in braces).
 */
export function sameId(id: string, value: string): boolean {
  const [own, other] = [withoutDirectoryPath(id), withoutDirectoryPath(value)];
  return own === other || (guidKey(own) !== undefined && guidKey(own) === guidKey(other));
}

/** The object ID of a directory path ("/servicePrincipals/<id>", "/users/<id>"), lower case and trimmed. */
function withoutDirectoryPath(text: string): string {
  return text.trim().toLowerCase().replace(/^\/?(?:groups|users|serviceprincipals|applications)\//, '');
}
