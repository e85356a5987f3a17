/**
 * Where each resource a construct makes is and what it hangs under: the attributes a server
 * construct pins on every resource it makes (and on the shared DNS zones and links it uses),
 * wherever the resource's type takes them. Moved by an override to another name, group, region,
 * zone, server or scope, a resource writes the construct's control into a decoy of the same name
 * while the checks still file it under the construct's parent (thirteenth review, A13-2, A13-6).
 * Pure, so `check` can hold a file's pins against it (made-pins.ts).
 */
export const PLACEMENT_ATTRIBUTES: readonly string[] = [
  'name', 'resource_group_name', 'location', 'scope', 'server_id', 'server_name', 'subnet_id', 'virtual_network_name', 'virtual_network_id',
  'network_security_group_name', 'network_security_group_id', 'private_dns_zone_name', 'key_vault_id', 'target_resource_id',
];
