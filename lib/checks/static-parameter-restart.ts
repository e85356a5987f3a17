import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { providerReferenceKey } from './provider-references';
import { PASS, StackFacts, unknown, fail, Verdict } from './rule';
import { asList, ServerView } from './stack-model';
import { literalBoolean } from './value-readers';

const FEATURE = 'features.postgresql_flexible_server.restart_server_on_configuration_value_change';

/**
 * pgaudit is loaded once shared_preload_libraries is written: that parameter is static, and the
 * azurerm provider restarts the server after writing one only while its feature
 * restart_server_on_configuration_value_change is on (the default). Off, pgaudit stays unloaded
 * until some later restart, and every parameter rule still passes. The provider that counts is
 * the one of each resource that writes the parameter ("provider" names an alias).
 */
export function pgauditLoadedByRestart(server: ServerView, stack?: StackFacts): Verdict | readonly Verdict[] {
  const verdicts = (server.parameters.get('shared_preload_libraries') ?? []).map((setting): Verdict => {
    const key = providerKey(setting.config.provider);
    if (key === undefined) {
      return unknown(`${setting.address} names its provider as ${JSON.stringify(setting.config.provider)}, which the checks do not read as a provider reference: whether that provider restarts the server after writing shared_preload_libraries (${FEATURE}) is unknown`, setting.address);
    }
    const restart = restartFeature(stack?.azurermProviders?.get(key));
    if (restart === false) {
      return fail(`the azurerm provider ${key} sets ${FEATURE} = false, so shared_preload_libraries, which ${setting.address} writes, takes effect only at the server's next restart: pgaudit stays unloaded until then.`, setting.address);
    }
    if (restart === 'unknown') return unknown(`${FEATURE} of the azurerm provider ${key} is known only at apply time, and off it leaves pgaudit unloaded`, setting.address);
    return PASS;
  });
  return verdicts.find((verdict) => verdict.status !== 'pass') === undefined ? PASS : verdicts.filter((verdict) => verdict.status !== 'pass');
}

/** "azurerm" or "azurerm.<alias>", from a resource's provider meta-argument as cdktf or a hand writes it; undefined when unread. */
function providerKey(provider: unknown): string | undefined {
  if (isUnknown(provider)) return provider.expression;
  return typeof provider === 'string' ? providerReferenceKey(provider) : 'azurerm';
}

/** The feature's value in a provider configuration: true when unset (the default), false, or unknown. */
function restartFeature(provider: { readonly [key: string]: unknown } | undefined): boolean | 'unknown' {
  if (provider === undefined) return true;
  const features = asList(provider.features);
  const values = features.flatMap((block) => asList(block.postgresql_flexible_server)).map((block) => block.restart_server_on_configuration_value_change);
  // A features or postgresql_flexible_server block made by a dynamic block (or an expression) may turn it off.
  if (blocksKnownLater(provider, 'features') || features.some((block) => blocksKnownLater(block, 'postgresql_flexible_server')) || values.some(isUnknown)) return 'unknown';
  return values.some((value) => value !== undefined && literalBoolean(value) !== true) ? false : true;
}
