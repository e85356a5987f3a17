/**
 * A read-only view of the PostgreSQL resources in one stack's Terraform JSON, with each child
 * resource (parameters, firewall rules, administrators, keys, diagnostic settings, private
 * endpoints) attached to the server it belongs to. Rules judge this view, so they see raw
 * resources and escape-hatch overrides as Terraform will: HCL's JSON forms (lists of bodies,
 * repeated properties), constant expressions evaluated, count and for_each taken into account.
 */
import { evaluateJson, isUnknown, Scope, Unknown, Value } from './hcl-expression';
import { bodiesOf, isObject } from './terraform-json';

/** One resource block, or a nested block, with its values as Terraform evaluates them (snake_case keys). */
export type TerraformBlock = { readonly [key: string]: unknown };

export interface ResourceView {
  readonly type: string;
  readonly name: string;
  /** "type.name", as Terraform addresses it. */
  readonly address: string;
  /** Construct path from the block's metadata, when cdktf wrote one. */
  readonly constructPath?: string;
  /**
   * Attributes and nested blocks: constants folded ("${true}" is true), null values left out (null
   * is unset in Terraform), and an Unknown for every value known only at plan or apply time.
   */
  readonly config: TerraformBlock;
  /**
   * True when the resource exists for sure and belongs to its server for sure. False when count
   * or for_each is known only later, or when its server is reached through an expression (a
   * function, a conditional) rather than a plain reference or ID. A resource that may be missing
   * never satisfies a control, but a resource that may weaken a server is always judged.
   */
  readonly certain: boolean;
}

export interface ServerView extends ResourceView {
  readonly kind: 'flexible' | 'single';
  /**
   * False for a server known only by the ID, name or expression its child resources point at (it
   * is defined outside this stack, or cannot be resolved): server-attribute rules do not apply.
   */
  readonly defined: boolean;
  /** Server parameters by lower-case name (Azure ignores case), each with every resource that sets it. */
  readonly parameters: ReadonlyMap<string, readonly ResourceView[]>;
  /** Parameter resources whose name is known only later: they could set anything. */
  readonly parametersOfUnknownName: readonly ResourceView[];
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
  /** Every resource in the stack, PostgreSQL or not, by address (the first, when an address repeats). */
  readonly resources: ReadonlyMap<string, ResourceView>;
  /** Parts of the JSON that are not the shape Terraform needs (Terraform would refuse the file). */
  readonly problems: readonly string[];
  /** Resources with count or for_each, those that create no instance included. */
  readonly multiplied: readonly { readonly address: string; readonly constructPath?: string }[];
}

type Kind = 'flexible' | 'single';
type ChildList = 'firewallRules' | 'virtualNetworkRules' | 'administrators' | 'serverKeys' | 'databases';

const SERVER_TYPES: { [type: string]: Kind } = {
  azurerm_postgresql_flexible_server: 'flexible',
  azurerm_postgresql_server: 'single',
};
const SERVER_TYPE_OF: { [kind in Kind]: string } = { flexible: 'azurerm_postgresql_flexible_server', single: 'azurerm_postgresql_server' };

/** How each child type points at its server, and which list of the server it joins. */
const CHILDREN: { [type: string]: { kind: Kind; via: 'server_id' | 'server_name'; list: ChildList | 'parameters' } } = {
  azurerm_postgresql_flexible_server_configuration: { kind: 'flexible', via: 'server_id', list: 'parameters' },
  azurerm_postgresql_flexible_server_firewall_rule: { kind: 'flexible', via: 'server_id', list: 'firewallRules' },
  azurerm_postgresql_flexible_server_active_directory_administrator: { kind: 'flexible', via: 'server_name', list: 'administrators' },
  azurerm_postgresql_flexible_server_database: { kind: 'flexible', via: 'server_id', list: 'databases' },
  azurerm_postgresql_configuration: { kind: 'single', via: 'server_name', list: 'parameters' },
  azurerm_postgresql_firewall_rule: { kind: 'single', via: 'server_name', list: 'firewallRules' },
  azurerm_postgresql_virtual_network_rule: { kind: 'single', via: 'server_name', list: 'virtualNetworkRules' },
  azurerm_postgresql_active_directory_administrator: { kind: 'single', via: 'server_name', list: 'administrators' },
  azurerm_postgresql_server_key: { kind: 'single', via: 'server_id', list: 'serverKeys' },
  azurerm_postgresql_database: { kind: 'single', via: 'server_name', list: 'databases' },
};
/** Resources that may target a server by its ID, besides the children above. */
const TARGETING = ['azurerm_monitor_diagnostic_setting', 'azurerm_private_endpoint'];

