/**
 * What a reviewer asks of each server before reading any verdict: what it is, and every way in
 * (networks, sign-in methods, roles inside it). Read from the same stack model the rules judge, so
 * the report shows what Terraform will get. A value known only at apply time is shown as the
 * expression ("${var.x}"), never guessed.
 */
import { DatabaseInventory, DeclaredRole, databaseInventory } from './database-inventory';
import { addressCount, allowsAzureServices, distinctAddressCount, firewallRange, mayAllowAzureServices } from './firewall-checks';
import { everyBlock, isDynamicBlock } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { firstBlock, ResourceView, ServerView } from './stack-model';
import { postgresInboundSources } from './subnet-checks';
import { isSet, literalBoolean } from './value-readers';

/** One public firewall range. */
export interface FirewallRangeFact {
  /** The firewall rule resource. */
  readonly address: string;
  readonly name: string;
  readonly start: string;
  readonly end: string;
  /** Addresses the range admits; null when an end is known only at apply time. */
  readonly addresses: number | null;
  /** False when the rule may not exist (count or for_each known only at apply time) or may belong to another server. */
  readonly certain: boolean;
}

/** VNet integration of a Flexible Server. */
export interface VnetIntegrationFact {
  readonly subnet: string;
  readonly privateDnsZone: string;
  /**
   * The network security group on the delegated subnet, and the sources its rules let PostgreSQL
   * in from; undefined when the subnet is defined outside this stack (its owner's to show).
   */
  readonly networkSecurityGroup?: string;
}

/** A private endpoint that connects to the server. */
export interface PrivateEndpointFact {
  readonly address: string;
  readonly name: string;
  readonly subnet: string;
  readonly privateDnsZones: readonly string[];
  readonly certain: boolean;
}

/** A Single Server VNet rule (a service endpoint subnet let in). */
export interface VirtualNetworkRuleFact {
  readonly address: string;
  readonly name: string;
  readonly subnet: string;
  readonly certain: boolean;
}

/** An Entra ID administrator of the server. */
export interface EntraAdministratorFact {
  readonly address: string;
  /** The principal's display name (Flexible Server) or login (Single Server). */
  readonly principalName: string;
  /** User, Group or ServicePrincipal; "(not stated)" on Single Server, whose resource has no type. */
  readonly principalType: string;
  readonly objectId: string;
  readonly certain: boolean;
}

/** Every way in to one server. */
export interface AccessPaths {
  /** "enabled", "disabled", "enabled (provider default)", or the expression. */
  readonly publicNetworkAccess: string;
  /** Public firewall ranges, the 0.0.0.0-0.0.0.0 "Azure services" rule left out. */
  readonly firewallRanges: readonly FirewallRangeFact[];
  /** Distinct addresses the ranges admit together (overlaps counted once); null when a range is known only at apply time. */
  readonly firewallAddressTotal: number | null;
  /** "absent", "present (<rule>)", or "may be present (<rule>)" when a range is known only at apply time. */
  readonly azureServicesRule: string;
  /** Set when the server is VNet-integrated. */
  readonly vnetIntegration?: VnetIntegrationFact;
  readonly virtualNetworkRules: readonly VirtualNetworkRuleFact[];
  readonly privateEndpoints: readonly PrivateEndpointFact[];
  /** "on", "off", "off (provider default)", or the expression. */
  readonly entraAuthentication: string;
  readonly entraAdministrators: readonly EntraAdministratorFact[];
  /** "on", "off", "on (provider default)", or the expression. */
  readonly passwordAuthentication: string;
  /** The local administrator login, when one is written. */
  readonly administratorLogin?: string;
  /** The databases the azurerm provider creates on the server. */
  readonly databases: readonly string[];
  /** The roles the postgresql provider declares inside the server, with how each signs in and its memberships. */
  readonly databaseRoles: readonly DeclaredRole[];
}

/** What a server is, and every way in. */
export interface ServerFacts {
  readonly address: string;
  readonly kind: 'flexible' | 'single';
  readonly constructPath?: string;
  /** False for a server this stack's resources point at but do not define: its own attributes are not known here. */
  readonly definedInStack: boolean;
  readonly name: string;
  readonly sku: string;
  readonly version: string;
  readonly location: string;
  /** "VNet integration", "private endpoint", "public access", "public access and private endpoint", "no network access", or what decides it. */
  readonly networkMode: string;
  readonly access: AccessPaths;
}

const NOT_SET = '(not set)';
const OUTSIDE = '(defined outside this stack)';

/** A value as a reviewer reads it: the literal, or the expression Terraform resolves later. */
/** The groups associated with the server's delegated subnet, each with where it lets PostgreSQL in from. */
function securityGroupFact(server: ServerView): string | undefined {
  const subnet = server.delegatedSubnet;
  if (subnet === undefined) return undefined;
  if (subnet.associations.length === 0) return 'none associated';
  return subnet.associations.map((association) => {
    const group = association.securityGroup;
    if (group === undefined) return `${shown(association.config.network_security_group_id)} (defined outside this stack)`;
    const sources = postgresInboundSources(group);
    return `${shown(group.config.name)}, PostgreSQL in from ${sources.length === 0 ? 'none of its own rules' : sources.join(', ')}`;
  }).join('; ');
}

