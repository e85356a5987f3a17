import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { blocksKnownLater, dynamicContents, everyBlock, isDynamicBlock } from '../../lib/checks/dynamic-blocks';
import { Unknown } from '../../lib/checks/hcl-expression';
import { rule as PGD_IAM_12 } from '../../lib/checks/rules/PGD-IAM-12';
import { serverFacts } from '../../lib/checks/server-facts';
import { buildStackModel } from '../../lib/checks/stack-model';
import { parseTerraformJson } from '../../lib/checks/terraform-json';
import { runCheck } from '../../lib/cli/check-command';
import { minimalProps, synthErrors } from '../helpers';
import { databaseStack, groupRole, judgeDeclared, withSchemas } from './database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// A4-14 of the fourth review: HCL's JSON syntax reads "dynamic" as every other block type, an
// object of blocks by label or a list of such objects, at every level where blocks nest (a
// resource, a provider, a block within a block). Each form is read; a block a rule reads that a
// dynamic block makes is known only at plan time, never a pass.

const ALLOW_ALL = {
  name: 'all', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*',
  destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*',
};
const DYNAMIC_RULE = { security_rule: { for_each: ['x'], content: ALLOW_ALL } };
const NO_RESTART = { for_each: [1], content: { restart_server_on_configuration_value_change: false } };

