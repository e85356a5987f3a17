import { evaluateJson, NO_LOCALS, Scope } from './hcl-expression';
import { localsScope, ResourceView, TerraformBlock } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

// What the stack says about its providers beyond the postgresql ones (database-checks.ts): the
// azurerm provider configurations, and where each provider comes from (required_providers).

/**
 * The azurerm provider configurations by the key resources name them with: "azurerm" or "azurerm.<alias>", read with the stack's
 * locals as a resource's arguments are (A35b-3: a provider argument given as a local is the local's value).
 */
export function azurermProviders(terraform: unknown, locals: Scope = ownLocals(terraform)): Map<string, TerraformBlock> {
  const found = new Map<string, TerraformBlock>();
  for (const providers of bodiesOf(isObject(terraform) ? terraform.provider ?? [] : []).filter(isObject)) {
    for (const body of bodiesOf(providers.azurerm ?? []).filter(isObject)) {
      const config = evaluateJson(body, locals) as TerraformBlock;
      found.set(typeof config.alias === 'string' ? `azurerm.${config.alias}` : 'azurerm', config);
    }
  }
  return found;
}

/** The subscription, lower case, that the azurerm provider of a resource names as a literal; undefined when it is known only later or not set. */
export function literalSubscription(resource: ResourceView, providers: ReadonlyMap<string, TerraformBlock>): string | undefined {
  const key = typeof resource.config.provider === 'string' ? resource.config.provider : 'azurerm';
  const subscription = providers.get(key)?.subscription_id;
  return typeof subscription === 'string' && subscription.trim() !== '' ? subscription.trim().toLowerCase() : undefined;
}

/** The source each local provider name is required from (terraform.required_providers), as written: text, or an Unknown. */
export function providerSources(terraform: unknown): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const block of bodiesOf(isObject(terraform) ? terraform.terraform ?? [] : []).filter(isObject)) {
    for (const required of bodiesOf(block.required_providers ?? []).filter(isObject)) {
      for (const [name, requirement] of Object.entries(required)) {
        const evaluated = evaluateJson(requirement, NO_LOCALS);
        if (isObject(evaluated) && evaluated.source !== undefined) found.set(name, evaluated.source);
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

/** The locals of a stack's JSON, evaluated as the stack model evaluates them, for a reader given no scope of its own. */
export function ownLocals(terraform: unknown): Scope {
  return localsScope(bodiesOf(terraform).filter(isObject), []);
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
