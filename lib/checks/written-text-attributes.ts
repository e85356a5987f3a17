/**
 * The text attributes of the resources the library's constructs write, many of them from a text
 * prop that a token may give: a token that resolves to a list or an object writes one there, which
 * Terraform refuses only at plan. The shape check refuses it at synth and in `check` (eleventh
 * review, A11a-6). A number or a boolean is no problem: Terraform turns it into text.
 * written-text-attributes-synth.test.ts keeps these lists whole against what the constructs write.
 */
import { bodiesOf, isObject } from './terraform-json';
import { ownValue } from '../private/own-keys';

interface WrittenText {
  /** Text attributes; "block.attribute" inside a nested block. */
  readonly text: readonly string[];
  /** Lists of text. */
  readonly lists?: readonly string[];
  /** Maps of text. */
  readonly maps?: readonly string[];
}

const AZURE = ['name', 'resource_group_name', 'location'];
const TAGS = { maps: ['tags'] };

const WRITTEN_TEXT: { readonly [type: string]: WrittenText } = {
  azurerm_postgresql_flexible_server: {
    text: [...AZURE, 'administrator_login', 'administrator_password_wo', 'authentication.tenant_id', 'customer_managed_key.geo_backup_key_vault_key_id',
      'customer_managed_key.geo_backup_user_assigned_identity_id', 'customer_managed_key.key_vault_key_id', 'customer_managed_key.primary_user_assigned_identity_id',
      'delegated_subnet_id', 'high_availability.mode', 'high_availability.standby_availability_zone', 'identity.type', 'private_dns_zone_id', 'sku_name', 'version', 'zone'],
    lists: ['identity.identity_ids'],
    ...TAGS,
  },
  azurerm_postgresql_server: {
    text: [...AZURE, 'administrator_login', 'administrator_login_password_wo', 'identity.type', 'sku_name', 'ssl_minimal_tls_version_enforced', 'version'],
    ...TAGS,
  },
  azurerm_postgresql_flexible_server_active_directory_administrator: { text: ['object_id', 'principal_name', 'principal_type', 'resource_group_name', 'server_name', 'tenant_id'] },
  azurerm_postgresql_active_directory_administrator: { text: ['login', 'object_id', 'resource_group_name', 'server_name', 'tenant_id'] },
  azurerm_postgresql_flexible_server_configuration: { text: ['name', 'server_id', 'value'] },
  azurerm_postgresql_configuration: { text: ['name', 'resource_group_name', 'server_name', 'value'] },
  azurerm_postgresql_flexible_server_database: { text: ['charset', 'collation', 'name', 'server_id'] },
  azurerm_postgresql_flexible_server_firewall_rule: { text: ['end_ip_address', 'name', 'server_id', 'start_ip_address'] },
  azurerm_postgresql_firewall_rule: { text: ['end_ip_address', 'name', 'resource_group_name', 'server_name', 'start_ip_address'] },
  azurerm_postgresql_virtual_network_rule: { text: ['name', 'resource_group_name', 'server_name', 'subnet_id'] },
  azurerm_postgresql_server_key: { text: ['key_vault_key_id', 'server_id'] },
  azurerm_key_vault_secret: { text: ['content_type', 'expiration_date', 'key_vault_id', 'name', 'value_wo'], ...TAGS },
  azurerm_management_lock: { text: ['lock_level', 'name', 'notes', 'scope'] },
  azurerm_monitor_diagnostic_setting: { text: ['enabled_log.category_group', 'enabled_metric.category', 'log_analytics_workspace_id', 'name', 'target_resource_id'] },
  azurerm_role_assignment: { text: ['description', 'principal_id', 'principal_type', 'role_definition_id', 'role_definition_name', 'scope'] },
  azurerm_network_security_group: { text: AZURE, ...TAGS },
  azurerm_network_security_rule: {
    text: ['access', 'description', 'destination_address_prefix', 'destination_port_range', 'direction', 'name', 'network_security_group_name', 'protocol',
      'resource_group_name', 'source_address_prefix', 'source_port_range'],
    lists: ['destination_port_ranges', 'source_address_prefixes'],
  },
  azurerm_subnet: {
    text: ['delegation.name', 'delegation.service_delegation.name', 'name', 'resource_group_name', 'virtual_network_name'],
    lists: ['address_prefixes', 'delegation.service_delegation.actions'],
  },
  azurerm_subnet_network_security_group_association: { text: ['network_security_group_id', 'subnet_id'] },
  azurerm_private_dns_zone: { text: ['name', 'resource_group_name'], ...TAGS },
  azurerm_private_dns_zone_virtual_network_link: { text: ['name', 'private_dns_zone_name', 'resource_group_name', 'virtual_network_id'], ...TAGS },
  azurerm_private_endpoint: {
    text: [...AZURE, 'private_dns_zone_group.name', 'private_service_connection.name', 'private_service_connection.private_connection_resource_id', 'subnet_id'],
    lists: ['private_dns_zone_group.private_dns_zone_ids', 'private_service_connection.subresource_names'],
    ...TAGS,
  },
  postgresql_role: { text: ['name', 'password_wo', 'password_wo_version', 'valid_until'], lists: ['roles'] },
  postgresql_grant: { text: ['database', 'object_type', 'role', 'schema'], lists: ['privileges'] },
  postgresql_default_privileges: { text: ['database', 'object_type', 'owner', 'role', 'schema'], lists: ['privileges'] },
  postgresql_extension: { text: ['database', 'name'] },
  postgresql_schema: { text: ['database', 'name', 'owner'] },
  postgresql_security_label: { text: ['label', 'label_provider', 'object_name', 'object_type'] },
  random_password: { text: ['override_special'], maps: ['keepers'] },
  // A password member's rotation is triggered by its role's name (A64a-1).
  time_rotating: { text: [], maps: ['triggers'] },
};

