/**
 * Servers that hold a copy of another server's data: a read replica, a point-in-time or
 * geo-restore, a revived dropped server. A copy of a judged server is judged like it (it holds all
 * its data), and so is a copy of a copy. A second resource of the same kind, name and resource
 * group (adopted by an import block) is the same Azure server: it is judged like it too (A7-6).
 */
import { parsePostgresServerId } from '../private/postgres-server-id';
import { isUnknown } from './hcl-expression';
import { madeServerOwner } from './beside-construct';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';

/** What the scope predicate reads of a server: a server outside the stack is `{ defined: false }`. */
export type ScopedServer = Pick<ServerView, 'constructPath' | 'defined'>;

/** create_mode values that copy the source server's data (azurerm 4.55: Flexible and Single Server). */
const COPY_MODES = ['replica', 'pointintimerestore', 'georestore', 'revivedropped'];
/** Where each kind of server names the server it copies. */
const SOURCE_KEY: { [kind in ServerView['kind']]: string } = { flexible: 'source_server_id', single: 'creation_source_server_id' };
/** A virtual endpoint names a replica of its source server: the replica copies the source. */
const VIRTUAL_ENDPOINT = 'azurerm_postgresql_flexible_server_virtual_endpoint';
const SERVER_REFERENCE = /^(azurerm_postgresql(?:_flexible)?_server)\.([^.[\]]+)/;
/** A source no server of the stack is for sure: it may be any server, in another stack too. */
const OUTSIDE: ScopedServer = { defined: false };

/**
 * The servers in scope, together with every server of the stack that copies one of them (or copies
 * a server outside the stack that the predicate judges), however many copies deep.
 */
export function serversInScope(servers: readonly ServerView[], resources: ReadonlyMap<string, ResourceView>, inScope: (server: ScopedServer) => boolean): ServerView[] {
  const judged = new Set<ScopedServer>(servers.filter(inScope));
  if (inScope(OUTSIDE)) judged.add(OUTSIDE);
  reachCopies(judged, copySourcesOf(servers, resources), (_, from) => from);
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
 * same Azure name; OUTSIDE for a source that may be any server), empty for a server that copies none.
 */
export function copySourcesOf(servers: readonly ServerView[], resources: ReadonlyMap<string, ResourceView>): ReadonlyMap<ServerView, readonly ScopedServer[]> {
  const defined = servers.filter((server) => server.defined);
  const twins = byAzureName(defined);
  const sources = new Map(defined.map((server) => [server, [...copySources(server, defined), ...sameServer(server, twins)]]));
  for (const endpoint of [...resources.values()].filter((resource) => resource.type === VIRTUAL_ENDPOINT)) {
    const from = serversNamedBy(endpoint.config.source_server_id, defined);
    for (const replica of serversNamedBy(endpoint.config.replica_server_id, defined)) {
      if (replica !== OUTSIDE) sources.get(replica as ServerView)?.push(...from);
    }
  }
  return sources;
}

/**
 * The servers that copy a server's data, a copy of a copy included (a twin of the same Azure name
 * is the server itself, not a copy): beside a library construct, such a copy is not its own.
 */
export function copiesOf(server: ServerView, sources: ReadonlyMap<ServerView, readonly ScopedServer[]>): ServerView[] {
  return reachCopies(new Set<ScopedServer>([server]), sources, copySourcesOnly);
}

/** The library construct that made the server a server copies, through any chain of copies (not a twin of its own Azure name). */
export function copiedOwner(server: ServerView, sources: ReadonlyMap<ServerView, readonly ScopedServer[]>, stack: Pick<StackFacts, 'constructs'>, seen = new Set<ServerView>([server])): string | undefined {
  for (const source of copySourcesOnly(server, sources.get(server) ?? [])) {
    if (!('kind' in source) || seen.has(source as ServerView)) continue;
    seen.add(source as ServerView);
    const owner = madeServerOwner(source as ServerView, stack) ?? copiedOwner(source as ServerView, sources, stack, seen);
    if (owner !== undefined) return owner;
  }
  return undefined;
}

/** The sources a server copies data from, without the twins of its own Azure name. */
function copySourcesOnly(server: ServerView, from: readonly ScopedServer[]): readonly ScopedServer[] {
  const key = azureNameKey(server);
  return key === undefined ? from : from.filter((source) => !('kind' in source) || azureNameKey(source as ServerView) !== key);
}

/** The servers a server copies its data from, or none when its create_mode copies nothing. */
function copySources(server: ServerView, defined: readonly ServerView[]): ScopedServer[] {
  const mode = server.config.create_mode;
  // A mode known only at apply time may copy.
  const copies = isUnknown(mode) || (typeof mode === 'string' && COPY_MODES.includes(mode.toLowerCase()));
  return copies ? serversNamedBy(server.config[SOURCE_KEY[server.kind]], defined) : [];
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
  return JSON.stringify([server.kind, name.trim().toLowerCase(), group.trim().toLowerCase()]);
}

/** The defined servers a server ID (literal or expression) names, and OUTSIDE when it may name another server. */
function serversNamedBy(pointer: unknown, defined: readonly ServerView[]): ScopedServer[] {
  if (pointer === undefined) return [];
  if (typeof pointer === 'string') {
    const id = parsePostgresServerId(pointer.trim());
    const named = id === undefined ? undefined : defined.find((server) => server.kind === id.kind && sameName(server.config.name, id.name));
    return [named ?? OUTSIDE];
  }
  if (!isUnknown(pointer)) return [OUTSIDE];
  const found = defined.filter((server) => pointer.references.some((reference) => {
    const match = SERVER_REFERENCE.exec(reference);
    return match !== null && `${match[1]}.${match[2]}` === server.address;
  }));
  // Only a plain reference to one server names it for sure; a function or conditional may name another.
  return found.length === 1 && pointer.isPlainReference ? found : [...found, OUTSIDE];
}

function sameName(name: unknown, literal: string): boolean {
  return typeof name === 'string' && name.trim().toLowerCase() === literal.trim().toLowerCase();
}
