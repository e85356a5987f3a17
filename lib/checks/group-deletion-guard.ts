/**
 * prevent_destroy guards the server's own block only: a plan that replaces or destroys the resource group that holds it (a group
 * block replaced by replace_triggered_by, imported with another location) deletes the server with the group, the plan showing no
 * change to the server. azurerm refuses to delete a group that still holds resources while its feature
 * `resource_group.prevent_deletion_if_contains_resources` is on (the default); an azurerm provider of the stack that turns it off,
 * or sets it by an expression, removes that guard for every group it manages (91st run, A91a-2). Another stack's provider is read for
 * the blocks of that stack that manage the server's group only (group-managers.ts; D4, B40), and a block with no guard (an azapi
 * group, a Complete deployment of another stack, its own or one its template nests) fails as such a provider does (B42, B71-12); a
 * resource group template deployment whose template deploys the group fails unless its provider keeps what it deployed on destroy,
 * and another stack's module, which may hold any of these, is not judged until a review suppresses the rule on it (C72-6).
 */
import { GroupManager, groupManagers } from './group-managers';
import { moduleReview } from './module-content';
import { unsafeFeature, unsafeFeatures } from './provider-features';
import { fail, PASS, StackFacts, unknown, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';

const FEATURE = 'features.resource_group.prevent_deletion_if_contains_resources';

/** A server's own prevent_destroy verdict with the guard's: each that does not pass, or PASS. */
export function withGroupGuard(own: Verdict, server: ServerView, stack: StackFacts | undefined): Verdict | readonly Verdict[] {
  const faults = [own, ...groupDeletionGuard(stack), ...groupManagers(server, stack).flatMap((found) => managerVerdict(found, server, stack) ?? [])]
    .filter((verdict) => verdict.status !== 'pass');
  return faults.length === 0 ? PASS : faults;
}

/** A verdict per azurerm provider of the stack that turns the guard off (fail) or may (unknown). */
function groupDeletionGuard(stack: StackFacts | undefined): Verdict[] {
  return unsafeFeatures(stack, 'resource_group', 'prevent_deletion_if_contains_resources', true).map(({ provider, value, later }) => (later
    ? unknown(`${FEATURE} of the azurerm provider ${provider} is known only at apply time, and off it lets a plan delete the server's resource group with the server in it, past prevent_destroy`)
    : fail(`the azurerm provider ${provider} sets ${FEATURE} = ${JSON.stringify(value)}: a plan that replaces or destroys the server's resource group deletes the server with it, which prevent_destroy on the server does not stop.`)));
}

/** A block that may delete the server's group (group-managers.ts): fail when it surely does so unguarded, unknown when it may. */
function managerVerdict({ block, kind, relation, provider, later }: GroupManager, server: ServerView, stack: StackFacts | undefined): Verdict | undefined {
  const group = relation === 'same' ? 'the server\'s resource group' : 'a resource group that may be the server\'s (a name or subscription is known only at apply time)';
  const verdict = (sure: boolean, what: string, effect = 'destroying or replacing it deletes the server with it') => {
    const message = `${block.address} ${what}: ${effect}, which prevent_destroy on the server does not stop`;
    return sure && relation === 'same' ? fail(`${message}.`, block.address) : unknown(message, block.address);
  };
  if (kind === 'complete') {
    const mode = later === true ? 'a mode known only at apply time; in Complete mode it' : 'Complete mode, which';
    return verdict(later !== true, `deploys into ${group} in ${mode} deletes every resource of the group its template does not list`, 'applying it deletes the server');
  }
  if (kind === 'module') return moduleVerdict(server, block);
  // A nested deployment names its own group: what an unread template reaches is any group, whatever the block's own (C72-4).
  if (kind === 'unread') return verdict(false, 'deploys a template the checks cannot read (a template spec or link, or text known only at apply time), which may hold a deployment in Complete mode into any resource group, the server\'s included', 'applying it may delete the server');
  if (kind === 'deploys') {
    const setting = templateSetting(provider, stack);
    if (setting === 'off') return undefined;
    return verdict(setting === 'on', `deploys ${group} through its template, and azurerm deletes what a resource group template deployment deployed when it is destroyed (features.template_deployment.delete_nested_items_during_deletion${setting === 'on' ? '' : ' of its provider is known only at apply time or cannot be read'})`);
  }
  if (kind === 'azapi') return verdict(true, `manages ${group} through azapi, which deletes a group with the resources in it (it has no ${FEATURE})`);
  const config = stack?.azurermProviders?.get(provider);
  if (config === undefined) return verdict(false, `manages ${group} with the provider ${provider}, whose ${FEATURE} the checks cannot read`);
  const setting = unsafeFeature(provider, config, 'resource_group', 'prevent_deletion_if_contains_resources', true);
  if (setting === undefined) return undefined;
  return verdict(!setting.later, `manages ${group} with the azurerm provider ${provider}, ${setting.later ? `whose ${FEATURE} is known only at apply time` : `which sets ${FEATURE} = ${JSON.stringify(setting.value)}`}`);
}

/**
 * Another stack's module, which the checks do not read: not judged until it is reviewed and the rule suppressed on it, which covers its
 * source and version only, and only a module pinned to fixed content (module-content.ts; C72-6).
 */
function moduleVerdict(server: ServerView, block: ResourceView): Verdict {
  const rule = server.kind === 'single' ? 'PGS-DEL-1' : 'PGF-DEL-1';
  const { subject, unpinned } = moduleReview(block.config.source, block.config.version);
  const fix = unpinned === undefined
    ? `review it, then suppress ${rule} on the module with the reason, which covers its ${subject} only`
    : `its content is not pinned: ${unpinned}; pin it (a local path, one exact registry version, a git commit), review it, then suppress ${rule} on the module with the reason`;
  return unknown(`${block.address} is a module the checks cannot read (${fix}): it may hold a deployment in Complete mode into any resource group, an azapi resource group or one whose provider turns ${FEATURE} off, `
    + 'the server\'s included: applying or destroying it may delete the server, which prevent_destroy on the server does not stop', block.address, subject);
}

/** Whether an azurerm provider deletes what a template deployment deployed when it is destroyed (on by default), or 'later' when the checks cannot tell. */
function templateSetting(provider: string, stack: StackFacts | undefined): 'on' | 'off' | 'later' {
  const config = stack?.azurermProviders?.get(provider);
  if (config === undefined) return 'later';
  const setting = unsafeFeature(provider, config, 'template_deployment', 'delete_nested_items_during_deletion', true);
  return setting === undefined ? 'on' : setting.later ? 'later' : 'off';
}
