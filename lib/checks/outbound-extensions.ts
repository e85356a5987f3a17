// Loads no cdktf: the rule PGF-NET-12 and SecureFlexibleServer's allowedExtensions read the same list.

/**
 * Extensions Azure offers that send data out of the server to a host or storage a database user
 * chooses: foreign data wrappers and dblink connect anywhere, azure_storage reads and writes any
 * storage account, azure_ai sends rows to AI endpoints, pg_duckdb reads and writes object storage,
 * pglogical replicates to other servers. No rule sees where that data goes.
 */
export const OUTBOUND_EXTENSIONS: readonly string[] = ['azure_ai', 'azure_storage', 'dblink', 'oracle_fdw', 'pg_duckdb', 'pglogical', 'postgres_fdw', 'tds_fdw'];

/** The outbound extensions an allow-list names (items trimmed, any case), in the list's order, once each. */
export function outboundExtensionsIn(items: readonly string[]): string[] {
  return [...new Set(items.map((item) => item.trim().toLowerCase()).filter((item) => OUTBOUND_EXTENSIONS.includes(item)))];
}

/** The subject of a justification for allow-listing outbound extensions: exactly these, sorted. */
export function outboundExtensionsSubject(items: readonly string[]): string | undefined {
  const outbound = outboundExtensionsIn(items).sort();
  return outbound.length === 0 ? undefined : `azure.extensions sending data out: ${outbound.join(',')}`;
}
