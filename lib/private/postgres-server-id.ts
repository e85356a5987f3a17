// Loads no cdktf: the check command (a light checker) reads server IDs too.
import { idParts, nameKey } from '../checks/azure-keys';

/** A PostgreSQL server named by a literal resource ID. */
export interface PostgresServerId {
  readonly kind: 'flexible' | 'single';
  /** The name as written in the ID. */
  readonly name: string;
}

/**
 * The PostgreSQL server a literal resource ID names, read as azurerm's parser (go-azure-helpers
 * resourceids) reads it: the leading "/" may be left out and one "/" after the last segment is
 * dropped, and so is a "." or empty segment anywhere, as idSegments drops it (azure-keys.ts). Segment
 * names are compared ignoring case: azurerm wants the exact case on some resources and not on
 * others, and reading more IDs as a server's only attaches more to it.
 * With `orBelow`, an ID below the server (a parameter, a firewall rule) names it too.
 */
export function parsePostgresServerId(id: string, orBelow = false): PostgresServerId | undefined {
  // Segments as every reader of an ID takes them: "." and empty ones dropped (azure-keys.ts idParts; twenty-third run, A23-3; run 35).
  const parts = idParts(id);
  const at = parts.findIndex((part, i) => nameKey(part) === 'providers' && nameKey(parts[i + 1] ?? '') === 'microsoft.dbforpostgresql');
  if (at < 0 || parts.length < at + 4) return undefined;
  const type = nameKey(parts[at + 2]);
  const kind = type === 'flexibleservers' ? 'flexible' : type === 'servers' ? 'single' : undefined;
  const name = parts[at + 3];
  if (kind === undefined || (!orBelow && parts.length !== at + 4)) return undefined;
  return { kind, name };
}

/**
 * A literal ID as azurerm validates it, as a URL's path (url.ParseRequestURI): without a query or fragment written after it, so
 * "<server id>?api-version=..." or "<server id>/?a=b" names the server (adversarial run of stop 69). Only for text written in the
 * JSON (a literal holds no interpolation): the checks' own readings write "?" for a part known later.
 */
export function idWithoutQuery(id: string): string {
  const at = id.search(/[?#]/);
  return at > 0 && id.lastIndexOf('/', at) >= 0 ? id.slice(0, at) : id;
}
