import { isUnknown, Unknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

/**
 * A grant's role definition given as the azurerm docs write it (80th run, A80b-2): the `id` (or `role_definition_id`) of a
 * `data.azurerm_role_definition` looked up by a literal name or definition GUID, after a scope's ID or not
 * (`${data.azurerm_subscription.s.id}${data.azurerm_role_definition.r.id}`, the PIM idiom), is that role, as if written by its
 * name or GUID; so is a template whose literal end is a definition ID (`${data.azurerm_subscription.s.id}/providers/
 * Microsoft.Authorization/roleDefinitions/<guid>`). Any other grant stays as written (a role known only at apply time).
 */
export function withLookedUpRole(grant: ResourceView, stack: StackFacts | undefined): ResourceView {
  const written = grant.config.role_definition_id;
  if (!isUnknown(written)) return grant;
  const role = lookedUpRole(written, stack) ?? templatedRole(written);
  return role === undefined ? grant : { ...grant, config: { ...grant.config, role_definition_id: undefined, ...role } };
}

/** A template that ends with a reference to a role definition lookup's ID (group 1 the lookup), after any scope's. */
const LOOKUP_LAST = /\$\{\s*(data\.azurerm_role_definition\.[^.[\]\s}]+)\.(?:id|role_definition_id)\s*\}\s*$/;
/** A definition ID at the end of a text: group 1 its GUID. */
const DEFINITION_ID_END = /\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i;
/** A definition GUID written alone. */
const GUID = /^\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i;

/** The role a lookup the definition reads was looked up by: its literal name, or its literal definition GUID. */
function lookedUpRole(written: Unknown, stack: StackFacts | undefined): { role_definition_name?: string; role_definition_id?: string } | undefined {
  const spelled = written.isPlainReference ? `\${${written.references[0]}}` : written.spelling;
  const address = LOOKUP_LAST.exec(spelled)?.[1];
  const lookup = address === undefined ? undefined : stack?.lookups?.get(address);
  if (lookup === undefined) return undefined;
  const { name, role_definition_id: id } = lookup.config;
  if (typeof name === 'string' && name.trim() !== '' && id === undefined) return { role_definition_name: name.trim() };
  const guid = typeof id === 'string' && name === undefined ? GUID.exec(id)?.[1] : undefined;
  return guid === undefined ? undefined : { role_definition_id: definitionId(guid) };
}

/** The definition a template's literal end names, when no interpolation is inside that end. */
function templatedRole(written: Unknown): { role_definition_id: string } | undefined {
  const guid = written.isPlainReference ? undefined : DEFINITION_ID_END.exec(written.spelling)?.[1];
  return guid === undefined ? undefined : { role_definition_id: definitionId(guid) };
}

function definitionId(guid: string): string {
  return `/providers/Microsoft.Authorization/roleDefinitions/${guid.toLowerCase()}`;
}
