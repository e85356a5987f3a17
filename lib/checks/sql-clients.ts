/**
 * Blocks that sign in to a database through a client other than the postgresql provider (85th run, A85c-1): what a
 * paultyng/sql `sql_migrate` runs, what Vault's database secrets engine creates with its creation statements, is SQL run
 * inside the server with the sign-in the configuration gives, and no rule reads it. Each is found with the configuration
 * that holds its connection: the block of its provider (any provider but postgresql's: its `url`, `host`, `dsn`), or the
 * block itself for Vault's database connections. The stack model gives it to the servers that configuration names (by a
 * reference to the server, its host, or its name: stack-model.ts addWriters); a connection that names no server of the
 * stack (a URL from a variable) is not judged, as a client given only a variable is not (CHANGELOG, PG-CFG-3).
 */
import { postgresqlLocalNames, providerBlocksOf } from './provider-facts';
import { ResourceView, TerraformBlock } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

/** Vault's database secrets engine: each connection block signs Vault in to the database, to run the statements of its roles. */
export const VAULT_DATABASE_TYPES = ['vault_database_secret_backend_connection', 'vault_database_secrets_mount'];

/** A block that signs in to a database through another client, the configuration that holds its connection, and how. */
export interface SqlClientView extends ResourceView {
  /** The provider block (`provider.sql`) or the block itself whose arguments hold the connection. */
  readonly connection: TerraformBlock;
  /** Where the connection is written, for messages and to judge one provider once: "provider sql", or the block's address. */
  readonly via: string;
  /** What the block does in the database, for messages. */
  readonly what: string;
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
  // Only a provider whose block names a server signs in to one: most (azurerm, random) name none.
  const providers = new Map<string, { readonly config: TerraformBlock; readonly servers: ReadonlySet<S> }>();
  for (const [key, config] of providerBlocksOf(roots, names, read)) {
    const servers = serversOf(config);
    if (servers.size > 0) providers.set(key, { config, servers });
  }
  const found: { client: SqlClientView; servers: ReadonlySet<S> }[] = [];
  for (const block of blocks) {
    if (VAULT_DATABASE_TYPES.includes(block.type)) {
      const servers = serversOf(block.config);
      const what = 'signs Vault\'s database secrets engine in to the server, which runs the creation statements of every Vault role on the connection there';
      if (servers.size > 0) found.push({ client: { ...block, connection: block.config, via: block.address, what }, servers });
    }
    const written = block.config.provider;
    const key = typeof written === 'string' ? written : block.type.split('_')[0];
    const provider = providers.get(key);
    const what = `runs what it is given (migrations, queries) in the server through provider ${key}, whose block names the server`;
    if (provider !== undefined) found.push({ client: { ...block, connection: provider.config, via: `provider ${key}`, what }, servers: provider.servers });
  }
  return found;
}
