import { addedFindings } from '../support/example-findings';
import { exampleJson } from '../support/example-stacks';

// Terraform plans a variable's default unless the run sets it, so a value written as a variable with a default is judged as that
// default is, beside what the run may set. A probe that moved every literal of the past adversarial patches into a variable's
// default found the readers of given objects (PGF-NET-7, PGF-NET-11, PG-NET-1), of identities (PGD-IAM-13), of unread writers
// (PG-CFG-8), of network writers (PG-CFG-3) and of zones named for the public name (PG-NET-1) passing the whole stack
// (expression-readings.ts now reads a variable as its default too): a variable was read only as "any text", which those readers leave to the run.

type Variables = { readonly [name: string]: { readonly type: string; readonly default?: unknown } };
const withVariable = (defaultValue: string | undefined): Variables => ({ v: { type: 'string', ...(defaultValue === undefined ? {} : { default: defaultValue }) } });

const SUBNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-db';
const OPEN_GROUP = {
  name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg-payments-db',
  security_rule: [{ name: 'any', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' }],
};
const ASSOCIATION = (subnet: string, variables: Variables) => ({
  variable: variables,
  resource: { azurerm_network_security_group: { open: OPEN_GROUP }, azurerm_subnet_network_security_group_association: { a: { subnet_id: subnet, network_security_group_id: '${azurerm_network_security_group.open.id}' } } },
});

const ZONE = '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/corp.postgres.database.azure.com';
const RECORD = (zoneId: string, variables: Variables) => ({
  variable: variables,
  resource: { azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: '${data.azapi_resource.z.name}', resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] } } },
  data: { azapi_resource: { z: { type: 'Microsoft.Network/privateDnsZones@2024-06-01', resource_id: zoneId } } },
});

const VNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke';
const SUBNETS_WRITE = (vnetId: string, variables: Variables) => ({
  variable: variables,
  resource: { azapi_update_resource: { u: { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: vnetId, body: { properties: { subnets: [{ name: 'snet-db', properties: { addressPrefix: '10.20.1.0/24' } }] } } } } },
});

const SHADOW_ZONE = (zoneName: string, variables: Variables) => ({
  variable: variables,
  resource: {
    azurerm_private_dns_zone: { z: { name: zoneName, resource_group_name: 'rg-orders-db' } },
    azurerm_private_dns_zone_virtual_network_link: { l: { name: 'l', private_dns_zone_name: '${azurerm_private_dns_zone.z.name}', resource_group_name: 'rg-orders-db', virtual_network_id: '${azurerm_virtual_network.Network.id}' } },
  },
});

const PASSWORD_REFERENCE = '@Microsoft.KeyVault(SecretName=orders-db-prod-administrator-password;VaultName=kv)';
const WEB_APP = (setting: string, variables: Variables) => ({
  variable: variables,
  resource: { azurerm_linux_web_app: { w: { name: 'w', resource_group_name: 'rg', location: 'westeurope', service_plan_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/p',
    site_config: [{}], identity: [{ type: 'SystemAssigned' }], app_settings: { PGPASSWORD: setting } } } },
});