/** A reference to a server resource or data source, e.g. "azurerm_postgresql_server.db[0].name". */
const SERVER_REFERENCE = /^(data\.)?(azurerm_postgresql(?:_flexible)?_server)\.([^.[\]]+)/;
/** A literal PostgreSQL server resource ID; Azure IDs ignore case. */
const SERVER_ID = /\/providers\/Microsoft\.DBforPostgreSQL\/(flexibleServers|servers)\/([^/]+)$/i;

interface MutableServer extends ServerView {
  readonly parameters: Map<string, ResourceView[]>;
  readonly parametersOfUnknownName: ResourceView[];
  readonly firewallRules: ResourceView[];
  readonly virtualNetworkRules: ResourceView[];
  readonly administrators: ResourceView[];
  readonly serverKeys: ResourceView[];
  readonly databases: ResourceView[];
  readonly diagnosticSettings: ResourceView[];
  readonly privateEndpoints: ResourceView[];
}

/** Builds the view from a stack's Terraform JSON (cdk.tf.json as parsed, or a stack's toTerraform()). */
export function buildStackModel(terraform: unknown): StackModel {
  const problems: string[] = [];
  const roots = bodiesOf(terraform).filter((root) => isObject(root) || problem(problems, 'the file', root));
  const scope = localsScope(roots as { [key: string]: unknown }[], problems);
  const blocks = (section: 'resource' | 'data') => labelledBlocks(roots as { [key: string]: unknown }[], section, problems);

  const resources = new Map<string, ResourceView>();
  const all: ResourceView[] = [];
  const multiplied: { address: string; constructPath?: string }[] = [];
  for (const block of blocks('resource')) {
    if ('count' in block.body || 'for_each' in block.body) multiplied.push({ address: `${block.type}.${block.name}`, constructPath: constructPathOf(block) });
    const view = resourceView(block, scope);
    if (view === undefined) continue;
    all.push(view);
    if (!resources.has(view.address)) resources.set(view.address, view);
  }
  // Verdicts and messages must not depend on the order of keys in the JSON.
  all.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  const dataSources = new Map<string, TerraformBlock>();
  for (const block of blocks('data')) {
    dataSources.set(`data.${block.type}.${block.name}`, evaluateBlock(block.body, scope));
  }

  const servers = new Map<string, MutableServer>();
  const byLiteral = new Map<string, MutableServer>();
  for (const resource of all) {
    const kind = SERVER_TYPES[resource.type];
    if (kind === undefined || servers.has(resource.address)) continue;
    const server = newServer(resource, kind, true);
    servers.set(resource.address, server);
    const name = resource.config.name;
    // Stryker disable next-line ConditionalExpression: equivalent: a name known only later never equals a literal pointer
    if (typeof name === 'string') byLiteral.set(`${kind}:${name}`, server);
  }

  /** A server defined elsewhere (outside the stack, or behind an expression): its children are still judged. */
  const elsewhere = (kind: Kind, key: string, address: string): MutableServer => {
    const known = byLiteral.get(key);
    if (known) return known;
    const type = SERVER_TYPE_OF[kind];
    // Stryker disable next-line BooleanLiteral: equivalent: no rule reads a server's own certainty
    const server = newServer({ type, name: key, address, config: {}, certain: false }, kind, false);
    byLiteral.set(key, server);
    servers.set(address, server);
    return server;
  };
  const byName = (kind: Kind, literal: string) => elsewhere(kind, `${kind}:${literal}`, `(outside this stack) ${SERVER_TYPE_OF[kind]} "${literal}"`);

  /** The servers a pointer (a server ID or name as written) may name, and whether it names one for sure. */
  const serversFor = (kind: Kind, pointer: unknown, unresolvedAsServer: boolean): { servers: MutableServer[]; plain: boolean } => {
    if (typeof pointer === 'string' && pointer !== '') {
      const id = SERVER_ID.exec(pointer);
      if (id !== null) return { servers: [byName(id[1].toLowerCase() === 'flexibleservers' ? 'flexible' : 'single', id[2])], plain: true };
      return { servers: pointer.includes('/') ? [] : [byName(kind, pointer)], plain: true };
    }
    // Stryker disable next-line BooleanLiteral: equivalent: with no server, plain decides nothing
    if (!isUnknown(pointer)) return { servers: [], plain: true };
    const found = new Set<MutableServer>();
    for (const reference of pointer.references) {
      const match = SERVER_REFERENCE.exec(reference);
      if (match === null) continue;
      const [, data, type, name] = match;
      const referenced = SERVER_TYPES[type];
      if (data === undefined) {
        const server = servers.get(`${type}.${name}`);
        if (server) found.add(server);
        continue;
      }
      const source = dataSources.get(`data.${type}.${name}`);
      const dataName = source?.name;
      found.add(typeof dataName === 'string' ? byName(referenced, dataName) : elsewhere(referenced, `data.${type}.${name}`, `(data source) data.${type}.${name}`));
    }
    if (found.size === 0 && unresolvedAsServer) {
      found.add(elsewhere(kind, `?${pointer.expression}`, `(server unknown) ${SERVER_TYPE_OF[kind]} for ${pointer.expression}`));
    }
    // Stryker disable next-line ConditionalExpression: equivalent: one plain reference names at most one server
    return { servers: [...found], plain: found.size === 1 && pointer.isPlainReference };
  };

  for (const resource of all) {
    const child = CHILDREN[resource.type];
    if (child) {
      const { servers: targets, plain } = serversFor(child.kind, resource.config[child.via], true);
      const view = plain ? resource : { ...resource, certain: false };
      for (const server of targets) {
        if (child.list !== 'parameters') server[child.list].push(view);
        else addParameter(server, view);
      }
    } else if (TARGETING.includes(resource.type)) {
      const pointers = resource.type === 'azurerm_private_endpoint'
        ? asList(resource.config.private_service_connection).map((connection) => connection.private_connection_resource_id)
        : [resource.config.target_resource_id];
      for (const pointer of pointers) {
        // Only a pointer that names a PostgreSQL server (by ID or reference) attaches the resource.
        if (typeof pointer === 'string' && !SERVER_ID.test(pointer)) continue;
        // Stryker disable next-line StringLiteral: equivalent: the kind only names servers of unresolved pointers, which are not made here
        const { servers: targets, plain } = serversFor('flexible', pointer, false);
        const view = plain ? resource : { ...resource, certain: false };
        for (const server of targets) (resource.type === 'azurerm_private_endpoint' ? server.privateEndpoints : server.diagnosticSettings).push(view);
      }
    }
  }
  return { servers: [...servers.values()], resources, problems, multiplied };
}

