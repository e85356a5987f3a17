import { ResourceView } from '../stack-model';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { ownValue } from '../../private/own-keys';
import { sourceIs } from '../provider-facts';

/** The resource type prefixes the rules read, and where the provider running them must come from (namespace/type). */
const EXPECTED_SOURCES: { readonly [prefix: string]: string } = {
  azurerm: 'hashicorp/azurerm',
  postgresql: 'cyrilgdn/postgresql',
  random: 'hashicorp/random',
  time: 'hashicorp/time',
  // Judged by what their own providers do with their arguments too: azapi writers and inert types, azuread and msgraph
  // group members, null_resource as inert, data.http by its method (fifteenth review, A15b-9).
  azapi: 'azure/azapi',
  azuread: 'hashicorp/azuread',
  msgraph: 'microsoft/msgraph',
  null: 'hashicorp/null',
  http: 'hashicorp/http',
};
/** One provider local name a judged resource type needs, with the source it must have. */
interface ProviderUse {
  readonly localName: string;
  readonly prefix: string;
  readonly usedBy?: string;
}

/** The provider local name a resource runs with: its "provider" meta-argument ("name" or "name.alias"), else its type's prefix. */
function localNameOf(resource: ResourceView, prefix: string): string | undefined {
  const provider = resource.config.provider;
  if (provider === undefined) return prefix;
  return typeof provider === 'string' ? provider.split('.')[0].trim() : undefined;
}

/** The provider uses of a stack's resources, found once per stack: they are the same for every server. */
const usesByStack = new WeakMap<ReadonlyMap<string, ResourceView>, readonly ProviderUse[]>();

/** The four local names the rules read by name, then every other local name a judged resource type runs with. */
function providerUses(stack: StackFacts | undefined): readonly ProviderUse[] {
  const resources = stack?.resources;
  if (resources === undefined) return usesOf([]);
  let uses = usesByStack.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (uses === undefined) {
    uses = usesOf(resources.values());
    usesByStack.set(resources, uses);
  }
  return uses;
}

function usesOf(resources: Iterable<ResourceView>): ProviderUse[] {
  const uses: ProviderUse[] = Object.keys(EXPECTED_SOURCES).map((prefix) => ({ localName: prefix, prefix }));
  for (const resource of resources) {
    const prefix = resource.type.split('_')[0];
    if (ownValue(EXPECTED_SOURCES, prefix) === undefined) continue;
    const localName = localNameOf(resource, prefix) ?? `${String(resource.config.provider)}`;
    if (!uses.some((use) => use.localName === localName && use.prefix === prefix)) uses.push({ localName, prefix, usedBy: resource.address });
  }
  return uses;
}

/** The failure for one use, or none when its provider comes from where the rules expect. */
function judgeUse(use: ProviderUse, stack: StackFacts | undefined): Verdict[] {
  const expected = EXPECTED_SOURCES[use.prefix];
  const written = stack?.providerSources?.get(use.localName);
  // Left out of required_providers, a local name is hashicorp's provider of that name.
  if (written === undefined && use.localName === use.prefix) return [];
  const source = written ?? use.localName;
  if (sourceIs(source, expected)) return [];
  const shown = isUnknown(source) ? `${String(source)}, an expression Terraform does not allow there` : JSON.stringify(source);
  const where = written === undefined
    ? `provider ${use.localName}, which ${use.usedBy} runs with, is not in terraform.required_providers, so its source is hashicorp/${use.localName}`
    : `terraform.required_providers.${use.localName}.source is ${shown}${use.usedBy === undefined ? '' : ` (${use.usedBy} runs with it)`}`;
  return [fail(`${where}, not ${expected}: the rules read ${use.prefix} resources as ${expected} defines them, which another provider need not do.`, use.usedBy)];
}

/**
 * The providers the rules read come from where the rules expect: every provider that runs an
 * azurerm_*, postgresql_*, random_*, time_*, azapi_*, azuread_*, msgraph_*, null_* or http_* resource
 * (the type's prefix, or the local name its "provider" meta-argument picks, whatever that name is) is
 * required from EXPECTED_SOURCES (on the Terraform or OpenTofu registry). Providers whose blocks fail
 * whatever they hold (shell, restapi, external) need no source. Every rule reads those resources with those providers' meaning; another provider
 * (a fork, a mirror that rewrote it, a second local name pointing elsewhere) need not do what
 * they do, so no verdict on it could be trusted. A local name left out of required_providers is
 * hashicorp's (the postgresql one then fails at init). No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-CFG-5',
  title: 'Providers come from the sources the rules read',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Require azurerm, azuread, random, time, null and http from hashicorp, postgresql from "cyrilgdn/postgresql", azapi from "Azure/azapi" and msgraph from "microsoft/msgraph" in terraform.required_providers, for every provider name their resources run with.',
  appliesTo: 'any',
  evaluate: (_server, stack?: StackFacts): Verdict | readonly Verdict[] => {
    const failures = providerUses(stack).flatMap((use) => judgeUse(use, stack));
    return failures.length > 0 ? failures : PASS;
  },
};
