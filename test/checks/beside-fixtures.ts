import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { forwardingPaths } from '../../lib/checks/forwarding-paths';
import { Rule, Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCTS_KEY, MADE_KEY } from '../../lib/checks/suppressions';
import { minimalProps, newStack, synthErrors } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

/** The construct path a test's library construct has, and the metadata cdktf writes for a block it made. */
export const CONSTRUCT = 'stack/Postgres';
export function madeAt(path: string): { '//': { metadata: { path: string } } } {
  return { '//': { metadata: { path } } };
}

/** The generated administrator password of passwordStackFindings' construct, and its Key Vault secret's name and vault. */
export const GENERATED_PASSWORD = '${random_password.admin.result}';
export const ADMIN_SECRET_NAME = 'orders-db-administrator-password';
export const ADMIN_SECRET_VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres';

/**
 * A rule's findings other than pass, as sorted [status, address], run through evaluateStack on the JSON as written (its spellings
 * and "//" read as Terraform reads them): a construct's server with a generated administrator password (random_password.admin) in
 * its Key Vault secret (azurerm_key_vault_secret.own), and the sections given; resource types given are merged by block.
 */
export function passwordStackFindings(rule: Rule, sections: { [section: string]: unknown } = {}): string[][] {
  const extra = (sections.resource ?? {}) as Resources;
  const terraform = {
    ...sections,
    resource: {
      ...extra,
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: GENERATED_PASSWORD }), ...madeAt(`${CONSTRUCT}/Server`) } },
      random_password: { admin: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Password`), length: 32 } },
      azurerm_key_vault_secret: {
        own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: ADMIN_SECRET_NAME, key_vault_id: ADMIN_SECRET_VAULT, value_wo: GENERATED_PASSWORD },
        ...extra.azurerm_key_vault_secret,
      },
    },
    '//': { [CONSTRUCTS_KEY]: [CONSTRUCT], [MADE_KEY]: [`${CONSTRUCT}/Server`, `${CONSTRUCT}/AdministratorPassword/Password`, `${CONSTRUCT}/AdministratorPassword/Secret`] },
  };
  return evaluateStack(terraform, [rule]).findings.filter((finding) => finding.status !== 'pass').map((finding) => [finding.status, finding.address ?? '']).sort();
}

/** The verdicts of the forwarders (forwarding-paths.ts) beside a construct's server in subnet 10.0.1.0/28, with the blocks added. */
export function forwarderVerdicts(extra: Resources): readonly Verdict[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({}), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
    ...extra,
  };
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  return forwardingPaths(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources });
}

/**
 * Every verdict of a rule on the server "db" (or the given address), with the stack's resources
 * and the library constructs' paths as evaluateStack gives them.
 */
export function verdictsBeside(rule: Rule, resources: Resources, constructs: readonly string[] = [], address = `${FLEXIBLE}.db`): readonly Verdict[] {
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((s) => s.address === address);
  if (server === undefined) throw new Error(`no server ${address} in the test resources`);
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs });
  return Array.isArray(result) ? result : [result as Verdict];
}

/** The vault of the generated administrator password in roleGrantStack. */
export const PASSWORD_VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres';

/** A construct's server in rg-orders, with its subnet and NSG in rg-network and a vaulted administrator password: where role grants are judged. */
export const roleGrantStack = (extra: Resources): Resources => ({
  ...extra,
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', administrator_password_wo: '${random_password.admin.result}' }), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet-db', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_network_security_group: { db: { ...madeAt(`${CONSTRUCT}/Nsg`), name: 'nsg-db', resource_group_name: 'rg-network', location: 'westeurope' } },
  azurerm_subnet_network_security_group_association: { db: { ...madeAt(`${CONSTRUCT}/Association`), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.db.id}' } },
  random_password: { admin: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Password`), length: 32 } },
  azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 'orders-db-administrator-password', key_vault_id: PASSWORD_VAULT, value_wo: '${random_password.admin.result}' } },
});

/** Blocks a test writes beside a construct: type, construct id, and the configuration written by overrides. */
export type Blocks = [type: string, id: string, config: Record<string, unknown>][];

/**
 * The PG-NET-1 lines of a synth of a default construct (with `overrides`) and `blocks` beside it. What another rule says of a
 * given subnet's or zone's pointer is left out: each network table's test judges only its own verdicts.
 */
export function networkErrorsBeside(blocks: Blocks, overrides: Partial<SecureFlexibleServerProps> = {}, configure?: (stack: TerraformStack) => void): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(overrides));
  for (const [type, id, config] of blocks) raw(stack, type, id, config);
  configure?.(stack);
  return synthErrors(stack).filter((line) => / PG-NET-1 /.test(line) && !/ PG-NET-1 (delegated_subnet_id|private_dns_zone_id) is /.test(line));
}

/** Whether the block at `address` is among the PG-NET-1 lines. */
export const failsNetworkOn = (errors: string[], address: string): boolean => errors.some((line) => line.startsWith(`  [test] ${address} PG-NET-1 `));

/**
 * The azurerm blocks of a stack with every nested block written as a `dynamic` block over one item, at every level (A20b-7):
 * Terraform makes the same blocks, so every reader must reach the same verdict.
 */
export function asDynamic(resources: Resources): Resources {
  const isBlockList = (value: unknown): value is object[] => Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  const rewrite = (body: { [key: string]: unknown }): { [key: string]: unknown } => {
    const written: { [key: string]: unknown } = {};
    const dynamic: { [key: string]: unknown } = {};
    for (const [key, value] of Object.entries(body)) {
      if (isBlockList(value)) dynamic[key] = value.map((item) => ({ for_each: '${toset(["one"])}', content: rewrite(item as { [key: string]: unknown }) }));
      else written[key] = value;
    }
    return Object.keys(dynamic).length === 0 ? written : { ...written, dynamic };
  };
  return Object.fromEntries(Object.entries(resources).map(([type, blocks]) => [type, type.startsWith('azurerm_')
    ? Object.fromEntries(Object.entries(blocks as { [name: string]: { [key: string]: unknown } }).map(([name, body]) => [name, rewrite(body)]))
    : blocks]));
}

/** A resource block of any type, its configuration written by overrides (as a user's raw Terraform would). */
export function raw(stack: TerraformStack, type: string, id: string, config: Record<string, unknown>): TerraformResource {
  const block = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  return block;
}

/** A data source (lookup) of any type, its arguments written by overrides. */
export function lookup(stack: TerraformStack, type: string, id: string, config: Record<string, unknown>): TerraformDataSource {
  const block = new TerraformDataSource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  return block;
}
