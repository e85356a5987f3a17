import { evaluateTemplate, Unknown, Value } from '../../lib/checks/hcl-expression';
import { mayNameParent, maySpellName } from '../../lib/checks/later-parents';
import { ResourceView } from '../../lib/checks/stack-model';
import { SUBSCRIPTION, VNET_ID } from '../helpers';

// Which pointers known only at apply time may name a network parent a construct makes (A13-3/A13-4):
// anything but another placed block's ID, a lookup by literal names, or a template that cannot spell
// the parent's ID or name. The writers judged with it are in later-parents-synth.test.ts.

const ref = (reference: string) => new Unknown(reference, [reference]);
const SUBNET = { address: 'azurerm_subnet.db', type: 'azurerm_subnet', config: {} } as unknown as ResourceView;
const SUBNET_PATH = { idPath: 'rg-network/virtualnetworks/vnet-hub/subnets/orders-db-postgres' };
const ZONE = { address: 'azurerm_private_dns_zone.db', type: 'azurerm_private_dns_zone', config: {} } as unknown as ResourceView;
const ZONE_NAME = { name: 'orders-db.private.postgres.database.azure.com' };
const lookup = (address: string, config: object) => new Map([[address, { address, type: address.split('.')[1], config } as unknown as ResourceView]]);

