import { isUnknown } from './hcl-expression';
import type { ResourceView } from './stack-model';
import { INSTANCE_KEY } from './traversal-text';

// Blocks whose `id` is the ID of another object: azurerm sets the subnet associations' ID to their
// subnet's (`d.SetId(subnetId.ID())`) and the vault-wide secret and certificate lookups' to their
// vault's, so a reference to that `id` names the object the block's attribute names (fourteenth
// review, A14b-8). Composite IDs ("<target>|<name>", "<nic>|<nsg>") and a child's own ID are no aliases.

/** Each such type (a data source as "data.<type>"), and the attribute that names the object its `id` is. */
const ID_ALIASES: { readonly [type: string]: string } = {
  azurerm_subnet_network_security_group_association: 'subnet_id',
  azurerm_subnet_route_table_association: 'subnet_id',
  azurerm_subnet_nat_gateway_association: 'subnet_id',
  'data.azurerm_key_vault_secrets': 'key_vault_id',
  'data.azurerm_key_vault_certificates': 'key_vault_id',
};

/** A reference to the id of a block: its address (data, type and name, an instance key left out) and type. */
const ID_REFERENCE = new RegExp(String.raw`^((data\.)?([a-z0-9_]+)\.[^.[\]]+)(?:${INSTANCE_KEY})?\.id$`);

/** Whether a reference ("azurerm_subnet_route_table_association.rt.id") is to the id of an alias type. */
export function isAliasReference(reference: string): boolean {
  const found = ID_REFERENCE.exec(reference);
  return found !== null && aliasAttribute(found[2], found[3]) !== undefined;
}

/**
 * What a pointer that is a reference to an alias's id stands for: the aliased block's attribute
 * (followed through aliases of aliases); undefined when the pointer is no such reference or the
 * block is not found.
 */
export function aliasedPointer(pointer: unknown, find: (address: string) => ResourceView | undefined): unknown {
  return isUnknown(pointer) && pointer.isPlainReference ? aliasedValue(pointer.references[0], find) : undefined;
}

/** What a reference to an alias's id stands for (aliasedPointer), from the reference's text. */
export function aliasedValue(reference: string, find: (address: string) => ResourceView | undefined): unknown {
  let current: unknown = undefined;
  let next: string | undefined = reference;
  // A few steps: a cycle of references is Terraform's error, not a reading.
  for (let step = 0; step < 5 && next !== undefined; step++) {
    const found = ID_REFERENCE.exec(next);
    const attribute = found === null ? undefined : aliasAttribute(found[2], found[3]);
    const block = attribute === undefined ? undefined : find(found![1]);
    if (block === undefined) return current;
    current = block.config[attribute!];
    next = isUnknown(current) && current.isPlainReference ? current.references[0] : undefined;
  }
  return current;
}

function aliasAttribute(data: string | undefined, type: string): string | undefined {
  const key = `${data ?? ''}${type}`;
  return Object.prototype.hasOwnProperty.call(ID_ALIASES, key) ? ID_ALIASES[key] : undefined;
}
