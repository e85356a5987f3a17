import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { minimalProps, newStack, SUBSCRIPTION, synthErrors, VNET_ID, VNET_ZONE_ID } from '../helpers';

// The class test of "the stack creates this object" (stack-created.ts; nineteenth review, A19b-3): every reader that lets a
// container of the stack stand for "its children are judged" (a DNS forwarding ruleset linked to the server's VNet, a network
// group an AlwaysAllow admin rule applies to, a resource group beside a subnet the construct is given by a variable) passes a
// container the stack creates, azurerm or azapi, and judges every other writer of the same container (an import block into
// it, an azapi update or PATCH action of it, a lookup) as a container outside the stack: its live children are not in the JSON.

/** The last entry adopts an existing object: an import of that ID, or a moved block from another address into the block (A28a-8). */
type Block = [type: string, id: string, config: Record<string, unknown>, importedFrom?: string | { readonly movedFrom: string }];

function errorsOf(blocks: readonly Block[], overrides: (stack: TerraformStack) => Partial<SecureFlexibleServerProps> = () => ({})): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(overrides(stack)));
  const moves: { from: string; to: string }[] = [];
  for (const [type, id, config, importedFrom] of blocks) {
    const block = type.startsWith('data.') ? new TerraformDataSource(stack, id, { terraformResourceType: type.slice('data.'.length) }) : new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
    if (typeof importedFrom === 'string' && block instanceof TerraformResource) block.importFrom(importedFrom);
    if (typeof importedFrom === 'object') moves.push({ from: importedFrom.movedFrom, to: `${type}.${id}` });
  }
  if (moves.length > 0) stack.addOverride('moved', moves);
  return synthErrors(stack);
}
const failsOn = (errors: readonly string[], address: string, rule: string) => errors.some((line) => line.startsWith(`  [test] ${address} ${rule} `));

/** How a container is written: by azurerm or azapi, created or over an existing object, and the verdict its reader must give. */
interface Writer {
  readonly created: boolean;
  /** The blocks that write the container, and the reference to its ID. */
  readonly blocks: (azurerm: [string, Record<string, unknown>], azure: { type: string; parent: string; name: string; body: object }, id: string) => { blocks: Block[]; pointer: string };
}

const WRITERS: { readonly [how: string]: Writer } = {
  'an azurerm block': { created: true, blocks: ([type, config]) => ({ blocks: [[type, 'c', config]], pointer: `\${${type}.c.id}` }) },
  'an azapi_resource': { created: true, blocks: (_azurerm, { type, parent, name, body }) => ({ blocks: [['azapi_resource', 'c', { type, parent_id: parent, name, body }]], pointer: '${azapi_resource.c.id}' }) },
  'an azurerm block an import block adopts': { created: false, blocks: ([type, config], _azure, id) => ({ blocks: [[type, 'c', config, id]], pointer: `\${${type}.c.id}` }) },
  'an azapi_resource an import block adopts': { created: false, blocks: (_azurerm, { type, parent, name, body }, id) => ({ blocks: [['azapi_resource', 'c', { type, parent_id: parent, name, body }, id]], pointer: '${azapi_resource.c.id}' }) },
  'an azurerm block a moved block hands another address\'s object': { created: false, blocks: ([type, config]) => ({ blocks: [[type, 'c', config, { movedFrom: `${type}.old` }]], pointer: `\${${type}.c.id}` }) },
  'an azurerm block a moved block hands a module\'s object (resource. prefix)': { created: false, blocks: ([type, config]) => ({ blocks: [[type, 'c', config, { movedFrom: `module.old["a"].resource.${type}.x` }]], pointer: `\${${type}.c.id}` }) },
  'an azapi_resource a moved block hands another address\'s object': { created: false, blocks: (_azurerm, { type, parent, name, body }) => ({ blocks: [['azapi_resource', 'c', { type, parent_id: parent, name, body }, { movedFrom: 'azapi_resource.old' }]], pointer: '${azapi_resource.c.id}' }) },
  'an azapi_update_resource': { created: false, blocks: (_azurerm, { type }, id) => ({ blocks: [['azapi_update_resource', 'c', { type, resource_id: id, body: { tags: { owner: 'db' } } }]], pointer: '${azapi_update_resource.c.id}' }) },
  'a lookup (data.azapi_resource)': { created: false, blocks: (_azurerm, { type }, id) => ({ blocks: [['data.azapi_resource', 'c', { type, resource_id: id }]], pointer: '${data.azapi_resource.c.id}' }) },
  'an azapi_resource_action PATCH': { created: false, blocks: (_azurerm, { type }, id) => ({ blocks: [['azapi_resource_action', 'c', { type, resource_id: id, method: 'PATCH', body: { tags: { owner: 'db' } } }]], pointer: '${azapi_resource_action.c.id}' }) },
};

/** One reader of a container of the stack: the container's writers, what hangs on it, the address and rule that must fail. */
interface Place {
  readonly azurerm: [string, Record<string, unknown>];
  readonly azure: { type: string; parent: string; name: string; body: object };
  readonly id: string;
  readonly on: (pointer: string) => Block[];
  readonly failing: string;
  readonly rule: string;
  readonly overrides?: (stack: TerraformStack) => Partial<SecureFlexibleServerProps>;
}

