import { declarationsOf } from '../access-declarations';
import { madeBy, madeServerOwner } from '../beside-construct';
import { ignoredPinnedAttributes } from '../ignored-pins';
import { resourceAddress } from '../import-targets';
import { shadowedNeededRules } from '../shadowed-security-rules';
import { importedType, importTest, resourceId } from '../made-object-ids';
import { PinnedAttributes, writtenValues } from '../pinned-attributes';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { isObject } from '../terraform-json';

/**
 * A server construct's own resources keep the identity attributes its props set: the Entra
 * administrators, the NSG its subnet association uses and what each of the NSG's rules matches
 * and does, the Key Vault secret of a generated password (vault, name, write-only value; a
 * literal written there is named, never printed), what rotates a generated password (its keepers,
 * the server's or a password member's write-only value and version, the secret's version, a
 * member's rotation schedule and expiry), what would make the server a copy of another one
 * (create_mode and its source: unset), what the server waits for (depends_on: its network
 * guards, to which a caller may add), that no import or moved block adopts a live object or
 * another resource's state into one of them (what it holds and the props do not describe would stay), the principal each roleAssignments item grants
 * its justified role to, every server parameter it writes (the azure.extensions allow-list, the
 * preloaded libraries, and values the props or defaults set above the pack's floor: log file retention,
 * TLS 1.3, pgaudit classes), the ranges of its firewall rules and the subnets of its VNet rules (a
 * justification covers only the ranges it was written for), where the diagnostic setting sends the logs, the server's delegated subnet
 * and private DNS zone, the Entra tenant whose principals sign in to it, its customer-managed key and the identities that may use it (Single
 * Server: its identity, key resource, threat alert recipients and storage), the private endpoint's
 * subnet, server and DNS zones, where every resource it makes is and what it hangs under (name, group,
 * location, scope, parent pointers; the shared DNS zones and links it uses too: thirteenth review, A13-6),
 * and the provider (subscription and tenant) of the server and of
 * each of those resources and of the data source its subnet's precondition reads the subscription from. The other rules judge
 * whether a control has a secure value; an override that points the control at another principal,
 * group, extension, subnet, key or subscription keeps a secure-looking value and passes them, while
 * the report still shows the names the props gave. A value given as a token must stay the same
 * expression; an attribute the props left unset may not be added, and one they set may not be
 * ignored (lifecycle.ignore_changes): Terraform would never apply its next value. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PG-CFG-6',
  title: 'The construct\'s resources keep the administrators, network, NSG rules, firewall ranges, key, identities, password vault, server parameters, log and alert destinations and providers its props set',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    // Stryker disable next-line ArrayDeclaration: equivalent: a list of one text holds no pin of any server path
    const pins = pinsOf(stack?.pinned ?? [], server.constructPath);
    if (pins.length === 0) {
      // A construct's own server whose pins were deleted from the JSON would skip every comparison.
      // Stryker disable next-line ArrayDeclaration: equivalent: no server path is "Stryker was here/Server"
      const owner = (stack?.constructs ?? []).find((path) => server.constructPath === `${path}/Server`);
      return owner === undefined
        ? notApplicable('no library construct made the server')
        : fail(`${owner}, a library construct, made the server but the JSON holds none of the attributes it pinned (//.cdktf-azure-postgres-pinned), so they cannot be compared with its resources.`);
    }
    const owner = madeServerOwner(server, stack);
    const verdicts = [...pins.flatMap((pin) => differences(server, pin, stack!)), ...adopted(server, stack!), ...(owner === undefined ? [] : shadowedNeededRules(server, owner, stack))];
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function differences(server: ServerView, pin: PinnedAttributes, stack: StackFacts): Verdict[] {
  const resource = byConstructPath(stack).get(pin.path);
  if (resource === undefined) return [fail(`${pin.path}, which the construct of ${server.address} makes, is not in the JSON: what it guarded goes with it.`)];
  const changed = Object.entries(pin.attributes).flatMap(([name, expected]) => {
    // Most pins are text: compared as text, without writing each value (or the pin) as JSON.
    let text: string | undefined;
    const differs = AT_LEAST.has(name)
      ? (value: unknown) => !keepsEvery(value, expected)
      : (value: unknown) => (typeof value === 'string' && typeof expected === 'string' ? value !== expected : JSON.stringify(value) !== (text ??= JSON.stringify(expected)));
    const written = writtenValues(resource.config, name.split('.')).find(differs);
    if (written === undefined) return [];
    const set = expected === null ? 'leave it unset' : `set ${JSON.stringify(expected)}${AT_LEAST.has(name) ? ' (entries may be added, none removed)' : ''}`;
    return [fail(`${name} is ${shown(`${resource.type}.${name}`, written)}, where the construct's props ${set}.`, resource.address)];
  });
  const ignored = ignoredPinnedAttributes(pin, resource.config);
  if (ignored.entries.length === 0) return changed;
  const names = ignored.attributes.join(', ');
  return [...changed, fail(`lifecycle.ignore_changes holds ${ignored.entries.map((entry) => JSON.stringify(entry)).join(', ')}, so Terraform would never apply a change the construct's props make to ${names}.`, resource.address)];
}

/** Pinned lists a caller may add to: the server waiting for more than its guards is harmless. */
const AT_LEAST = new Set(['depends_on']);

