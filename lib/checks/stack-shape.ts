/**
 * The parts of a stack's Terraform JSON the model reads must have the shape Terraform needs: a
 * block an object, a name or a pointer at a server text. Anything else would make a resource
 * vanish from the model (a child without a server, a server without a name), so it is a problem:
 * nothing is judged, and the check command exits 2. Terraform refuses such a file anyway (a number
 * it would turn into text, but the checks read names and pointers only as text). So is a list or an
 * object in any text attribute the library writes (written-text-attributes.ts).
 */
import { isDynamicBlock } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { blockBodies, blockShapeProblem, bodiesOf, isObject } from './terraform-json';
import { writesText, writtenTextProblems } from './written-text-attributes';
import { ownValue } from '../private/own-keys';

type Body = { readonly [key: string]: unknown };

/** Top-level sections whose every body is a block, and those whose bodies are blocks by label (locals: read with the model's scope). */
const BLOCK_SECTIONS = ['terraform', 'moved', 'import', 'removed'];
const LABELLED_SECTIONS = ['variable', 'output', 'provider', 'check'];

/** What a value is, as the problems name it. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'list' : typeof value;
}

/** The problems of the top-level sections other than resource, data and module (the model reads those itself). */
export function sectionProblems(roots: readonly Body[]): string[] {
  const problems: string[] = [];
  const blocks = (where: string, value: unknown): Body[] => bodiesOf(value).filter((body): body is Body => {
    if (isObject(body)) return true;
    problems.push(`${where} is ${kindOf(body)}, where Terraform needs an object`);
    return false;
  });
  // Two configurations of one provider and alias: Terraform refuses the file, and which one a rule read would depend on order (A12a-16).
  const configurations = new Set<string>();
  for (const root of roots) {
    // The library's records (suppressions, constructs) live in the top-level comment object, which cdktf writes once; read twice,
    // the checks would merge both, where jq or JSON.parse show a reviewer only the last (adversarial run of stop 76, Q76-19).
    if (Array.isArray(root['//'])) problems.push(`the top-level "//" comment object is written ${root['//'].length} times, where cdktf writes it once: JSON readers such as jq keep only the last, so a reviewer would not see what the checks read in the others`);
    for (const section of BLOCK_SECTIONS.filter((key) => key in root)) {
      for (const body of blocks(section, root[section])) {
        if (section !== 'terraform') continue;
        for (const key of ['required_providers', 'backend', 'cloud'].filter((name) => name in body)) blocks(`terraform.${key}`, body[key]);
      }
    }
    for (const section of LABELLED_SECTIONS.filter((key) => key in root)) {
      for (const byLabel of blocks(section, root[section])) {
        for (const [label, value] of Object.entries(byLabel)) {
          const bodies = blocks(`${section}.${label}`, value);
          if (section !== 'provider') continue;
          for (const body of bodies) {
            problems.push(...nestedBlockProblems(`provider.${label}`, body, ownValue(PROVIDER_BLOCKS, label) ?? []));
            problems.push(...writtenTextProblems(`provider.${label}`, label, body, 'provider'));
            const alias = body.alias ?? null;
            const key = `${label} ${JSON.stringify(alias)}`;
            if (configurations.has(key)) problems.push(`provider.${label} is configured twice ${alias === null ? 'without an alias' : `with the alias ${JSON.stringify(alias)}`}, which Terraform refuses (Duplicate provider configuration)`);
            configurations.add(key);
          }
        }
      }
    }
  }
  return problems;
}

/** Attributes that must be text (a literal, or an expression) on the resources the model reads. */
const TEXT_ATTRIBUTES: { readonly [type: string]: readonly string[] } = {
  azurerm_postgresql_flexible_server: ['name'],
  azurerm_postgresql_server: ['name'],
  azurerm_postgresql_flexible_server_configuration: ['server_id'],
  azurerm_postgresql_flexible_server_firewall_rule: ['server_id'],
  azurerm_postgresql_flexible_server_active_directory_administrator: ['server_name'],
  azurerm_postgresql_flexible_server_database: ['server_id'],
  azurerm_postgresql_configuration: ['server_name'],
  azurerm_postgresql_firewall_rule: ['server_name'],
  azurerm_postgresql_virtual_network_rule: ['server_name'],
  azurerm_postgresql_active_directory_administrator: ['server_name'],
  azurerm_postgresql_server_key: ['server_id'],
  azurerm_postgresql_database: ['server_name'],
  azurerm_monitor_diagnostic_setting: ['target_resource_id'],
  azurerm_subnet_network_security_group_association: ['subnet_id', 'network_security_group_id'],
  azurerm_private_dns_zone: ['name'],
  azurerm_subnet: ['name', 'virtual_network_name'],
  azurerm_network_security_group: ['name'],
  azurerm_network_security_rule: ['network_security_group_name'],
};