/** A nested block, which may be written as an object (one block) or a list of them. */
export function asList(value: unknown): TerraformBlock[] {
  return (Array.isArray(value) ? value : [value]).filter(isObject) as TerraformBlock[];
}

/** The first (usually only) item of a nested block. */
export function firstBlock(value: unknown): TerraformBlock | undefined {
  return asList(value)[0];
}

/** Only the resources that exist and belong to their server for sure. */
export function certainOnly(resources: readonly ResourceView[]): ResourceView[] {
  return resources.filter((resource) => resource.certain);
}

interface RawBlock {
  readonly type: string;
  readonly name: string;
  readonly body: { [key: string]: unknown };
}

/** Every block of a labelled section ("resource" or "data"), with HCL's JSON forms flattened. */
function labelledBlocks(roots: readonly { [key: string]: unknown }[], section: string, problems: string[]): RawBlock[] {
  const found: RawBlock[] = [];
  for (const root of roots) {
    if (!(section in root)) continue;
    for (const byType of bodiesOf(root[section])) {
      if (!isObject(byType)) {
        problem(problems, section, byType);
        continue;
      }
      for (const [type, byNameValue] of Object.entries(byType)) {
        for (const byName of bodiesOf(byNameValue)) {
          if (!isObject(byName)) {
            problem(problems, `${section}.${type}`, byName);
            continue;
          }
          for (const [name, bodyValue] of Object.entries(byName)) {
            for (const body of bodiesOf(bodyValue)) {
              if (isObject(body)) found.push({ type, name, body });
              else problem(problems, `${section}.${type}.${name}`, body);
            }
          }
        }
      }
    }
  }
  return found;
}