export function shown(value: unknown, whenMissing = NOT_SET): string {
  if (value === undefined || value === null || value === '') return whenMissing;
  if (isUnknown(value) || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The facts and access paths of a server. */
export function serverFacts(server: ServerView): ServerFacts {
  return serverFactsWith(server, databaseInventory(server));
}

/** The facts and access paths of a server whose in-database inventory the caller has read already. */
export function serverFactsWith(server: ServerView, inventory: DatabaseInventory | undefined): ServerFacts {
  const config = server.config;
  const attribute = (name: string) => (server.defined ? shown(config[name]) : OUTSIDE);
  const access = accessPaths(server, inventory);
  return {
    address: server.address,
    kind: server.kind,
    constructPath: server.constructPath,
    definedInStack: server.defined,
    name: server.defined ? shown(config.name) : server.address,
    sku: attribute('sku_name'),
    version: attribute('version'),
    location: attribute('location'),
    networkMode: networkMode(server, access),
    access,
  };
}

function accessPaths(server: ServerView, inventory: DatabaseInventory | undefined): AccessPaths {
  const ranges = server.firewallRules.filter((rule) => !allowsAzureServices(firewallRange(rule)));
  const azure = server.firewallRules.find((rule) => allowsAzureServices(firewallRange(rule)));
  const maybeAzure = server.firewallRules.find((rule) => mayAllowAzureServices(firewallRange(rule)));
  const total = distinctAddressCount(ranges.map(firewallRange));
  const { entra, password } = signIn(server);
  const login = server.config.administrator_login;
  return {
    publicNetworkAccess: publicNetworkAccess(server),
    firewallRanges: ranges.map((rule) => ({
      address: rule.address,
      name: shown(rule.config.name),
      start: shown(rule.config.start_ip_address),
      end: shown(rule.config.end_ip_address),
      addresses: addressCount(firewallRange(rule)) ?? null,
      certain: rule.certain,
    })),
    firewallAddressTotal: total ?? null,
    azureServicesRule: azure ? `present (${azure.address})` : maybeAzure ? `may be present (${maybeAzure.address})` : 'absent',
    vnetIntegration: server.kind === 'flexible' && isSet(server.config.delegated_subnet_id)
      ? { subnet: shown(server.config.delegated_subnet_id), privateDnsZone: shown(server.config.private_dns_zone_id), networkSecurityGroup: securityGroupFact(server) }
      : undefined,
    virtualNetworkRules: server.virtualNetworkRules.map((rule) => ({ address: rule.address, name: shown(rule.config.name), subnet: shown(rule.config.subnet_id), certain: rule.certain })),
    privateEndpoints: server.privateEndpoints.map(privateEndpoint),
    entraAuthentication: entra,
    entraAdministrators: server.administrators.map((admin) => ({
      address: admin.address,
      principalName: shown(admin.config.principal_name ?? admin.config.login),
      principalType: server.kind === 'single' ? '(not stated)' : shown(admin.config.principal_type),
      objectId: shown(admin.config.object_id),
      certain: admin.certain,
    })),
    passwordAuthentication: password,
    administratorLogin: isSet(login) ? shown(login) : undefined,
    databases: server.databases.map((database) => shown(database.config.name, database.address)),
    databaseRoles: inventory?.roles ?? [],
  };
}

function publicNetworkAccess(server: ServerView): string {
  if (!server.defined) return OUTSIDE;
  const value = server.config.public_network_access_enabled;
  if (value === undefined) return 'enabled (provider default)';
  if (isUnknown(value)) return String(value);
  const enabled = literalBoolean(value);
  return enabled === undefined ? shown(value) : enabled ? 'enabled' : 'disabled';
}

/** How Entra ID and password sign-in stand, as the provider reads the server (its defaults included). */
function signIn(server: ServerView): { entra: string; password: string } {
  if (!server.defined) return { entra: OUTSIDE, password: OUTSIDE };
  if (server.kind === 'single') {
    return {
      entra: server.administrators.length > 0 ? 'on (an Entra administrator is set)' : 'off (no Entra administrator)',
      password: 'on (Single Server always accepts its administrator login)',
    };
  }
  const authentication = server.config.authentication;
  if (isUnknown(authentication)) return { entra: String(authentication), password: String(authentication) };
  const later = 'known only at plan time (a dynamic authentication block)';
  if (isDynamicBlock(server.config, 'authentication')) return { entra: later, password: later };
  const block = firstBlock(authentication) ?? {};
  const state = (value: unknown, providerDefault: string) => {
    if (value === undefined) return `${providerDefault} (provider default)`;
    if (isUnknown(value)) return String(value);
    const enabled = literalBoolean(value);
    return enabled === undefined ? shown(value) : enabled ? 'on' : 'off';
  };
  return { entra: state(block.active_directory_auth_enabled, 'off'), password: state(block.password_auth_enabled, 'on') };
}

function privateEndpoint(endpoint: ResourceView): PrivateEndpointFact {
  const zones = everyBlock(endpoint.config, 'private_dns_zone_group').flatMap((group) => {
    const ids = group.private_dns_zone_ids;
    return Array.isArray(ids) ? ids.map((id) => shown(id)) : ids === undefined ? [] : [shown(ids)];
  });
  return { address: endpoint.address, name: shown(endpoint.config.name), subnet: shown(endpoint.config.subnet_id), privateDnsZones: zones, certain: endpoint.certain };
}

function networkMode(server: ServerView, access: AccessPaths): string {
  if (!server.defined) return OUTSIDE;
  if (access.vnetIntegration !== undefined) return 'VNet integration';
  const value = server.config.public_network_access_enabled;
  const endpoints = access.privateEndpoints.length > 0;
  if (isUnknown(value)) return `decided at apply time by public_network_access_enabled = ${String(value)}${endpoints ? ', with a private endpoint' : ''}`;
  if (value !== undefined && literalBoolean(value) === false) return endpoints ? 'private endpoint' : 'no network access (public access off, no private endpoint)';
  return endpoints ? 'public access and private endpoint' : 'public access';
}
