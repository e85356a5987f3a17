// Loads no cdktf: the check command (a light checker) reads server IDs too.
/** A PostgreSQL server named by a literal resource ID. */
export interface PostgresServerId {
  readonly kind: 'flexible' | 'single';
  /** The name as written in the ID. */
  readonly name: string;
}

/**
 * The PostgreSQL server a literal resource ID names, read as azurerm's parser (go-azure-helpers
 * resourceids) reads it: the leading "/" may be left out and one "/" after the last segment is
 * dropped. Segment names are compared ignoring case: azurerm wants the exact case on some
 * resources and not on others, and reading more IDs as a server's only attaches more to it.
 * With `orBelow`, an ID below the server (a parameter, a firewall rule) names it too.
 */
export function parsePostgresServerId(id: string, orBelow = false): PostgresServerId | undefined {
  const parts = id.replace(/^\//, '').replace(/\/$/, '').split('/');
  const at = parts.findIndex((part, i) => part.toLowerCase() === 'providers' && parts[i + 1]?.toLowerCase() === 'microsoft.dbforpostgresql');
  if (at < 0 || parts.length < at + 4) return undefined;
  const type = parts[at + 2].toLowerCase();
  const kind = type === 'flexibleservers' ? 'flexible' : type === 'servers' ? 'single' : undefined;
  const name = parts[at + 3];
  if (kind === undefined || name === '' || (!orBelow && parts.length !== at + 4)) return undefined;
  return { kind, name };
}
