import { isUnknown } from './hcl-expression';
import { splitTemplate } from './value-readers';
import { INSTANCE_KEY } from './traversal-text';
import { ANY_TYPE_LOOKUPS, isAliasReference } from './id-aliases';

// Which pointers known only at apply time (a variable, another state's output, a search) may name a
// PostgreSQL server: the model judges what they point at on a server of its own (twelfth review, A12b-4).

/**
 * A reference that reads the ID of a block the model places: an azurerm resource (a server of the stack
 * is that server, read by its reference), or an azurerm lookup of one kind other than a server's. Not a
 * search of any type, nor a block whose `id` is another object's (id-aliases.ts: A70b-1), which callers
 * read through resolvedPointer first: one left here was not found, and may be any ID.
 */
const PLACED_ID = new RegExp(String.raw`^(?:azurerm_\w+|data\.azurerm_(?!postgresql_(?:flexible_)?server[.[])\w+)\.[^.[\]]+(?:${INSTANCE_KEY})?\.id$`);
const isPlacedId = (reference: string) => PLACED_ID.test(reference) && !isAliasReference(reference) && !ANY_TYPE_LOOKUPS.some((type) => reference.startsWith(`data.${type}.`));
/** A resource ID's provider namespace and type, when the text spells one: "microsoft.keyvault/vaults". */
const PROVIDER_TYPE = /\/providers\/([a-z0-9.]+\/[a-z0-9]+)(?:\/|$)/gi;
const SERVER_TYPES = ['microsoft.dbforpostgresql/flexibleservers', 'microsoft.dbforpostgresql/servers'];

/**
 * True when a pointer known only at apply time may be a PostgreSQL server's ID or name: anything but
 * the ID of a block the model places, or a template that spells another resource type's ID.
 */
export function mayNameServer(pointer: unknown): boolean {
  if (!isUnknown(pointer)) return false;
  const literal = splitTemplate(pointer.toString(), '?').literal;
  const types = [...literal.matchAll(PROVIDER_TYPE)].map((match) => match[1].toLowerCase());
  if (types.length > 0 && !types.some((type) => SERVER_TYPES.includes(type))) return false;
  return pointer.references.length === 0 || !pointer.references.every(isPlacedId);
}