interface NestedBlock {
  readonly block: string;
  readonly required: boolean;
  /** Text attributes, each optional, of which one must be given. */
  readonly oneOf: readonly string[];
}

/** Nested blocks the model reads. */
const NESTED_BLOCKS: { readonly [type: string]: readonly NestedBlock[] } = {
  azurerm_private_endpoint: [
    { block: 'private_service_connection', required: true, oneOf: ['private_connection_resource_id', 'private_connection_resource_alias'] },
    { block: 'private_dns_zone_group', required: false, oneOf: [] },
  ],
};

/** Attributes of a network security rule the network rules read (separate or inline): text when given, and lists of text. */
const SECURITY_RULE_TEXT = ['direction', 'access', 'protocol', 'source_address_prefix', 'destination_port_range'];
const SECURITY_RULE_TEXT_LISTS = ['source_address_prefixes', 'destination_port_ranges'];

/** The problems of one security rule's body as written: a source of 5 or [null] would be left unjudged. */
function securityRuleProblems(where: string, raw: Body): string[] {
  const problems: string[] = [];
  for (const attribute of SECURITY_RULE_TEXT.filter((name) => raw[name] !== undefined && raw[name] !== null && typeof raw[name] !== 'string')) {
    problems.push(`${where}.${attribute} is ${kindOf(raw[attribute])}, where Terraform needs text`);
  }
  for (const attribute of SECURITY_RULE_TEXT_LISTS.filter((name) => Array.isArray(raw[name]))) {
    const item = (raw[attribute] as unknown[]).find((value) => typeof value !== 'string');
    if (item !== undefined || (raw[attribute] as unknown[]).includes(undefined)) problems.push(`${where}.${attribute} holds ${kindOf(item)}, where Terraform needs a list of text`);
  }
  return problems;
}

/**
 * The nested blocks the rules read, by resource type (dotted paths: a block within a block after its parent's path), and those
 * of every resource: Terraform's own lifecycle block, whose prevent_destroy and ignore_changes the rules read. A value HCL's JSON
 * syntax refuses for a block ("x", 5, a list holding text or null inside a list) would read as no block: a server "without an
 * authentication block" (A27b-4). HCL reads `[null]` as an empty block and `[[{...}]]` as the block of those arguments; the
 * readers read them so (blockBodies). An expression ("${...}") stands for the blocks: the rules read it as known only later.
 */
const READ_BLOCKS: { readonly [type: string]: readonly string[] } = {
  azurerm_postgresql_flexible_server: ['authentication', 'customer_managed_key', 'high_availability', 'identity', 'maintenance_window'],
  azurerm_postgresql_server: ['identity', 'threat_detection_policy'],
  azurerm_monitor_diagnostic_setting: ['enabled_log', 'enabled_metric', 'metric'],
  azurerm_private_endpoint: ['ip_configuration'],
  azurerm_subnet: ['delegation', 'delegation.service_delegation'],
  azurerm_virtual_network: ['ip_address_pool'],
  azurerm_key_vault: ['network_acls'],
  azurerm_firewall: ['ip_configuration', 'management_ip_configuration', 'virtual_hub'],
  azurerm_firewall_policy_rule_collection_group: ['application_rule_collection', 'application_rule_collection.rule', 'application_rule_collection.rule.protocols',
    'nat_rule_collection', 'nat_rule_collection.rule', 'network_rule_collection', 'network_rule_collection.rule'],
  azurerm_network_interface: ['ip_configuration'],
  azuread_conditional_access_policy: ['conditions', 'conditions.users', 'conditions.applications', 'conditions.client_applications', 'conditions.locations',
    'conditions.platforms', 'grant_controls', 'session_controls'],
  azuread_group_role_management_policy: ['activation_rules', 'active_assignment_rules', 'eligible_assignment_rules', 'notification_rules'],
  azuread_named_location: ['ip', 'country'],
};
const EVERY_RESOURCE_BLOCKS = ['lifecycle'];

