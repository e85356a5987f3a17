/**
 * Servers that hold a copy of another server's data: a read replica, a point-in-time or
 * geo-restore, a revived dropped server. A copy of a judged server is judged like it (it holds all
 * its data), and so is a copy of a copy. A second resource of the same kind, name and resource
 * group (adopted by an import block), or one an import block adopts by a server's ID whatever its
 * name, is the same Azure server: it is judged like it too (A7-6, A12a-11). A source is read as
 * every pointer to a server is: a reference, a literal ID, a lookup by the server's name, a
 * template whose known parts name it (A12a-1, A12a-2); one known only at apply time may be any
 * server (A12a-3).
 */
import { parsePostgresServerId } from '../private/postgres-server-id';
import { idKey, nameKey, sameName } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { madeServerOwner } from './beside-construct';
import { resourceAddress } from './import-targets';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { possibleServerScope } from './unknown-server-names';
import { splitTemplate } from './value-readers';

/** What the scope predicate reads of a server: a server outside the stack is `{ defined: false }`. */
export type ScopedServer = Pick<ServerView, 'constructPath' | 'defined'>;

/** Each defined server with the servers it copies its data from, and those of them that are the same Azure server (its twins). */
export interface CopySources {
  readonly from: ReadonlyMap<ServerView, readonly ScopedServer[]>;
  readonly twins: ReadonlyMap<ServerView, ReadonlySet<ScopedServer>>;
}

/** create_mode values that copy the source server's data (azurerm 4.55: Flexible and Single Server). */
const COPY_MODES = ['replica', 'pointintimerestore', 'georestore', 'revivedropped'];
/** Where each kind of server names the server it copies. */
const SOURCE_KEY: { [kind in ServerView['kind']]: string } = { flexible: 'source_server_id', single: 'creation_source_server_id' };
/** A virtual endpoint names a replica of its source server: the replica copies the source. */
const VIRTUAL_ENDPOINT = 'azurerm_postgresql_flexible_server_virtual_endpoint';
const SERVER_REFERENCE = /^(data\.)?(azurerm_postgresql(?:_flexible)?_server)\.([^.[\]]+)/;
/** A server's ID (or one below it) with "?" for each part known only at apply time, in lower case: type and name. */
const SERVER_ID = /^subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.dbforpostgresql\/(flexibleservers|servers)\/([^/]+)/;
/** A source that is a server outside the stack for sure (a literal ID of another name). */
const OUTSIDE: ScopedServer = { defined: false };
/** A source known only at apply time: it may be any server, a construct's own included. */
const UNKNOWN: ScopedServer = { defined: false };

/**
 * The servers in scope, together with every server of the stack that copies one of them (or copies
 * a server outside the stack that the predicate judges), however many copies deep.
 */
export function serversInScope(servers: readonly ServerView[], sources: CopySources, inScope: (server: ScopedServer) => boolean): ServerView[] {
  const judged = new Set<ScopedServer>(servers.filter(inScope));
  if (inScope(OUTSIDE)) judged.add(OUTSIDE).add(UNKNOWN);
  reachCopies(judged, sources.from, (_, from) => from);
  return servers.filter((server) => judged.has(server));
}

/** Adds to `reached` every server that copies one in it, however many copies deep; returns those added, in order. */
function reachCopies(
  reached: Set<ScopedServer>,
  sources: ReadonlyMap<ServerView, readonly ScopedServer[]>,
  sourcesOf: (server: ServerView, from: readonly ScopedServer[]) => readonly ScopedServer[],
): ServerView[] {
  const added: ServerView[] = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const [server, from] of sources) {
      if (reached.has(server) || !sourcesOf(server, from).some((source) => reached.has(source))) continue;
      reached.add(server);
      added.push(server);
      grew = true;
    }
  }
  return added;
}

/**
 * Each defined server with the servers it copies its data from (a replica, a restore, a twin of the
 * same Azure name or adopted by its ID; OUTSIDE or UNKNOWN for a source that is or may be another
 * server), empty for a server that copies none. `lookups` are the model's (data sources, import blocks).
 */