describe('the reader of dynamic blocks', () => {
  const read = (text: string) => parseTerraformJson(text) as { [key: string]: unknown };

  test.each([
    ['an object', '{ "dynamic": { "security_rule": { "for_each": ["x"], "content": { "name": "a" } } } }'],
    ['a list of one object', '{ "dynamic": [ { "security_rule": [ { "for_each": ["x"], "content": [ { "name": "a" } ] } ] } ] }'],
    ['a list of several objects, merged', '{ "dynamic": [ { "tags": { "for_each": [] } }, { "security_rule": { "for_each": ["x"], "content": { "name": "a" } } } ] }'],
    ['"dynamic" written twice (HCL keeps both)', '{ "dynamic": { "tags": { "for_each": [] } }, "dynamic": { "security_rule": { "for_each": ["x"], "content": { "name": "a" } } } }'],
  ])('reads %s', (_form, text) => {
    const body = read(text);
    expect(isDynamicBlock(body, 'security_rule')).toBe(true);
    expect(blocksKnownLater(body, 'security_rule')).toBe(true);
    expect(dynamicContents(body, 'security_rule')).toEqual([{ name: 'a' }]);
    expect(isDynamicBlock(body, 'lifecycle')).toBe(false);
  });

  test('reads a dynamic block within a block, in each form', () => {
    for (const features of [{ dynamic: { postgresql_flexible_server: NO_RESTART } }, [{ dynamic: [{ postgresql_flexible_server: [NO_RESTART] }] }]]) {
      const [block] = everyBlock({ features }, 'features');
      expect(isDynamicBlock(block, 'postgresql_flexible_server')).toBe(true);
      expect(dynamicContents(block, 'postgresql_flexible_server')).toEqual([{ restart_server_on_configuration_value_change: false }]);
    }
  });

  test('every block: those written and the content of the dynamic ones, in order', () => {
    const body = { private_dns_zone_group: [{ id: 1 }, { id: 2 }], dynamic: [{ private_dns_zone_group: [{ content: { id: 3 } }, { content: [{ id: 4 }] }] }] };
    expect(everyBlock(body, 'private_dns_zone_group')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });

  test('blocks given by an expression are known later; a label that is a property of every object is not a block', () => {
    const later = new Unknown('var.rules', ['var.rules']);
    expect(blocksKnownLater({ security_rule: later }, 'security_rule')).toBe(true);
    expect(everyBlock({ security_rule: later }, 'security_rule')).toEqual([]);
    expect(isDynamicBlock({ dynamic: {} }, 'constructor')).toBe(false);
    expect(blocksKnownLater({ security_rule: [] }, 'security_rule')).toBe(false);
  });
});

function providerStack(): { stack: TerraformStack; provider: AzurermProvider } {
  const stack = new TerraformStack(Testing.app(), 'dynamic');
  const provider = new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return { stack, provider };
}

function flexible(configure: (server: SecureFlexibleServer, provider: AzurermProvider) => void): TerraformStack {
  const { stack, provider } = providerStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  configure(server, provider);
  return stack;
}

function securityGroup(server: SecureFlexibleServer): NetworkSecurityGroup {
  return server.node.findAll().find((construct) => construct instanceof NetworkSecurityGroup) as NetworkSecurityGroup;
}

/** The check command's exit code and its error lines, on a stack's JSON with a change made to it as text. */
function check(stack: TerraformStack, edit: (json: any) => void = () => undefined): { code: number; errors: string[] } {
  const json = stack.toTerraform();
  edit(json);
  const file = join(mkdtempSync(join(tmpdir(), 'dynamic-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json, null, 1));
  const out: string[] = [];
  const code = runCheck(['check', file], { out: (line) => out.push(line), err: (line) => out.push(line) });
  return { code, errors: out.filter((line) => / ERROR /.test(line)).map((line) => line.trim()) };
}

const ofRule = (lines: readonly string[], id: string) => lines.filter((line) => line.includes(` ${id} `));

describe('an allow-all rule added to the construct\'s network security group by a dynamic block fails synth and check', () => {
  test.each([
    ['an object', DYNAMIC_RULE],
    ['a list', [DYNAMIC_RULE]],
    ['a list of several objects', [{ tags: { for_each: [] } }, DYNAMIC_RULE]],
  ])('"dynamic" as %s', (_form, dynamic) => {
    const build = () => flexible((server) => securityGroup(server).addOverride('dynamic', dynamic));
    const found = ofRule(synthErrors(build()), 'PGF-NET-7');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/PGF-NET-7 the security_rule blocks of azurerm_network_security_group\.\S+ are known only at plan time/);
    const result = check(build());
    expect(result.code).toBe(1);
    expect(ofRule(result.errors, 'PGF-NET-7')).toHaveLength(1);
  });

  test('in the JSON, as HCL\'s list form at every level, and as "dynamic" written twice', () => {
    const stack = flexible(() => undefined);
    expect(check(stack).code).toBe(0);
    const lists = check(stack, (json) => {
      const group = Object.values(json.resource.azurerm_network_security_group)[0] as any;
      group.dynamic = [{ security_rule: [{ for_each: ['x'], content: [ALLOW_ALL] }] }];
    });
    expect(lists.code).toBe(1);
    expect(ofRule(lists.errors, 'PGF-NET-7')).toHaveLength(1);
    const text = JSON.stringify(stack.toTerraform()).replace(/"azurerm_network_security_group":\{"([^"]+)":\{/, (found) => `${found}"dynamic":{"tags":{"for_each":[]}},"dynamic":${JSON.stringify(DYNAMIC_RULE)},`);
    const file = join(mkdtempSync(join(tmpdir(), 'dynamic-')), 'cdk.tf.json');
    writeFileSync(file, text);
    const out: string[] = [];
    expect(runCheck(['check', file], { out: (line) => out.push(line), err: (line) => out.push(line) })).toBe(1);
    expect(out.filter((line) => / PGF-NET-7 +azurerm_network_security_group\./.test(line))).toHaveLength(1);
  });

  test('a static allow-all rule beside a dynamic block still fails as open, and the dynamic block stays unknown beside it', () => {
    const stack = flexible((server) => {
      securityGroup(server).addOverride('security_rule', [{ ...ALLOW_ALL, destination_application_security_group_ids: [], destination_address_prefixes: [], destination_port_ranges: [], source_address_prefixes: [], source_application_security_group_ids: [], source_port_ranges: [], description: 'x' }]);
      securityGroup(server).addOverride('dynamic', [DYNAMIC_RULE]);
    });
    // Both: a suppression of the open rule must not hide what the dynamic block writes (adversarial run of stop 68).
    expect(ofRule(synthErrors(stack), 'PGF-NET-7')).toEqual([
      expect.stringMatching(/PGF-NET-7 security rule all of \S+ allows inbound PostgreSQL from "\*"\./),
      expect.stringMatching(/PGF-NET-7 the security_rule blocks of \S+ are known only at plan time/),
    ]);
  });
});

describe('restart_server_on_configuration_value_change = false through a dynamic block of the azurerm provider fails synth and check (PGF-LOG-12)', () => {
  test('the plain block fails (the control)', () => {
    const stack = flexible((_server, provider) => provider.addOverride('features', [{ postgresql_flexible_server: { restart_server_on_configuration_value_change: false } }]));
    expect(ofRule(synthErrors(stack), 'PGF-LOG-12')).toEqual([expect.stringMatching(/PGF-LOG-12 the azurerm provider azurerm sets .* = false/)]);
  });

  test.each([
    ['a dynamic postgresql_flexible_server in features, "dynamic" an object', [{ dynamic: { postgresql_flexible_server: NO_RESTART } }]],
    ['a dynamic postgresql_flexible_server in features, "dynamic" a list', [{ dynamic: [{ postgresql_flexible_server: [NO_RESTART] }] }]],
  ])('%s', (_name, features) => {
    const build = () => flexible((_server, provider) => provider.addOverride('features', features));
    expect(ofRule(synthErrors(build()), 'PGF-LOG-12')).toEqual([expect.stringMatching(/PGF-LOG-12 features\.postgresql_flexible_server\.restart_server_on_configuration_value_change of the azurerm provider azurerm is known only at apply time/)]);
    const result = check(build());
    expect(result.code).toBe(1);
    expect(ofRule(result.errors, 'PGF-LOG-12')).toHaveLength(1);
  });

  test('a dynamic features block of the provider itself', () => {
    const stack = flexible(() => undefined);
    const result = check(stack, (json) => {
      const provider = json.provider.azurerm[0];
      delete provider.features;
      provider.dynamic = [{ features: { for_each: [1], content: { postgresql_flexible_server: { restart_server_on_configuration_value_change: false } } } }];
    });
    expect(result.code).toBe(1);
    expect(ofRule(result.errors, 'PGF-LOG-12')).toHaveLength(1);
  });
});

describe('other blocks the rules read, written as dynamic blocks in the list form', () => {
  test('the server\'s authentication block is known only at plan time (PGF-IAM-1)', () => {
    const stack = flexible((server) => {
      server.server.addOverride('authentication', undefined);
      server.server.addOverride('dynamic', [{ authentication: { for_each: [1], content: { active_directory_auth_enabled: true, password_auth_enabled: true } } }]);
    });
    expect(ofRule(synthErrors(stack), 'PGF-IAM-1')).toEqual([expect.stringMatching(/PGF-IAM-1 the authentication block is written as a dynamic block, known only at plan time/)]);
  });

  test('the diagnostic setting\'s enabled_log blocks are known only at plan time (PGF-LOG-8)', () => {
    const stack = flexible((server) => {
      const setting = server.node.findAll().find((construct) => construct instanceof MonitorDiagnosticSetting) as MonitorDiagnosticSetting;
      setting.addOverride('enabled_log', undefined);
      setting.addOverride('dynamic', [{ enabled_log: { for_each: ['x'], content: { category: 'PostgreSQLLogs' } } }]);
    });
    expect(ofRule(synthErrors(stack), 'PGF-LOG-8')).toEqual([expect.stringMatching(/PGF-LOG-8 the enabled_log blocks of azurerm_monitor_diagnostic_setting\.\S+ are known only at plan time/)]);
  });

  test('a private endpoint whose connection to the construct\'s server is a dynamic block is judged (PG-NET-1)', () => {
    const stack = flexible((server) => {
      TerraformStack.of(server).addOverride('resource.azurerm_private_endpoint.side', {
        name: 'side', location: 'westeurope', resource_group_name: 'rg-orders', subnet_id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/other',
        dynamic: [{ private_service_connection: { for_each: [1], content: { name: 'c', is_manual_connection: false, subresource_names: ['postgresqlServer'], private_connection_resource_id: `\${${server.server.terraformResourceType}.${server.server.friendlyUniqueId}.id}` } } }],
      });
    });
    expect(ofRule(synthErrors(stack), 'PG-NET-1')).toEqual([expect.stringContaining('azurerm_private_endpoint.side')]);
  });

  test('a policy set whose definitions are a dynamic block acts as the definitions it points at (PG-CFG-4)', () => {
    const stack = flexible((server) => {
      const root = TerraformStack.of(server);
      root.addOverride('resource.azurerm_policy_definition.open', {
        name: 'open-pg', policy_type: 'Custom', mode: 'Indexed', display_name: 'open',
        policy_rule: JSON.stringify({ if: { field: 'type', equals: 'Microsoft.DBforPostgreSQL/flexibleServers' }, then: { effect: 'modify', details: { roleDefinitionIds: [], operations: [] } } }),
      });
      root.addOverride('resource.azurerm_policy_set_definition.set', {
        name: 's', policy_type: 'Custom', display_name: 's',
        dynamic: [{ policy_definition_reference: { for_each: [1], content: { policy_definition_id: '${azurerm_policy_definition.open.id}' } } }],
      });
      root.addOverride('resource.azurerm_resource_group_policy_assignment.open', {
        name: 'open-pg', resource_group_id: '/subscriptions/s/resourceGroups/rg-orders', policy_definition_id: '${azurerm_policy_set_definition.set.id}', location: 'westeurope',
      });
    });
    expect(ofRule(synthErrors(stack), 'PG-CFG-4')).toEqual([expect.stringContaining('azurerm_resource_group_policy_assignment.open PG-CFG-4 an azurerm_resource_group_policy_assignment of a policy that modifies')]);
  });
});

describe('readers beside the rules', () => {
  const schema = { database: 'orders', name: 'sales', owner: '${postgresql_role.owner.name}', '//': { metadata: { path: 'stack/Access/Database-orders/Schema-sales' } } };
  const groups = { ro: groupRole('orders_readonly'), rw: groupRole('orders_readwrite'), owner: groupRole('orders_owner') };

  test('a policy block of a schema DatabaseAccess makes, written as a dynamic block, fails PGD-IAM-12 as a written one does', () => {
    const withSchema = (body: object) => databaseStack({ postgresql_role: groups, postgresql_schema: { sales: body } } as never);
    const declared = [withSchemas(['public', 'sales'])];
    expect(judgeDeclared(PGD_IAM_12, withSchema(schema), declared)).toEqual([{ status: 'pass' }]);
    for (const dynamic of [{ policy: { for_each: ['x'], content: { usage: true } } }, [{ policy: [{ for_each: ['x'], content: [{ usage: true }] }] }]]) {
      expect(judgeDeclared(PGD_IAM_12, withSchema({ ...schema, dynamic }), declared)).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('has policy blocks') })]);
    }
  });

  test('the report says a dynamic authentication block, and the sources of dynamic security rules, are known only at plan time', () => {
    const server = compliantFlexibleServer({ authentication: undefined, dynamic: [{ authentication: { for_each: [1], content: { password_auth_enabled: true } } }] });
    const [facts] = buildStackModel({ resource: { [FLEXIBLE]: { db: server } } }).servers.map(serverFacts);
    expect(facts.access).toMatchObject({ entraAuthentication: 'known only at plan time (a dynamic authentication block)', passwordAuthentication: 'known only at plan time (a dynamic authentication block)' });
    const subnet = '${azurerm_subnet.db.id}';
    const model = buildStackModel({ resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: subnet }) },
      azurerm_subnet: { db: { name: 'db', virtual_network_name: 'v', resource_group_name: 'rg', address_prefixes: ['10.0.1.0/28'] } },
      azurerm_network_security_group: { g: { name: 'g', resource_group_name: 'rg', dynamic: [DYNAMIC_RULE] } },
      azurerm_subnet_network_security_group_association: { a: { subnet_id: subnet, network_security_group_id: '${azurerm_network_security_group.g.id}' } },
    } });
    expect(serverFacts(model.servers[0]).access.vnetIntegration?.networkSecurityGroup).toBe('g, PostgreSQL in from the sources of its security_rule blocks known only at plan time (may)');
  });

  test('a private endpoint needs its connection, written or dynamic (any form); a dynamic block of another name is not one', () => {
    const endpoint = (body: object) => buildStackModel({ resource: { azurerm_private_endpoint: { e: { name: 'x', ...body } } } }).problems;
    expect(endpoint({ dynamic: [{ private_service_connection: { for_each: ['x'], content: { private_connection_resource_id: '${var.id}' } } }] })).toEqual([]);
    expect(endpoint({ dynamic: [{ ip_configuration: { for_each: ['x'], content: {} } }] })).toEqual(['resource.azurerm_private_endpoint.e.private_service_connection is missing, where Terraform needs an object']);
  });
});