describe('mayNameParent', () => {
  test.each([
    ['a variable', ref('var.subnet')],
    ['another state\'s output', ref('data.terraform_remote_state.net.outputs.subnet_id')],
    ['a module output', ref('module.net.subnet_id')],
    ['a search by type', ref('data.azurerm_resources.all.resources[0].id')],
    ['an azapi resource', ref('azapi_resource.subnet.id')],
    ['a subnet ID with a variable name', new Unknown(`${VNET_ID}/subnets/\${var.name}`, ['var.name'])],
    ['a subnet ID with a variable subscription, in upper case', new Unknown(`/subscriptions/\${var.sub}/resourceGroups/RG-NETWORK/providers/Microsoft.Network/virtualNetworks/VNET-HUB/subnets/orders-db-postgres`, ['var.sub'])],
    ['a function of a variable', new Unknown('lower(var.subnet)', ['var.subnet'])],
    ['a template whose directive chooses the text', new Unknown(`%{if var.here}${VNET_ID}/subnets/orders-db-postgres%{else}x%{endif}`, ['var.here'])],
  ])('%s may be the subnet', (_name, pointer) => {
    expect(mayNameParent(pointer, SUBNET, SUBNET_PATH, undefined)).toBe(true);
  });

  test('a lookup of a subnet by a name known only later may be the subnet; by literal names it is the one they name', () => {
    const pointer = ref('data.azurerm_subnet.s.id');
    expect(mayNameParent(pointer, SUBNET, SUBNET_PATH, lookup('data.azurerm_subnet.s', { name: ref('var.name'), virtual_network_name: 'vnet-hub' }))).toBe(true);
    expect(mayNameParent(pointer, SUBNET, SUBNET_PATH, lookup('data.azurerm_subnet.s', { name: 'other', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network' }))).toBe(false);
  });

  test.each([
    ['a literal', `${VNET_ID}/subnets/orders-db-postgres`],
    ['nothing', undefined],
    ['the ID of a subnet of the stack (placed by its reference)', ref('azurerm_subnet.other.id')],
    ['the ID of a resource of another type', ref('azurerm_network_security_group.nsg.id')],
    ['the ID of a lookup of another type', ref('data.azurerm_virtual_network.v.id')],
    ['a subnet ID spelt in another VNet', new Unknown(`${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/\${var.name}`, ['var.name'])],
    ['another type\'s ID spelt with a variable', new Unknown(`${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/\${var.name}`, ['var.name'])],
  ])('%s is not the subnet', (_name, pointer) => {
    expect(mayNameParent(pointer, SUBNET, SUBNET_PATH, undefined)).toBe(false);
  });

  test('a zone name: a variable or a template that may spell it may be the zone; another zone\'s name, a zone of the stack or another name are not', () => {
    expect(mayNameParent(ref('var.zone'), ZONE, ZONE_NAME, undefined)).toBe(true);
    expect(mayNameParent(new Unknown('${var.name}.private.postgres.database.azure.com', ['var.name']), ZONE, ZONE_NAME, undefined)).toBe(true);
    expect(mayNameParent(new Unknown('${var.name}.example.com', ['var.name']), ZONE, ZONE_NAME, undefined)).toBe(false);
    expect(mayNameParent(ref('azurerm_private_dns_zone.other.name'), ZONE, ZONE_NAME, undefined)).toBe(false);
  });

  test('a parent whose names are known only later may be named by any pointer known only later', () => {
    expect(mayNameParent(new Unknown('${var.name}.example.com', ['var.name']), ZONE, { name: undefined }, undefined)).toBe(true);
    expect(mayNameParent(new Unknown(`${VNET_ID}/subnets/\${var.name}`, ['var.name']), SUBNET, { idPath: undefined }, undefined)).toBe(true);
  });
});

// Fourteenth review, A14b-2: a parent whose group or VNet is known only later is still named by its literal parts.
describe('mayNameParent, a subnet whose VNet and group are known only later', () => {
  const LATER = { address: 'azurerm_subnet.db', type: 'azurerm_subnet', config: { name: 'orders-db-postgres', virtual_network_name: ref('var.vnet'), resource_group_name: ref('var.group') } } as unknown as ResourceView;
  const template = (id: string) => new Unknown(id, ['var.sub']);

  test.each([
    ['another subnet name', '/subscriptions/${var.sub}/resourceGroups/rg-web/providers/Microsoft.Network/virtualNetworks/vnet-web/subnets/web'],
    ['another resource type', '/subscriptions/${var.sub}/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres'],
  ])('a template with %s cannot be it', (_name, id) => {
    expect(mayNameParent(template(id), LATER, { idPath: undefined }, undefined)).toBe(false);
  });

  test.each([
    ['its own subnet name, in upper case', '/subscriptions/${var.sub}/resourceGroups/rg-web/providers/Microsoft.Network/virtualNetworks/vnet-web/subnets/ORDERS-DB-POSTGRES'],
    ['a variable subnet name', '/subscriptions/x/resourceGroups/rg-web/providers/Microsoft.Network/virtualNetworks/vnet-web/subnets/${var.sub}'],
    ['a trailing slash', '/subscriptions/${var.sub}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/orders-db-postgres/'],
  ])('a template with %s may be it', (_name, id) => {
    expect(mayNameParent(template(id), LATER, { idPath: undefined }, undefined)).toBe(true);
  });

  test('a parent of a type with no ID pattern may be named by any template', () => {
    const other = { ...LATER, type: 'azurerm_other' } as unknown as ResourceView;
    expect(mayNameParent(template('/subscriptions/${var.sub}/x/y'), other, { idPath: undefined }, undefined)).toBe(true);
  });
});

// 96th run, A96b-5: an ID an azapi or azurerm provider function builds of literal text is the ID it spells (expression-readings.ts),
// as that literal ID is: another subnet's is not the parent, the parent's own may be it; a function not read may still be any.
describe('mayNameParent, an ID a provider function builds', () => {
  const SUBNETS = '"Microsoft.Network/virtualNetworks/subnets"';
  const call = (expression: string) => new Unknown(expression, [...expression.matchAll(/var\.\w+/g)].map((found) => found[0]));
  const LATER = { address: 'azurerm_subnet.db', type: 'azurerm_subnet', config: { name: 'orders-db-postgres', virtual_network_name: ref('var.vnet'), resource_group_name: ref('var.group') } } as unknown as ResourceView;
  const OTHER_VNET = '"/subscriptions/0/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps"';
  const OTHER_SUBNET = '/subscriptions/0/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps/subnets/snet-apps';

  const ANOTHER: [string, string][] = [
    ['build_resource_id', `provider::azapi::build_resource_id(${OTHER_VNET}, ${SUBNETS}, "snet-apps")`],
    ['resource_group_resource_id', `provider::azapi::resource_group_resource_id("0", "rg-apps", ${SUBNETS}, ["vnet-apps", "snet-apps"])`],
    ['normalise_resource_id', `provider::azurerm::normalise_resource_id("${OTHER_SUBNET}")`],
    ['build_resource_id under a variable VNet', `provider::azapi::build_resource_id(var.vnet_id, ${SUBNETS}, "snet-apps")`],
  ];
  test.each(ANOTHER)('%s of another subnet is not the subnet, its names known or known only later', (_name, expression) => {
    expect(mayNameParent(call(expression), SUBNET, SUBNET_PATH, undefined)).toBe(false);
    expect(mayNameParent(call(expression), LATER, { idPath: undefined }, undefined)).toBe(false);
  });

  test.each([
    ['build_resource_id', `provider::azapi::build_resource_id("${VNET_ID}", ${SUBNETS}, "orders-db-postgres")`],
    ['resource_group_resource_id', `provider::azapi::resource_group_resource_id(var.sub, "rg-network", ${SUBNETS}, ["vnet-hub", "orders-db-postgres"])`],
    ['normalise_resource_id, in upper case', `provider::azurerm::normalise_resource_id("${VNET_ID.toUpperCase()}/SUBNETS/ORDERS-DB-POSTGRES")`],
    ['build_resource_id under a variable VNet', `provider::azapi::build_resource_id(var.vnet_id, ${SUBNETS}, "orders-db-postgres")`],
    ['build_resource_id of a variable name', `provider::azapi::build_resource_id("${VNET_ID}", ${SUBNETS}, var.name)`],
    ['a provider function not read', `provider::azapi::some_function(${OTHER_VNET}, "snet-apps")`],
  ])('%s of the subnet may be it, its names known or known only later', (_name, expression) => {
    expect(mayNameParent(call(expression), SUBNET, SUBNET_PATH, undefined)).toBe(true);
    expect(mayNameParent(call(expression), LATER, { idPath: undefined }, undefined)).toBe(true);
  });
});

describe('Unknown.spelling: an expression known only at apply time as a template (A15b-19)', () => {
  test.each<[string, string, string]>([
    ['one interpolation', 'var.n', '${var.n}'],
    ['a template', '${var.a}-${var.b}', '${var.a}-${var.b}'],
    ['a template with literal text first', 'x-${var.a}', 'x-${var.a}'],
    ['a directive', '%{if var.a}x%{endif}', '%{if var.a}x%{endif}'],
    ['a function whose argument is a template', 'element(split("/", "/subscriptions/0/virtualNetworks/${azurerm_virtual_network.hub.name}"), 8)', '${element(split("/", "/subscriptions/0/virtualNetworks/${azurerm_virtual_network.hub.name}"), 8)}'],
    ['a quoted string with an escaped quote before a template', 'lower("a\\"b${var.c}")', '${lower("a\\"b${var.c}")}'],
  ])('%s', (_name, expression, template) => {
    expect(new Unknown(expression, []).spelling).toBe(template);
  });

  test('a template the parser read is one, quotes in its text included, with its constant locals written out', () => {
    const constants = { local: (name: string) => ({ suffix: '-vnet' } as { [name: string]: Value })[name] };
    expect((evaluateTemplate('say "${var.x}"', constants) as Unknown).spelling).toBe('say "${var.x}"');
    expect((evaluateTemplate('${var.env}${local.suffix}', constants) as Unknown).spelling).toBe('${var.env}-vnet');
    expect(maySpellName(evaluateTemplate('${var.env}${local.suffix}', constants), 'hub-vnet', undefined)).toBe(true);
    expect(maySpellName(evaluateTemplate('${var.env}${local.suffix}', constants), 'hub-nsg', undefined)).toBe(false);
  });

  test('a name read from a function of a template may be any name', () => {
    const name = new Unknown('element(split("/", "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${azurerm_virtual_network.hub.name}"), 8)', ['azurerm_virtual_network.hub.name']);
    expect(maySpellName(name, 'vnet-hub', undefined)).toBe(true);
    expect(maySpellName(new Unknown('${var.prefix}-nsg', ['var.prefix']), 'vnet-hub', undefined)).toBe(false);
  });
});