/** Whether a written list holds every entry of the pinned one (a pin of no entries holds for any). */
function keepsEvery(written: unknown, pinned: unknown): boolean {
  const required = Array.isArray(pinned) ? pinned : [];
  return required.length === 0 || (Array.isArray(written) && required.every((entry) => written.includes(entry)));
}

/** The pins by the server they belong to, in the list's order, grouped once per stack (every server asks). */
const pinsByServer = new WeakMap<readonly PinnedAttributes[], ReadonlyMap<string, readonly PinnedAttributes[]>>();

function pinsOf(pinned: readonly PinnedAttributes[], server: string | undefined): readonly PinnedAttributes[] {
  let byServer = pinsByServer.get(pinned);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (byServer === undefined) {
    const built = new Map<string, PinnedAttributes[]>();
    pinned.forEach((pin) => {
      const pins = built.get(pin.server);
      if (pins === undefined) built.set(pin.server, [pin]);
      else pins.push(pin);
    });
    byServer = built;
    pinsByServer.set(pinned, byServer);
  }
  return server === undefined ? [] : byServer.get(server) ?? [];
}
/** The stack's resources by construct path (the first one in the JSON), read once per stack: each pin looks one up. */
const pathIndexes = new WeakMap<object, ReadonlyMap<string, ResourceView>>();
function byConstructPath(stack: StackFacts): ReadonlyMap<string, ResourceView> {
  const resources = stack.resources ?? new Map<string, ResourceView>();
  let index = pathIndexes.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (index === undefined) {
    const paths = new Map<string, ResourceView>();
    for (const resource of resources.values()) {
      if (resource.constructPath !== undefined && !paths.has(resource.constructPath)) paths.set(resource.constructPath, resource);
    }
    index = paths;
    pathIndexes.set(resources, index);
  }
  return index;
}

/** Pinned attributes that hold a secret, by resource type: a literal written there is not printed. */
const SECRETS = new Set(['azurerm_key_vault_secret.value', 'azurerm_key_vault_secret.value_wo', 'azurerm_postgresql_server.threat_detection_policy.storage_account_access_key']);

/**
 * A written value as a message shows it: a secret that is not one plain reference is named, never
 * printed, as what it is: text, or a dynamic block (writtenValues) whose content may hold the secret.
 */
function shown(attribute: string, written: unknown): string {
  if (written === null) return 'unset';
  const reference = typeof written === 'string' && /^\$\{[^{}]*\}$/.test(written);
  if (!SECRETS.has(attribute) || reference) return JSON.stringify(written);
  return isObject(written) && isObject(written.dynamic) ? 'made at plan time by a dynamic block (not shown: it may hold a secret)' : 'written as text (not shown: it holds a secret)';
}

/**
 * The subject of an import block's finding: the resource it adopts, by construct path, so the
 * construct that adopts its own resource suppresses exactly that import and no other (A11a-3).
 */
