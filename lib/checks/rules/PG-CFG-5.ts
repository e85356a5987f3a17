import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';

/** The providers whose resources the rules read, and where each must come from (namespace/type). */
const EXPECTED_SOURCES: { readonly [name: string]: string } = {
  azurerm: 'hashicorp/azurerm',
  postgresql: 'cyrilgdn/postgresql',
  random: 'hashicorp/random',
  time: 'hashicorp/time',
};
/** Registries that serve those providers under the same namespace: Terraform's and OpenTofu's. */
const REGISTRIES = ['registry.terraform.io', 'registry.opentofu.org'];

/** A source address as Terraform reads it: "type" is hashicorp/type, "namespace/type", or "host/namespace/type" on a known registry. */
function sourceMatches(source: string, expected: string): boolean {
  const parts = source.trim().toLowerCase().split('/');
  const address = parts.length === 1 ? `hashicorp/${parts[0]}` : parts.length === 3 && REGISTRIES.includes(parts[0]) ? `${parts[1]}/${parts[2]}` : parts.join('/');
  return address === expected;
}

/**
 * The providers the rules read come from where the rules expect: terraform.required_providers
 * names azurerm from hashicorp/azurerm, postgresql from cyrilgdn/postgresql, random and time
 * from hashicorp (on the Terraform or OpenTofu registry). Every rule reads azurerm_*,
 * postgresql_* and random_password resources with those providers' meaning; a provider of the
 * same name from elsewhere (a fork, a mirror that rewrote it) need not do what they do, so no
 * verdict on it could be trusted. A provider left out of required_providers is hashicorp's (the
 * postgresql one then fails at init). No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-CFG-5',
  title: 'Providers come from the sources the rules read',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Require azurerm from "hashicorp/azurerm", postgresql from "cyrilgdn/postgresql", random and time from hashicorp in terraform.required_providers.',
  appliesTo: 'any',
  evaluate: (_server, stack?: StackFacts): Verdict | readonly Verdict[] => {
    const failures = Object.entries(EXPECTED_SOURCES).flatMap(([name, expected]) => {
      const source = stack?.providerSources?.get(name);
      if (source === undefined || (typeof source === 'string' && sourceMatches(source, expected))) return [];
      const shown = isUnknown(source) ? `${String(source)}, an expression Terraform does not allow there` : JSON.stringify(source);
      return [fail(`terraform.required_providers.${name}.source is ${shown}, not ${expected}: the rules read ${name} resources as ${expected} defines them, which another provider need not do.`)];
    });
    return failures.length > 0 ? failures : PASS;
  },
};
