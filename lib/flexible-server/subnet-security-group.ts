import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  checkAddressPrefix,
  CONSTRUCT_PRIORITIES,
  internetSource,
  SecurityRuleAccess,
  SecurityRuleDirection,
  SecurityRuleProtocol,
  SubnetSecurityRule,
  validateSubnetSecurityRules,
} from './subnet-security-rule';
import { IConstruct } from 'constructs';
import { spanOf } from '../checks/server-networks';
import { spansOverlap } from '../private/ipv4';
import { checkResourceId, ResourceIdKind } from '../private/resource-id';
import { optional, reason, struct } from '../private/shape';
import { coversPostgresPort, describeBreadth, isWide, sourceBreadth, sourcesSubject } from '../private/source-breadth';
import { isToken } from '../private/tokens';
import { checkJustification } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';

// The network security group of the delegated subnet (vnetIntegration). Microsoft documents what
// a Flexible Server in a VNet needs ("Network with private access (virtual network integration)
// for Azure Database for PostgreSQL", section "Virtual network concepts", Network security group:
// https://learn.microsoft.com/azure/postgresql/network/concepts-networking-private):
// - high availability and other features send and receive traffic to destination port 5432
//   within the delegated subnet;
// - WAL files are archived to Azure Storage: outbound to the service tag Storage, TCP 443;
// - with Microsoft Entra authentication (always on in SecureFlexibleServer): outbound to the
//   service tag AzureActiveDirectory;
// - NSG rules that name application security groups are not supported: address prefixes only.
// PgBouncer (6432) is not opened: the construct does not turn it on. Other outbound traffic is
// left to Azure's default rules (the service also reaches Azure endpoints on 443 that Microsoft
// does not list), so only inbound gets an explicit deny.

/** The PostgreSQL port. */
export const POSTGRES_PORT = '5432';
const HTTPS_PORT = '443';
/** The default client source: the VNet, its peered VNets and networks connected by VPN or ExpressRoute. */
export const DEFAULT_ALLOWED_SOURCES = ['VirtualNetwork'];
/** At most this many client sources: one rule each, between the construct's priorities 1010 and 1099. */
const MAX_SOURCES = 80;

const INTRA_SUBNET_IN = 'AllowPostgresWithinSubnetIn';
const INTRA_SUBNET_OUT = 'AllowPostgresWithinSubnetOut';
const STORAGE_OUT = 'AllowAzureStorageOut';
const ENTRA_OUT = 'AllowEntraIdOut';
const DENY_ALL_IN = 'DenyAllInbound';
const CLIENTS_IN = 'AllowPostgresFrom-';

/**
 * The explicit statement that the network security group of the delegated subnet may let
 * PostgreSQL in from more than 256 public addresses (a /24) in total, or from a service tag that
 * holds other Azure tenants' addresses (e.g. "AzureCloud"), which the construct refuses otherwise.
 */
export interface WideSourcesOptions {
  /** Why clients need such sources, at least 10 characters, printed at synth and in the report. */
  readonly justification: string;
}

export const WIDE_SOURCES_OPTIONS = struct('WideSourcesOptions', {
  justification: optional(reason()),
});

/** What the construct's network security group is given. */
export interface SubnetSecurityOptions {
  readonly allowedSources?: string[];
  readonly networkSecurityGroupResourceId?: string;
  readonly additionalSecurityRules?: SubnetSecurityRule[];
  readonly wideSources?: WideSourcesOptions;
  /** The delegated subnet's own range: its addresses are no clients, whatever addresses the VNet uses. */
  readonly subnetAddressPrefix?: string;
}

/** One rule as the construct writes it. */
interface RuleSpec extends Omit<SubnetSecurityRule, 'sourcePortRange' | 'description'> {
  readonly description: string;
}

