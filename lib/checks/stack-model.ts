/**
 * A read-only view of the PostgreSQL resources in one stack's synthesized Terraform JSON, with
 * each child resource (parameters, firewall rules, administrators, keys, diagnostic settings,
 * private endpoints) attached to the server it belongs to. Rules judge this view, so they see raw
 * resources and escape-hatch overrides exactly as Terraform will.
 */

/** One resource block as Terraform gets it (snake_case keys). */
export type TerraformBlock = { readonly [key: string]: unknown };

export interface ResourceView {
  readonly type: string;
  readonly name: string;
  /** "type.name", as Terraform addresses it. */
  readonly address: string;
  /** Construct path from the block's metadata, when cdktf wrote one. */
  readonly constructPath?: string;
  readonly config: TerraformBlock;
}

export interface ServerView extends ResourceView {
  readonly kind: 'flexible' | 'single';
  /**
   * False for a server known only by the ID or name its child resources point at (it is defined
   * outside this stack): server-attribute rules do not apply to it.
   */
  readonly defined: boolean;
  /** Server parameters by name, each with the resource that sets it. */
  readonly parameters: ReadonlyMap<string, ResourceView>;
  readonly firewallRules: readonly ResourceView[];
  readonly virtualNetworkRules: readonly ResourceView[];
  readonly administrators: readonly ResourceView[];
  readonly serverKeys: readonly ResourceView[];
  readonly databases: readonly ResourceView[];
  readonly diagnosticSettings: readonly ResourceView[];
  readonly privateEndpoints: readonly ResourceView[];
}

export interface StackModel {
  readonly servers: readonly ServerView[];
  /** Every resource in the stack, PostgreSQL or not, by address. */
  readonly resources: ReadonlyMap<string, ResourceView>;
}

const SERVER_TYPES: { [type: string]: 'flexible' | 'single' } = {
  azurerm_postgresql_flexible_server: 'flexible',
  azurerm_postgresql_server: 'single',
};

/** How each child type points at its server, and which list of the server it joins. */
const CHILDREN: { [type: string]: { kind: 'flexible' | 'single'; via: 'server_id' | 'server_name'; list: ChildList } } = {
  azurerm_postgresql_flexible_server_configuration: { kind: 'flexible', via: 'server_id', list: 'parameters' },
  azurerm_postgresql_flexible_server_firewall_rule: { kind: 'flexible', via: 'server_id', list: 'firewallRules' },
  azurerm_postgresql_flexible_server_active_directory_administrator: { kind: 'flexible', via: 'server_name', list: 'administrators' },
  azurerm_postgresql_configuration: { kind: 'single', via: 'server_name', list: 'parameters' },
  azurerm_postgresql_firewall_rule: { kind: 'single', via: 'server_name', list: 'firewallRules' },
  azurerm_postgresql_virtual_network_rule: { kind: 'single', via: 'server_name', list: 'virtualNetworkRules' },
  azurerm_postgresql_active_directory_administrator: { kind: 'single', via: 'server_name', list: 'administrators' },
  azurerm_postgresql_server_key: { kind: 'single', via: 'server_id', list: 'serverKeys' },
  azurerm_postgresql_flexible_server_database: { kind: 'flexible', via: 'server_id', list: 'databases' },
  azurerm_postgresql_database: { kind: 'single', via: 'server_name', list: 'databases' },
};

/** "${azurerm_postgresql_flexible_server.x.id}" (or .name): a reference to a server of this stack. */
const REFERENCE = /^\$\{(azurerm_postgresql(?:_flexible)?_server)\.([^.}]+)\.(?:id|name)\}$/;
/** A literal PostgreSQL server resource ID; Azure IDs ignore case. */
const SERVER_ID = /\/providers\/Microsoft\.DBforPostgreSQL\/(flexibleServers|servers)\/[^/]+$/i;

type ChildList = 'parameters' | 'firewallRules' | 'virtualNetworkRules' | 'administrators' | 'serverKeys' | 'databases';

interface MutableServer extends ServerView {
  readonly parameters: Map<string, ResourceView>;
  readonly firewallRules: ResourceView[];
  readonly virtualNetworkRules: ResourceView[];
  readonly administrators: ResourceView[];
  readonly serverKeys: ResourceView[];
  readonly databases: ResourceView[];
  readonly diagnosticSettings: ResourceView[];
  readonly privateEndpoints: ResourceView[];
}