export function copySourcesOf(servers: readonly ServerView[], resources: ReadonlyMap<string, ResourceView>, lookups: ReadonlyMap<string, ResourceView>): CopySources {
  const defined = servers.filter((server) => server.defined);
  const named = (pointer: unknown) => serversNamedBy(pointer, defined, resources, lookups);
  const byName = byAzureName(defined);
  const twins = new Map(defined.map((server) => [server, new Set<ScopedServer>(sameServer(server, byName))]));
  const from = new Map(defined.map((server) => [server, [...copySources(server, named), ...(twins.get(server) ?? [])]]));
  for (const endpoint of [...resources.values()].filter((resource) => resource.type === VIRTUAL_ENDPOINT)) {
    const source = named(endpoint.config.source_server_id);
    for (const replica of named(endpoint.config.replica_server_id)) from.get(replica as ServerView)?.push(...source);
  }
  // An import adopts the live server its id names into the resource it names, whatever that resource's name says (A12a-11).
  for (const block of [...lookups.values()].filter((lookup) => lookup.type === 'import')) {
    const into = defined.find((server) => server.address === resourceAddress(block.name));
    if (into === undefined) continue;
    // A server outside the stack adopted is no copy of one of the stack's; one known only later may be.
    const adopted = named(block.config.id).filter((server) => server !== into && server !== OUTSIDE);
    adopted.filter((server) => 'kind' in server).forEach((server) => twins.get(into)?.add(server));
    from.get(into)?.push(...adopted);
  }
  return { from, twins };
}

/**
 * The servers that copy a server's data, a copy of a copy included (a twin of the same Azure name
 * is the server itself, not a copy): beside a library construct, such a copy is not its own.
 */
export function copiesOf(server: ServerView, sources: CopySources): ServerView[] {
  return reachCopies(new Set<ScopedServer>([server]), sources.from, (copy, from) => copySourcesOnly(copy, from, sources));
}

/** The servers that may copy a server's data, through a source known only at apply time, and are not its copies for sure (A12a-3). */
export function possibleCopiesOf(server: ServerView, sources: CopySources): ServerView[] {
  const sure = new Set(copiesOf(server, sources));
  const possible = reachCopies(new Set<ScopedServer>([server, UNKNOWN]), sources.from, (copy, from) => copySourcesOnly(copy, from, sources));
  // Azure copies (and azurerm imports) a server only into one of its kind: a Single Server never holds a Flexible Server's data.
  return possible.filter((copy) => !sure.has(copy) && copy.kind === server.kind);
}

/** The library construct that made the server a server copies, through any chain of copies (not a twin of its own Azure name). */
export function copiedOwner(server: ServerView, sources: CopySources, stack: Pick<StackFacts, 'constructs'>, seen = new Set<ServerView>([server])): string | undefined {
  for (const source of copySourcesOnly(server, sources.from.get(server) ?? [], sources)) {
    if (!('kind' in source) || seen.has(source as ServerView)) continue;
    seen.add(source as ServerView);
    const owner = madeServerOwner(source as ServerView, stack) ?? copiedOwner(source as ServerView, sources, stack, seen);
    if (owner !== undefined) return owner;
  }
  return undefined;
}

/** The sources a server copies data from, without its twins (the same Azure server written twice). */
function copySourcesOnly(server: ServerView, from: readonly ScopedServer[], sources: CopySources): readonly ScopedServer[] {
  const twins = sources.twins.get(server);
  return twins === undefined ? from : from.filter((source) => !twins.has(source));
}

/** The servers a server copies its data from, or none when its create_mode copies nothing. */
function copySources(server: ServerView, named: (pointer: unknown) => ScopedServer[]): ScopedServer[] {
  const mode = server.config.create_mode;
  // A mode known only at apply time may copy.
  const copies = isUnknown(mode) || (typeof mode === 'string' && COPY_MODES.includes(mode.toLowerCase()));
  return copies ? named(server.config[SOURCE_KEY[server.kind]]) : [];
}

/** The other defined servers of the same kind, literal name and resource group: one Azure server written twice. */
function sameServer(server: ServerView, twins: ReadonlyMap<string, readonly ServerView[]>): ServerView[] {
  const key = azureNameKey(server);
  return key === undefined ? [] : (twins.get(key) ?? []).filter((other) => other !== server);
}