export function importSubject(constructPath: string): string {
  return `import ${constructPath}`;
}
/** The subject of a moved block's finding: no construct moves state into its own resources. */
const MOVED_SUBJECT = 'moved';

/**
 * Resources of the server's construct, or of a DatabaseAccess of the server, that an import block
 * adopts from a live object or a moved block gives another resource's state: what that object holds
 * and the resource does not describe stays (an NSG's inline rules, a server's settings, a role's
 * grants and members), and no rule sees it (tenth review, A10a-15; eleventh, A11a-3).
 * SecureSingleServer's `adoption` suppresses its own two imports.
 */
function adopted(server: ServerView, stack: StackFacts): Verdict[] {
  const owner = madeServerOwner(server, stack);
  const makers = [...(owner === undefined ? [] : [owner]), ...declarationsOf(stack.declaredAccess, server.address).map((declaration) => declaration.path)];
  const makerOf = (resource: ResourceView | undefined) => (resource === undefined ? undefined : makers.find((maker) => madeBy(resource, maker)));
  const judged = (addresses: readonly string[] | undefined, how: string, subject: (resource: ResourceView) => string) => (addresses ?? []).flatMap((address) => {
    const resource = stack.resources?.get(address);
    const maker = makerOf(resource);
    return maker === undefined ? [] : [fail(`${address} ${how}: what that object holds and ${maker}'s props do not describe stays, and no rule judges it.`, address, subject(resource!))];
  });
  return [
    ...judged(stack.imports, 'is adopted from a live Azure object by an import block', (resource) => importSubject(resource.constructPath!)),
    // cdktf's own moveTo and moveFromId write moved blocks too.
    ...judged(stack.moves, 'takes over the state of another resource by a moved block', () => MOVED_SUBJECT),
    ...twinImports(stack, makers, pinsOf(stack.pinned ?? [], server.constructPath).map((pin) => pin.path)),
  ];
}

/**
 * Import blocks whose ID is (or may be) that of an object one of the makers made (or a shared
 * resource the server's construct pinned, its DNS zone and link), into another resource of the
 * object's type (azurerm imports an ID only into its own type; azapi any): two resources then
 * manage one object, and the caller's decides what it holds at every other apply (fourteenth
 * review, A14a-11). The construct's own adoption imports into the made resource itself.
 */
function twinImports(stack: StackFacts, makers: readonly string[], pinnedPaths: readonly string[]): Verdict[] {
  const imports = [...(stack.lookups?.values() ?? [])].filter((lookup) => lookup.type === 'import');
  // Without an import block there is nothing to compare: the made objects' IDs are read only when one may adopt them.
  if (imports.length === 0) return [];
  const resources = stack.resources ?? new Map<string, ResourceView>();
  const find = (address: string) => resources.get(address) ?? stack.lookups?.get(address);
  const paths = new Set(pinnedPaths);
  const makerOf = (resource: ResourceView) => makers.find((maker) => madeBy(resource, maker))
    ?? (resource.madeByLibrary === true && paths.has(resource.constructPath!) ? resource.constructPath : undefined);
  const made = [...resources.values()].flatMap((resource) => {
    const maker = makerOf(resource);
    const id = maker === undefined ? undefined : resourceId(resource, find);
    return id === undefined ? [] : [{ resource, id, maker }];
  });
  return imports.flatMap((block) => {
    const to = resourceAddress(block.name);
    const type = importedType(block.name);
    const test = importTest(block.config, find);
    const object = test === undefined ? undefined : made.find(({ resource, id }) => resource.address !== to && (type === resource.type || type.startsWith('azapi_')) && test(id));
    if (object === undefined) return [];
    return [fail(`${to} adopts by an import block (${block.config.id === undefined ? `identity ${JSON.stringify(block.config.identity)}` : `id ${JSON.stringify(block.config.id)}`}) ${object.resource.address}, which ${object.maker} made: two resources then manage one Azure object, and whichever applies last decides what it holds.`, to, importSubject(resources.get(to)?.constructPath ?? to))];
  });
}
