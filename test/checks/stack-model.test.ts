import { isUnknown } from '../../lib/checks/hcl-expression';
import { buildStackModel, ServerView } from '../../lib/checks/stack-model';
import { parseTerraformJson } from '../../lib/checks/terraform-json';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';
import { workGrowth } from '../support/work-count';

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';
const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const REF = `\${${FLEXIBLE}.db.id}`;

function server(terraform: unknown, address = `${FLEXIBLE}.db`): ServerView {
  const found = buildStackModel(terraform).servers.find((s) => s.address === address);
  if (found === undefined) throw new Error(`no ${address}: ${buildStackModel(terraform).servers.map((s) => s.address).join(', ')}`);
  return found;
}

function rule(name: string, serverId: unknown, extra: object = {}) {
  return { name, server_id: serverId, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255', ...extra };
}

describe('values are read as Terraform evaluates them', () => {
  test('constants in interpolations are folded, null is unset', () => {
    const db = server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${true}', zone: null, version: '${"16"}' }) } } });
    expect(db.config.public_network_access_enabled).toBe(true);
    expect(db.config.version).toBe('16');
    expect('zone' in db.config).toBe(false);
  });

  test('nested values: a template or a null member deep inside is evaluated beside literal siblings, and the JSON is left as written', () => {
    const tags = { team: 'data', empty: null, nested: ['a', { keep: 'x', drop: null }, '${"y"}', null, 'z'] };
    const window = { day_of_week: 0, start_hour: '${1 + 1}', start_minute: 0 };
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ tags, maintenance_window: [window], high_availability: [{ mode: 'ZoneRedundant' }] }) } } };
    const written = JSON.stringify(terraform);
    const db = server(terraform);
    expect(db.config.tags).toEqual({ team: 'data', nested: ['a', { keep: 'x' }, 'y', null, 'z'] });
    expect(db.config.maintenance_window).toEqual([{ day_of_week: 0, start_hour: 2, start_minute: 0 }]);
    expect(db.config.high_availability).toEqual([{ mode: 'ZoneRedundant' }]);
    expect(JSON.stringify(terraform)).toBe(written);
  });

  test('locals that are constants are read through', () => {
    const db = server({ locals: { public: true }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${local.public}' }) } } });
    expect(db.config.public_network_access_enabled).toBe(true);
  });

  test('a variable stays unknown', () => {
    const db = server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${var.public}' }) } } });
    expect(isUnknown(db.config.public_network_access_enabled)).toBe(true);
  });
});

describe('object keys are templates, as HCL\'s JSON syntax reads them (A12b-2)', () => {
  test('an attribute\'s object keys are evaluated; a key known only later or given twice makes the object unknown', () => {
    const tags = { '${"team"}': 'data', '${local.k}': '${"x"}', 'plain': 'y' };
    const db = server({ locals: { k: 'owner' }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ tags, identity: [{ '${"type"}': 'x', 'type': 'y' }], maintenance_window: { '${var.k}': 1 } }) } } });
    expect(db.config.tags).toEqual({ team: 'data', owner: 'x', plain: 'y' });
    expect(isUnknown((db.config.identity as unknown[])[0])).toBe(true);
    expect(isUnknown(db.config.maintenance_window)).toBe(true);
  });

  test('each.key is the evaluated key of a for_each object', () => {
    const parameter = { for_each: { '${"require_secure_transport"}': 'off' }, name: '${each.key}', value: '${each.value}', server_id: REF };
    const db = server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: { tls: parameter } } });
    expect(db.parameters.get('require_secure_transport')?.map((p) => p.config.value)).toEqual(['off']);
  });
});

