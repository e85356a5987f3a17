import { App, DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { types } from 'util';
import { readArgument } from '../private/caller-arguments';
import { resolvePlainly } from '../private/plain-resolve';
import { ErrorCode } from '../private/error-codes';
import { reasonProblem, MIN_REASON_LENGTH } from '../private/reason-text';
import { Unshown, ValidationError } from '../private/validation-error';
import { ACCESS_KEY, AccessDeclaration } from './access-declarations';
import { claimStack } from './library-copy';
import { PINNED_KEY, PinnedAttributes } from './pinned-attributes';
import { recordPath } from './recorded-paths';
import { ALL_RULES } from './rules';
import { CONSTRUCTS_KEY, ENFORCED_KEY, MADE_KEY, Suppression, SUPPRESSIONS_KEY, SynthWarning, WARNINGS_KEY } from './suppressions';

/** What this process added to a stack: the list its JSON must hold, nothing more. */
export interface Registered {
  readonly suppressions: Suppression[];
  readonly enforced: string[];
  readonly constructs: string[];
  readonly warnings: SynthWarning[];
  readonly access: AccessDeclaration[];
  readonly pinned: PinnedAttributes[];
  /** Construct paths of the resources the library's constructs made (MADE_KEY). */
  readonly made: string[];
}

/** Rule ids a suppression may name: every rule of the pack (the stack-wide checks cannot be suppressed). */
export const SUPPRESSIBLE_RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.id));

const registry = new WeakMap<TerraformStack, Registered>();
/** The suppressions a construct's props justified: the construct printed its own warning for each. */
const choices = new WeakSet<Suppression>();

/** What suppress() and enforce() added to a stack in this process. */
export function registeredFor(stack: TerraformStack): Registered {
  let registered = registry.get(stack);
  if (registered === undefined) {
    claimStack(stack);
    registered = { suppressions: [], enforced: [], constructs: [], warnings: [], access: [], pinned: [], made: [] };
    registry.set(stack, registered);
  }
  return registered;
}

/** The paths of the library's own constructs in a stack (none when this copy of the library made none there). */
export function libraryConstructsOf(stack: TerraformStack): readonly string[] {
  return registry.get(stack)?.constructs ?? [];
}

/** Whether one of the library's own constructs is in a stack. */
export function hasLibraryConstruct(stack: TerraformStack): boolean {
  return (registry.get(stack)?.constructs.length ?? 0) > 0;
}

/**
 * Records a suppression on a construct's stack. The rule id must be a rule of the pack and the
 * reason literal text with at least 10 letters or digits: a token, a template or invisible
 * characters would leave a reviewer with nothing to read.
 */
export function addSuppression(scope: IConstruct, ruleId: string, reason: string, subject?: string): Suppression {
  const fix = 'pass the construct the suppression covers: a resource, a server construct or a stack';
  const stack = stackOfScope(scope, { notConstruct: 'SUPPRESS-SCOPE', noStack: 'SUPPRESS-SCOPE-NO-STACK' }, fix);
  // Neither a token nor anything but a string is a rule id of the pack.
  if (!SUPPRESSIBLE_RULE_IDS.has(ruleId)) {
    // A String object (a JavaScript caller's new String('PGF-NET-1')) prints as its text: say what it is (twenty-fourth review, A24a-3).
    const problem = isStringObject(ruleId) ? 'is a String object, not a string' : 'is not a rule of the pack';
    throw new ValidationError('SUPPRESS-RULE-ID', 'ruleId', ruleId, problem, 'use an id listed in the security report or in docs/security-rules.md (https://github.com/cdktf-azure-postgres/cdktf-azure-postgres/blob/main/docs/security-rules.md), e.g. "PGF-NET-1"');
  }
  const fixReason = `say why in at least ${MIN_REASON_LENGTH} letters or digits; the reason is printed in the security report`;
  if (readArgument('reason', 'SUPPRESS-REASON', fixReason, () => Token.isUnresolved(reason))) {
    throw new ValidationError('SUPPRESS-REASON-TOKEN', 'reason', reason, `is a Terraform token, known only at apply time, so a reviewer cannot read why ${ruleId} is suppressed`, 'write the reason as literal text');
  }
  const problem = reasonProblem(reason);
  if (problem !== undefined) {
    throw new ValidationError('SUPPRESS-REASON', 'reason', reason, `${problem}, so it does not explain the suppression of ${ruleId}`, fixReason);
  }
  const registered = registeredFor(stack);
  const path = scope.node.path;
  recordPath(stack, scope, path);
  const suppression: Suppression = subject === undefined ? { path, ruleId, reason } : { path, ruleId, reason, subject };
  registered.suppressions.push(suppression);
  stack.addOverride(`//.${SUPPRESSIONS_KEY}`, registered.suppressions);
  return suppression;
}

