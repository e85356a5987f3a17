/**
 * Azure Firewall application rules (twenty-first review, A21b-4). The firewall is a transparent proxy for them: it ends the
 * client's connection and opens its own, always SNATed to its own address whatever the SNAT private ranges say
 * (https://learn.microsoft.com/azure/firewall/snat-private-range). A rule matches by the SNI or Host of a protocol Http, Https or
 * Mssql on any port up to 64000 (https://learn.microsoft.com/rest/api/firewall/azure-firewalls: AzureFirewallApplicationRuleProtocol),
 * so a rule to the server's name, a wildcard above it, its address or anything the reader cannot tell (an FQDN tag, a web
 * category, a URL, an IP group) on a port that may be PostgreSQL's is a proxy to the server. Every spelling is read into one
 * shape: azurerm policy groups (`application_rule_collection`) and classic collections, azapi rule collection groups
 * (`ApplicationRule`) and firewalls (`applicationRuleCollections`), dynamic blocks included. A rule whose kind cannot be read
 * (a `ruleType` known only later, or one Azure may add) is read as an application rule to anything on any port.
 */
import { AZAPI_WRITER_TYPES, azapiType, bodyProperties, propertyInAnyCase as field, writes } from './azapi-writes';
import { blockItems } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { listOf } from './server-networks';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

/** One application rule as read: its sources, its destinations ('*' for one the reader cannot tell), and its ports (empty: any). */
export interface ApplicationRule {
  readonly sources: readonly unknown[];
  readonly destinations: readonly unknown[];
  readonly ports: readonly unknown[];
}

type Properties = { readonly [key: string]: unknown };

/** The port a protocol type takes when none is written. */
const DEFAULT_PORTS: { readonly [type: string]: number } = { http: 80, https: 443, mssql: 1433 };

/** A rule the reader cannot read: from anyone, to anything, on any port. */
const ANY: ApplicationRule = { sources: [], destinations: ['*'], ports: [] };

/** The ports of a rule's protocols (`type`/`protocolType` and `port`); a protocol that cannot be read, or none written: any port. */
function protocolPorts(protocols: readonly unknown[], typeKey: string): unknown[] {
  if (protocols.length === 0) return [];
  const ports: unknown[] = [];
  for (const protocol of protocols) {
    if (!isObject(protocol) || isUnknown(protocol)) return [];
    const port = field(protocol, 'port');
    const type = field(protocol, typeKey);
    const fallback = typeof type === 'string' ? DEFAULT_PORTS[type.trim().toLowerCase()] : undefined;
    if (port !== undefined && port !== null) ports.push(port);
    else if (fallback !== undefined) ports.push(fallback);
    else return [];
  }
  return ports;
}

/** The host of a URL destination (`host/path`, with or without a scheme); the text itself when it has no path. */
function urlHost(url: unknown): unknown {
  if (typeof url !== 'string') return '*';
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0].replace(/:\d+$/, '');
}

/**
 * A destination address as the reader judges it: a literal address, prefix or range is itself; any other text is a service tag
 * (`VirtualNetwork`, `Sql.WestEurope`: the list takes "IP addresses or Service Tags"), which may hold the server (twenty-second
 * review, A22b-2: read as a host name, `VirtualNetwork` passed).
 */
function destinationAddress(value: unknown): unknown {
  return typeof value === 'string' && !/^[\d./\s-]+$/.test(value) ? '*' : value;
}

/** An application rule in the azurerm spelling (policy groups: `destination_*`, `protocols`; classic: `target_fqdns`, `protocol`). */
function azurermRule(rule: { readonly [key: string]: unknown }): ApplicationRule {
  const protocols = [...listOf(rule.protocols), ...listOf(rule.protocol)];
  return {
    sources: [...listOf(rule.source_addresses), ...listOf(rule.source_ip_groups).map(() => '(an IP group)')],
    destinations: [...listOf(rule.destination_fqdns), ...listOf(rule.target_fqdns), ...listOf(rule.destination_addresses).map(destinationAddress),
      ...listOf(rule.destination_urls).map(urlHost), ...[rule.destination_fqdn_tags, rule.fqdn_tags, rule.web_categories].flatMap((list) => listOf(list).map(() => '*'))],
    ports: protocolPorts(protocols, 'type'),
  };
}

