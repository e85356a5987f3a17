import { TerraformBlock } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// The delegated subnet "db" of the server "db", its network security group "db" and their
// association, for the rules of the subnet's group (PGF-NET-7, PGF-NET-11).

export const SUBNET = 'azurerm_subnet';
export const NSG = 'azurerm_network_security_group';
export const RULE = 'azurerm_network_security_rule';
export const ASSOCIATION = 'azurerm_subnet_network_security_group_association';

export const subnet = { name: 'snet-db', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] };
export const group = { name: 'nsg-db', resource_group_name: 'rg-db', location: 'westeurope' };
export const association = { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: `\${${NSG}.db.id}` };

/** A separate rule of the group "db" that lets PostgreSQL in from the VNet; override what a test is about. */
export function securityRule(overrides: TerraformBlock = {}): TerraformBlock {
  return {
    name: 'AllowPostgres',
    resource_group_name: 'rg-db',
    network_security_group_name: `\${${NSG}.db.name}`,
    priority: 1010,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source_port_range: '*',
    destination_port_range: '5432',
    source_address_prefix: 'VirtualNetwork',
    destination_address_prefix: '10.0.1.0/28',
    ...overrides,
  };
}

/** The server "db" in the subnet "db", guarded by the group "db" with the given separate rules. */
export function guarded(rules: { [name: string]: TerraformBlock } = { clients: securityRule() }, extra: Resources = {}): Resources {
  return {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    [SUBNET]: { db: subnet },
    [NSG]: { db: group },
    [ASSOCIATION]: { db: association },
    ...(Object.keys(rules).length > 0 ? { [RULE]: rules } : {}),
    ...extra,
  };
}
