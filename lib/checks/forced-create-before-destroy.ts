import { mentionsIn } from './server-mentions';
import type { ResourceView } from './stack-model';
import { declaresCreateBeforeDestroy } from './instance-arguments';
import { providerReferenceKey } from './provider-references';

// A mark on the view that its copies ({ ...view, certain: false }) keep: a spread copies symbol-keyed properties.
const REPLACED_FIRST = Symbol('replaced create-before-destroy');

/**
 * Marks the resources Terraform replaces create-before-destroy: those whose lifecycle says so (anything but literal false), and
 * every resource of the stack one of them depends on (reads or lists in depends_on), transitively. Terraform forces
 * create_before_destroy onto a CBD resource's dependencies, or its apply graph would cycle (terraform/internal/terraform/
 * transform_destroy_cbd.go): a server parameter some CBD resource depends on is reset by each replacement as its own CBD would
 * reset it (adversarial run of stop 78, Z78-2).
 */
export function markCreatedBeforeDestroyed(resources: readonly ResourceView[], dataSources: readonly ResourceView[] = [], nodes: ReadonlyMap<string, unknown> = new Map(),
  stackOf: (address: string) => string | undefined = () => undefined): void {
  // Through data sources too: Terraform forces it onto what a data source a CBD resource reads depends on (C79-9).
  const byAddress = new Map([...resources, ...dataSources].map((view) => [view.address, view]));
  // Each with the resource whose own lifecycle forces it, which a finding names (D79-38).
  const queue = resources.filter((view) => declaresCreateBeforeDestroy(view.body ?? {})).map((view) => ({ view, cause: view.address }));
  const visited = new Set<ResourceView>();
  // Each other node read once in the whole walk: what it leads to is queued the first time, and a resource is marked once (A80-8).
  const nodesRead = new Set<string>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { view, cause } = next;
    if (visited.has(view)) continue;
    visited.add(view);
    Object.defineProperty(view, REPLACED_FIRST, { value: cause, enumerable: true });
    for (const address of throughNodes(dependenciesOf(view), nodes, nodesRead)) {
      const found = byAddress.get(address);
      // Within one stack: Terraform plans each stack apart, so a cross-stack reference forces nothing (C80-24).
      if (found !== undefined && stackOf(found.address) === stackOf(view.address)) queue.push({ view: found, cause });
    }
  }
}

/**
 * The addresses a block depends on: its references as evaluated (through locals), and each address its text spells, which Terraform
 * reads as a dependency although the evaluator may fold the expression to a constant (`count = length([x.id])`, C79-10).
 */
function dependenciesOf(view: ResourceView): string[] {
  let references: readonly string[] = [];
  try {
    references = mentionsIn(view.config).references;
  } catch {
    // A value no reading foresaw: the text's addresses are followed still (the rules that read it say it cannot be read).
  }
  return [
    ...references.flatMap((reference) => /^((?:data\.)?[a-z][a-z0-9_]*\.[^.[\]]+)/.exec(reference)?.[1] ?? []),
    ...spelledAddresses(JSON.stringify(view.body ?? {})),
    ...providerOf(view.type, view.body ?? {}),
  ];
}

/**
 * The address of the provider configuration a block uses (`provider.<key>`): the one it names (an OpenTofu instance of one,
 * `azuread.x[each.key]`, as the configuration: C80-20), else its type's default one.
 */
export function providerOf(type: string, body: { readonly [key: string]: unknown }): string[] {
  // Up to its instance key, whatever the key holds (`azuread.x[local.k[0]]`, E80-4).
  const written = typeof body.provider === 'string' ? body.provider.replace(/\[[^]*?(\}?)\s*$/, '$1') : undefined;
  const key = written === undefined ? type.split('_')[0] : providerReferenceKey(written);
  return key === undefined ? [] : [`provider.${key}`];
}