describe('HCL JSON forms', () => {
  test('resources written as lists of bodies, at every level, and repeated "resource" properties are all seen', () => {
    const text = `{
      "resource": [{ "${FLEXIBLE}": { "db": [${JSON.stringify(compliantFlexibleServer())}] } }],
      "resource": { "${FIREWALL}": [{ "all": ${JSON.stringify(rule('all', REF))} }] }
    }`;
    expect(server(parseTerraformJson(text)).firewallRules.map((r) => r.address)).toEqual([`${FIREWALL}.all`]);
  });

  test('a root body may be a list of objects', () => {
    const terraform = [{ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } }, { resource: { [FIREWALL]: { all: rule('all', REF) } } }];
    expect(server(terraform).firewallRules).toHaveLength(1);
  });

  test('shapes Terraform refuses are problems, not crashes', () => {
    expect(buildStackModel({ resource: { [FLEXIBLE]: { db: null } } }).problems).toEqual([`resource.${FLEXIBLE}.db is null, where Terraform needs an object`]);
    expect(buildStackModel({ resource: { [FLEXIBLE]: 'x' } }).problems).toEqual([`resource.${FLEXIBLE} is string, where Terraform needs an object`]);
    expect(buildStackModel({ resource: 7 }).problems).toEqual(['resource is number, where Terraform needs an object']);
    expect(buildStackModel({ locals: [null] }).problems).toEqual(['locals is null, where Terraform needs an object']);
    expect(buildStackModel(null).problems).toEqual(['the file is null, where Terraform needs an object']);
  });

  test('types and attributes named like what every object inherits are ordinary names', () => {
    const model = buildStackModel(parseTerraformJson(JSON.stringify({
      resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, constructor: { x: { server_id: REF } }, toString: { y: {} } },
    })));
    expect(model.servers.map((s) => s.address)).toEqual([`${FLEXIBLE}.db`]);
    const body = JSON.stringify(compliantFlexibleServer()).replace('{', '{"__proto__": {"zone": "9"},');
    const db = server(parseTerraformJson(`{"resource": {"${FLEXIBLE}": {"db": ${body}}}}`));
    expect(Object.getPrototypeOf(db.config)).toBe(Object.prototype);
    expect(db.config.zone).toBeUndefined();
  });
});

describe('count and for_each', () => {
  test('count = 0 or an empty for_each creates nothing', () => {
    const db = server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { a: rule('a', REF, { count: 0 }), b: rule('b', REF, { for_each: {} }), c: rule('c', REF, { count: '${0}' }) } } });
    expect(db.firewallRules).toEqual([]);
  });

  test('a literal count or for_each makes a resource that exists for sure', () => {
    const db = server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { a: rule('a', REF, { count: 1 }), b: rule('b', REF, { for_each: ['x'] }) } } });
    expect(db.firewallRules.map((r) => r.certain)).toEqual([true, true]);
  });

  test('a count or for_each known only later makes a resource that may not exist', () => {
    const db = server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { a: rule('a', REF, { count: '${var.n}' }), b: rule('b', REF, { for_each: '${var.ranges}' }) } } });
    expect(db.firewallRules.map((r) => [r.address, r.certain])).toEqual([[`${FIREWALL}.a`, false], [`${FIREWALL}.b`, false]]);
  });
});

describe('a child is attached to the server it points at', () => {
  const resources = (serverId: unknown, extra: object = {}) => ({ ...extra, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { all: rule('all', serverId) } } });

  test.each<[string, unknown, object, boolean]>([
    ['a plain reference', REF, {}, true],
    ['a literal ID of the server', `/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`, {}, true],
    ['a literal ID in another letter case', `/subscriptions/s/resourceGroups/rg/providers/microsoft.dbforpostgresql/FLEXIBLESERVERS/orders-db`, {}, true],
    ['a local that holds the reference', '${local.server_id}', { locals: { server_id: REF } }, true],
    ['a function of the reference', `\${lower(${FLEXIBLE}.db.id)}`, {}, false],
    ['a conditional on the reference', `\${var.c ? ${FLEXIBLE}.db.id : ""}`, {}, false],
    ['an indexed reference', `\${${FLEXIBLE}.db[0].id}`, {}, true],
  ])('through %s', (_, serverId, extra, certain) => {
    const db = server(resources(serverId, extra));
    expect(db.firewallRules.map((r) => [r.address, r.certain])).toEqual([[`${FIREWALL}.all`, certain]]);
  });

  test('through a data source of the server', () => {
    const terraform = {
      data: { [FLEXIBLE]: { existing: { name: 'orders-db', resource_group_name: 'rg' } } },
      resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { all: rule('all', `\${data.${FLEXIBLE}.existing.id}`) } },
    };
    expect(server(terraform).firewallRules).toHaveLength(1);
  });

  test('through a data source of a server outside the stack', () => {
    const terraform = { data: { [FLEXIBLE]: { other: { name: 'ext-db', resource_group_name: 'rg' } } }, resource: { [FIREWALL]: { all: rule('all', `\${data.${FLEXIBLE}.other.id}`) } } };
    expect(server(terraform, `(outside this stack) ${FLEXIBLE} "ext-db"`).firewallRules).toHaveLength(1);
  });

  test('a pointer that names no server of the stack (a variable, another stack\'s output, each.value) gets a server of its own', () => {
    const terraform = { resource: { [FIREWALL]: { all: rule('all', '${data.terraform_remote_state.db.outputs.server_id}') } } };
    const unresolved = server(terraform, `(server unknown) ${FLEXIBLE} for data.terraform_remote_state.db.outputs.server_id`);
    expect(unresolved.defined).toBe(false);
    expect(unresolved.firewallRules).toHaveLength(1);
  });

  test('a diagnostic setting for something else is not attached', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_monitor_diagnostic_setting: { kv: { target_resource_id: '${azurerm_key_vault.kv.id}' } } } };
    expect(server(terraform).diagnosticSettings).toEqual([]);
  });
});

