/**
 * Blocks that sign in to a database through a client other than the postgresql provider (85th run, A85c-1): what a
 * paultyng/sql `sql_migrate` runs, what Vault's database secrets engine creates with its creation statements, is SQL run
 * inside the server with the sign-in the configuration gives, and no rule reads it. Each is found with the configuration
 * that holds its connection: the block of its provider (any provider but postgresql's: its `url`, `host`, `dsn`), or the
 * block itself (ownConnection: Vault's database connections, a connection URL argument of its own). The stack model gives it to the servers that configuration names (by a
 * reference to the server, its host, or its name: stack-model.ts addWriters); a connection that names no server of the
 * stack (a URL from a variable) is not judged, as a client given only a variable is not (CHANGELOG, PG-CFG-3); but what its
 * references read back (a variable's default, a relay's input: echoedValues) names servers as its own text does.
 */
import { postgresqlLocalNames, providerBlocksOf } from './provider-facts';
import { ResourceView, TerraformBlock } from './stack-model';
import { isUnknown, Value } from './hcl-expression';
import { mentionsIn } from './server-mentions';
import { bodiesOf, isObject } from './terraform-json';
import { echoOf, EchoScope } from './echoed-arguments';
import { jsonSpelled } from './json-text';

/** Vault's database secrets engine: each connection block signs Vault in to the database, to run the statements of its roles. */
export const VAULT_DATABASE_TYPES = ['vault_database_secret_backend_connection', 'vault_database_secrets_mount'];

/**
 * Text that is a PostgreSQL connection: a postgres:// or postgresql:// URL, libpq keyword=value pairs naming a host, or an ADO.NET or
 * Npgsql string naming it as Host, Server or Data Source, in any place (`Port=5432;Host=...`: B81-13, B81-14), also inside an
 * expression's text (`${format("host=...", ...)}`, a conditional's branches: A82-14 to A82-16).
 */