/** The least-privilege rules of the group, for a subnet of the given address prefix. */
function constructRules(subnetPrefix: string, sources: readonly string[]): RuleSpec[] {
  const tcp = { protocol: SecurityRuleProtocol.TCP, access: SecurityRuleAccess.ALLOW };
  const inbound = SecurityRuleDirection.INBOUND;
  const outbound = SecurityRuleDirection.OUTBOUND;
  return [
    { ...tcp, name: INTRA_SUBNET_IN, priority: CONSTRUCT_PRIORITIES.first, direction: inbound, sourceAddressPrefix: subnetPrefix, destinationAddressPrefix: subnetPrefix, destinationPortRange: POSTGRES_PORT, description: 'High availability: primary and standby replicate on 5432 within the subnet' },
    ...sources.map((source, index) => ({
      ...tcp,
      name: `${CLIENTS_IN}${source.replace('/', '_')}`,
      priority: CONSTRUCT_PRIORITIES.first + 10 + index,
      direction: inbound,
      sourceAddressPrefix: source,
      destinationAddressPrefix: subnetPrefix,
      destinationPortRange: POSTGRES_PORT,
      description: 'PostgreSQL clients',
    })),
    { name: DENY_ALL_IN, priority: CONSTRUCT_PRIORITIES.denyAll, direction: inbound, access: SecurityRuleAccess.DENY, protocol: SecurityRuleProtocol.ANY, sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*', description: 'Nothing else reaches the delegated subnet' },
    { ...tcp, name: INTRA_SUBNET_OUT, priority: CONSTRUCT_PRIORITIES.first, direction: outbound, sourceAddressPrefix: subnetPrefix, destinationAddressPrefix: subnetPrefix, destinationPortRange: POSTGRES_PORT, description: 'High availability: primary and standby replicate on 5432 within the subnet' },
    { ...tcp, name: STORAGE_OUT, priority: CONSTRUCT_PRIORITIES.first + 10, direction: outbound, sourceAddressPrefix: subnetPrefix, destinationAddressPrefix: 'Storage', destinationPortRange: HTTPS_PORT, description: 'WAL archiving to Azure Storage' },
    { ...tcp, name: ENTRA_OUT, priority: CONSTRUCT_PRIORITIES.first + 20, direction: outbound, sourceAddressPrefix: subnetPrefix, destinationAddressPrefix: 'AzureActiveDirectory', destinationPortRange: HTTPS_PORT, description: 'Microsoft Entra authentication' },
  ];
}

/** Names of the rules the construct writes for these sources (a user's rule may not take one). */
function constructRuleNames(sources: readonly string[]): string[] {
  return constructRules('10.0.0.0/28', sources).map((rule) => rule.name);
}

/** Validates the group's options of `vnetIntegration` (prop: "network.vnetIntegration"). */
export function validateSubnetSecurity(prop: string, options: SubnetSecurityOptions): void {
  checkResourceId(`${prop}.networkSecurityGroupResourceId`, options.networkSecurityGroupResourceId, ResourceIdKind.NETWORK_SECURITY_GROUP);
  if (options.networkSecurityGroupResourceId !== undefined) {
    const extra = options.additionalSecurityRules !== undefined ? 'additionalSecurityRules' : options.allowedSources !== undefined ? 'allowedSources' : undefined;
    if (extra !== undefined) {
      throw new ValidationError(
        'NSG-RULES-ON-EXISTING',
        `${prop}.${extra}`,
        options[extra],
        'has no effect next to networkSecurityGroupResourceId: the construct adds no rules to a group it does not own',
        'add the rules to the existing group where it is managed, or leave out networkSecurityGroupResourceId to let the construct create one',
      );
    }
    return;
  }
  const sources = options.allowedSources ?? DEFAULT_ALLOWED_SOURCES;
  if (sources.length === 0 || sources.length > MAX_SOURCES) {
    const problem = sources.length === 0 ? 'is empty, so no client could reach the server' : `lists ${sources.length} sources, more than the ${MAX_SOURCES} the group has room for`;
    throw new ValidationError('NSG-SOURCES-COUNT', `${prop}.allowedSources`, sources, problem, `list 1 to ${MAX_SOURCES} sources, e.g. ["VirtualNetwork"]; group address ranges into wider CIDR ranges`);
  }
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    const at = `${prop}.allowedSources[${index}]`;
    checkAddressPrefix('NSG-SOURCE-FORMAT', at, source);
    const open = internetSource(source);
    if (open !== undefined) {
      throw new ValidationError('NSG-SOURCE-OPEN', at, source, `${open}, and would open PostgreSQL to the internet`, 'list the address ranges or service tags your clients are in, e.g. "VirtualNetwork" or "10.1.0.0/16"');
    }
    if (seen.has(source.toLowerCase())) throw new ValidationError('NSG-SOURCE-DUPLICATE', at, source, 'is listed twice (service tags ignore case)', 'list each source once');
    seen.add(source.toLowerCase());
  });
  validateSubnetSecurityRules(`${prop}.additionalSecurityRules`, options.additionalSecurityRules ?? [], constructRuleNames(sources));
  const postgresSources = postgresSourcesOf(options);
  const breadth = sourceBreadth(postgresSources);
  if (!isWide(breadth)) return;
  if (options.wideSources === undefined) {
    throw new ValidationError(
      'NSG-SOURCES-TOO-WIDE',
      prop,
      postgresSources,
      `(allowedSources and the inbound PostgreSQL rules of additionalSecurityRules) let PostgreSQL in from ${describeBreadth(breadth)}`,
      `allow only your clients' address ranges or "VirtualNetwork", or state the need with ${prop}.wideSources: { justification }`,
    );
  }
  checkJustification(`${prop}.wideSources.justification`, options.wideSources.justification, 'let PostgreSQL in from more than 256 public addresses or from other Azure tenants\' addresses');
}