describe('parameters', () => {
  test('are kept by lower-case name, every resource that sets one', () => {
    const terraform = {
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer() },
        [CONFIGURATION]: {
          a: { name: 'require_secure_transport', value: 'on', server_id: REF },
          b: { name: 'Require_Secure_Transport', value: 'off', server_id: REF },
          c: { name: '${var.name}', value: 'off', server_id: REF },
        },
      },
    };
    const db = server(terraform);
    expect(db.parameters.get('require_secure_transport')?.map((p) => p.address)).toEqual([`${CONFIGURATION}.a`, `${CONFIGURATION}.b`]);
    expect(db.parametersOfUnknownName.map((p) => p.address)).toEqual([`${CONFIGURATION}.c`]);
  });

  // Counted, not timed (test/support/work-count.ts): doubling the blocks adds about twice the work the doubling before added, 4 times with a copy per block.
  test('configurations of one parameter are collected with work linear in their number (a copy per configuration took 40 s: A11b-8)', () => {
    const stack = (count: number) => ({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: Object.fromEntries(Array.from({ length: count }, (_, i) => [`c${i}`, { name: 'work_mem', value: '4096', server_id: REF }])) } });
    expect(workGrowth(stack, (terraform) => server(terraform), 1_000)).toBeLessThan(2.5);
    expect(server(stack(20_000)).parameters.get('work_mem')).toHaveLength(20_000);
  });
});