export const CONNECTION_TEXT = /(?:^|[\s;"'([{,=])(?:postgres(?:ql)?:\/\/|(?:host|server|data\s*source)\s*=)/i;

/** Arguments of a block itself that hold the connection it signs in with (ariga/atlas `url`, Data Factory `connection_string`). */
const CONNECTION_ARGUMENTS = /^(?:url|uri|dsn|conninfo|connection_url|connection_uri|connection_string|database_url|data_source_name)$/i;

/** Vault's generic API, which may configure its database engine as its database resources do (87th run, A87a-2). */
const VAULT_GENERIC_TYPES = ['vault_generic_endpoint', 'vault_generic_secret'];

/** The text of a value as written: a literal, or an expression's text. */
const textOf = (value: unknown): string | undefined => typeof value === 'string' ? value : isUnknown(value) ? value.expression : undefined;

const VAULT_WHAT = 'signs Vault\'s database secrets engine in to the server, which runs the creation statements of every Vault role on the connection there';

/**
 * The connection a block of another provider holds in its own arguments, and what it does with it: a Vault database connection
 * (its whole body); a Vault generic-API write of a database engine's configuration (a path `.../config/<name>`, or data holding
 * `connection_url`: 87th run, A87a-2); a top-level argument of CONNECTION_ARGUMENTS holding a PostgreSQL URL or libpq string (87th
 * run, A87a-1: ariga/atlas `atlas_schema`). A workload's settings (a map of app settings, a nested connection_string block, a
 * stored secret's `value`) are not such an argument. Undefined for any other block. `connection` is where the server is looked for,
 * `judged` what the rules read: the whole block, a Vault generic write's data decoded (decodedData); `unread` why what it holds cannot be read.
 */
function ownConnection(block: ResourceView, postgres: readonly string[]): { readonly connection: TerraformBlock; readonly judged: TerraformBlock; readonly what: string; readonly unread?: string } | undefined {
  if (VAULT_DATABASE_TYPES.includes(block.type)) return { connection: block.config, judged: block.config, what: VAULT_WHAT };
  if (VAULT_GENERIC_TYPES.includes(block.type)) {
    const path = textOf(block.config.path) ?? '';
    const data = textOf(block.config.data_json) ?? '';
    // Its data as Vault reads it: the settings of the JSON it holds (a connection_url, a password), read as a connection's (B81-1 to B81-3);
    // a key is read decoded (`connection\u005furl` is connection_url: C81-33).
    const decoded = decodedData(block.config.data_json);
    const names = isObject(decoded) && !isUnknown(decoded) ? Object.keys(decoded) : [];
    // Data the checks cannot decode (a key known only later: C81-32) may hold any setting, a weak sslmode or a password; at a path
    // known only later, it may be a configuration's (A82-34). A secret's data at another path is no connection.
    const unread = decoded === block.config.data_json && decoded !== undefined;
    const configuration = /\/config\/[^/]+\/?$/.test(path) || (isUnknown(block.config.path) && unread);
    if (!configuration && !data.includes('connection_url') && !names.includes('connection_url')) return undefined;
    const judged = { ...block.config, data_json: decoded };
    if (unread) return { connection: judged, judged, what: VAULT_WHAT, unread: 'data_json is no JSON object the checks can read (a key known only at apply time)' };
    return { connection: judged, judged, what: VAULT_WHAT };
  }
  if (postgres.includes(block.type.split('_')[0])) return undefined;
  const arguments_ = Object.entries(block.config).filter(([key, value]) => CONNECTION_ARGUMENTS.test(key) && CONNECTION_TEXT.test(textOf(value) ?? ''));
  if (arguments_.length === 0) return undefined;
  return { connection: Object.fromEntries(arguments_) as TerraformBlock, judged: block.config, what: `signs in to the server with its own ${arguments_.map(([key]) => key).join(' and ')} and runs what it is given there` };
}

/** The collection a `data_json` spells (literal JSON, a template, `jsonencode({...})`), else the value as written. */
function decodedData(data: unknown): unknown {
  const value = data as Value;
  return jsonSpelled(value) ?? (isUnknown(value) && value.encodes !== undefined ? value.encodes : data);
}

/**
 * The literal text inside a connection's values known only later (a template's parts, a conditional's choices, at any depth): a
 * host spelled through a local (`@${local.h}/orders`) is text there, where the expression's text shows only `${local.h}` (87th
 * run, A87a-3).
 */
export function literalPartsOf(value: unknown, depth = 0): string[] {
  if (depth > 16) return [];
  if (typeof value === 'string') return depth === 0 ? [] : [value];
  if (isUnknown(value)) return [...value.parts ?? [], ...value.choices ?? []].flatMap((part) => literalPartsOf(part, depth + 1));
  if (Array.isArray(value)) return value.flatMap((item) => literalPartsOf(item, depth));
  return isObject(value) ? Object.values(value).flatMap((item) => literalPartsOf(item, depth)) : [];
}

/**
 * What the references of a connection read back of the configuration (echoed-arguments.ts echoOf: a variable's default, which
 * Terraform plans with unless the run sets it; a relay's input, `terraform_data.h.output`; an argument of another block), followed a
 * few hops: a host written there names the server as one written in the connection does (87th run's left direction; 90th run,
 * A90a-5). What the checks cannot read back is left out, as a variable with no default is.
 */
export function echoedValues(value: unknown, stack: EchoScope['stack'], hops = 0): Value[] {
  const values: Value[] = [];
  for (const reference of mentionsIn(value).references) {
    const echo = echoOf(reference, { stack });
    if (echo === undefined || 'unreadable' in echo) continue;
    values.push(...echo.values);
    if (hops < MAX_HOPS) values.push(...echoedValues(echo.values, stack, hops + 1));
  }
  return values;
}

/** A value and what its references read back (echoedValues): each may be read as the value is written. */
export function withEchoes(value: unknown, stack: EchoScope['stack']): unknown[] {
  return [value, ...echoedValues(value, stack)];
}

/** Relays followed from a connection, at most: a chain of them is read this far. */
const MAX_HOPS = 4;

/** A block that signs in to a database through another client, the configuration that holds its connection, and how. */
export interface SqlClientView extends ResourceView {
  /** The provider block (`provider.sql`) or the block itself whose arguments hold the connection. */
  readonly connection: TerraformBlock;
  /** Where the connection is written, for messages and to judge one provider once: "provider sql", or the block's address. */
  readonly via: string;
  /** What the block does in the database, for messages. */
  readonly what: string;
  /** Why the connection holds settings the checks cannot read (a Vault write's data_json not decoded): its password and sslmode are unknown. */
  readonly unread?: string;
  /** True for the pg state backend, which runs only its own statements (a schema and a table for the state): PGD-CFG-1 has nothing to read. */
  readonly keepsState?: true;
}

/**
 * The blocks of the stack (resources, data sources, ephemeral resources) that sign in to a server through another client, each
 * with the servers its connection names (`serversOf`, asked once per connection): each block of a provider other than postgresql's
 * (its `provider` meta-argument, else the local name its type starts with), and each Vault database connection. Provider blocks
 * are read with `read` (the stack's locals).
 */
export function sqlClients<S>(roots: readonly { [key: string]: unknown }[], blocks: readonly ResourceView[], read: (body: { [key: string]: unknown }) => TerraformBlock,
  serversOf: (connection: TerraformBlock) => ReadonlySet<S>): { readonly client: SqlClientView; readonly servers: ReadonlySet<S> }[] {
  const postgres = postgresqlLocalNames(roots);
  const names = [...new Set(roots.flatMap((root) => bodiesOf(root.provider ?? []).filter(isObject).flatMap((providers) => Object.keys(providers))))].filter((name) => !postgres.includes(name));
  // Only a provider whose block names a server signs in to one: most (azurerm, random) name none.
  const providers = new Map<string, { readonly config: TerraformBlock; readonly servers: ReadonlySet<S> }>();
  for (const [key, config] of providerBlocksOf(roots, names, read)) {
    const servers = serversOf(config);
    if (servers.size > 0) providers.set(key, { config, servers });
  }
  const found: { client: SqlClientView; servers: ReadonlySet<S> }[] = [];
  for (const backend of stateBackends(roots)) {
    const servers = serversOf(backend.connection);
    if (servers.size > 0) found.push({ client: backend, servers });
  }
  for (const block of blocks) {
    const own = ownConnection(block, postgres);
    if (own !== undefined) {
      const servers = serversOf(own.connection);
      if (servers.size > 0) found.push({ client: { ...block, connection: own.judged, via: block.address, what: own.what, ...(own.unread === undefined ? {} : { unread: own.unread }) }, servers });
    }
    const written = block.config.provider;
    const key = typeof written === 'string' ? written : block.type.split('_')[0];
    const provider = providers.get(key);
    const what = `runs what it is given (migrations, queries) in the server through provider ${key}, whose block names the server`;
    if (provider !== undefined) found.push({ client: { ...block, connection: provider.config, via: `provider ${key}`, what }, servers: provider.servers });
  }
  return found;
}

/**
 * The pg state backend (`terraform.backend.pg`, cdktf's PgBackend) of each root: Terraform signs in with its `conn_str` to keep the
 * stack's state in the database, every secret of the stack with it (D81-103). A backend takes no references, so its text is literal.
 */
function stateBackends(roots: readonly { [key: string]: unknown }[]): SqlClientView[] {
  return roots.flatMap((root) => bodiesOf(root.terraform ?? []).filter(isObject))
    .flatMap((terraform) => bodiesOf(terraform.backend ?? []).filter(isObject))
    .flatMap((backend) => bodiesOf(backend.pg ?? []).filter(isObject))
    .filter((pg) => pg.conn_str !== undefined)
    .map((pg) => ({
      type: 'terraform_backend_pg', name: 'pg', address: 'terraform.backend.pg', certain: true, config: { conn_str: pg.conn_str }, connection: { conn_str: pg.conn_str },
      via: 'terraform.backend.pg', what: 'keeps the stack\'s Terraform state, every secret the stack writes, in the server, signing in with its conn_str', keepsState: true as const,
    }));
}

/** Deeper than this, a connection's nested blocks are not read: no client read here nests its connection deeper. */
const MAX_CONNECTION_DEPTH = 8;

/**
 * Each argument of a connection, its nested blocks' first (a Vault connection's `postgresql` block), with where it is written
 * ("url", "postgresql.password"): what client-secrets.ts and client-tls.ts read.
 */
export function* connectionArguments(connection: { readonly [key: string]: unknown }, path = '', depth = 0): Generator<{ readonly key: string; readonly value: unknown; readonly at: string }> {
  if (depth > MAX_CONNECTION_DEPTH) return;
  for (const [key, value] of Object.entries(connection)) {
    const at = path === '' ? key : `${path}.${key}`;
    const blocks = Array.isArray(value) ? value.filter(isObject) : isObject(value) && !isUnknown(value) ? [value] : [];
    for (const block of blocks) yield* connectionArguments(block, at, depth + 1);
    yield { key, value, at };
  }
}

/** The server's clients, one per connection (a provider block signs in once for all its blocks), each the first block using it. */
export function distinctConnections(clients: readonly SqlClientView[]): SqlClientView[] {
  const connections = new Map<string, SqlClientView>();
  clients.filter((client) => !connections.has(client.via)).forEach((client) => connections.set(client.via, client));
  return [...connections.values()];
}