describe.each([
  ['an allow-all group associated with a subnet that may be the given delegated one', 'flexible-existing-network', ASSOCIATION, SUBNET, ['PGF-NET-11 azurerm_network_security_group.open', 'PGF-NET-7 azurerm_network_security_group.open']],
  ['an A record in a zone a lookup reads that may be the server\'s given zone', 'flexible-existing-network', RECORD, ZONE, ['PG-NET-1 azurerm_private_dns_a_record.r']],
  ['a write of the subnets list of a VNet that may hold the given delegated subnet', 'flexible-existing-network', SUBNETS_WRITE, VNET, ['PG-CFG-3 azapi_update_resource.u']],
  ['a private zone named for the server\'s public name, linked to its VNet', 'flexible-existing-network', SHADOW_ZONE, 'postgres.database.azure.com', ['PG-NET-1 azurerm_private_dns_zone_virtual_network_link.l']],
  ['an app setting naming the server\'s generated password secret', 'flexible-database-roles', WEB_APP, PASSWORD_REFERENCE, ['PG-CFG-8 azurerm_linux_web_app.w']],
] as const)('%s', (_what, example, sections, literal, findings) => {
  test('written as a literal: fails', () => {
    expect(addedFindings(example, sections(literal, {}))).toEqual(expect.arrayContaining([...findings]));
  });
  test('written as a variable whose default is that literal: fails the same', () => {
    expect(addedFindings(example, sections('${var.v}', withVariable(literal)))).toEqual(expect.arrayContaining([...findings]));
  });
  test('written as a template of such a variable: fails the same', () => {
    expect(addedFindings(example, sections('${trimspace("${var.v}")}', withVariable(literal)))).toEqual(expect.arrayContaining([...findings]));
  });
  test('written as an attribute of an object variable\'s default, or an item of a map\'s or a list\'s: fails the same', () => {
    const variables: [string, Variables][] = [
      ['${var.v.k}', { v: { type: 'object({ k = string, other = string })', default: { k: literal, other: 'unrelated' } } }],
      ['${var.v["k"]}', { v: { type: 'map(string)', default: { other: 'unrelated', k: literal } } }],
      ['${var.v[1]}', { v: { type: 'list(string)', default: ['unrelated', literal] } }],
    ];
    for (const [value, declared] of variables) expect([value, addedFindings(example, sections(value, declared))]).toEqual([value, expect.arrayContaining([...findings])]);
  });
  test('written as an attribute whose default the variable\'s type gives (optional(string, ...)): fails the same', () => {
    const found = addedFindings(example, sections('${var.v.k}', { v: { type: `object({ k = optional(string, ${JSON.stringify(literal)}), other = optional(string) })`, default: { other: 'unrelated' } } }));
    expect(found).toEqual(expect.arrayContaining([...findings]));
  });
  test('written as an attribute of an object variable\'s default that holds another text: not read as that literal', () => {
    const found = addedFindings(example, sections('${var.v.k}', { v: { type: 'object({ k = string, other = string })', default: { k: 'unrelated', other: literal } } }));
    findings.forEach((finding) => expect(found).not.toContain(finding));
  });
  test('written as a variable without a default: the run sets it, and it is not read as that literal', () => {
    const found = addedFindings(example, sections('${var.v}', withVariable(undefined)));
    findings.forEach((finding) => expect(found).not.toContain(finding));
  });
});

// A type constraint with optional attributes the checks do not read may give the attribute any default (as echoed-arguments.ts reads
// it): a pointer read from it may be any object. A zone's own name read so stays a name the run chooses (public-name-shadows.ts).
test('an attribute of a variable whose type has optional defaults the checks do not read may be any given object', () => {
  const unread = { v: { type: 'object({ k = optional(strin g, "x") })', default: {} } };
  expect(addedFindings('flexible-existing-network', ASSOCIATION('${var.v.k}', unread))).toContain('PGF-NET-7 azurerm_network_security_group.open');
  expect(addedFindings('flexible-existing-network', ASSOCIATION('${var.v.k}', { v: { type: 'object({ k = optional(string) })', default: {} } }))).not.toContain('PGF-NET-7 azurerm_network_security_group.open');
});

test('a default naming another zone, or another secret, is read as that one', () => {
  expect(addedFindings('flexible-existing-network', RECORD('${var.v}', withVariable(ZONE.replace('corp.postgres', 'corp.example'))))).not.toContain('PG-NET-1 azurerm_private_dns_a_record.r');
  expect(addedFindings('flexible-database-roles', WEB_APP('${var.v}', withVariable(PASSWORD_REFERENCE.replace('administrator-password', 'reporting-key'))))).not.toContain('PG-CFG-8 azurerm_linux_web_app.w');
});

describe('a GET of a collection of private DNS zones whose first item names the zone of an A record', () => {
  const COLLECTION = '/subscriptions/0/providers/Microsoft.Network/privateDnsZones';
  const LISTED_RECORD = (resourceId: string, method: string, variables: Variables) => ({
    variable: variables,
    resource: { azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: '${data.azapi_resource_action.z.output.value[0].name}', resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] } } },
    data: { azapi_resource_action: { z: { type: 'Microsoft.Network/privateDnsZones@2024-06-01', resource_id: resourceId, method, response_export_values: ['value'] } } },
  });
  const RECORD_FINDING = 'PG-NET-1 azurerm_private_dns_a_record.r';
  test('by its literal URL: may be the server\'s given zone', () => {
    expect(addedFindings('flexible-existing-network', LISTED_RECORD(COLLECTION, 'GET', {}))).toContain(RECORD_FINDING);
  });
  test('by a variable whose default is that URL: a GET of the collection too', () => {
    expect(addedFindings('flexible-existing-network', LISTED_RECORD('${var.v}', 'GET', withVariable(COLLECTION)))).toContain(RECORD_FINDING);
  });
  test('with its method a variable (a default of GET, or none): its output may be what a GET reads', () => {
    expect(addedFindings('flexible-existing-network', LISTED_RECORD(COLLECTION, '${var.v}', withVariable('GET')))).toContain(RECORD_FINDING);
    expect(addedFindings('flexible-existing-network', LISTED_RECORD(COLLECTION, '${var.v}', withVariable(undefined)))).toContain(RECORD_FINDING);
  });
  test('with a literal POST: no list of zones (the action\'s output is not read as one)', () => {
    expect(addedFindings('flexible-existing-network', LISTED_RECORD(COLLECTION, 'POST', {}))).not.toContain(RECORD_FINDING);
  });
});

