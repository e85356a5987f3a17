/**
 * An azapi block that acts on a resource a library construct made (its delete lock, diagnostic
 * setting, role assignments, NSG and rules, subnet, zone and links, the password's secret), named
 * by a reference to that resource's ID: the reference is its ID, as its literal ID is, and what the
 * block does there (a DELETE of the lock, a rule added under the NSG) no rule reads. By the literal
 * ID of the lock the block already named the server; by a reference it named nothing the rules
 * knew (fourteenth review, A14b-15). Only what the block acts on counts (its resource_id, or the
 * parent_id it writes below): a body that merely carries the ID (a vault reference) reads it. A
 * resource_id known only at apply time, of the type of the construct's lock, diagnostic setting or
 * role assignment, may be it (as later-parents.ts reads a pointer at a network parent).
 */
import { blockOf, readsAttribute } from './attribute-reads';
import { madeBy, madeServerOwner, resourcesUnder } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { mayNameParent } from './later-parents';
import { StackFacts } from './rule';
import { mentionsIn } from './server-mentions';
import { ResourceView, ServerView } from './stack-model';
import { literalString } from './value-readers';
import { azureTypeKey } from './azapi-writes';

/** The arguments of an azapi block that say what it acts on: the resource, or the parent it writes a child below. */
const TARGETS = ['resource_id', 'parent_id'];
/** The ARM types (lower case) of the resources a construct makes on its server, which an azapi block acts on by resource_id. */
const ARM_TYPES: { readonly [type: string]: string } = {
  azurerm_management_lock: 'microsoft.authorization/locks',
  azurerm_monitor_diagnostic_setting: 'microsoft.insights/diagnosticsettings',
  azurerm_role_assignment: 'microsoft.authorization/roleassignments',
};
/** The attributes that hold a resource's Azure ID (a Key Vault secret's or key's `id` is its URL; `resource_id` its ID). */
const ID_ATTRIBUTES = ['id', 'resource_id', 'resource_versionless_id'];

/**
 * The resource the construct that made the server made, which an azapi block acts on by a
 * reference to its ID, described for the writer's message, e.g. 'azurerm_management_lock.x (a
 * resource orders/Postgres made), whose ID its resource_id reads,'; undefined when none.
 */
export function madeResourceTarget(block: ResourceView, server: ServerView, stack: StackFacts | undefined): string | undefined {
  const owner = madeServerOwner(server, stack);
  if (owner === undefined) return undefined;
  const made = madeResources(stack, owner);
  for (const attribute of TARGETS) {
    for (const reference of mentionsIn(block.config[attribute]).references) {
      const address = blockOf(reference);
      if (address !== undefined && made.has(address) && readsAttribute(reference, address, ID_ATTRIBUTES)) {
        return `${address} (a resource ${owner} made), whose ID its ${attribute} reads,`;
      }
    }
  }
  // A resource_id known only at apply time (a variable, another state's output) may be the construct's lock, setting or assignment of its type.
  const pointer = block.config.resource_id;
  const literal = literalString(block.config.type);
  const type = literal === undefined ? undefined : azureTypeKey(literal);
  if (!isUnknown(pointer) || type === undefined) return undefined;
  const maybe = [...made.values()].find((resource) => ARM_TYPES[resource.type] === type && mayNameParent(pointer, resource, { idPath: undefined }, stack?.lookups, stack?.resources));
  return maybe === undefined ? undefined : `${maybe.address} (a resource ${owner} made), whose resource_id ${JSON.stringify(pointer)} is known only at apply time and may be it,`;
}

/** The resources a construct made by address, once per stack and construct (every azapi block asks). */
const madeByStack = new WeakMap<readonly ResourceView[], ReadonlyMap<string, ResourceView>>();
function madeResources(stack: StackFacts | undefined, owner: string): ReadonlyMap<string, ResourceView> {
  const under = resourcesUnder(stack, owner);
  let made = madeByStack.get(under);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same map
  if (made === undefined) madeByStack.set(under, (made = new Map(under.filter((resource) => madeBy(resource, owner)).map((resource) => [resource.address, resource]))));
  return made;
}