/** The suppressions of a stack that PostgresSecurityChecks.suppress added, not a construct's props. */
export function callerSuppressions(stack: TerraformStack): readonly Suppression[] {
  return (registry.get(stack)?.suppressions ?? []).filter((suppression) => !choices.has(suppression));
}

/**
 * The stack of a scope a caller gave: a JavaScript caller may pass anything, so what is not a
 * construct (a plain object with a node, a string, null) or is in no stack (an App) is refused.
 */
export function stackOfScope(scope: unknown, codes: { readonly notConstruct: ErrorCode; readonly noStack: ErrorCode }, fix: string): TerraformStack {
  // `in` on a revoked Proxy throws (A15a-5).
  const construct = readArgument('scope', codes.notConstruct, fix, () => (Construct.isConstruct(scope) ? scope : undefined));
  // A Proxy of a construct reads as one, but cdktf's resolution of what is made in it recursed without end at synth (adversarial run
  // of stop 76, R76-36), and its reads need not stay what was judged. The jsii kernel hands the library no Proxy (it uses none).
  if (types.isProxy(scope)) throw new ValidationError(codes.notConstruct, 'scope', new Unshown('a Proxy'), 'is a Proxy, not a construct itself', fix);
  if (construct === undefined) throw new ValidationError(codes.notConstruct, 'scope', scope, 'is not a construct', fix);
  // A construct is the child its scope holds under its id: an object made from one (Object.create(stack)), its node a getter or
  // another's, reads as a construct too, and made a raw error when a child was added to it (adversarial run of stop 77, T77-18).
  const itself = readArgument('scope', codes.notConstruct, fix, () => construct.node.scope === undefined || construct.node.scope.node.tryFindChild(construct.node.id) === construct);
  if (!itself) throw new ValidationError(codes.notConstruct, 'scope', new Unshown('an object made from a construct'), 'is not the construct its tree holds', fix);
  let stack: TerraformStack;
  try {
    stack = TerraformStack.of(construct);
  } catch {
    const app = readArgument('scope', codes.notConstruct, fix, () => App.isApp(scope));
    throw new ValidationError(codes.noStack, 'scope', app ? new Unshown('the app') : scope, 'is not in a stack', fix);
  }
  // cdktf and the library add to the scope, its stack and the app as they build and synthesize: a frozen one failed synth with a
  // raw TypeError (T77-19, V77-18, V77-19).
  if ([construct, stack, stack.node.root].some((each) => !Object.isExtensible(each))) {
    throw new ValidationError(codes.notConstruct, 'scope', new Unshown('a frozen construct'), 'cannot be extended, or its stack or app cannot (frozen, sealed or made non-extensible), which cdktf needs at synth', fix);
  }
  return stack;
}

/** Records a warning the library printed, in the stack's JSON, so the report counts what synth printed. */
export function recordWarning(scope: IConstruct, id: string, message: string): void {
  const stack = TerraformStack.of(scope);
  const registered = registeredFor(stack);
  // Resolved as the JSON will hold it when judged (trustedFor), so synth can tell an override of the list from what it printed.
  const path = scope.node.path;
  recordPath(stack, scope, path);
  registered.warnings.push({ path, id, message });
  stack.addOverride(`//.${WARNINGS_KEY}`, registered.warnings);
}

/**
 * Records what a DatabaseAccess declared (its provider, roles, memberships and Entra labels) in
 * its stack's JSON, so the rules compare the in-database resources with it, at synth and in `check`.
 * Tokens are written as Terraform will read them.
 */
export function declareAccess(scope: IConstruct, declaration: AccessDeclaration): void {
  const stack = TerraformStack.of(scope);
  const registered = registeredFor(stack);
  recordPath(stack, scope, declaration.path);
  registered.access.push(declaration);
  stack.addOverride(`//.${ACCESS_KEY}`, registered.access);
}

/**
 * What the stack's constructs recorded, as the JSON writes it: tokens resolved to their Terraform
 * expressions. Resolved when the stack is judged, not when recorded: a reference to another stack's
 * resource becomes a cross-stack reference only once cdktf prepares the stacks for synth.
 */
export function trustedFor(stack: TerraformStack): Registered {
  const registered = registeredFor(stack);
  // Only the parts that may hold a token go through cdktf's resolve (plain-resolve.ts): the same values, at a fraction of the cost.
  const resolve = <T>(value: T): T => resolvePlainly(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) }) as T;
  return { ...registered, warnings: resolve(registered.warnings), access: resolve(registered.access), pinned: resolve(registered.pinned) };
}