describe('in-database resources reach their server through their provider\'s host', () => {
  const role = (provider?: string) => ({ name: 'app', login: true, ...(provider ? { provider } : {}) });
  const withProvider = (host: unknown, alias?: string, azurerm: object | null = { features: [{}], environment: 'public' }) => ({
    provider: { postgresql: [{ ...(alias ? { alias } : {}), host }], ...(azurerm === null ? {} : { azurerm: [azurerm] }) },
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, postgresql_role: { r: role(alias ? `postgresql.${alias}` : undefined) } },
  });

  test.each<[string, object]>([
    ['a reference to the server\'s FQDN (aliased provider)', withProvider(`\${${FLEXIBLE}.db.fqdn}`, 'db')],
    ['the default provider', withProvider(`\${${FLEXIBLE}.db.fqdn}`)],
    ['a reference to the server\'s FQDN, whatever the cloud', withProvider(`\${${FLEXIBLE}.db.fqdn}`, 'db', { features: [{}] })],
    ['a literal host of the server', withProvider('orders-db.postgres.database.azure.com', 'db')],
    ['a literal host in another letter case, with blanks around it (Azure names ignore case)', withProvider(' ORDERS-DB.postgres.database.azure.com ', 'db')],
    ['a literal host with a trailing dot', withProvider('orders-db.postgres.database.azure.com.', 'db')],
    ['the name in the private endpoints\' zone', withProvider('orders-db.privatelink.postgres.database.azure.com', 'db')],
    ['its name in Azure Government, where azurerm deploys it', withProvider('orders-db.postgres.database.usgovcloudapi.net', 'db', { environment: 'usgovernment' })],
    ['its name in Azure China, where azurerm deploys it', withProvider('orders-db.postgres.database.chinacloudapi.cn', 'db', { environment: 'china' })],
    ['${name} under the China domain, where azurerm deploys it', withProvider(`\${${FLEXIBLE}.db.name}.postgres.database.chinacloudapi.cn`, 'db', { environment: 'China' })],
  ])('through %s', (_, terraform) => {
    expect(server(terraform).inDatabase.map((r) => r.address)).toEqual(['postgresql_role.r']);
  });

  // 38th run, A38a-1, A38b-1: a server's name is unique in one cloud only; under another cloud's domain it is another server.
  test.each<[string, object, string]>([
    ['its name in Azure China, the server in the public cloud', withProvider('orders-db.postgres.database.chinacloudapi.cn', 'db'), 'postgres.database.chinacloudapi.cn'],
    ['its name in Azure Government, the server in the public cloud', withProvider('orders-db.postgres.database.usgovcloudapi.net', 'db'), 'postgres.database.usgovcloudapi.net'],
    ['its China privatelink name, the server in the public cloud', withProvider('orders-db.privatelink.postgres.database.chinacloudapi.cn', 'db'), 'postgres.database.chinacloudapi.cn'],
    ['its public name, the server in Azure China', withProvider('orders-db.postgres.database.azure.com', 'db', { environment: 'china' }), 'postgres.database.azure.com'],
    ['${name} under the US Gov domain, the server in the public cloud', withProvider(`\${${FLEXIBLE}.db.name}.postgres.database.usgovcloudapi.net`, 'db'), 'postgres.database.usgovcloudapi.net'],
  ])('through %s: another server outside the stack', (_, terraform, domain) => {
    expect(server(terraform).inDatabase).toEqual([]);
    expect(server(terraform, `(outside this stack) ${FLEXIBLE} "orders-db" in ${domain}`).inDatabase.map((r) => r.address)).toEqual(['postgresql_role.r']);
  });

  test.each<[string, object | null, RegExp]>([
    ['no azurerm provider block', null, /azurerm provider azurerm is not configured in the stack, so the runner's ARM_ENVIRONMENT decides/],
    ['environment not written', { features: [{}] }, /environment not set, so the runner's ARM_ENVIRONMENT decides its cloud/],
    ['environment a variable', { environment: '${var.cloud}' }, /environment of its azurerm provider azurerm is known only at apply time/],
    ['metadata_host written', { environment: 'public', metadata_host: 'management.azure.com' }, /has metadata_host/],
  ])('a name under a cloud\'s domain, with %s, is unresolved, saying why and what to do', (_, azurerm, why) => {
    for (const host of ['orders-db.postgres.database.azure.com', `\${${FLEXIBLE}.db.name}.postgres.database.azure.com`]) {
      const terraform = withProvider(host, 'db', azurerm);
      expect(server(terraform).inDatabase).toEqual([]);
      const unknown = buildStackModel(terraform).servers.filter((each) => each.address.startsWith('(server unknown) for provider postgresql.db'));
      expect(unknown.map((each) => each.inDatabase.length)).toEqual([1]);
      expect(unknown[0].address).toMatch(why);
      expect(unknown[0].address).toMatch(new RegExp(`names ${FLEXIBLE}\\.db by name under postgres\\.database\\.azure\\.com.*reference the server's fqdn in the host, or write the provider's environment`));
    }
  });

  test('servers of one name under two azurerm aliases: each host reaches the server of its own cloud', () => {
    const terraform = {
      provider: {
        azurerm: [{ features: [{}], environment: 'public' }, { features: [{}], alias: 'cn', environment: 'china' }],
        postgresql: [{ alias: 'pub', host: 'orders-db.postgres.database.azure.com' }, { alias: 'cn', host: 'ORDERS-DB.postgres.database.chinacloudapi.cn' }],
      },
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer(), china: { ...compliantFlexibleServer(), provider: 'azurerm.cn' } },
        postgresql_role: { p: role('postgresql.pub'), c: role('postgresql.cn') },
      },
    };
    expect(server(terraform).inDatabase.map((r) => r.address)).toEqual(['postgresql_role.p']);
    expect(server(terraform, `${FLEXIBLE}.china`).inDatabase.map((r) => r.address)).toEqual(['postgresql_role.c']);
  });

  test('a server of the name whose cloud is not known makes the host unresolved, even beside one of that cloud', () => {
    const terraform = {
      provider: { azurerm: [{ features: [{}], environment: 'public' }], postgresql: [{ alias: 'db', host: 'orders-db.postgres.database.azure.com' }] },
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer(), other: { ...compliantFlexibleServer(), provider: 'azurerm.later' } },
        postgresql_role: { r: role('postgresql.db') },
      },
    };
    expect(server(terraform).inDatabase).toEqual([]);
    expect(server(terraform, `${FLEXIBLE}.other`).inDatabase).toEqual([]);
    expect(buildStackModel(terraform).servers.find((each) => each.address.startsWith('(server unknown) for provider postgresql.db'))?.inDatabase).toHaveLength(1);
  });

  test('a literal name no server of the stack has is a server outside the stack, whatever the cloud', () => {
    const terraform = withProvider('billing-db.postgres.database.chinacloudapi.cn', 'db', { features: [{}] });
    expect(server(terraform, `(outside this stack) ${FLEXIBLE} "billing-db"`).inDatabase).toHaveLength(1);
  });

  test('the cloud is read from the provider configuration the server names: another local name required from hashicorp/azurerm, a local', () => {
    const terraform = {
      locals: { cloud: 'china' },
      terraform: [{ required_providers: [{ az: { source: 'hashicorp/azurerm' } }] }],
      provider: { az: [{ features: [{}], alias: 'cn', environment: '${local.cloud}' }], postgresql: [{ alias: 'db', host: 'orders-db.postgres.database.chinacloudapi.cn' }] },
      resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), provider: 'az.cn' } }, postgresql_role: { r: role('postgresql.db') } },
    };
    expect(server(terraform).inDatabase.map((r) => r.address)).toEqual(['postgresql_role.r']);
  });

  test('a server with for_each, named through an instance: `${S["k"].name}` under its cloud\'s domain only', () => {
    const each = (host: string, environment: string) => ({
      provider: { azurerm: [{ features: [{}], environment }], postgresql: [{ alias: 'db', host }] },
      resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), for_each: { a: 'orders-db' }, name: '${each.value}' } }, postgresql_role: { r: role('postgresql.db') } },
    });
    const attributed = (terraform: object) => buildStackModel(terraform).servers.filter((each) => each.inDatabase.length > 0).map((each) => each.address);
    expect(attributed(each(`\${${FLEXIBLE}.db["a"].name}.postgres.database.chinacloudapi.cn`, 'china'))).toEqual([`${FLEXIBLE}.db`]);
    expect(attributed(each(`\${${FLEXIBLE}.db["a"].name}.postgres.database.azure.com`, 'china'))).not.toContain(`${FLEXIBLE}.db`);
  });

  test('the apex of a private DNS zone is no name of the server (A38b-1c)', () => {
    const terraform = withProvider('orders-db.private.postgres.database.azure.com', 'db');
    expect(server(terraform).inDatabase).toEqual([]);
    expect(server(terraform, '(server unknown) for provider postgresql.db').inDatabase).toHaveLength(1);
  });

  test('a host that names no server of the stack gets a server of its own', () => {
    const terraform = withProvider('${var.host}', 'db');
    expect(server(terraform, '(server unknown) for provider postgresql.db').inDatabase).toHaveLength(1);
    expect(server(terraform).inDatabase).toEqual([]);
  });

  // Sixth review, A6-9: such a host may reach the construct's server (its private IP, a tunnel), as a host known only later may.
  test.each(['10.0.1.4', '127.0.0.1', 'localhost', '::1', 'pg.internal.example.com', 'orders-db.postgres.database.azure.com:5432'])('a literal host that names no server (%s) is a server known only at apply time', (host) => {
    const terraform = withProvider(host, 'db');
    expect(server(terraform, '(server unknown) for provider postgresql.db').inDatabase).toHaveLength(1);
    expect(server(terraform).inDatabase).toEqual([]);
  });

  test('a provider without a host, or none at all, leaves its resources on a server of their own', () => {
    const terraform = { resource: { postgresql_role: { r: role('postgresql.missing') } } };
    expect(server(terraform, '(server unknown) for provider postgresql.missing').inDatabase).toHaveLength(1);
  });
});