/** Builds the view from a stack's Terraform JSON (the content of cdk.tf.json). */
export function buildStackModel(terraform: { resource?: { [type: string]: { [name: string]: TerraformBlock } } }): StackModel {
  const resources = new Map<string, ResourceView>();
  for (const [type, blocks] of Object.entries(terraform.resource ?? {})) {
    for (const [name, config] of Object.entries(blocks ?? {})) {
      const metadata = (config['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
      resources.set(`${type}.${name}`, { type, name, address: `${type}.${name}`, constructPath: metadata?.path, config });
    }
  }

  const servers = new Map<string, MutableServer>();
  const byLiteral = new Map<string, MutableServer>();
  for (const resource of resources.values()) {
    const kind = SERVER_TYPES[resource.type];
    if (kind === undefined) continue;
    const server = newServer(resource, kind, true);
    servers.set(resource.address, server);
    const name = resource.config.name;
    if (typeof name === 'string' && !name.includes('${')) byLiteral.set(`${kind}:${name}`, server);
  }

  // A child points at its server by reference ("${type.name.id}") or by a literal ID or name.
  const serverFor = (kind: 'flexible' | 'single', pointer: unknown): MutableServer | undefined => {
    if (typeof pointer !== 'string' || pointer === '') return undefined;
    const reference = REFERENCE.exec(pointer);
    if (reference) return servers.get(`${reference[1]}.${reference[2]}`);
    if (pointer.includes('${')) return undefined;
    const literalName = pointer.split('/').pop() || pointer;
    const key = `${kind}:${literalName}`;
    const known = byLiteral.get(key);
    if (known) return known;
    // A server outside this stack: its children are still judged, under the name they give.
    const type = kind === 'flexible' ? 'azurerm_postgresql_flexible_server' : 'azurerm_postgresql_server';
    const external = newServer({ type, name: literalName, address: `(outside this stack) ${type} "${literalName}"`, config: {} }, kind, false);
    byLiteral.set(key, external);
    servers.set(external.address, external);
    return external;
  };

  /** The server a diagnostic setting or private endpoint targets, by reference or by a PostgreSQL resource ID. */
  const targetOf = (pointer: unknown): MutableServer | undefined => {
    if (typeof pointer !== 'string') return undefined;
    if (REFERENCE.test(pointer)) return serverFor('flexible', pointer);
    const id = SERVER_ID.exec(pointer);
    if (id === null) return undefined;
    return serverFor(id[1].toLowerCase() === 'flexibleservers' ? 'flexible' : 'single', pointer);
  };

  for (const resource of resources.values()) {
    const child = CHILDREN[resource.type];
    if (child) {
      const server = serverFor(child.kind, resource.config[child.via]);
      if (server === undefined) continue;
      if (child.list === 'parameters') {
        const parameterName = resource.config.name;
        if (typeof parameterName === 'string') server.parameters.set(parameterName, resource);
      } else {
        server[child.list].push(resource);
      }
    } else if (resource.type === 'azurerm_monitor_diagnostic_setting') {
      targetOf(resource.config.target_resource_id)?.diagnosticSettings.push(resource);
    } else if (resource.type === 'azurerm_private_endpoint') {
      for (const connection of asList(resource.config.private_service_connection)) {
        targetOf(connection.private_connection_resource_id)?.privateEndpoints.push(resource);
      }
    }
  }
  return { servers: [...servers.values()], resources };
}

/** A nested block, which cdktf writes as an object (one item) or a list. */
export function asList(value: unknown): TerraformBlock[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as TerraformBlock[];
}

/** The first (usually only) item of a nested block. */
export function firstBlock(value: unknown): TerraformBlock | undefined {
  return asList(value)[0];
}

function newServer(resource: ResourceView, kind: 'flexible' | 'single', defined: boolean): MutableServer {
  return {
    ...resource,
    kind,
    defined,
    parameters: new Map(),
    firewallRules: [],
    virtualNetworkRules: [],
    administrators: [],
    serverKeys: [],
    databases: [],
    diagnosticSettings: [],
    privateEndpoints: [],
  };
}
