import { IResolveContext, Lazy, ref, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IdPart, resourceIdPart } from './resource-id';
import { isToken } from './tokens';

/** Block types whose ID is built from their own resource_group_name and name (the azurerm provider's ID parsers). */
const OWN_ID_PARTS = /^\$?\{?((?:data\.)?azurerm_virtual_network\.[A-Za-z_][\w-]*)\.id\}?$/;

/**
 * A VNet ID written as its template: each of its group and name one literal name or one whole
 * interpolation of a reference (no function: its text is no traversal to refer to) (`/subscriptions/<s>/resourceGroups/${vnet.resource_group_name}/providers/Microsoft.Network/virtualNetworks/${vnet.name}`).
 * An Azure name holds no "/", so element(split("/", id), part) is that piece as written (the leading "/" counted, as split counts it).
 */
const PIECE = '([^/${}]+|\\$\\{[\\w.\\-\\[\\]" ]+\\})';
const ID_TEMPLATE = new RegExp(`^/subscriptions/[^/]+/resourceGroups/${PIECE}/providers/Microsoft\\.Network/virtualNetworks/${PIECE}/?$`, 'i');
/** Each part of its ID: the attribute of such a block it is, and the capture of ID_TEMPLATE it is. */
const PARTS: Partial<Record<IdPart, { readonly attribute: string; readonly piece: number }>> = {
  [IdPart.RESOURCE_GROUP]: { attribute: 'resource_group_name', piece: 1 },
  [IdPart.NAME]: { attribute: 'name', piece: 2 },
};

/**
 * One part of a resource ID, as resourceIdPart computes it, except for a plain reference to the `id`
 * of a VNet (resource or lookup) of the same stack: there the part is a reference to that block's
 * own `resource_group_name` or `name`, which the provider builds the ID from. Terraform reads the
 * same value; the rule pack then sees the VNet's literal name and group, so a subnet made under it
 * has a literal ID to compare writers with (fourteenth review, A14b-1). So is each piece of the ID
 * written as its template, one name or one interpolation (fifteenth review, A15b-19). Anything else (a
 * cross-stack reference, a variable, an expression) keeps element(split("/", id), part).
 */
export function idPartOf(scope: Construct, id: string, part: IdPart): string {
  const read = PARTS[part];
  if (!isToken(id) || read === undefined) return resourceIdPart(id, part);
  const stack = TerraformStack.of(scope);
  // Each token made once, when first needed: cdktf records a stack trace for each, and a synth resolves this value several times.
  let computed: string | undefined;
  const references = new Map<string, string>();
  const reference = (identifier: string): string => references.get(identifier) ?? references.set(identifier, Token.asString(ref(identifier, stack))).get(identifier)!;
  return Lazy.stringValue({
    produce: (context: IResolveContext) => {
      // Resolved where it is used: a reference to another stack's block resolves to a remote state read, not matched here.
      const resolved: unknown = context.resolve(id);
      const block = typeof resolved === 'string' ? OWN_ID_PARTS.exec(resolved) : null;
      if (block !== null) return reference(`${block[1]}.${read.attribute}`);
      const piece = typeof resolved === 'string' ? ID_TEMPLATE.exec(resolved)?.[read.piece] : undefined;
      if (piece === undefined) return (computed ??= resourceIdPart(id, part));
      // A whole interpolation is the expression it holds (Terraform reads the same value, the checks see a reference).
      return piece.startsWith('${') ? reference(piece.slice(2, -1).trim()) : piece;
    },
  });
}