/** The sources of every inbound rule that lets PostgreSQL in: the client sources, and the user's own inbound TCP allow rules on its ports. */
function postgresSourcesOf(options: SubnetSecurityOptions): string[] {
  const own = (options.additionalSecurityRules ?? []).filter((rule) =>
    rule.direction === SecurityRuleDirection.INBOUND
    && rule.access === SecurityRuleAccess.ALLOW
    && (rule.protocol === SecurityRuleProtocol.TCP || rule.protocol === SecurityRuleProtocol.ANY)
    && coversPostgresPort(rule.destinationPortRange)
    && mayReachSubnet(rule.destinationAddressPrefix, options.subnetAddressPrefix));
  return [...(options.allowedSources ?? DEFAULT_ALLOWED_SOURCES), ...own.map((rule) => rule.sourceAddressPrefix)].filter((source) => source !== options.subnetAddressPrefix);
}

/**
 * Whether a rule's destination may be the delegated subnet: a literal range disjoint from the subnet's literal range guards
 * another subnet, and PGF-NET-11 does not count its sources (A17a-9), so neither do the justification's subject and warning.
 */
function mayReachSubnet(destination: string | undefined, subnetPrefix: string | undefined): boolean {
  const [to, subnet] = [destination, subnetPrefix].map((text) => (text === undefined || isToken(text) ? undefined : spanOf(text)));
  return to === undefined || subnet === undefined || spansOverlap(to, subnet);
}

/**
 * Warns when validated options let PostgreSQL in widely (wideSources then holds the justification
 * validation asked for), and returns that justification for PGF-NET-11's suppression.
 */
export function warnWideSources(scope: IConstruct, options: SubnetSecurityOptions): string | undefined {
  if (options.networkSecurityGroupResourceId !== undefined || options.wideSources === undefined) return undefined;
  const breadth = sourceBreadth(postgresSourcesOf(options));
  if (!isWide(breadth)) return undefined;
  warn(scope, 'WideNetworkSources', `The network security group lets PostgreSQL in from ${describeBreadth(breadth)}`, options.wideSources.justification);
  return options.wideSources.justification;
}

/** What the justification of wide sources covers: exactly the sources the group's PostgreSQL rules admit. */
export function wideSourcesSubject(options: SubnetSecurityOptions): string {
  return sourcesSubject(postgresSourcesOf(options));
}

export interface SubnetSecurityContext {
  readonly serverName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags?: { [key: string]: string };
}

/** The group that guards the subnet, and what the server must wait for. */
export interface SubnetGuard {
  readonly networkSecurityGroupId: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Associates a network security group with the new delegated subnet: the one given, or a new one
 * with the least-privilege rules and the user's own. The server waits for the association and the
 * rules, so that the subnet is guarded before the server (and its standby) start in it.
 */
export function guardSubnet(scope: Construct, subnetId: string, subnetPrefix: string, options: SubnetSecurityOptions, context: SubnetSecurityContext): SubnetGuard {
  let groupId = options.networkSecurityGroupResourceId;
  const rules: ITerraformDependable[] = [];
  if (groupId === undefined) {
    const group = new NetworkSecurityGroup(scope, 'SecurityGroup', {
      name: `${context.serverName}-postgres-nsg`,
      resourceGroupName: context.resourceGroupName,
      location: context.location,
      tags: context.tags,
    });
    groupId = group.id;
    // One token for the group's name, used by each of its rules.
    const groupName = group.name;
    const specs: SubnetSecurityRule[] = [...constructRules(subnetPrefix, options.allowedSources ?? DEFAULT_ALLOWED_SOURCES), ...(options.additionalSecurityRules ?? [])];
    specs.forEach((rule, index) => {
      rules.push(new NetworkSecurityRule(scope, isToken(rule.name) ? `SecurityRule${index}` : `SecurityRule-${rule.name}`, {
        name: rule.name,
        resourceGroupName: context.resourceGroupName,
        networkSecurityGroupName: groupName,
        priority: rule.priority,
        direction: rule.direction,
        access: rule.access,
        protocol: rule.protocol,
        sourceAddressPrefix: rule.sourceAddressPrefix,
        sourcePortRange: rule.sourcePortRange ?? '*',
        destinationAddressPrefix: rule.destinationAddressPrefix,
        destinationPortRange: rule.destinationPortRange,
        description: rule.description,
      }));
    });
  }
  const association = new SubnetNetworkSecurityGroupAssociation(scope, 'SecurityGroupAssociation', { subnetId, networkSecurityGroupId: groupId });
  return { networkSecurityGroupId: groupId, dependsOn: [association, ...rules] };
}
