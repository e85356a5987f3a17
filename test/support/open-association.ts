import { addedFindings, Blocks } from './example-findings';

/** The findings flexible-existing-network gains with these lookups and an allow-all-from-Internet group associated with `subnetId`. */
export const openAssociationFindings = (data: Blocks, subnetId: string): string[] => addedFindings('flexible-existing-network', {
  data,
  resource: {
    azurerm_network_security_group: { open: { name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg-payments-db', security_rule: [{ name: 'any', priority: 100,
      direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' }] } },
    azurerm_subnet_network_security_group_association: { a: { subnet_id: subnetId, network_security_group_id: '${azurerm_network_security_group.open.id}' } },
  },
});

/** What an allow-all-from-Internet group on the server's subnet fails. */
export const OPEN_GROUP_FINDINGS = ['PGF-NET-11 azurerm_network_security_group.open', 'PGF-NET-7 azurerm_network_security_group.open'];