/** An application rule in the ARM spelling (rule collection groups' ApplicationRule, classic collections' rules). */
function armRule(rule: unknown): ApplicationRule {
  if (!isObject(rule) || isUnknown(rule)) return ANY;
  return {
    sources: [...listOf(field(rule, 'sourceAddresses')), ...listOf(field(rule, 'sourceIpGroups')).map(() => '(an IP group)')],
    destinations: [...listOf(field(rule, 'targetFqdns')), ...listOf(field(rule, 'destinationAddresses')).map(destinationAddress), ...listOf(field(rule, 'targetUrls')).map(urlHost),
      ...['fqdnTags', 'webCategories'].flatMap((name) => listOf(field(rule, name)).map(() => '*'))],
    ports: protocolPorts(listOf(field(rule, 'protocols')), 'protocolType'),
  };
}

/** The items of a list a reader cannot read item by item: an Unknown list is one rule to anything. */
function items(value: unknown): unknown[] {
  return isUnknown(value) ? [undefined] : listOf(value);
}

/** The kinds of rule Azure Firewall knows (rule collection groups' `ruleType`); another, or one known only later, is read as an application rule. */
const NON_APPLICATION_KINDS: readonly string[] = ['natrule', 'networkrule'];

/** The application rules a block writes (azurerm policy groups and classic collections; azapi rule collection groups and firewalls). */
export function applicationRules(block: ResourceView): ApplicationRule[] {
  // An item known only later (a dynamic block's content, a list written as an expression) is a rule to anything.
  const rulesOf = (body: Properties) => blockItems(body, 'rule').map((rule) => (isObject(rule) && !isUnknown(rule) ? azurermRule(rule) : ANY));
  if (block.type === 'azurerm_firewall_policy_rule_collection_group') {
    return blockItems(block.config, 'application_rule_collection').flatMap((collection) => (isObject(collection) && !isUnknown(collection) ? rulesOf(collection) : [ANY]));
  }
  if (block.type === 'azurerm_firewall_application_rule_collection') return rulesOf(block.config);
  if (!AZAPI_WRITER_TYPES.includes(block.type) || !writes(block)) return [];
  const type = azapiType(block);
  if (type === undefined || !APPLICATION_RULE_AZURE_TYPES.includes(type)) return [];
  const properties = bodyProperties(block);
  if (!isObject(properties) || isUnknown(properties)) return [ANY];
  if (type !== 'microsoft.network/azurefirewalls') {
    return items(field(properties, 'ruleCollections')).flatMap((collection) => {
      if (!isObject(collection) || isUnknown(collection)) return [ANY];
      return items(field(collection, 'rules')).flatMap((rule) => {
        const kind = isObject(rule) && !isUnknown(rule) ? field(rule, 'ruleType') : undefined;
        return typeof kind === 'string' && NON_APPLICATION_KINDS.includes(kind.trim().toLowerCase()) ? [] : [armRule(rule)];
      });
    });
  }
  return items(field(properties, 'applicationRuleCollections')).flatMap((collection) => {
    const inner = isObject(collection) && !isUnknown(collection) ? field(collection, 'properties') : undefined;
    return isObject(inner) && !isUnknown(inner) ? items(field(inner, 'rules')).map(armRule) : [ANY];
  });
}

/** The types whose application rules are read (read-types.ts), azurerm and Azure (lower case). */
export const APPLICATION_RULE_TYPES: readonly string[] = ['azurerm_firewall_policy_rule_collection_group', 'azurerm_firewall_application_rule_collection'];
// A rule collection group draft holds a group's rules until a deploy action applies them: read as the group it becomes.
export const APPLICATION_RULE_AZURE_TYPES: readonly string[] = ['microsoft.network/firewallpolicies/rulecollectiongroups', 'microsoft.network/azurefirewalls',
  'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts'];