describe('the network around a server: delegated subnet, its security groups and rules, private DNS zones', () => {
  const SUBNET = 'azurerm_subnet';
  const NSG = 'azurerm_network_security_group';
  const RULE = 'azurerm_network_security_rule';
  const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
  const ZONE = 'azurerm_private_dns_zone';
  const subnet = { name: 'snet-db', resource_group_name: 'rg-net', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] };
  const group = { name: 'nsg-db', resource_group_name: 'rg-db', location: 'westeurope' };
  const SUBNET_ID = '/subscriptions/0/resourceGroups/RG-NET/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db';

  function network(resources: { [type: string]: { [name: string]: unknown } }, serverOverrides: { [key: string]: unknown } = {}) {
    return server({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer(serverOverrides) }, ...resources } });
  }

  test('the delegated subnet is found by reference, with the associations that name it and their groups', () => {
    const db = network({
      [SUBNET]: { db: subnet, other: { ...subnet, name: 'snet-other' } },
      [NSG]: { db: group },
      [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` }, other: { subnet_id: `\${${SUBNET}.other.id}`, network_security_group_id: `\${${NSG}.db.id}` } },
    });
    expect(db.delegatedSubnet?.address).toBe(`${SUBNET}.db`);
    expect(db.delegatedSubnet?.associations.map((a) => [a.address, a.securityGroup?.address])).toEqual([[`${ASSOCIATION}.db`, `${NSG}.db`]]);
  });

  test('a literal subnet ID finds the subnet whose literal names it has (resource groups ignore case)', () => {
    expect(network({ [SUBNET]: { db: subnet } }, { delegated_subnet_id: SUBNET_ID }).delegatedSubnet?.address).toBe(`${SUBNET}.db`);
    expect(network({ [SUBNET]: { db: { ...subnet, virtual_network_name: 'vnet-spoke' } } }, { delegated_subnet_id: SUBNET_ID }).delegatedSubnet).toBeUndefined();
  });

  // A18b-3: a literal ID names its subscription; a block of the same names in another literal subscription (landing zones repeat
  // "rg-network/vnet-spoke/snet-db" per subscription) is another object. A block whose provider's subscription is known only later may be it:
  // matched, but its literal ranges are not the literal ID's for sure.
  describe('A18b-3: a literal ID matches a block of its names only in the same subscription, or one known only later', () => {
    const SUB = '22222222-2222-2222-2222-222222222222';
    const withProvider = (subscription: string | undefined, resources: { [type: string]: { [name: string]: unknown } }, serverOverrides: { [key: string]: unknown }) =>
      server({ provider: { azurerm: [{ features: [{}], ...(subscription === undefined ? {} : { subscription_id: subscription }) }] }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer(serverOverrides) }, ...resources } });
    const subnetId = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db`;
    const groupId = `/subscriptions/${SUB}/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/nsg-db`;
    const zoneId = `/subscriptions/${SUB}/resourceGroups/rg-db/providers/Microsoft.Network/privateDnsZones/db.private.postgres.database.azure.com`;
    const zone = { name: 'db.private.postgres.database.azure.com', resource_group_name: 'rg-db' };
    // Each matched type: what it reads from the server, given the provider's subscription.
    const TYPES: { [type: string]: (subscription: string | undefined) => string[] } = {
      subnet: (subscription) => [withProvider(subscription, { [SUBNET]: { db: subnet } }, { delegated_subnet_id: subnetId }).delegatedSubnet?.address ?? 'none'],
      'network security group': (subscription) => withProvider(subscription, { [SUBNET]: { db: subnet }, [NSG]: { db: group }, [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: groupId } } },
        { delegated_subnet_id: `\${${SUBNET}.db.id}` }).delegatedSubnet!.associations.map((a) => a.securityGroup?.address ?? 'none'),
      // An azapi group is in the subscription of its parent_id (a resource group's literal ID), whatever the azurerm provider's.
      'network security group written by azapi': (subscription) => withProvider(undefined, {
        [SUBNET]: { db: subnet },
        azapi_resource: { db: { type: 'Microsoft.Network/networkSecurityGroups@2023-09-01', name: 'nsg-db', parent_id: `/subscriptions/${subscription ?? '${var.s}'}/resourceGroups/rg-db`, body: { properties: { securityRules: [] } } } },
        [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: groupId } },
      }, { delegated_subnet_id: `\${${SUBNET}.db.id}` }).delegatedSubnet!.associations.map((a) => a.securityGroup?.address ?? 'none'),
      'private DNS zone': (subscription) => withProvider(subscription, { [ZONE]: { db: zone } }, { private_dns_zone_id: zoneId }).privateDnsZones.map((z) => z.address),
    };
    const matched: { [type: string]: string[] } = { subnet: [`${SUBNET}.db`], 'network security group': [`${NSG}.db`], 'network security group written by azapi': ['azapi_resource.db'], 'private DNS zone': [`${ZONE}.db`] };
    const none: { [type: string]: string[] } = { subnet: ['none'], 'network security group': ['none'], 'network security group written by azapi': ['none'], 'private DNS zone': [] };
    test.each(Object.keys(TYPES))('%s: the same literal subscription matches, another does not, one known only later may', (type) => {
      expect(TYPES[type](SUB)).toEqual(matched[type]);
      expect(TYPES[type](SUB.toUpperCase())).toEqual(matched[type]);
      expect(TYPES[type]('00000000-0000-0000-0000-000000000000')).toEqual(none[type]);
      // An azapi group whose parent_id is known only later has no literal resource group: no literal ID names it by its names.
      if (type.endsWith('by azapi')) return;
      expect(TYPES[type](undefined)).toEqual(matched[type]);
      expect(TYPES[type]('${var.subscription}')).toEqual(matched[type]);
    });
    test('two namesake blocks that may both be the literal ID: the groups associated with either are the server\'s, and neither\'s ranges are sure', () => {
      const twins = {
        [SUBNET]: { db: subnet, twin: { ...subnet, address_prefixes: ['10.0.9.0/28'] } },
        [NSG]: { db: group, twin: { ...group, name: 'nsg-twin' } },
        [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` }, twin: { subnet_id: `\${${SUBNET}.twin.id}`, network_security_group_id: `\${${NSG}.twin.id}` } },
      };
      for (const subscription of [undefined, SUB]) {
        const db = withProvider(subscription, twins, { delegated_subnet_id: subnetId });
        expect(db.delegatedSubnet?.associations.map((a) => a.securityGroup?.address).sort()).toEqual([`${NSG}.db`, `${NSG}.twin`]);
        expect(db.delegatedSubnetUnsure).toBe(true);
      }
    });
    // A rule joined to its group by literal names lands in its own provider's subscription: a namesake group in another literal
    // subscription does not hold it (queued from the A18b-3 class: the rule was counted against ours, adding judging only).
    test('a separate rule by literal names joins the group only in the same literal subscription, or one known only later (rule\'s or group\'s)', () => {
      const rule = { name: 'r', resource_group_name: 'rg-db', network_security_group_name: 'nsg-db', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', provider: 'azurerm.spoke' };
      const rules = (groupSubscription: string | undefined, ruleSubscription: string | undefined) => server({
        provider: { azurerm: [{ features: [{}], ...(groupSubscription === undefined ? {} : { subscription_id: groupSubscription }) }, { features: [{}], alias: 'spoke', ...(ruleSubscription === undefined ? {} : { subscription_id: ruleSubscription }) }] },
        resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: `\${${SUBNET}.db.id}` }) }, [SUBNET]: { db: subnet }, [NSG]: { db: group }, [RULE]: { r: rule },
          [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` } } },
      }).delegatedSubnet!.associations[0].securityGroup!.separateRules.map((r) => r.address);
      expect(rules(SUB, SUB.toUpperCase())).toEqual([`${RULE}.r`]);
      expect(rules(SUB, '00000000-0000-0000-0000-000000000000')).toEqual([]);
      expect(rules(SUB, undefined)).toEqual([`${RULE}.r`]);
      expect(rules(undefined, SUB)).toEqual([`${RULE}.r`]);
      expect(rules(SUB, '${var.subscription}')).toEqual([`${RULE}.r`]);
      // A rule whose group name is known only later may be in the group only in a subscription that may be the group's.
      const possible = (ruleSubscription: string | undefined) => server({
        provider: { azurerm: [{ features: [{}], subscription_id: SUB }, { features: [{}], alias: 'spoke', ...(ruleSubscription === undefined ? {} : { subscription_id: ruleSubscription }) }] },
        resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: `\${${SUBNET}.db.id}` }) }, [SUBNET]: { db: subnet }, [NSG]: { db: group }, [RULE]: { r: { ...rule, network_security_group_name: '${var.nsg}' } },
          [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` } } },
      }).delegatedSubnet!.associations[0].securityGroup!.possibleRules.map((r) => r.address);
      expect(possible(SUB)).toEqual([`${RULE}.r`]);
      expect(possible(undefined)).toEqual([`${RULE}.r`]);
      expect(possible('00000000-0000-0000-0000-000000000000')).toEqual([]);
    });

    // An azapi group whose parent_id is known only later may be in any resource group and subscription: a literal ID of its name
    // may be it, so its rules are judged through that association (queued: no literal ID matched it, its rules were not read).
    test('an azapi group whose parent_id is known only later may be the group a literal ID of its name names; another name is not it', () => {
      const associated = (name: string, parent: string) => withProvider(SUB, {
        [SUBNET]: { db: subnet },
        azapi_resource: { db: { type: 'Microsoft.Network/networkSecurityGroups@2023-09-01', name, parent_id: parent, body: { properties: { securityRules: [] } } } },
        [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: groupId } },
      }, { delegated_subnet_id: `\${${SUBNET}.db.id}` }).delegatedSubnet!.associations.map((a) => a.securityGroup?.address ?? 'none');
      // The ID's group stays a given group (its written rules judged as such); the azapi group is judged beside it.
      expect(associated('nsg-db', '${var.resource_group_id}')).toEqual(['none', 'azapi_resource.db']);
      expect(associated('NSG-DB', '${azurerm_resource_group.x.id}')).toEqual(['none', 'azapi_resource.db']);
      expect(associated('nsg-db', `/subscriptions/${SUB}/resourceGroups/\${var.rg}`)).toEqual(['none', 'azapi_resource.db']);
      expect(associated('nsg-other', '${var.resource_group_id}')).toEqual(['none']);
      expect(associated('nsg-db', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${var.rg}')).toEqual(['none']);
    });

    test('a delegated subnet matched by names in a subscription known only later is unsure; in the same literal one it is not', () => {
      expect(withProvider(undefined, { [SUBNET]: { db: subnet } }, { delegated_subnet_id: subnetId }).delegatedSubnetUnsure).toBe(true);
      expect(withProvider(SUB, { [SUBNET]: { db: subnet } }, { delegated_subnet_id: subnetId }).delegatedSubnetUnsure).toBeUndefined();
      expect(withProvider(undefined, { [SUBNET]: { db: subnet } }, { delegated_subnet_id: `\${${SUBNET}.db.id}` }).delegatedSubnetUnsure).toBeUndefined();
    });
  });

  test('a subnet given by a variable is outside the stack', () => {
    expect(network({ [SUBNET]: { db: subnet } }, { delegated_subnet_id: '${var.subnet_id}' }).delegatedSubnet).toBeUndefined();
  });

  test('an association with a group outside the stack has no group', () => {
    const db = network({ [SUBNET]: { db: subnet }, [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: '${var.nsg_id}' } } });
    expect(db.delegatedSubnet?.associations.map((a) => a.securityGroup)).toEqual([undefined]);
  });

  test('separate rules join their group by reference or by literal name and group; a rule whose group is a variable may join any', () => {
    const rule = (pointer: string, resourceGroup = 'rg-db') => ({ name: 'r', resource_group_name: resourceGroup, network_security_group_name: pointer, priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp' });
    const db = network({
      [SUBNET]: { db: subnet },
      [NSG]: { db: group },
      [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` } },
      [RULE]: { byReference: rule(`\${${NSG}.db.name}`), byName: rule('NSG-DB'), otherGroup: rule('nsg-db', 'rg-other'), byVariable: rule('${var.nsg}') },
    });
    const found = db.delegatedSubnet!.associations[0].securityGroup!;
    expect(found.separateRules.map((r) => r.address)).toEqual([`${RULE}.byName`, `${RULE}.byReference`]);
    expect(found.possibleRules.map((r) => r.address)).toEqual([`${RULE}.byVariable`]);
  });

  test('a rule by literal name joins a group whose resource group is known only later; a rule whose resource group is, every group of the name', () => {
    const rule = (resourceGroup: string) => ({ name: 'r', resource_group_name: resourceGroup, network_security_group_name: 'nsg-db', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp' });
    const resources = (groupOf: string) => ({
      [SUBNET]: { db: subnet },
      [NSG]: { db: { ...group, resource_group_name: groupOf }, other: { ...group, resource_group_name: 'rg-other' } },
      [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` } },
      [RULE]: { literal: rule('RG-DB'), variable: rule('${var.rg}'), elsewhere: rule('rg-third') },
    });
    const rulesOf = (groupOf: string) => network(resources(groupOf)).delegatedSubnet!.associations[0].securityGroup!.separateRules.map((r) => r.address);
    expect(rulesOf('${var.group_rg}')).toEqual([`${RULE}.elsewhere`, `${RULE}.literal`, `${RULE}.variable`]);
    expect(rulesOf('rg-db')).toEqual([`${RULE}.literal`, `${RULE}.variable`]);
  });

  test('groups of one name and a rule for each are joined by key with work linear in their number, not rule by group (A11b-8)', () => {
    const resources = (count: number) => ({
      [SUBNET]: { db: subnet },
      [NSG]: Object.fromEntries(Array.from({ length: count }, (_, i) => [`g${i}`, { ...group, resource_group_name: `rg-${i}` }])),
      [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.g${count - 1}.id}` } },
      [RULE]: Object.fromEntries(Array.from({ length: count }, (_, i) => [`r${i}`, { name: 'r', resource_group_name: `RG-${i}`, network_security_group_name: group.name, priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp' }])),
    });
    // Counted, not timed: doubling the groups and rules adds about twice the work the doubling before added, 4 times with a scan of every group per rule.
    expect(workGrowth(resources, (written) => network(written), 1_000)).toBeLessThan(2.5);
    expect(network(resources(5_000)).delegatedSubnet!.associations[0].securityGroup!.separateRules.map((r) => r.address)).toEqual([`${RULE}.r4999`]);
  });

  test('private DNS zones: the server\'s own and its endpoints\', each with the zones of its name in its group', () => {
    const db = network({
      [ZONE]: { db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-db' }, copy: { name: 'ORDERS.private.postgres.database.azure.com', resource_group_name: 'RG-DB' }, elsewhere: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-other' } },
    });
    expect(db.privateDnsZones.map((z) => [z.address, z.namesakes.map((n) => n.address)])).toEqual([[`${ZONE}.db`, [`${ZONE}.copy`]]]);
  });

  test('a zone\'s namesakes in a group given by one expression, not by another or a literal that looks like it', () => {
    const zone = (group: string) => ({ name: 'orders.private.postgres.database.azure.com', resource_group_name: group });
    const db = network({ [ZONE]: { db: zone('${var.rg}'), copy: zone('${var.rg}'), other: zone('${var.other}'), literal: zone('$${var.rg}') } });
    expect(db.privateDnsZones.map((z) => [z.address, z.namesakes.map((n) => n.address)])).toEqual([[`${ZONE}.db`, [`${ZONE}.copy`]]]);
  });

  test('zones of one name are matched by key with work linear in their number, not pair by pair (which took over a minute: A11b-8)', () => {
    const resources = (count: number) => ({
      [ZONE]: {
        db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-1' },
        ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`z${i}`, { name: 'orders.private.postgres.database.azure.com', resource_group_name: `rg-${i % (count / 2)}` }])),
      },
    });
    // Counted, not timed: doubling the zones adds about twice the work the doubling before added, 4 times when every pair is compared.
    expect(workGrowth(resources, (written) => network(written), 1_000)).toBeLessThan(2.5);
    expect(network(resources(10_000)).privateDnsZones.map((z) => z.namesakes.map((n) => n.address))).toEqual([[`${ZONE}.z1`, `${ZONE}.z5001`]]);
  });
});
