import { Rule, Verdict } from '../../lib/checks/rule';
import { buildStackModel, ServerView, TerraformBlock } from '../../lib/checks/stack-model';

/** Resource blocks by type and name, as in a cdk.tf.json "resource" object. */
export type Resources = { [type: string]: { [name: string]: TerraformBlock } };

export const FLEXIBLE = 'azurerm_postgresql_flexible_server';
export const SINGLE = 'azurerm_postgresql_server';

/** A Flexible Server block that passes every rule; override what a test is about. */
export function compliantFlexibleServer(overrides: TerraformBlock = {}): TerraformBlock {
  return {
    name: 'orders-db',
    public_network_access_enabled: false,
    delegated_subnet_id: '${azurerm_subnet.db.id}',
    private_dns_zone_id: '${azurerm_private_dns_zone.db.id}',
    authentication: { active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: '11111111-2222-3333-4444-555555555555' },
    geo_redundant_backup_enabled: true,
    backup_retention_days: 35,
    high_availability: { mode: 'ZoneRedundant' },
    sku_name: 'GP_Standard_D2ds_v5',
    version: '17',
    lifecycle: { prevent_destroy: true },
    ...overrides,
  };
}

/** A compliant Flexible Server without VNet integration (for public access and private endpoints). */
export function flexibleServerWithoutVnet(overrides: TerraformBlock = {}): TerraformBlock {
  const server: { [key: string]: unknown } = { ...compliantFlexibleServer(overrides) };
  delete server.delegated_subnet_id;
  delete server.private_dns_zone_id;
  return server;
}

/** Flexible Server parameters, one configuration resource each, pointing at azurerm_postgresql_flexible_server.db. */
export function flexibleParameters(values: { [name: string]: string }): { [name: string]: TerraformBlock } {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name.replace(/\W/g, '_'), { name, value, server_id: `\${${FLEXIBLE}.db.id}` }]),
  );
}

/** Single Server parameters, one configuration resource each, pointing at azurerm_postgresql_server.db. */
export function singleParameters(values: { [name: string]: string }): { [name: string]: TerraformBlock } {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name.replace(/\W/g, '_'), { name, value, server_name: `\${${SINGLE}.db.name}`, resource_group_name: 'rg' }]),
  );
}

/** The view of the server "db" (or the only server) in the given resources. */
export function serverIn(resources: Resources, address = `${Object.keys(resources).find((t) => t === FLEXIBLE || t === SINGLE)}.db`): ServerView {
  const server = buildStackModel({ resource: resources }).servers.find((s) => s.address === address);
  if (server === undefined) throw new Error(`no server ${address} in the test resources`);
  return server;
}

/** Runs one rule on the server "db" of the given resources: its verdict, or the first of several. */
export function judge(rule: Rule, resources: Resources, address?: string): Verdict {
  return judgeAll(rule, resources, address)[0];
}

/** Every verdict of one rule on the server "db": one per faulty resource. */
export function judgeAll(rule: Rule, resources: Resources, address?: string): readonly Verdict[] {
  const result = rule.evaluate(serverIn(resources, address));
  return Array.isArray(result) ? result : [result as Verdict];
}

/** Every verdict of one rule on the server "db" of a stack's JSON, beside the library constructs at the given paths. */
export function judgeBesideConstructs(rule: Rule, terraform: object, constructs: readonly string[]): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs });
  return Array.isArray(result) ? result : [result as Verdict];
}

/** The address the model gives a server that only its child resources name (a literal ID or name). */
export function outsideAddress(kind: 'flexible' | 'single', pointer: string): string {
  const type = kind === 'flexible' ? FLEXIBLE : SINGLE;
  return `(outside this stack) ${type} "${pointer.split('/').pop()}"`;
}

/** The public-access server "db" with firewall rules of the given names and [start, end] addresses. */
export function flexibleWithFirewallRules(rules: { [name: string]: [unknown, unknown] }): Resources {
  const blocks = Object.fromEntries(
    Object.entries(rules).map(([name, [start, end]]) => [name, { name, server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: start, end_ip_address: end }]),
  );
  return { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined }) }, azurerm_postgresql_flexible_server_firewall_rule: blocks };
}
