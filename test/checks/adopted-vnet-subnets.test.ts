import { addedFindings, addedMessages, Sections } from '../support/example-findings';

// 95th run, A95a-2: in examples/flexible-existing-network the server's delegated subnet is given by a variable. A VNet an import adopts
// (azurerm's inline `subnet` list, an azapi body's `subnets`), or an azapi update of a literal VNet ID writing `subnets`, rewrites every
// subnet of that live VNet, which may hold the given subnet: its group set open or dropped. Such a write passed; it fails PG-CFG-3 now.

const findings = (sections: Sections) => addedFindings('flexible-existing-network', sections);

const W1B: Sections = {"import": [{"to": "azurerm_virtual_network.v", "id": "/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke"}], "resource": {"azurerm_network_security_group": {"open": {"name": "nsg-open", "location": "westeurope", "resource_group_name": "rg-payments-db", "security_rule": [{"name": "any", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "source_port_range": "*", "destination_port_range": "*", "source_address_prefix": "Internet", "destination_address_prefix": "*"}]}}, "azurerm_virtual_network": {"v": {"name": "vnet-spoke", "location": "westeurope", "resource_group_name": "rg-network", "address_space": ["10.20.0.0/16"], "subnet": [{"name": "snet-db", "address_prefixes": ["10.20.1.0/24"], "security_group": "${azurerm_network_security_group.open.id}", "delegation": [{"name": "pg", "service_delegation": {"name": "Microsoft.DBforPostgreSQL/flexibleServers", "actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]}}]}]}}}};
const W2: Sections = {"import": [{"to": "azurerm_virtual_network.v", "id": "/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke"}], "resource": {"azurerm_virtual_network": {"v": {"name": "vnet-spoke", "location": "westeurope", "resource_group_name": "rg-network", "address_space": ["10.20.0.0/16"], "subnet": [{"name": "snet-db", "address_prefixes": ["10.20.1.0/24"]}]}}}};
const W3B: Sections = {"resource": {"azurerm_network_security_group": {"open": {"name": "nsg-open", "location": "westeurope", "resource_group_name": "rg-payments-db", "security_rule": [{"name": "any", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "source_port_range": "*", "destination_port_range": "*", "source_address_prefix": "Internet", "destination_address_prefix": "*"}]}}, "azapi_update_resource": {"u": {"type": "Microsoft.Network/virtualNetworks@2024-05-01", "resource_id": "/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke", "body": {"properties": {"subnets": [{"name": "snet-db", "properties": {"addressPrefix": "10.20.1.0/24", "networkSecurityGroup": {"id": "${azurerm_network_security_group.open.id}"}}}]}}}}}};
const W5: Sections = {"import": [{"to": "azapi_resource.v", "id": "/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke"}], "resource": {"azapi_resource": {"v": {"type": "Microsoft.Network/virtualNetworks@2024-05-01", "name": "vnet-spoke", "parent_id": "/subscriptions/0/resourceGroups/rg-network", "location": "westeurope", "body": {"properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]}, "subnets": [{"name": "snet-db", "properties": {"addressPrefix": "10.20.1.0/24"}}]}}}}}};
const W5B: Sections = {"import": [{"to": "azapi_resource.v", "id": "/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke"}], "resource": {"azurerm_network_security_group": {"open": {"name": "nsg-open", "location": "westeurope", "resource_group_name": "rg-payments-db", "security_rule": [{"name": "any", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "source_port_range": "*", "destination_port_range": "*", "source_address_prefix": "Internet", "destination_address_prefix": "*"}]}}, "azapi_resource": {"v": {"type": "Microsoft.Network/virtualNetworks@2024-05-01", "name": "vnet-spoke", "parent_id": "/subscriptions/0/resourceGroups/rg-network", "location": "westeurope", "body": {"properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]}, "subnets": [{"name": "snet-db", "properties": {"addressPrefix": "10.20.1.0/24", "networkSecurityGroup": {"id": "${azurerm_network_security_group.open.id}"}, "delegations": [{"name": "pg", "properties": {"serviceName": "Microsoft.DBforPostgreSQL/flexibleServers"}}]}}]}}}}}};
const W7B: Sections = {"import": [{"to": "azurerm_virtual_network.v", "id": "${join(\"/\", slice(split(\"/\", var.delegated_subnet_id), 0, 9))}"}], "resource": {"azurerm_network_security_group": {"open": {"name": "nsg-open", "location": "westeurope", "resource_group_name": "rg-payments-db", "security_rule": [{"name": "any", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "source_port_range": "*", "destination_port_range": "*", "source_address_prefix": "Internet", "destination_address_prefix": "*"}]}}, "azurerm_virtual_network": {"v": {"name": "${element(split(\"/\", var.delegated_subnet_id), 8)}", "location": "westeurope", "resource_group_name": "${element(split(\"/\", var.delegated_subnet_id), 4)}", "address_space": ["10.20.0.0/16"], "subnet": [{"name": "${element(split(\"/\", var.delegated_subnet_id), 10)}", "address_prefixes": ["10.20.1.0/24"], "security_group": "${azurerm_network_security_group.open.id}", "delegation": [{"name": "pg", "service_delegation": {"name": "Microsoft.DBforPostgreSQL/flexibleServers", "actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]}}]}]}}}};

test('w1b, w7b, w2: an azurerm_virtual_network an import adopts, whose inline subnet list rewrites the given subnet, fails PG-CFG-3', () => {
  for (const patch of [W1B, W7B, W2]) expect(findings(patch)).toEqual(['PG-CFG-3 azurerm_virtual_network.v']);
});

test('w5b, w5: the azapi form, an adopted azapi VNet whose body lists subnets, fails PG-CFG-3', () => {
  for (const patch of [W5B, W5]) expect(findings(patch)).toEqual(['PG-CFG-3 azapi_resource.v']);
});

test('w3b: an azapi_update_resource of a literal VNet ID writing its subnets fails PG-CFG-3', () => {
  expect(findings(W3B)).toEqual(['PG-CFG-3 azapi_update_resource.u']);
});

test('controls: the same VNets made new (no import) pass', () => {
  for (const patch of [W1B, W5B]) expect(findings({ ...patch, import: [] })).toEqual([]);
});

test('controls: an adopted VNet with no subnet list keeps the live subnets and passes', () => {
  const vnet = { name: 'vnet-spoke', location: 'westeurope', resource_group_name: 'rg-network', address_space: ['10.20.0.0/16'] };
  expect(findings({ import: W1B.import, resource: { azurerm_virtual_network: { v: vnet } } })).toEqual([]);
});

// 95th run, also seen (q/n1.json): a moved block hands the resource an object another address managed, made before this plan, as an
// import does (stack-created.ts adoptedBy): a VNet moved into the block is that live VNet, its inline subnet list rewriting the given subnet.
const moved = (to: string) => [{ from: `${to.split('.')[0]}.old`, to }];

test('a VNet a moved block hands over, azurerm or azapi, whose subnet list rewrites the given subnet, fails PG-CFG-3 as the imported one does', () => {
  expect(findings({ ...W1B, import: [], moved: moved('azurerm_virtual_network.v') })).toEqual(['PG-CFG-3 azurerm_virtual_network.v']);
  expect(findings({ ...W5B, import: [], moved: moved('azapi_resource.v') })).toEqual(['PG-CFG-3 azapi_resource.v']);
  expect(addedMessages('flexible-existing-network', { ...W1B, import: [], moved: moved('azurerm_virtual_network.v') }).join('\n')).toContain('an azurerm_virtual_network a moved block hands over, whose inline subnet list');
});

test('controls: a moved block into another address leaves the new VNet passing', () => {
  expect(findings({ ...W1B, import: [], moved: moved('azurerm_virtual_network.other') })).toEqual([]);
});
