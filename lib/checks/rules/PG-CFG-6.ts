import { resourcesUnder } from '../beside-construct';
import { PinnedAttributes, writtenValues } from '../pinned-attributes';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { ServerView } from '../stack-model';

/**
 * A server construct's own resources keep the identity attributes its props set: the Entra
 * administrators, the NSG its subnet association uses, the azure.extensions allow-list, the
 * preloaded libraries, where the diagnostic setting sends the logs, the server's delegated subnet
 * and private DNS zone, its customer-managed key and the identities that may use it (Single
 * Server: its identity, key resource and who receives threat alerts), the private endpoint's
 * subnet, server and DNS zones, and the provider (subscription and tenant) of the server and of
 * each of those resources. The other rules judge
 * whether a control has a secure value; an override that points the control at another principal,
 * group, extension, subnet, key or subscription keeps a secure-looking value and passes them, while
 * the report still shows the names the props gave. A value given as a token must stay the same
 * expression; an attribute the props left unset may not be added. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PG-CFG-6',
  title: 'The construct\'s resources keep the administrators, network, key, identities, extensions, libraries, log and alert destinations and providers its props set',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const pins = pinsOf(stack?.pinned ?? [], server.constructPath);
    if (pins.length === 0) {
      // A construct's own server whose pins were deleted from the JSON would skip every comparison.
      const owner = (stack?.constructs ?? []).find((path) => server.constructPath === `${path}/Server`);
      return owner === undefined
        ? notApplicable('no library construct made the server')
        : fail(`${owner}, a library construct, made the server but the JSON holds none of the attributes it pinned (//.cdktf-azure-postgres-pinned), so they cannot be compared with its resources.`);
    }
    const verdicts = pins.flatMap((pin) => differences(server, pin, stack!));
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function differences(server: ServerView, pin: PinnedAttributes, stack: StackFacts): Verdict[] {
  const resource = resourcesUnder(stack, pin.path).find((candidate) => candidate.constructPath === pin.path);
  if (resource === undefined) return [fail(`${pin.path}, which the construct of ${server.address} makes, is not in the JSON.`)];
  return Object.entries(pin.attributes).flatMap(([name, expected]) => {
    const written = writtenValues(resource.config, name.split('.')).find((value) => JSON.stringify(value) !== JSON.stringify(expected));
    if (written === undefined) return [];
    const set = expected === null ? 'leave it unset' : `set ${JSON.stringify(expected)}`;
    return [fail(`${name} is ${written === null ? 'unset' : JSON.stringify(written)}, where the construct's props ${set}.`, resource.address)];
  });
}


/** The pins by the server they belong to, in the list's order, grouped once per stack (every server asks). */
const pinsByServer = new WeakMap<readonly PinnedAttributes[], ReadonlyMap<string, readonly PinnedAttributes[]>>();

function pinsOf(pinned: readonly PinnedAttributes[], server: string | undefined): readonly PinnedAttributes[] {
  let byServer = pinsByServer.get(pinned);
  if (byServer === undefined) {
    const built = new Map<string, PinnedAttributes[]>();
    pinned.forEach((pin) => built.set(pin.server, [...(built.get(pin.server) ?? []), pin]));
    byServer = built;
    pinsByServer.set(pinned, byServer);
  }
  return server === undefined ? [] : byServer.get(server) ?? [];
}
