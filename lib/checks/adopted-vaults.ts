/**
 * An `azurerm_key_vault` an import or moved block adopts the password's vault into writes that vault with every argument it sets,
 * and with azurerm's default for every argument it leaves out (94th run, A94b-3): access policies instead of Azure RBAC
 * (`rbac_authorization_enabled`, and the older `enable_rbac_authorization`, default false: any principal that may write the vault
 * can then grant itself Get on its secrets) and a public network. It is judged as an azapi write on the vault is (PG-CFG-8): it
 * passes only when every argument it sets places it or hardens it, RBAC stated on and its network stated closed.
 */
import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { literalBoolean, literalString, nestedBlock } from './value-readers';

/**
 * Arguments that place the vault or change nothing of who reads it or from where: its names, tenant and SKU, its certificate
 * contacts, its soft delete retention (azurerm: set once, never updated), its access policies (PG-IAM-2 judges them).
 */
const NEUTRAL = ['name', 'location', 'resource_group_name', 'tenant_id', 'sku_name', 'tags', 'contact', 'soft_delete_retention_days', 'access_policy',
  'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'timeouts', '//'];

/** Arguments and the one value that hardens the vault; any other value (or one known only at apply time) may weaken it. */
const HARDENING: ReadonlyMap<string, boolean> = new Map([
  ['rbac_authorization_enabled', true],
  ['enable_rbac_authorization', true],
  ['purge_protection_enabled', true],
  ['public_network_access_enabled', false],
  ['enabled_for_deployment', false],
  ['enabled_for_disk_encryption', false],
  ['enabled_for_template_deployment', false],
]);

/** How an adopted `azurerm_key_vault` may weaken the vault, for PG-CFG-8's message; undefined when it only places or hardens it (or is another type). */
export function adoptedVaultWeakening(block: ResourceView): string | undefined {
  if (block.type !== 'azurerm_key_vault') return undefined;
  const { config } = block;
  for (const [argument, value] of Object.entries(config)) {
    const wanted = HARDENING.get(argument);
    if (wanted !== undefined && literalBoolean(value) !== wanted) return `its ${argument} = ${isUnknown(value) ? String(value) : JSON.stringify(value)} may weaken the vault (only ${String(wanted)} hardens it).`;
    // network_acls is judged below, with public_network_access_enabled.
    if (wanted === undefined && argument !== 'network_acls' && !NEUTRAL.includes(argument)) return `its ${argument} is not read as hardening the vault, so it may weaken it.`;
  }
  if (!['rbac_authorization_enabled', 'enable_rbac_authorization'].some((argument) => literalBoolean(config[argument]) === true)) {
    return 'it does not set rbac_authorization_enabled = true: azurerm then switches the vault to access policies, which any principal that may write the vault can grant itself Get on its secrets by.';
  }
  if (literalBoolean(config.public_network_access_enabled) === false) return undefined;
  const acls = nestedBlock(config, 'network_acls');
  const closed = acls.state === 'present' && literalString(acls.block.default_action) === 'Deny' && [acls.block.ip_rules, acls.block.virtual_network_subnet_ids].every(isEmpty);
  return closed ? undefined : 'it does not set public_network_access_enabled = false nor network_acls with default_action = "Deny" and no ip_rules or subnets: the vault may be opened to other networks.';
}

/** A list argument left out or empty. */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}
