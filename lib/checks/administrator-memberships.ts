/**
 * The groups the stack makes a declared administrator a member of (27th run): a Conditional Access policy excludes groups by their
 * object ID ("conditions.users.excludeGroups", Microsoft Graph conditionalAccessUsers), and an exclusion covers the group's members
 * at any depth, so the administrator who joins a group a live policy excludes (a break-glass or service-account exclusion is
 * common) is exempt from that policy, which the checks cannot see: a new way around the administrator's sign-in controls, as a
 * trusted named location is (A26-4). A group the stack makes (no import adopts it) has an object ID Entra gives at creation, which
 * no existing policy can name until someone edits it; a policy the stack writes that names it is read by administrator-policies.ts
 * (policy-scope.ts follows its members). Every writer reads alike: azuread_group_member, a group's own members list (azuread_group,
 * a Graph or REST post of a group, principal-writers.ts), and Graph's `groups/<id>/members/$ref` (graph-urls.ts); the administrator
 * named by its literal object ID or a reference to the block or lookup it reads. A member added to a declared administrator group
 * is read by administrator-groups.ts (foreign members), not here. 28th run: the administrator is also read through an Entra lookup of its
 * kind that may return it (namesObject, administrator-groups.ts), through a group the stack makes that holds it at any depth (carrier), and an existing
 * group the stack gives a dynamic membership rule may admit it (dynamicGroups).
 */