/**
 * The addresses, each node of the graph that is no resource (a local, a variable's validation, an ephemeral resource, a provider
 * configuration: stack-model.ts graphNodeBodies) read as the addresses its text spells, transitively: a local the evaluator folds to
 * a constant (`locals { l = [x.id] }`, read as `length(local.l)`) is a dependency on x all the same (adversarial run of stop 79,
 * D79-10), and so is a provider configuration that reads x (A80-1).
 */
function throughNodes(addresses: readonly string[], nodes: ReadonlyMap<string, unknown>, read: Set<string>): string[] {
  const found: string[] = [];
  const queue = [...addresses];
  for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
    if (!nodes.has(address)) found.push(address);
    else if (!read.has(address)) {
      read.add(address);
      // One by one: a spread of a long list (a local holding 150,000 host names) overflows the call stack (C80-5).
      for (const spelled of spelledAddresses(JSON.stringify(nodes.get(address) ?? null))) queue.push(spelled);
    }
  }
  return found;
}

/** A view made of another one (an instance of a block: in-database-index.ts instanceViews) is replaced as that one is (D79-14). */
export function replacedAs<T extends ResourceView>(view: T, original: ResourceView): T {
  const cause = declaresCreateBeforeDestroy(original.body ?? {}) ? original.address : causeOf(original);
  if (cause !== undefined) Object.defineProperty(view, REPLACED_FIRST, { value: cause, enumerable: true });
  return view;
}

/**
 * Every `type.name` and `data.type.name` a text may spell, read segment by segment in one pass: a regular expression over the text
 * took time quadratic in a long run without dots (adversarial run of stop 79, D79-42). Those that name no block are not looked up.
 */
function spelledAddresses(text: string): string[] {
  // A provider-defined function (`provider::azapi::build_resource_id(...)`) reads its provider's configuration (C80-2).
  const addresses = [...text.matchAll(/provider\s*::\s*([a-z][a-z0-9_-]*)\s*::/g)].map(([, name]) => `provider.${name}`);
  // HCL names are Unicode identifiers (`local.lé`): read as Terraform reads them (A80-23).
  for (const piece of text.split(/[^\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}.-]+/u)) {
    const segments = piece.split('.');
    for (let index = 0; index + 1 < segments.length; index++) {
      if (!/^[a-z][a-z0-9_]*$/.test(segments[index]) || !/^[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}-]*$/u.test(segments[index + 1])) continue;
      addresses.push(`${segments[index]}.${segments[index + 1]}`);
      if (index > 0 && ['data', 'ephemeral', 'provider'].includes(segments[index - 1])) addresses.push(`${segments[index - 1]}.${segments[index]}.${segments[index + 1]}`);
    }
  }
  return addresses;
}

/** Whether Terraform replaces the resource create-before-destroy: its own lifecycle says so, or markCreatedBeforeDestroyed marked it. */
export function isCreatedBeforeDestroyed(view: ResourceView): boolean {
  return createBeforeDestroyCause(view) !== undefined;
}

/**
 * Why Terraform replaces the resource create-before-destroy, as a finding says it, naming the resource whose lifecycle forces it and
 * what to change (adversarial run of stop 79, D79-38: the rule's own fix named another cure); undefined when it does not.
 */
export function createBeforeDestroyCause(view: ResourceView): string | undefined {
  const cause = causeOf(view);
  // An instance's mark is its block's (instanceViews).
  const own = declaresCreateBeforeDestroy(view.body ?? {}) || (cause !== undefined && (cause === view.address || cause === view.block));
  if (own) return 'its lifecycle.create_before_destroy';
  if (cause === undefined) return undefined;
  return `forced by the lifecycle.create_before_destroy of ${cause}, which depends on it directly or through what it reads; remove that lifecycle, or have ${cause} not depend on it`;
}

/** The address of the resource whose lifecycle.create_before_destroy markCreatedBeforeDestroyed found forces this one's. */
function causeOf(view: ResourceView): string | undefined {
  const cause = (view as { [REPLACED_FIRST]?: unknown })[REPLACED_FIRST];
  return typeof cause === 'string' ? cause : undefined;
}