/** The defined servers by kind, literal name and resource group, in their order: found once, not per server (quadratic). */
function byAzureName(defined: readonly ServerView[]): ReadonlyMap<string, readonly ServerView[]> {
  const twins = new Map<string, ServerView[]>();
  for (const server of defined) {
    const key = azureNameKey(server);
    if (key === undefined) continue;
    const list = twins.get(key);
    if (list === undefined) twins.set(key, [server]);
    else list.push(server);
  }
  return twins;
}

/** What sameName compares for a server with a literal name and resource group; undefined for one without. */
function azureNameKey(server: ServerView): string | undefined {
  const { name, resource_group_name: group } = server.config;
  if (typeof name !== 'string' || typeof group !== 'string') return undefined;
  return JSON.stringify([server.kind, nameKey(name), nameKey(group)]);
}

/**
 * The defined servers a server ID (literal or expression) names, OUTSIDE when it names another
 * server for sure, UNKNOWN when it may name any: the server a reference or a lookup of it names,
 * the server a literal ID or a template's known name names, each server a template's partly known
 * name may be (unknown-server-names.ts), as the model reads a child's pointer.
 */
function serversNamedBy(pointer: unknown, defined: readonly ServerView[], resources: ReadonlyMap<string, ResourceView>, lookups: ReadonlyMap<string, ResourceView>): ScopedServer[] {
  if (pointer === undefined) return [];
  if (typeof pointer === 'string') return [byLiteralId(pointer, defined) ?? OUTSIDE];
  if (!isUnknown(pointer)) return [OUTSIDE];
  const found = new Set<ScopedServer>();
  for (const reference of pointer.references) {
    const match = SERVER_REFERENCE.exec(reference);
    if (match === null) continue;
    const [, data, type, name] = match;
    if (data === undefined) {
      defined.filter((server) => server.address === `${type}.${name}`).forEach((server) => found.add(server));
      continue;
    }
    // A lookup names the server of its literal name, or the server whose name it reads (A12a-1).
    const looked = lookups.get(`data.${type}.${name}`)?.config.name;
    const kind = type === 'azurerm_postgresql_server' ? 'single' : 'flexible';
    const read = isUnknown(looked) && looked.isPlainReference ? defined.find((server) => `${server.address}.name` === looked.references[0]) : undefined;
    found.add(typeof looked === 'string' ? defined.find((server) => server.kind === kind && sameName(server.config.name, looked)) ?? OUTSIDE : read ?? UNKNOWN);
  }
  if (found.size === 0) return byTemplate(pointer.expression, pointer, defined, resources);
  // Only a plain reference to one server names it for sure; a function or conditional may name another.
  return found.size === 1 && pointer.isPlainReference ? [...found] : [...found, UNKNOWN];
}

/** The defined server a literal server ID names, by kind and name (server names are DNS names, one in all of Azure). */
function byLiteralId(pointer: string, defined: readonly ServerView[]): ServerView | undefined {
  const id = parsePostgresServerId(pointer.trim());
  return id === undefined ? undefined : defined.find((server) => server.kind === id.kind && sameName(server.config.name, id.name));
}

/**
 * The servers a template of a server ID names: the one its known name names (A12a-2), each that its
 * partly known name may be (or another, outside the stack), UNKNOWN when the text is no server ID.
 */
function byTemplate(expression: string, pointer: unknown, defined: readonly ServerView[], resources: ReadonlyMap<string, ResourceView>): ScopedServer[] {
  const path = idKey(splitTemplate(expression, '?').literal);
  const id = SERVER_ID.exec(path);
  if (id === null) return [UNKNOWN];
  const [, type, name] = id;
  const kind = type === 'flexibleservers' ? 'flexible' : 'single';
  if (!name.includes('?')) return [defined.find((server) => server.kind === kind && sameName(server.config.name, name)) ?? OUTSIDE];
  const facts: StackFacts = { postgresqlProviders: new Map(), resources };
  return [...defined.filter((server) => possibleServerScope(server, pointer, facts) !== undefined), OUTSIDE];
}

