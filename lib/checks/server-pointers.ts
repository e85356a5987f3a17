import { ownValue } from '../private/own-keys';
import { mayNameServer } from './later-pointers';

// The azurerm types, besides the children the model attaches (stack-model.ts CHILDREN) and the copies
// (server-copies.ts), that take a PostgreSQL server's ID or one below it. A writer of these types by a
// pointer known only at apply time may act on a construct's server, as a child by such a pointer is
// judged (fifteenth review, A15b-17). test/checks/server-pointers.test.ts holds the table to the provider.

/** Types that act on the server they point at, with the arguments that point at it and the kind of server. */
export const SERVER_POINTERS: { readonly [type: string]: { readonly kind: 'flexible' | 'single'; readonly arguments: readonly string[] } } = {
  // A copy of the server's data in a Backup vault of the stack's choosing (writer-kinds.ts).
  azurerm_data_protection_backup_instance_postgresql_flexible_server: { kind: 'flexible', arguments: ['server_id'] },
  // The same for one database of a Single Server, by the database's ID below the server's.
  azurerm_data_protection_backup_instance_postgresql: { kind: 'single', arguments: ['database_id'] },
};

/**
 * Types that take a server ID and do not act beyond it, with why: read by nothing, since what they do
 * stays with the server.
 */
export const INERT_SERVER_POINTERS: { readonly [type: string]: string } = {
  azurerm_postgresql_flexible_server_backup: 'an on-demand backup kept with the server\'s own backups; a restore of it is a new server, judged as a copy',
};

/** The pointer known only at apply time by which a block of those types may name a server, with the kind; undefined for none. */
export function laterServerPointer(type: string, config: { readonly [key: string]: unknown }): { readonly kind: 'flexible' | 'single'; readonly pointer: unknown } | undefined {
  const entry = ownValue(SERVER_POINTERS, type);
  const pointer = entry?.arguments.map((argument) => config[argument]).find((value) => mayNameServer(value));
  return entry === undefined || pointer === undefined ? undefined : { kind: entry.kind, pointer };
}