/**
 * What the construct set for an attribute (the provider classes' `<attribute>Input` getter; the
 * provider's `fqn`, which cdktf writes), without converting the whole resource: a server's
 * conversion cost about 2 ms a server (bench/README.md). An attribute of a nested block is named
 * by its path, "customer_managed_key.key_vault_key_id", and read from the block's own object.
 */
function attributeOf(resource: TerraformResource | TerraformDataSource, name: string): unknown {
  if (name === 'provider') return resource.provider?.fqn ?? null;
  // A meta-argument: what the resource waits for (the construct's guards are created first).
  if (name === 'depends_on') return resource.dependsOn ?? null;
  // A meta-argument, not an attribute: what Terraform ignores of the resource's own settings.
  if (name === 'lifecycle.ignore_changes') return resource.lifecycle?.ignoreChanges ?? null;
  // The plan-time guards the construct wrote (a VNet in another subscription), as the JSON writes them.
  if (name === 'lifecycle.precondition') {
    return resource.lifecycle?.precondition?.map(({ condition, errorMessage }) => ({ condition, error_message: errorMessage })) ?? null;
  }
  const { path, getter } = getterOf(name);
  const holder: unknown = path.reduce<unknown>((block, part) => (block as { [part: string]: unknown } | undefined)?.[part], resource);
  if (typeof holder === 'object' && holder !== null && getter in holder) return (holder as { [getter: string]: unknown })[getter] ?? null;
  // A list of blocks (enabled_log) keeps its items out of the getters: read as the resource writes them, one item deep.
  const written = writtenBlockAttribute(resource, name);
  if (written === undefined) throw new Error(`${resource.terraformResourceType} has no ${[...path, getter].join('.')}: pin only attributes its provider class takes`);
  return written;
}

/** An attribute of a list of one block as the resource writes it ("enabled_log.category_group"), null when unset; undefined when the resource writes no such block. */
function writtenBlockAttribute(resource: TerraformResource | TerraformDataSource, name: string): unknown {
  const [block, ...rest] = name.split('.');
  if (rest.length === 0) return undefined;
  const attributes = (resource as unknown as { synthesizeAttributes(): { [name: string]: unknown } }).synthesizeAttributes();
  const items = attributes[block];
  if (!Array.isArray(items) || items.length !== 1) return undefined;
  return rest.reduce<unknown>((value, part) => (value as { [part: string]: unknown } | undefined)?.[part], items[0]) ?? null;
}

/** Whether a resource's provider class takes an attribute (an `<attribute>Input` getter), so it can be pinned. */
export function takesAttribute(resource: TerraformResource | TerraformDataSource, name: string): boolean {
  const { path, getter } = getterOf(name);
  const holder: unknown = path.reduce<unknown>((block, part) => (block as { [part: string]: unknown } | undefined)?.[part], resource);
  return typeof holder === 'object' && holder !== null && getter in holder;
}

/**
 * The provider class's names for a pinned attribute: the blocks on the way (camelCase) and the
 * `<attribute>Input` getter. The library pins a few dozen names, each on every server: converted once.
 */
const getters = new Map<string, { readonly path: readonly string[]; readonly getter: string }>();
function getterOf(name: string): { readonly path: readonly string[]; readonly getter: string } {
  let found = getters.get(name);
  if (found === undefined) {
    const path = name.split('.').map((part) => part.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()));
    const getter = `${path.pop()!}Input`;
    getters.set(name, (found = { path, getter }));
  }
  return found;
}

/**
 * A copy of the lists and maps of a value: the resource hands out its own (`dependsOn`, the
 * `*Input` getters), and a caller who empties one afterwards changes the JSON, not the pin.
 */
function copied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copied);
  const plain = typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
  return plain ? Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copied(entry)])) : value;
}

/**
 * Records the identity attributes a server construct set on one of its resources, as the resource
 * writes them now (before any caller's override), so PG-CFG-6 fails any difference in the JSON.
 * An attribute not set is pinned as null: an override may not add it either.
 */
export function pinAttributes(server: TerraformResource, resource: TerraformResource | TerraformDataSource, names: readonly string[]): void {
  const stack = TerraformStack.of(resource);
  const attributes = Object.fromEntries(names.map((name) => [name, copied(attributeOf(resource, name))]));
  const registered = registeredFor(stack);
  const pin = { server: server.node.path, path: resource.node.path, attributes };
  recordPath(stack, server, pin.server);
  recordPath(stack, resource, pin.path);
  registered.pinned.push(pin);
  stack.addOverride(`//.${PINNED_KEY}`, registered.pinned);
}

