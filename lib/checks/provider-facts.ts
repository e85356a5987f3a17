import { evaluateJson, isUnknown, NO_LOCALS, Scope } from './hcl-expression';
import { ownLocals, TerraformBlock } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';
import { ownValue } from '../private/own-keys';
import { PROVIDER_REFERENCE, providerReferenceKey } from './provider-references';

// What the stack says about its providers beyond the postgresql ones (database-checks.ts): the
// azurerm provider configurations, and where each provider comes from (required_providers).

/** Registries that serve the providers the rules read under the same namespace: Terraform's and OpenTofu's. */
const REGISTRIES = ['registry.terraform.io', 'registry.opentofu.org'];

/** A source address as Terraform reads it ("type" is hashicorp/type, "namespace/type", or "host/namespace/type" on a known registry) is `expected` (namespace/type, lower case). */
export function sourceIs(source: unknown, expected: string): boolean {
  if (typeof source !== 'string') return false;
  const parts = source.trim().toLowerCase().split('/');
  const address = parts.length === 1 ? `hashicorp/${parts[0]}` : parts.length === 3 && REGISTRIES.includes(parts[0]) ? `${parts[1]}/${parts[2]}` : parts.join('/');
  return address === expected;
}

/**
 * The local names whose provider blocks configure the provider a resource type prefix names (37th run, A37a-3): the prefix itself, which a
 * resource without a "provider" meta-argument runs with (PG-CFG-5 judges where it comes from), and every other local name
 * terraform.required_providers maps to `source`. Terraform maps a local name to a provider through required_providers, else to
 * hashicorp/<name> (internal/configs/module.go, ProviderForLocalConfig and ImpliedProviderForUnqualifiedType), whatever the name.
 */
export function localNamesOf(terraform: unknown, prefix: string, source: string): string[] {
  return [...new Set([prefix, ...[...providerSources(terraform)].filter(([, written]) => sourceIs(written, source)).map(([name]) => name)])];
}

/**
 * The local names whose provider blocks configure cyrilgdn/postgresql: "postgresql", which a postgresql_* resource without a "provider"
 * meta-argument runs with whatever its source (PG-CFG-5 fails another one), and every other name required from cyrilgdn/postgresql (37th run,
 * A37a-3). A name required from another source (a fork) is not read: PG-CFG-5 fails the resources that run with it.
 */
export function postgresqlLocalNames(terraform: unknown): string[] {
  return localNamesOf(terraform, 'postgresql', 'cyrilgdn/postgresql');
}

/** Each provider block of the given local names, with the key resources name it with ("<name>" or "<name>.<alias>"), read by `read`. */
export function providerBlocksOf(terraform: unknown, names: readonly string[], read: (body: { [key: string]: unknown }, name: string) => TerraformBlock): Map<string, TerraformBlock> {
  const found = new Map<string, TerraformBlock>();
  // Stryker disable next-line ArrayDeclaration: equivalent: a text in these lists is no object, and is skipped below
  for (const providers of bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root.provider ?? [])).filter(isObject)) {
    for (const name of names) {
      // Stryker disable next-line ArrayDeclaration: equivalent: a text in these lists is no object, and is skipped below
      for (const body of bodiesOf(ownValue(providers, name) ?? []).filter(isObject)) {
        const config = read(body, name);
        found.set(typeof config.alias === 'string' ? `${name}.${config.alias}` : name, config);
      }
    }
  }
  return found;
}

/**
 * The azurerm provider configurations by the key resources name them with: "azurerm" or "azurerm.<alias>", or those of another local name
 * required from hashicorp/azurerm (localNamesOf), read with the stack's locals as a resource's arguments are (A35b-3: a provider argument given as
 * a local is the local's value).
 */
export function azurermProviders(terraform: unknown, locals: Scope = ownLocals(terraform)): Map<string, TerraformBlock> {
  return providerBlocksOf(terraform, localNamesOf(terraform, 'azurerm', 'hashicorp/azurerm'), (body) => evaluateJson(body, locals) as TerraformBlock);
}

/** The subscription, lower case, that the azurerm provider of a resource names as a literal; undefined when it is known only later or not set. */
export function literalSubscription(resource: { readonly config: TerraformBlock }, providers: ReadonlyMap<string, TerraformBlock>): string | undefined {
  const key = typeof resource.config.provider === 'string' ? providerReferenceKey(resource.config.provider) : 'azurerm';
  if (key === undefined) return undefined;
  const subscription = providers.get(key)?.subscription_id;
  return typeof subscription === 'string' && subscription.trim() !== '' ? subscription.trim().toLowerCase() : undefined;
}

