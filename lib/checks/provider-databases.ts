import { Unknown } from './hcl-expression';
import { ResourceView, TerraformBlock } from './stack-model';

/**
 * The postgresql resources whose `database`, left unset, null or "", is the database their provider signs in to (cyrilgdn/postgresql
 * 1.26 at ff936b9: helpers.go getDatabase, getDatabaseForExtension; `d.GetOk` is false for "").
 */
const DATABASE_FROM_PROVIDER = new Set(['postgresql_extension', 'postgresql_schema', 'postgresql_function', 'postgresql_publication', 'postgresql_subscription', 'postgresql_replication_slot']);

/**
 * A resource read with the database it acts in when it leaves `database` to its provider (C80-4: a pgaudit extension, or a schema,
 * without `database` acts in the provider's database, so a second pgaudit there, or that database without one, was not seen): the
 * provider block's `database`, else the runner's PGDATABASE or "postgres", known only later (PGD-TLS-1 PROVIDER_ENVIRONMENT).
 */
export function withProviderDatabase(resource: ResourceView, provider: TerraformBlock | undefined): ResourceView {
  const { instance } = resource;
  if (!DATABASE_FROM_PROVIDER.has(resource.type) || (!unsetForProvider(resource.config.database) && instance === undefined)) return resource;
  const database = provider === undefined || unsetForProvider(provider.database) ? new Unknown('the runner\'s PGDATABASE, else "postgres"', []) : provider.database;
  const completed = (config: TerraformBlock): TerraformBlock => (unsetForProvider(config.database) ? { ...config, database } : config);
  // Each instance of a for_each block too, read from the block's own text (in-database-index.ts instanceViews): one whose item gives
  // `""` or null (`database = each.value`) acts in the provider's (C81-7, C81-8).
  return { ...resource, config: completed(resource.config), ...(instance === undefined ? {} : { instance: (key: string) => { const config = instance(key); return config === undefined ? config : completed(config); } }) };
}

/** An argument the provider reads as unset: absent, null or "" (SDKv2's GetOk is false for the zero value). */
export function unsetForProvider(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