import { AMBIGUOUS, propertyInAnyCase } from './azapi-writes';
import { directoryWriters, GROUP_TYPES, isUnreadConstant, mayBeGroup, mayNameObject, namesObject, writesAdministratorId } from './administrator-groups';
import { resourcesOfType } from './beside-construct';
import { batchRequests, graphMembership, GraphSegment, GraphUrl, graphWrites, isBatch, mayReachGraph, ownObjectPaths, pathText, restfulSegments, sentBodies, urlObject } from './graph-urls';
import { isUnknown, mayBeItems, mayBeRead, readsIterator, Unknown, Value } from './hcl-expression';
import { admitsDynamically, azureadGroupSettings } from './open-groups';
import { mayBeKind } from './policy-scope';
import { principalWriters } from './principal-writers';
import { StackFacts } from './rule';
import { isAdopted, stackCreates } from './stack-created';
import type { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

/** A block that makes the administrator a member of a group the stack does not prove new, and what it does. */
export interface MembershipAddition {
  readonly resource: ResourceView;
  readonly administrator: ResourceView;
  readonly text: string;
}

/** One membership a block writes: the group (a value, or the block that makes it) and its members as written. */
interface Membership {
  readonly resource: ResourceView;
  /** The group as its pointer reads; undefined when the block is the group (its own members list). */
  readonly group?: unknown;
  readonly members: readonly unknown[];
  /**
   * The block's for_each as its text when its members read the iterator and the evaluator could not read the collection (`toset(concat(var.l, ["<id>"]))`,
   * a `for` with more unknown filters than it reads) or the member (unreadIteration): the member records only references, so the collection's text is read here.
   */
  readonly iterated?: Unknown;
}

/**
 * The block's for_each as its text, when a member reads its iterator in any spelling (`each.value`, `(each).value`, `values(each)[1]`,
 * `each[*]`: readsIterator, 32nd run, A32a-3) and the evaluator could not read the collection (no choices) or could not follow the member
 * (no choices): the member may then be any item, so the collection's text is read here (writesAdministratorId).
 */
function unreadIteration(resource: ResourceView, members: readonly unknown[]): Unknown | undefined {
  const collection = resource.config.for_each;
  if (collection === undefined) return undefined;
  const unread = (value: unknown) => isUnknown(value) && (value.choices === undefined || value.choices.length === 0);
  // A member the evaluator made a list (`each[*].value[0]`, 33rd run) reads the iterator through its items.
  const unknownsIn = (value: unknown): Unknown[] => (Array.isArray(value) ? value.flatMap(unknownsIn) : isUnknown(value) ? [value] : []);
  const reading = members.flatMap(unknownsIn).filter((member) => readsIterator(member.expression, 'each'));
  if (!reading.some((member) => unread(collection) || unread(member))) return undefined;
  // The collection is its one part: what the checks computed inside it (a local holding the ID, a constant call: A32b-1) stays readable.
  // A member that reads a path of the item (`each.value.id`, `each.value["id"]`) reads that path of each item it may be, not the item's
  // other attributes (`ca = filebase64("ca.pem")`: 33rd run, A33a-4); any other reading (`each.key`, a call on it) reads it whole.
  const paths = reading.map((member) => itemPath(member.expression));
  const read = paths.every((path): path is (string | number)[] => path !== undefined) ? mayBeItems(collection as Value).flatMap((item) => paths.flatMap((path) => mayBeRead(item, path))) : [collection as Value];
  return isUnknown(collection) ? new Unknown(collection.expression, collection.references, undefined, undefined, undefined, undefined, read) : new Unknown(JSON.stringify(collection), []);
}

/** A member reading `each.value` or a path of it (`each.value.id`, `each.value["id"]`, `each.value[0]`): the path; undefined for any other reading. */
function itemPath(expression: string): (string | number)[] | undefined {
  const written = ITEM_PATH.exec(expression);
  if (written === null) return undefined;
  return [...written[1].matchAll(ITEM_STEP)].map((step) => step[1] ?? (step[2] === undefined ? JSON.parse(step[3]) as string : Number(step[2])));
}

/** `each.value` and its steps by name, number or quoted plain name. */
const ITEM_PATH = /^each\.value((?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[\w-]*"\])*)$/;
const ITEM_STEP = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[("[\w-]*")\]/g;

/** A directory object's ID in a Graph URL ("https://graph.microsoft.com/v1.0/directoryObjects/<id>", users/<id>, ...). */
const BOUND = /(?:^|\/)(?:directoryobjects|users|groups|serviceprincipals)\/+([^/?#\s]+)\/*$/i;
/** The block an expression reads ("azuread_group.g" of "azuread_group.g.object_id"). */
const ENTITY = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)/;

/** The ID a member written as a Graph URL binds, as a value of its own (a literal, or the one reference it interpolates); other values as written. */
function boundId(written: unknown): unknown {
  const text = typeof written === 'string' ? written : isUnknown(written) ? written.spelling : undefined;
  const found = text === undefined ? null : BOUND.exec(text.trim());
  if (found === null) return written;
  if (typeof written === 'string') return found[1];
  const reference = /^\$\{\s*([^{}\s]+)\s*\}$/.exec(found[1])?.[1];
  return isUnknown(written) && reference !== undefined && written.references.length === 1 && written.references[0] === reference ? new Unknown(reference, [reference]) : written;
}

/** A Graph path's group segment as a value: its text, or the one reference a segment known only at apply time reads. */
function segmentValue(segment: GraphSegment): unknown {
  if (!segment.later) return segment.text;
  const reference = /^\$\{\s*([^{}\s]+)\s*\}$/.exec(segment.text)?.[1];
  return reference === undefined ? new Unknown(segment.text, []) : new Unknown(reference, [reference]);
}

/** Every membership the stack writes, in each writer's form. */
function memberships(stack: StackFacts | undefined): Membership[] {
  const joined = resourcesOfType(stack, 'azuread_group_member').map((resource): Membership => {
    const members = [resource.config.member_object_id];
    return { resource, group: resource.config.group_object_id, members, iterated: unreadIteration(resource, members) };
  });
  const listed = [...principalWriters(stack).values()].flatMap(({ resource, kind, fields }): Membership[] => {
    if (kind !== 'group' || isUnknown(fields)) return [];
    const members = fields.members;
    // A list the evaluator could not read (`concat(var.extra, ["<id>"])`) is one member that may be any (31st run, A31a-1).
    const listed = Array.isArray(members) ? members.map(boundId) : isUnknown(members) ? [members] : [];
    return listed.length === 0 ? [] : [{ resource, members: listed, iterated: unreadIteration(resource, listed) }];
  });
  const graph = directoryWriters(stack).flatMap((resource): Membership[] => {
    const membership = graphMembership(resource);
    if (membership === undefined) return [];
    // A Graph member that reads the iterator of a for_each the evaluator could not read is read through it, as above (32nd run, A32b-1).
    const members = [boundId(membership.member)];
    return [{ resource, group: segmentValue(membership.group), members, iterated: unreadIteration(resource, [membership.member]) }];
  });
  return [...joined, ...listed, ...graph];
}

/** The group the stack makes (any writer, no import adopting it) that a pointer reads by a plain reference; undefined for any other. */
function madeGroup(value: unknown, stack: StackFacts | undefined): string | undefined {
  const entity = isUnknown(value) && value.isPlainReference ? ENTITY.exec(value.references[0])?.[1] : undefined;
  const writer = entity === undefined ? undefined : principalWriters(stack).get(entity);
  return writer?.kind === 'group' && stackCreates(writer.resource, stack) ? writer.resource.address : undefined;
}

/** Group chains followed through the stack's own groups, at most (Entra refuses a membership cycle; a deeper chain is not read). */
const MAX_DEPTH = 8;

/** How a member carries the administrator: through which group of the stack ('' when it is the member), and whether for sure or it may. */
interface Carried {
  readonly through: string;
  readonly sure: boolean;
}

/**
 * Whether a member carries the administrator into the group it joins: it is the administrator (through ''), or a group the stack makes
 * that holds it at any depth through the stack's own groups (its address): a Conditional Access exclusion covers nested members (28th run,
 * A28a-6). A member whose content is a constant the checks cannot compute may be it (isUnreadConstant, 30th run, A30a-1): not sure.
 */
function carrier(administrator: ResourceView, member: unknown, all: readonly Membership[], stack: StackFacts | undefined, seen: Set<string>): Carried | undefined {
  if (namesObject(administrator, member, stack)) return { through: '', sure: true };
  if (isUnreadConstant(member, administrator, stack)) return { through: '', sure: false };
  const group = madeGroup(member, stack);
  if (group === undefined || seen.has(group) || seen.size >= MAX_DEPTH) return undefined;
  seen.add(group);
  const inner = all.filter((each) => (each.group === undefined ? stackCreates(each.resource, stack) && each.resource.address === group : madeGroup(each.group, stack) === group))
    .flatMap((each) => each.members.map((one) => carrier(administrator, one, all, stack, seen))).filter((each): each is Carried => each !== undefined);
  return inner.length === 0 ? undefined : { through: group, sure: inner.some((each) => each.sure) };
}

/**
 * Whether this reader judges a Graph write, so the readers of unread Graph writes leave it: it only adds a member to a group that
 * is not (and may not be) a declared administrator group, and that group is one the stack makes or the member is a declared
 * administrator.
 */
export function judgedMembership(resource: ResourceView, administrators: readonly ResourceView[], stack: StackFacts | undefined): boolean {
  const membership = graphMembership(resource);
  if (membership === undefined) return false;
  const group = segmentValue(membership.group);
  if (administrators.filter(mayBeGroup).some((each) => mayNameObject(each, group, stack))) return false;
  const member = boundId(membership.member);
  const iterated = unreadIteration(resource, [membership.member]);
  return madeGroup(group, stack) !== undefined || administrators.some((each) => namesObject(each, member, stack) || isUnreadConstant(member, each, stack)
    || (iterated !== undefined && writesAdministratorId(each, iterated, stack)));
}

/** How the message names the administrator. */
function named(administrator: ResourceView): string {
  return JSON.stringify(administrator.config.principal_name ?? administrator.config.login ?? administrator.config.object_id ?? null);
}

/** The blocks that make a declared administrator a member of a group the stack does not make (a literal ID, a lookup, an import, a value known only at apply time). */
export function membershipAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): MembershipAddition[] {
  const groupAdministrators = administrators.filter(mayBeGroup);
  const all = memberships(stack);
  const added = all.flatMap(({ resource, group, members, iterated }): MembershipAddition[] => {
    // A group that is (or may be) a declared administrator group: what joins it is read as a foreign member (administrator-groups.ts).
    if (group !== undefined && groupAdministrators.some((each) => mayNameObject(each, group, stack))) return [];
    const made = group === undefined ? stackCreates(resource, stack) : madeGroup(group, stack) !== undefined;
    if (made) return [];
    const carried = administrators.flatMap((administrator) => members.map((member) => carrier(administrator, member, all, stack, new Set()))
      .filter((each): each is Carried => each !== undefined).map((each) => ({ administrator, ...each }))
      .concat(iterated !== undefined && writesAdministratorId(administrator, iterated, stack) ? [{ administrator, through: '', sure: false }] : []));
    // A sure reading first: the message says "makes" when one member is the administrator, "may make" when one only may be.
    const found = carried.find((each) => each.sure) ?? carried[0];
    if (found === undefined) return [];
    const { administrator, through, sure } = found;
    const which = group === undefined ? 'the existing group an import adopts into it' : `the group ${JSON.stringify(isUnknown(group) ? group.expression : group ?? null)}`;
    const via = through === '' ? '' : ` (through ${through}, a group the stack makes that holds it${sure ? '' : ' or may'})`;
    const how = sure ? 'makes' : 'may make';
    const why = sure ? '' : ' (a member whose value is a constant the checks cannot compute, such as base64decode, file or a heredoc, or an expression they cannot compute that holds its object ID or a part that may be it, such as concat(var.x, ["<id>"]) or lookup(var.m, "k", local.admin), which nothing proves another principal)';
    return [{ resource, administrator, text: `${how} ${named(administrator)} a member${via}${why} of ${which}, one the stack does not make: a live Conditional Access policy may exclude that group by its object ID, which exempts its members` }];
  });
  return [...added, ...dynamicGroups(administrators, stack)];
}

/** A group's membership fields a Graph write's body sets, in Graph's spelling, lower case (propertyInAnyCase reads them). */
const DYNAMIC_FIELDS = ['grouptypes', 'membershiprule', 'membershipruleprocessingstate'] as const;

/**
 * Whether a Graph write's body (sentBody) sets or may set a dynamic membership rule on the group it writes: `groupTypes` that hold or
 * may hold DynamicMembership, a `membershipRule`, or a `membershipRuleProcessingState` other than `Paused` (`On` turns on the rule the
 * group has, which the checks cannot read: Microsoft Graph, group resource type). 'later' when the body is no object the checks read (a
 * value known only at apply time, a text that is no JSON, a field written twice in different case).
 */
function setsDynamicRule(body: unknown): boolean | 'later' {
  if (body === undefined || body === null) return false;
  if (!isObject(body) || isUnknown(body)) return 'later';
  const [types, rule, state] = DYNAMIC_FIELDS.map((name) => propertyInAnyCase(body, name));
  if ([types, rule, state].includes(AMBIGUOUS)) return 'later';
  const paused = state === undefined || state === null || (typeof state === 'string' && state.trim().toLowerCase() === 'paused');
  return admitsDynamically({ types, dynamicRule: rule }) || !paused;
}


/** The group an import or moved block hands a Graph or REST block (writtenGroup): an existing one, its ID not read. */
const ADOPTED = Symbol('the existing group an import or moved block adopts');

/**
 * The group a Graph or REST write (graphWrites: msgraph, restapi, restful, terracurl, their lookups' forms aside) writes over, when it
 * writes one that exists: a group's key by any method but a POST (a GET is no write, a DELETE sets nothing) in every URL the pointer
 * readers read as that group (graph-urls.ts urlObject: `groups/<id>`, `groups('<id>')`, the cast `directoryObjects/<id>/microsoft.graph.group`,
 * and `directoryObjects/<id>`, which may be a group: 30th run, A30a-5), or the `groups` collection written by a block an import or
 * moved block adopts an existing object into (its updates write that group, whatever its ID). Undefined for any other write, and for a
 * path that names the group the block itself makes (graph-urls.ts ownObjectPaths: restful's `$(body.id)` after a POST, restapi's `{id}`;
 * another restful body parameter names what the body sets, A30a-6).
 */
function writtenGroup(resource: ResourceView, url: GraphUrl, method: string | undefined, stack: StackFacts | undefined): unknown {
  if (method === 'DELETE') return undefined;
  const adopted = isAdopted(resource.address, stack);
  // restful's body parameters (`$(body.x)`) read as one segment known only at apply time (graph-urls.ts restfulSegments).
  const read: GraphUrl = { ...url, segments: restfulSegments(resource, url) };
  const [only, ...more] = read.segments;
  if (only !== undefined && more.length === 0 && !only.later && only.text.toLowerCase() === 'groups') return adopted ? ADOPTED : undefined;
  const object = urlObject(read);
  if (object === undefined || object.rest.length > 0 || (object.kind !== undefined && object.kind !== 'group')) return undefined;
  const id = object.id;
  if (ownObjectPaths(resource, stack?.providers ?? []).objects.includes(pathText(url).toLowerCase())) return adopted ? ADOPTED : undefined;
  return method === 'POST' ? undefined : segmentValue(id);
}

/**
 * The blocks that set a dynamic membership rule on a group the stack does not make (28th run, A28a-7): an azuread group an import
 * adopts, a Graph or REST write of an existing group (writtenGroup: every writer graphWrites reads, that may reach Graph; 29th run,
 * A29a-2) whose body sets or may set a rule (setsDynamicRule). The rule admits every user it matches, the administrator too unless
 * the checks could prove otherwise, which they do not try: a live Conditional Access policy may exclude the group. Dynamic groups
 * hold users or devices, so only an administrator that may be a user is read.
 */
function dynamicGroups(administrators: readonly ResourceView[], stack: StackFacts | undefined): MembershipAddition[] {
  const administrator = administrators.find((each) => mayBeKind(each, ['user']));
  if (administrator === undefined) return [];
  const groupAdministrators = administrators.filter(mayBeGroup);
  const text = (how: string) => `${how}: the rule may admit ${named(administrator)}, and a live Conditional Access policy may exclude that group by its object ID, which exempts its members`;
  const adopted = GROUP_TYPES.flatMap((type) => resourcesOfType(stack, type))
    .filter((resource) => !stackCreates(resource, stack) && admitsDynamically(azureadGroupSettings(resource.config)))
    .map((resource) => ({ resource, administrator, text: text('sets a dynamic membership rule on the existing group an import adopts into it') }));
  const providers = stack?.providers ?? [];
  const patched = directoryWriters(stack).flatMap((resource): MembershipAddition[] => {
    if (!mayReachGraph(resource, providers)) return [];
    // Each group a request writes, with the bodies that reach it: every body the block sends, from the HTTP-request table (graph-urls.ts
    // sentBodies: restful's update_body_patches applied too; A30a-4), or a $batch request's own (its URL read as any other request's).
    const writes = graphWrites(resource, providers).flatMap(({ url, method }) => (isBatch(url) && (method === undefined || method === 'POST')
      ? batchRequests(resource).map((request) => ({ group: writtenGroup(resource, request.url, request.method, stack), bodies: [request.body] }))
      : [{ group: writtenGroup(resource, url, method, stack), bodies: sentBodies(resource) }]));
    const found = writes.map(({ group, bodies }) => {
      if (group === undefined || (group !== ADOPTED && (madeGroup(group, stack) !== undefined || groupAdministrators.some((each) => mayNameObject(each, group, stack))))) return { group, sets: false as const };
      const judged = bodies.map(setsDynamicRule);
      return { group, sets: judged.includes(true) || (judged.includes('later') ? 'later' as const : false as const) };
    }).find((each) => each.sets !== false);
    if (found === undefined) return [];
    const { group, sets } = found;
    const which = group === ADOPTED ? 'the existing group an import or moved block adopts into it' : `the group ${JSON.stringify(isUnknown(group) ? group.spelling : group)}`;
    const how = sets === 'later' ? `may set (a body the checks cannot read, or known only at apply time) a dynamic membership rule on ${which}` : `sets or turns on a dynamic membership rule on ${which}`;
    return [{ resource, administrator, text: text(`${how}, one the stack does not make`) }];
  });
  return [...adopted, ...patched];
}
