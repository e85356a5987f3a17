import { isUnknown } from './hcl-expression';
import { splitTemplate } from './value-readers';
import { INSTANCE_KEY } from './traversal-text';
import { ANY_TYPE_LOOKUPS, isAliasReference } from './id-aliases';
import { listedObjects } from './listed-objects';
import { azapiLookupObjects } from './azapi-lookup-objects';
import type { StackFacts } from './rule';

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
 * the ID of a block the model places, a template that spells another resource type's ID, or an object
 * a lookup of the stack lists or reads by its type (listed-objects.ts, azapi-lookup-objects.ts) of
 * another type (84th run, A84b-3).
 */
export function mayNameServer(pointer: unknown, stack?: StackFacts): boolean {
  if (!isUnknown(pointer)) return false;
  const literal = splitTemplate(pointer.toString(), '?').literal;
  if (spellsOtherTypes(literal)) return false;
  return pointer.references.length === 0 || !pointer.references.every((reference) => isPlacedId(reference) || readsOtherTypes(reference, stack));
}

/** Whether a text spells resource types, none a server's. */
function spellsOtherTypes(text: string): boolean {
  const types = [...text.matchAll(PROVIDER_TYPE)].map((match) => match[1].toLowerCase());
  return types.length > 0 && !types.some((type) => SERVER_TYPES.includes(type));
}

/** A reference to a lookup's attribute: group 1 the lookup, 2 the attribute. */
const LOOKUP_READ = new RegExp(String.raw`^(data\.[a-z][a-z0-9_]*\.[^.[\]]+)(?:${INSTANCE_KEY})?\.([a-z][a-z0-9_]*)`);

/** Whether a reference reads objects a lookup lists or reads by their type, each spelled of a type other than a server's. */
function readsOtherTypes(reference: string, stack: StackFacts | undefined): boolean {
  const [, address, attribute] = LOOKUP_READ.exec(reference) ?? [];
  const lookup = address === undefined ? undefined : stack?.lookups?.get(address);
  if (lookup === undefined) return false;
  const objects = listedObjects(lookup, attribute, stack) ?? azapiLookupObjects(lookup, attribute, stack);
  return Array.isArray(objects) && objects.every(spellsOtherTypes);
}