describe('an action on the given delegated subnet whose method is a variable', () => {
  // A method known only later is a GET to the readers of lookups (its output may list objects), never a reason to read the
  // action as no writer: a default of GET is what Terraform plans unless the run sets PUT.
  const SUBNET_ACTION = (method: string, variables: Variables) => ({
    variable: variables,
    resource: { azapi_resource_action: { a: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: SUBNET, method, body: { properties: { addressPrefix: '10.20.1.0/24' } } } } },
  });
  const WRITER_FINDING = 'PG-CFG-3 azapi_resource_action.a';
  test('a literal PUT writes it', () => {
    expect(addedFindings('flexible-existing-network', SUBNET_ACTION('PUT', {}))).toContain(WRITER_FINDING);
  });
  test('a variable (a default of GET, of PUT, or none) may write it', () => {
    for (const variables of [withVariable('GET'), withVariable('PUT'), withVariable(undefined)]) {
      expect([variables.v.default, addedFindings('flexible-existing-network', SUBNET_ACTION('${var.v}', variables))]).toEqual([variables.v.default, expect.arrayContaining([WRITER_FINDING])]);
    }
  });
  test('a literal GET only reads it', () => {
    expect(addedFindings('flexible-existing-network', SUBNET_ACTION('GET', {}))).not.toContain(WRITER_FINDING);
  });
});

// The variable probe's 252 pairs: a server parameter whose name is a variable failed PGF-CFG-1 (a name known only at apply time)
// while the parameter rules did not see it, so a suppression of PGF-CFG-1 hid the weakening. The name its default gives is the
// parameter Terraform plans: its value is judged there too.
describe('a server parameter whose name is a variable', () => {
  const SERVER = '${azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78.id}';
  const PARAMETER = (name: string, variables: Variables) => ({
    variable: variables,
    resource: { azurerm_postgresql_flexible_server_configuration: { n: { name, value: 'off', server_id: SERVER } } },
  });
  const TLS_FINDING = 'PGF-TLS-1 azurerm_postgresql_flexible_server_configuration.n';
  test('as a literal, require_secure_transport off fails PGF-TLS-1', () => {
    expect(addedFindings('flexible-vnet-integration', PARAMETER('require_secure_transport', {}))).toContain(TLS_FINDING);
  });
  test('as a variable defaulting to it, in any letter case: fails PGF-TLS-1 too (and PGF-CFG-1)', () => {
    for (const name of ['require_secure_transport', 'Require_Secure_Transport']) {
      const found = addedFindings('flexible-vnet-integration', PARAMETER('${var.v}', withVariable(name)));
      expect([name, found]).toEqual([name, expect.arrayContaining([TLS_FINDING, 'PGF-CFG-1 azurerm_postgresql_flexible_server_configuration.n'])]);
    }
  });
  test('as a variable without a default, or defaulting to another parameter: PGF-CFG-1 alone', () => {
    for (const variables of [withVariable(undefined), withVariable('log_checkpoints')]) {
      const found = addedFindings('flexible-vnet-integration', PARAMETER('${var.v}', variables));
      expect([variables.v.default, found]).toEqual([variables.v.default, expect.arrayContaining(['PGF-CFG-1 azurerm_postgresql_flexible_server_configuration.n'])]);
      expect(found).not.toContain(TLS_FINDING);
    }
  });
});