const HUB_GROUP = `${SUBSCRIPTION}/resourceGroups/rg-hub`;
const MANAGER = `${HUB_GROUP}/providers/Microsoft.Network/networkManagers/hub`;
const OTHER_VNET = `${SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps`;

const PLACES: { readonly [place: string]: Place } = {
  'a DNS forwarding ruleset linked to the server\'s VNet (PG-NET-1: its rules are read only when the stack creates it)': {
    azurerm: ['azurerm_private_dns_resolver_dns_forwarding_ruleset', { name: 'hub-rs', resource_group_name: 'rg-hub', location: 'westeurope', private_dns_resolver_outbound_endpoint_ids: [`${HUB_GROUP}/providers/Microsoft.Network/dnsResolvers/r/outboundEndpoints/o`] }],
    azure: { type: 'Microsoft.Network/dnsForwardingRulesets@2022-07-01', parent: HUB_GROUP, name: 'hub-rs', body: { location: 'westeurope', properties: { dnsResolverOutboundEndpoints: [] } } },
    id: `${HUB_GROUP}/providers/Microsoft.Network/dnsForwardingRulesets/hub-rs`,
    on: (pointer) => [['azurerm_private_dns_resolver_virtual_network_link', 'link', { name: 'spoke', dns_forwarding_ruleset_id: pointer, virtual_network_id: VNET_ID }]],
    failing: 'azurerm_private_dns_resolver_virtual_network_link.link',
    rule: 'PG-NET-1',
  },
  'a network group an AlwaysAllow 5432 admin rule applies to, whose only written member is another VNet (PG-NET-1: its members are read only when the stack creates it)': {
    azurerm: ['azurerm_network_manager_network_group', { name: 'apps', network_manager_id: MANAGER }],
    azure: { type: 'Microsoft.Network/networkManagers/networkGroups@2024-05-01', parent: MANAGER, name: 'apps', body: { properties: {} } },
    id: `${MANAGER}/networkGroups/apps`,
    on: (pointer) => [
      ['azurerm_network_manager_static_member', 'm', { name: 'm', network_group_id: pointer, target_virtual_network_id: OTHER_VNET }],
      ['azurerm_network_manager_security_admin_configuration', 'cfg', { name: 'cfg', network_manager_id: MANAGER }],
      ['azurerm_network_manager_admin_rule_collection', 'rc', { name: 'rc', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.cfg.id}', network_group_ids: [pointer] }],
      ['azurerm_network_manager_admin_rule', 'allow', { name: 'allow', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'AlwaysAllow', direction: 'Inbound', priority: 1,
        protocol: 'Tcp', destination_port_ranges: ['5432'], source: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }], destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }] }],
    ],
    failing: 'azurerm_network_manager_admin_rule.allow',
    rule: 'PG-NET-1',
  },
  'a resource group beside a delegated subnet the construct is given by a variable (PG-IAM-2: a group the stack creates holds nothing given before it)': {
    azurerm: ['azurerm_resource_group', { name: 'rg-network', location: 'westeurope' }],
    azure: { type: 'Microsoft.Resources/resourceGroups@2024-03-01', parent: SUBSCRIPTION, name: 'rg-network', body: { location: 'westeurope' } },
    id: `${SUBSCRIPTION}/resourceGroups/rg-network`,
    on: (pointer) => [['azurerm_role_assignment', 'hub', { scope: pointer, role_definition_name: 'Network Contributor', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' }]],
    failing: 'azurerm_role_assignment.hub',
    rule: 'PG-IAM-2',
    overrides: (stack) => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: new TerraformVariable(stack, 'subnet_id', { type: 'string' }).stringValue, privateDnsZoneResourceId: VNET_ZONE_ID }) }),
  },
};

// A scope that reads an azapi block's ID is read as the ID its arguments spell (block-ids.ts): every writer of every place is judged.
describe.each(Object.entries(PLACES))('%s', (_place, place) => {
  test.each(Object.entries(WRITERS))('written as %s', (_how, writer) => {
    const { blocks, pointer } = writer.blocks(place.azurerm, place.azure, place.id);
    const errors = errorsOf([...blocks, ...place.on(pointer)], place.overrides);
    expect(failsOn(errors, place.failing, place.rule)).toBe(!writer.created);
  });
  test('by its literal ID (a container outside the stack) it fails', () => {
    expect(failsOn(errorsOf(place.on(place.id), place.overrides), place.failing, place.rule)).toBe(true);
  });
});

// The control: an azapi block whose spelled ID is an object that holds no subnet (a storage account), whose ID a role reads, passes.
describe('a role on an azapi block of an object that holds no subnet beside a subnet given by a variable passes', () => {
  const place = PLACES['a resource group beside a delegated subnet the construct is given by a variable (PG-IAM-2: a group the stack creates holds nothing given before it)'];
  const storage = { type: 'Microsoft.Storage/storageAccounts@2023-01-01', parent: `${SUBSCRIPTION}/resourceGroups/rg-network`, name: 'stnetwork', body: { location: 'westeurope' } };
  test.each(Object.entries(WRITERS).filter(([how]) => how.includes('azapi')))('written as %s', (_how, writer) => {
    const { blocks, pointer } = writer.blocks(['azurerm_storage_account', {}], storage, `${storage.parent}/providers/Microsoft.Storage/storageAccounts/stnetwork`);
    expect(failsOn(errorsOf([...blocks, ...place.on(pointer)], place.overrides), place.failing, place.rule)).toBe(false);
  });
});
