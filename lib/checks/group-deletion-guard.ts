/**
 * prevent_destroy guards the server's own block only: a plan that replaces or destroys the resource group that holds it (a group
 * block replaced by replace_triggered_by, imported with another location) deletes the server with the group, the plan showing no
 * change to the server. azurerm refuses to delete a group that still holds resources while its feature
 * `resource_group.prevent_deletion_if_contains_resources` is on (the default); an azurerm provider of the stack that turns it off,
 * or sets it by an expression, removes that guard for every group it manages (91st run, A91a-2).
 */
import { unsafeFeatures } from './provider-features';
import { fail, PASS, StackFacts, unknown, Verdict } from './rule';

const FEATURE = 'features.resource_group.prevent_deletion_if_contains_resources';

/** A server's own prevent_destroy verdict with the guard's: each that does not pass, or PASS. */
export function withGroupGuard(own: Verdict, stack: StackFacts | undefined): Verdict | readonly Verdict[] {
  const faults = [own, ...groupDeletionGuard(stack)].filter((verdict) => verdict.status !== 'pass');
  return faults.length === 0 ? PASS : faults;
}

/** A verdict per azurerm provider of the stack that turns the guard off (fail) or may (unknown). */
function groupDeletionGuard(stack: StackFacts | undefined): Verdict[] {
  return unsafeFeatures(stack, 'resource_group', 'prevent_deletion_if_contains_resources', true).map(({ provider, value, later }) => (later
    ? unknown(`${FEATURE} of the azurerm provider ${provider} is known only at apply time, and off it lets a plan delete the server's resource group with the server in it, past prevent_destroy`)
    : fail(`the azurerm provider ${provider} sets ${FEATURE} = ${JSON.stringify(value)}: a plan that replaces or destroys the server's resource group deletes the server with it, which prevent_destroy on the server does not stop.`)));
}