/** The resource as the rules see it, or undefined when count or for_each creates no instance of it. */
function resourceView(block: RawBlock, scope: Scope): ResourceView | undefined {
  const constructPath = constructPathOf(block);
  const instances = instanceCount(evaluateJson(block.body.count ?? null, scope), evaluateJson(block.body.for_each ?? null, scope));
  if (instances === 0) return undefined;
  let config: TerraformBlock | undefined;
  // Evaluated when a rule first reads it: most resources of a stack are not PostgreSQL's.
  return {
    type: block.type,
    name: block.name,
    address: `${block.type}.${block.name}`,
    constructPath,
    get config() {
      config ??= evaluateBlock(block.body, scope);
      return config;
    },
    certain: instances !== undefined,
  };
}

/** The construct path cdktf writes into a block's metadata. */
function constructPathOf(block: RawBlock): string | undefined {
  const metadata = isObject(block.body['//']) ? block.body['//'].metadata : undefined;
  return isObject(metadata) && typeof metadata.path === 'string' ? metadata.path : undefined;
}

/** How many instances count or for_each make: a number, or undefined when known only later. */
function instanceCount(count: Value, forEach: Value): number | undefined {
  if (isUnknown(count) || isUnknown(forEach)) return undefined;
  if (count !== null) return Number(count);
  if (forEach === null) return 1;
  if (Array.isArray(forEach)) return forEach.length;
  return isObject(forEach) ? Object.keys(forEach).length : undefined;
}

/** A block's values as Terraform evaluates them; comments ("//") kept as written, null values left out. */
function evaluateBlock(body: { [key: string]: unknown }, scope: Scope): TerraformBlock {
  const config: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '//') {
      config[key] = value;
      continue;
    }
    const evaluated = withoutNulls(evaluateJson(value, scope));
    if (evaluated !== null) config[key] = evaluated;
  }
  return config;
}

function withoutNulls(value: Value): Value {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isObject(value) && !isUnknown(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item as Value)]));
  }
  return value;
}

/** The stack's locals, evaluated on demand; a local that refers to itself is Unknown. */
function localsScope(roots: readonly { [key: string]: unknown }[], problems: string[]): Scope {
  const raw = new Map<string, unknown>();
  for (const root of roots) {
    for (const body of bodiesOf(root.locals ?? [])) {
      if (!isObject(body)) {
        problem(problems, 'locals', body);
        continue;
      }
      for (const [name, value] of Object.entries(body)) raw.set(name, value);
    }
  }
  const values = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    local: (name) => {
      // Stryker disable next-line ConditionalExpression: equivalent: a missing local evaluates to undefined all the same
      if (!raw.has(name)) return undefined;
      // Stryker disable next-line ConditionalExpression: equivalent: a cache, evaluating again gives the same value
      if (values.has(name)) return values.get(name);
      if (evaluating.has(name)) return new Unknown(`local.${name}`, [`local.${name}`]);
      evaluating.add(name);
      const value = evaluateJson(raw.get(name), scope);
      evaluating.delete(name);
      values.set(name, value);
      return value;
    },
  };
  return scope;
}

function addParameter(server: MutableServer, parameter: ResourceView): void {
  const name = parameter.config.name;
  if (typeof name !== 'string') {
    server.parametersOfUnknownName.push(parameter);
    return;
  }
  const key = name.toLowerCase();
  server.parameters.set(key, [...(server.parameters.get(key) ?? []), parameter]);
}

/** Records a value that is not an object where Terraform needs one (lists never get here: bodiesOf flattens them). */
function problem(problems: string[], where: string, value: unknown): false {
  problems.push(`${where} is ${value === null ? 'null' : typeof value}, where Terraform needs an object`);
  return false;
}

function newServer(resource: ResourceView, kind: Kind, defined: boolean): MutableServer {
  return {
    ...resource,
    kind,
    defined,
    parameters: new Map(),
    parametersOfUnknownName: [],
    firewallRules: [],
    virtualNetworkRules: [],
    administrators: [],
    serverKeys: [],
    databases: [],
    diagnosticSettings: [],
    privateEndpoints: [],
  };
}