/**
 * Whether two blocks write through azurerm providers of one subscription: 'same' for one configuration, two naming one literal
 * subscription (or one expression) or two leaving it to the environment; 'other' for two literal subscriptions that differ; else
 * 'maybe'. A child named by server_name and resource_group_name is written in its provider's subscription (adversarial run of
 * stop 69, M2, M3).
 */
export function providerSubscriptionRelation(block: TerraformBlock, other: TerraformBlock, providers: ReadonlyMap<string, TerraformBlock>): 'same' | 'other' | 'maybe' {
  const [mine, theirs] = [block, other].map((each) => (each.provider === undefined || each.provider === null ? 'azurerm' : typeof each.provider === 'string' ? providerReferenceKey(each.provider) : undefined));
  if (mine === undefined || theirs === undefined) return 'maybe';
  if (mine === theirs) return 'same';
  const [a, b] = [mine, theirs].map((key) => subscriptionText(providers.get(key)?.subscription_id));
  if (a === b) return 'same';
  return a === undefined || b === undefined || a.includes('${') || b.includes('${') ? 'maybe' : 'other';
}

/** A subscription as written, for comparing two: literal text lower case, an expression as its text, undefined when unset. */
function subscriptionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim().toLowerCase();
  return isUnknown(value) ? `\${${value.expression}}` : undefined;
}

/** The source each local provider name is required from (terraform.required_providers), as written: text, or an Unknown. */
export function providerSources(terraform: unknown): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const root of bodiesOf(terraform).filter(isObject)) {
    for (const block of bodiesOf(root.terraform ?? []).filter(isObject)) {
      for (const required of bodiesOf(block.required_providers ?? []).filter(isObject)) {
        for (const [name, requirement] of Object.entries(required)) {
          const evaluated = evaluateJson(requirement, NO_LOCALS);
          if (isObject(evaluated) && evaluated.source !== undefined) found.set(name, evaluated.source);
        }
      }
    }
  }
  return found;
}

/** A provider configuration of any type, its arguments read as the stack model reads a resource's. */
export interface ProviderConfiguration {
  /** The key resources name it with: "<type>" or "<type>.<alias>". */
  readonly key: string;
  readonly type: string;
  readonly config: TerraformBlock;
}

/** Every provider configuration of the stack, of any type, with locals folded. */
export function providerConfigurations(terraform: unknown): ProviderConfiguration[] {
  const roots = bodiesOf(terraform).filter(isObject);
  const providers = roots.flatMap((root) => bodiesOf(root.provider ?? [])).filter(isObject);
  if (providers.length === 0) return [];
  const scope = ownLocals(terraform);
  return providers.flatMap((byType) => Object.entries(byType).flatMap(([type, bodies]) => bodiesOf(bodies).filter(isObject).map((body) => {
    const config = evaluateJson(body, scope) as TerraformBlock;
    return { key: typeof config.alias === 'string' ? `${type}.${config.alias}` : type, type, config };
  })));
}

/**
 * Why the checks cannot tell which provider block a `provider` meta-argument names, or undefined when it is `<name>` or
 * `<name>.<alias>`. Terraform reads the JSON text as HCL traversal syntax (hashicorp/hcl json/structure.go AsTraversal:
 * hclsyntax.ParseTraversalAbs, which skips blanks and comments between tokens: "postgresql . mine" is postgresql.mine), and
 * OpenTofu 1.9 as an HCL expression with an optional instance key of a provider block with for_each (internal/configs/resource.go
 * decodeProviderConfigRef: `postgresql.by_key[each.key]`). The checks read none of these: a rule that needs the provider's settings
 * fails closed, naming the reference as written rather than claiming no such provider is configured.
 */
export function unreadProviderReference(key: string): string | undefined {
  if (PROVIDER_REFERENCE.test(key)) return undefined;
  return `names its provider as ${JSON.stringify(key)}, which the checks do not read as a provider reference (they read a provider's local name, `
    + 'optionally followed by "." and a configuration alias, without blanks, comments or an instance key), so which provider block it signs in through '
    + '(where and how it sends its token) is unknown';
}
