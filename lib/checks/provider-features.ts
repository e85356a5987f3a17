import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { asList, TerraformBlock } from './stack-model';
import { literalBoolean } from './value-readers';

/** An azurerm provider of the stack that leaves a feature's safe value: how it sets it, or 'later' when an expression may. */
export interface FeatureSetting {
  /** The provider, as the stack model keys it ("azurerm", "azurerm.other"). */
  readonly provider: string;
  readonly value: unknown;
  readonly later: boolean;
}

/**
 * Every azurerm provider of the stack whose `features.<block>.<name>` is not the literal `safe` (unset is the provider's default, which
 * is the safe value for the features read here): one set otherwise, or by an expression or a dynamic block (known only at apply time).
 * Another stack's providers (joined to read its blocks) are judged in that stack (adversarial run of stop 70, D4).
 */
export function unsafeFeatures(stack: StackFacts | undefined, block: string, name: string, safe: boolean): FeatureSetting[] {
  return [...stack?.azurermProviders ?? []].filter(([provider]) => stack?.importedProviders?.has(provider) !== true)
    .flatMap(([provider, config]) => unsafeFeature(provider, config, block, name, safe) ?? []);
}

/** How one azurerm provider configuration leaves a feature's safe value, or undefined when it keeps it (unsafeFeatures). */
export function unsafeFeature(provider: string, config: TerraformBlock, block: string, name: string, safe: boolean): FeatureSetting | undefined {
  const features = asList(config.features);
  const values = features.flatMap((each) => asList(each[block])).map((each) => each[name]);
  const later = blocksKnownLater(config, 'features') || features.some((each) => blocksKnownLater(each, block)) || values.some(isUnknown);
  if (later) return { provider, value: values.find(isUnknown), later: true };
  const value = values.find((each) => each !== undefined && literalBoolean(each) !== safe);
  return value === undefined ? undefined : { provider, value, later: false };
}