test('on a Single Server, a parameter named by a variable defaulting to lo_compat_privileges fails PGS-IAM-4 as the literal does', () => {
  const PARAMETER = (name: string, variables: Variables) => ({
    variable: variables,
    resource: { azurerm_postgresql_configuration: { n: { name, value: 'on', server_name: '${azurerm_postgresql_server.Postgres_Server_7CDD8A78.name}', resource_group_name: 'rg-legacy-db' } } },
  });
  const found = (name: string, variables: Variables) => addedFindings('single-server-legacy', PARAMETER(name, variables)).filter((finding) => finding.startsWith('PGS-IAM-4'));
  expect([found('lo_compat_privileges', {}), found('${var.v}', withVariable('lo_compat_privileges')), found('${var.v}', withVariable(undefined))])
    .toEqual([['PGS-IAM-4 azurerm_postgresql_configuration.n'], ['PGS-IAM-4 azurerm_postgresql_configuration.n'], []]);
});

// A second identity resource whose names are variables defaulting to the names of the identity the server acts as (its
// customer-managed key's) is that identity: a web app attaching it acts as the server's identity (PG-IAM-2), as with literal names.
test('a twin of the server\'s key identity named by variables\' defaults, attached to a web app, fails PG-IAM-2 as the literal names do', () => {
  const identities = exampleJson<{ resource: { azurerm_user_assigned_identity: { [key: string]: { name: string; resource_group_name: string } } } }>('flexible-cmk-ha').resource.azurerm_user_assigned_identity;
  const { name, resource_group_name: group } = Object.values(identities)[0];
  const TWIN = (twinName: string, twinGroup: string, variables: Variables) => ({
    variable: variables,
    resource: {
      azurerm_user_assigned_identity: { twin: { name: twinName, resource_group_name: twinGroup, location: 'westeurope' } },
      azurerm_linux_web_app: { w: { name: 'w', resource_group_name: 'rg', location: 'westeurope', service_plan_id: 'x', site_config: [{}], identity: [{ type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.twin.id}'] }] } },
    },
  });
  const FINDING = 'PG-IAM-2 azurerm_linux_web_app.w';
  expect(addedFindings('flexible-cmk-ha', TWIN(name, group, {}))).toContain(FINDING);
  expect(addedFindings('flexible-cmk-ha', TWIN('${var.n}', '${var.g}', { n: { type: 'string', default: name }, g: { type: 'string', default: group } }))).toContain(FINDING);
  expect(addedFindings('flexible-cmk-ha', TWIN('${var.n}', '${var.g}', { n: { type: 'string' }, g: { type: 'string' } }))).not.toContain(FINDING);
});

// The same twin class for the network objects around the server: a second subnet of the delegated subnet's names, written as
// variables defaulting to them, is a second resource of that subnet (second-resources.ts), as the literal names are.
test('a second subnet named by variables defaulting to the delegated subnet\'s names fails PG-CFG-3 as the literal names do', () => {
  const GROUP = { name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg', security_rule: OPEN_GROUP.security_rule };
  const TWIN = (name: string, network: string, group: string, variables: Variables) => ({
    variable: variables,
    resource: {
      azurerm_subnet: { twin: { name, virtual_network_name: network, resource_group_name: group, address_prefixes: ['10.20.1.0/28'] } },
      azurerm_network_security_group: { open: GROUP },
      azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.twin.id}', network_security_group_id: '${azurerm_network_security_group.open.id}' } },
    },
  });
  const json = exampleJson<{ resource: { azurerm_subnet: { [key: string]: { name: string } }; azurerm_virtual_network: { Network: { name: string } }; azurerm_resource_group: { ResourceGroup: { name: string } } } }>('flexible-vnet-integration');
  const [subnet, network, group] = [Object.values(json.resource.azurerm_subnet)[0].name, json.resource.azurerm_virtual_network.Network.name, json.resource.azurerm_resource_group.ResourceGroup.name];
  const FINDING = 'PG-CFG-3 azurerm_subnet.twin';
  const variables = (defaults: boolean): Variables => ({ n: { type: 'string', ...(defaults ? { default: subnet } : {}) }, v: { type: 'string', ...(defaults ? { default: network } : {}) }, g: { type: 'string', ...(defaults ? { default: group } : {}) } });
  expect(addedFindings('flexible-vnet-integration', TWIN(subnet, network, group, {}))).toContain(FINDING);
  expect(addedFindings('flexible-vnet-integration', TWIN('${var.n}', '${var.v}', '${var.g}', variables(true)))).toContain(FINDING);
  expect(addedFindings('flexible-vnet-integration', TWIN('${var.n}', '${var.v}', '${var.g}', variables(false)))).not.toContain(FINDING);
});