/** Suppresses several rules for a construct with one reason (the constructs' own weaker choices). */
export function suppressRules(scope: IConstruct, ruleIds: readonly string[], reason: string): void {
  ruleIds.forEach((ruleId) => choices.add(addSuppression(scope, ruleId, reason)));
}

/**
 * Suppresses a rule for a construct only for the weaker choice its props justified (see
 * Suppression.subject): the justification of a small widening covers no other.
 */
export function suppressChoice(scope: IConstruct, ruleId: string, reason: string, subject: string): void {
  choices.add(addSuppression(scope, ruleId, reason, subject));
}

/**
 * Makes every failed rule on the servers under a construct fail synth, warnings included: the
 * library's constructs set each control themselves, so an override that undoes one is never
 * just a warning.
 */
export function enforce(scope: IConstruct): void {
  record(scope, 'enforced', ENFORCED_KEY);
}

/**
 * Marks one of the library's own constructs: every failed rule on its servers fails synth, and no
 * override may add count or for_each to a resource it makes (count = 0 on its delete lock would
 * remove the lock unseen).
 */
export function checkLibraryConstruct(scope: IConstruct): void {
  record(scope, 'enforced', ENFORCED_KEY);
  record(scope, 'constructs', CONSTRUCTS_KEY);
}

/**
 * Records the resources a library construct made: those below it when its constructor ends, less
 * any that were there before it began making them (a props getter could add one meanwhile). A
 * resource a caller adds to the construct afterwards is not listed, so it is judged as an addition.
 */
export function recordMade(construct: IConstruct, before: ReadonlySet<IConstruct> = new Set()): void {
  // By cdktf's own mark, not instanceof: a resource class may come from another copy of cdktf (a provider loaded on demand).
  const resources = construct.node.findAll().filter((each) => TerraformResource.isTerraformResource(each) && !each.node.scopes.some((scope) => before.has(scope)));
  recordMadeResources(resources);
}

/** Records resources the library made outside a construct's own subtree (the stack's shared DNS zones). */
export function recordMadeResources(resources: readonly IConstruct[]): void {
  if (resources.length === 0) return;
  const stack = TerraformStack.of(resources[0]);
  const made = registeredFor(stack).made;
  const listed = madePaths(made);
  for (const resource of resources) {
    // Read once: constructs joins the path of every scope at each read.
    const path = resource.node.path;
    recordPath(stack, resource, path);
    if (listed.has(path)) continue;
    listed.add(path);
    made.push(path);
  }
  stack.addOverride(`//.${MADE_KEY}`, made);
}

/**
 * The paths of a stack's made list as a set, kept beside the list (only recordMadeResources adds to
 * it): every construct records its resources, and a set built from the whole list at each was
 * quadratic in the servers (3,150 paths at roles50).
 */
const madeSets = new WeakMap<readonly string[], Set<string>>();
function madePaths(made: readonly string[]): Set<string> {
  let paths = madeSets.get(made);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same set
  if (paths === undefined) madeSets.set(made, (paths = new Set(made)));
  return paths;
}

function record(scope: IConstruct, list: 'enforced' | 'constructs', key: string): void {
  const stack = TerraformStack.of(scope);
  const paths = registeredFor(stack)[list];
  const path = scope.node.path;
  recordPath(stack, scope, path);
  if (paths.includes(path)) return;
  paths.push(path);
  stack.addOverride(`//.${key}`, paths);
}

/** Why the constructs accept platform-managed keys by default, as their reports say. */
export const PLATFORM_KEYS_REASON = 'platform-managed keys are the library default; set customerManagedKey to use your own (CIS DB 6.1, Level 2)';

/** Why a server given an existing subnet and zone by ID (existingVnetIntegration) is not judged on them, as its report says. */
/** Why a SecureSingleServer's `adoption` imports its own server and Entra administrator (PG-CFG-6's import finding). */
export const ADOPTION_IMPORT_REASON = 'adoption imports the live server and its Entra administrator: the props state their live settings';
export const EXISTING_NETWORK_REASON = 'network.existingVnetIntegration gives the delegated subnet and private DNS zone by ID: their owners guard them';

/** Whether a value is a String object; a Proxy that cannot be read is not (it is refused as such by ValidationError). */
function isStringObject(value: unknown): boolean {
  try {
    return value instanceof String;
  } catch {
    return false;
  }
}
