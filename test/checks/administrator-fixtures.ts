import { TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { EntraAdministrator, SecureFlexibleServer } from '../../lib';
import { removedTargets } from '../../lib/checks/import-targets';
import { providerConfigurations } from '../../lib/checks/provider-facts';
import { Verdict } from '../../lib/checks/rule';
import { rule } from '../../lib/checks/rules/PG-IAM-3';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';
import { minimalProps, providerStack, synthErrors } from '../helpers';

type Json = { [key: string]: any };
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/**
 * The PG-IAM-3 verdicts on a construct's server beside its declared Entra administrator of the type and object ID ("dba@contoso.com"),
 * with the blocks (resources, import, removed, provider).
 */
export function administratorVerdicts(blocks: Json, type: string, id: string): readonly Verdict[] {
  const json = {
    ...blocks,
    resource: {
      [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555', object_id: id, principal_name: 'dba@contoso.com', principal_type: type } },
      ...blocks.resource,
    },
  };
  const model = buildStackModel(json);
  const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!,
    { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT], removals: removedTargets(json), providers: providerConfigurations(json) });
  return Array.isArray(result) ? result : [result as Verdict];
}

/** The failing addresses (or the status) of administratorVerdicts. */
export function administratorFindings(blocks: Json, type: string, id: string): readonly string[] {
  return administratorVerdicts(blocks, type, id).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
}

/** A raw block of a cdktf stack: its type, construct id and configuration (set by overrides). */
export type RawBlock = readonly [type: string, id: string, config: { readonly [key: string]: unknown }];

/** An Entra administrator of the construct, or one made from the stack (a reference to a block of it). */
type StackAdministrator = EntraAdministrator | ((stack: TerraformStack) => EntraAdministrator);

/**
 * A cdktf stack with a SecureFlexibleServer whose one Entra administrator is given, raw resources and data sources (`blocks`,
 * `lookups`, each set by overrides), and providers' configurations (`provider.<name>`, or any path with a dot: `ephemeral.<type>.<name>`,
 * `check.<name>`). `${<PLACEHOLDER>}` in a value (the first in each string, and in every provider value) is a string variable of the
 * stack named in lower case (`placeholder`, "BASE" unless given).
 */
export function administratorStack(blocks: readonly RawBlock[], administrator: StackAdministrator,
  { providers = {}, lookups = [], placeholder = 'BASE' }: { providers?: { readonly [name: string]: unknown }; lookups?: readonly RawBlock[]; placeholder?: string } = {}): TerraformStack {
  const stack = providerStack();
  const variable = new TerraformVariable(stack, placeholder.toLowerCase(), { type: 'string' }).stringValue;
  const replaced = (value: unknown): unknown => (typeof value === 'string' ? value.replace(`\${${placeholder}}`, variable) : value);
  for (const [name, config] of Object.entries(providers)) stack.addOverride(name.includes('.') ? name : `provider.${name}`, JSON.parse(JSON.stringify(config), (_, value) => replaced(value)));
  for (const [Block, made] of [[TerraformResource, blocks], [TerraformDataSource, lookups]] as const) {
    for (const [type, id, config] of made) {
      const block = new Block(stack, id, { terraformResourceType: type });
      for (const [key, value] of Object.entries(config)) block.addOverride(key, replaced(value));
    }
  }
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [typeof administrator === 'function' ? administrator(stack) : administrator] }));
  return stack;
}

/** The PG-IAM-3 errors synth reports on a stack (administratorStack), each a line as printed. */
export function administratorErrors(stack: TerraformStack): string[] {
  return synthErrors(stack).filter((line) => line.includes(' PG-IAM-3 '));
}

/** The resources of PG-IAM-3 errors (the second word of each), each once. */
export function failingBlocks(errors: readonly string[]): string[] {
  return [...new Set(errors.map((line) => line.trim().split(/\s+/)[1]))];
}