/**
 * The providers the library adds: the postgresql one of a DatabaseAccess signs in as connectAs.principalName
 * in the server's tenant (its host and alias the stack model reads itself).
 */
const WRITTEN_PROVIDER_TEXT: { readonly [name: string]: WrittenText } = {
  postgresql: { text: ['azure_tenant_id', 'database', 'sslmode', 'username'] },
};

/** The resource types whose written text the shape check reads. */
export function writesText(type: string): boolean {
  return ownValue(WRITTEN_TEXT, type) !== undefined;
}

/** The text attributes of a resource type, or of a provider, as written (dotted paths into nested blocks), each with its kind. */
export function writtenTextAttributes(type: string, section: 'resource' | 'provider' = 'resource'): { path: string; kind: 'text' | 'list' | 'map' }[] {
  const written = ownValue(section === 'resource' ? WRITTEN_TEXT : WRITTEN_PROVIDER_TEXT, type);
  if (written === undefined) return [];
  return [
    ...written.text.map((path) => ({ path, kind: 'text' as const })),
    ...(written.lists ?? []).map((path) => ({ path, kind: 'list' as const })),
    ...(written.maps ?? []).map((path) => ({ path, kind: 'map' as const })),
  ];
}

/** A list or an object: what Terraform cannot turn into text (a number or a boolean it can). */
function notText(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'list';
  return isObject(value) ? 'object' : undefined;
}

function withArticle(kind: string): string {
  return kind === 'object' ? 'an object' : `a ${kind}`;
}

/** The values at a dotted path (its parts, from `from` on) of a body as written: a nested block may be a list of bodies. */
function valuesAt(body: { readonly [key: string]: unknown }, path: readonly string[], from = 0): unknown[] {
  const value = ownValue(body, path[from]);
  if (from === path.length - 1) return [value];
  return bodiesOf(value ?? []).filter(isObject).flatMap((nested) => valuesAt(nested, path, from + 1));
}

/**
 * The text attributes of a type with their paths split, listed once per type and section: every
 * resource of the library's types is read (3,153 at roles50), and the lists never change.
 */
const splitAttributes = { resource: new Map<string, SplitAttribute[]>(), provider: new Map<string, SplitAttribute[]>() };
interface SplitAttribute {
  readonly path: string;
  readonly parts: readonly string[];
  readonly kind: 'text' | 'list' | 'map';
}
function attributesOf(type: string, section: 'resource' | 'provider'): readonly SplitAttribute[] {
  let attributes = splitAttributes[section].get(type);
  if (attributes === undefined) {
    attributes = writtenTextAttributes(type, section).map(({ path, kind }) => ({ path, parts: path.split('.'), kind }));
    // Only the library's types are kept: a stack may name any type, and those have none.
    if (attributes.length > 0) splitAttributes[section].set(type, attributes);
  }
  return attributes;
}

/**
 * The problems of the text a resource of the library's types (or a provider) holds as written: a text attribute
 * that is a list or an object, a list of text that is an object or holds one, a map of text that is
 * a list or holds one. An expression ("${...}") stands for text and passes. A value is found at
 * `<where>.<path>` however many bodies it went through; that text is made only for a problem.
 */
export function writtenTextProblems(where: string, type: string, raw: { readonly [key: string]: unknown }, section: 'resource' | 'provider' = 'resource'): string[] {
  const problems: string[] = [];
  for (const { path, parts, kind } of attributesOf(type, section)) {
    for (const value of valuesAt(raw, parts)) {
      const problem = textProblem(kind, value);
      if (problem !== undefined) problems.push(`${where}.${path} ${problem}`);
    }
  }
  return problems;
}

/** What is wrong with a value written for an attribute of a kind, or undefined. */
function textProblem(kind: SplitAttribute['kind'], value: unknown): string | undefined {
  if (kind === 'text') {
    const found = notText(value);
    return found === undefined ? undefined : `is ${found}, where Terraform needs text`;
  }
  if (kind === 'list') {
    if (isObject(value)) return 'is object, where Terraform needs a list of text';
    const item = Array.isArray(value) ? value.map(notText).find((found) => found !== undefined) : undefined;
    return item === undefined ? undefined : `holds ${withArticle(item)}, where Terraform needs a list of text`;
  }
  if (Array.isArray(value)) return 'is list, where Terraform needs a map of text';
  const member = isObject(value) ? Object.values(value).map(notText).find((found) => found !== undefined) : undefined;
  return member === undefined ? undefined : `holds ${withArticle(member)}, where Terraform needs a map of text`;
}