/**
 * Blocks the provider's schema has as attributes of a list of objects (the SDK's ConfigModeAttr): Terraform's JSON syntax reads them
 * as attributes (terraform internal/lang/blocktoattr), so an expression for the list is valid, and a literal must be a list of objects.
 */
const ATTRIBUTE_BLOCKS: { readonly [type: string]: readonly string[] } = {
  azurerm_network_security_group: ['security_rule'],
  azurerm_virtual_network: ['subnet'],
  azurerm_route_table: ['route'],
  azurerm_key_vault: ['access_policy'],
};

/** Nested blocks of the provider configurations the rules read. */
const PROVIDER_BLOCKS: { readonly [name: string]: readonly string[] } = {
  azurerm: ['features', 'features.postgresql_flexible_server'],
  postgresql: ['clientcert'],
};

/** A value that stands for blocks: an expression as the model evaluates it, or "${...}" text as written. */
function standsForBlocks(value: unknown): boolean {
  return isUnknown(value) || (typeof value === 'string' && /\$\{|%\{/.test(value));
}

/** The problems of the nested blocks at dotted paths of a body (and of every body its blocks hold), each with its address and the fix. */
function nestedBlockProblems(where: string, body: Body, paths: readonly string[], attributes: readonly string[] = []): string[] {
  const problems: string[] = [];
  const fix = 'write the block as an object, or a list of objects (a dynamic block for a list known later)';
  const visit = (at: string, bodies: readonly Body[], parts: readonly string[]) => {
    const [name, ...rest] = parts;
    for (const each of bodies) {
      const value = ownValue(each, name);
      const problem = blockShapeProblem(value, standsForBlocks);
      // A block on the way to a deeper path is judged by its own path.
      if (problem !== undefined) {
        if (rest.length === 0) problems.push(`${at}.${name} ${problem}: ${fix}`);
        continue;
      }
      if (rest.length > 0 && !standsForBlocks(value)) visit(`${at}.${name}`, blockBodies(value).filter((item) => !isUnknown(item)), rest);
    }
  };
  paths.forEach((path) => visit(where, [body], path.split('.')));
  for (const name of attributes) {
    const value = ownValue(body, name);
    // An object the readers read as one item (a list of one, as cdktf never writes it): not refused here.
    if (value === undefined || value === null || isObject(value) || standsForBlocks(value)) continue;
    const item = Array.isArray(value) ? value.find((each) => !isObject(each) || isUnknown(each)) : value;
    if (Array.isArray(value) && (item === undefined || isUnknown(item))) continue;
    problems.push(`${where}.${name} ${Array.isArray(value) ? `holds ${kindOf(item)}` : `is ${kindOf(value)}`}, where Terraform needs a list of objects (the provider reads it as an attribute): write a list of objects, or an expression`);
  }
  return problems;
}

/**
 * The server blocks azurerm 4.55 allows one of (MaxItems 1): a second body (a list of two, or the block's key written twice, which the
 * reader merges) is refused by Terraform ("Too many ... blocks"), and the rules read the first, so a weak second one passed unread
 * (adversarial run of stop 81, A81-20, A81-47).
 */
const SINGLE_BLOCKS: { readonly [type: string]: readonly string[] } = {
  azurerm_postgresql_flexible_server: ['authentication', 'high_availability', 'customer_managed_key', 'identity', 'maintenance_window'],
  azurerm_postgresql_server: ['threat_detection_policy', 'identity'],
};

/** The problems of the nested blocks a resource of any type writes where the rules read them (`config`: its values as evaluated). */
export function blockProblems(where: string, type: string, config: Body): string[] {
  const problems = nestedBlockProblems(where, config, [...EVERY_RESOURCE_BLOCKS, ...(ownValue(READ_BLOCKS, type) ?? [])], ownValue(ATTRIBUTE_BLOCKS, type));
  const single = (ownValue(SINGLE_BLOCKS, type) ?? []).flatMap((name) => {
    const value = ownValue(config, name);
    return Array.isArray(value) && value.length > 1 ? [`${where}.${name} holds ${value.length} blocks, where the provider allows one: write one ${name} block`] : [];
  });
  return [...problems, ...single, ...lifecycleCountProblems(where, ownValue(config, 'lifecycle'))];
}

/**
 * Terraform refuses a second lifecycle block ("Duplicate lifecycle block"), and one written as a list of objects that repeat an
 * argument ("Duplicate argument"); the readers take the first block, and the last of the repeated arguments, so what the other
 * held passed unread: a file Terraform refuses is bad input (adversarial runs adv75c N75-15, stop 76 R76-19).
 */
function lifecycleCountProblems(where: string, lifecycle: unknown): string[] {
  if (!Array.isArray(lifecycle)) return [];
  if (lifecycle.length > 1) return [`${where}.lifecycle holds ${lifecycle.length} blocks, where Terraform allows one: write one lifecycle block`];
  const parts = Array.isArray(lifecycle[0]) ? lifecycle[0].filter(isObject) : [];
  const keys = parts.flatMap((part) => Object.keys(part));
  const repeated = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
  return repeated.length === 0 ? [] : [`${where}.lifecycle sets ${repeated.join(', ')} more than once, which Terraform refuses (Duplicate argument): write each argument once`];
}

/**
 * The problems of a data source's lifecycle, which only preconditions and postconditions use: a value Terraform refuses as a block
 * (text, a number), or more than one block (stop 76, R76-25).
 */
export function dataLifecycleProblems(where: string, body: Body): string[] {
  const lifecycle = ownValue(body, 'lifecycle');
  if (lifecycle === undefined || lifecycle === null) return [];
  if (!isObject(lifecycle) && !Array.isArray(lifecycle)) return [`${where}.lifecycle is ${kindOf(lifecycle)}, where Terraform needs an object`];
  return lifecycleCountProblems(where, lifecycle);
}

/** True for the resource types whose shape the model needs. */
export function hasShape(type: string): boolean {
  return type in TEXT_ATTRIBUTES || type in NESTED_BLOCKS || writesText(type);
}

/**
 * The problems of one resource the model reads: `raw` is its body as written (where null differs
 * from a missing key), `config` its values as Terraform evaluates them.
 */
export function resourceProblems(where: string, type: string, raw: Body, config: Body): string[] {
  const problems: string[] = [];
  const text = (path: string, value: unknown, required: boolean) => {
    if (typeof value === 'string' || isUnknown(value) || (!required && value === undefined)) return;
    problems.push(`${path} is ${kindOf(value)}, where Terraform needs text`);
  };
  for (const attribute of ownValue(TEXT_ATTRIBUTES, type) ?? []) text(`${where}.${attribute}`, raw[attribute] === null ? null : config[attribute], true);
  if (type === 'azurerm_network_security_rule') problems.push(...securityRuleProblems(where, raw));
  if (type === 'azurerm_network_security_group') {
    bodiesOf(raw.security_rule ?? []).filter(isObject).forEach((body) => problems.push(...securityRuleProblems(`${where}.security_rule`, body)));
  }
  for (const { block, required, oneOf } of ownValue(NESTED_BLOCKS, type) ?? []) {
    const value = raw[block] === null ? null : config[block];
    // A dynamic block makes it from a for_each known only later.
    const bodies = value === undefined && (isDynamicBlock(raw, block) || !required) ? [] : bodiesOf(value);
    if (Array.isArray(value) && value.length === 0) problems.push(`${where}.${block} is an empty list, where Terraform needs a block`);
    for (const body of bodies) {
      if (isUnknown(body)) continue;
      if (!isObject(body)) {
        problems.push(`${where}.${block} is ${kindOf(body)}, where Terraform needs an object`);
        continue;
      }
      oneOf.forEach((attribute) => text(`${where}.${block}.${attribute}`, body[attribute], false));
      if (oneOf.length > 0 && oneOf.every((attribute) => body[attribute] === undefined)) {
        problems.push(`${where}.${block} has none of ${oneOf.join(', ')}, where Terraform needs one`);
      }
    }
  }
  // The text the library writes, where the checks above do not already read it (an attribute path holds no space).
  const reported = new Set(problems.map((problem) => problem.slice(0, problem.indexOf(' '))));
  problems.push(...writtenTextProblems(where, type, raw).filter((problem) => !reported.has(problem.slice(0, problem.indexOf(' ')))));
  return problems;
}
