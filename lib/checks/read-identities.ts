import { blockOf } from './attribute-reads';
import { azapiType } from './azapi-writes';
import { referencesThrough } from './given-objects';
import { isUnknown, Unknown } from './hcl-expression';
import { pointerScope } from './judged-scopes';
import { fromJudged, PerimeterObject } from './perimeter-objects';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

/** A user-assigned identity's Azure type, as the azapi readers key it. */
const AZURE_IDENTITY_TYPE = 'microsoft.managedidentity/userassignedidentities';

/** Whether a block, made or looked up, is a user-assigned identity: azurerm's type, or an azapi block of its Azure type. */
export function isUserAssignedIdentity(block: ResourceView): boolean {
  return block.type === 'azurerm_user_assigned_identity' || (block.type.startsWith('azapi_') && azapiType(block) === AZURE_IDENTITY_TYPE);
}

/**
 * The user-assigned identities of the stack (made or looked up, azurerm or azapi) an object ID reads: by a plain reference, or
 * through a function (`lower(...)`, `try(...)`) or a local that holds one, which may keep its value (92nd run, A92c-1).
 */
export function identitiesRead(objectId: unknown, stack: StackFacts | undefined): string[] {
  if (!isUnknown(objectId)) return [];
  const addresses = new Set(referencesThrough(objectId, stack).flatMap((reference) => blockOf(reference) ?? []));
  return [...addresses].filter((address) => {
    const block = stack?.resources?.get(address) ?? stack?.lookups?.get(address);
    return block !== undefined && isUserAssignedIdentity(block);
  });
}

/** The identity at `address` as an object whose attachments are judged: named by a reference to it, its ID, or the ID its names spell. */
export function identityObject(address: string, what: (named: string) => string, stack: StackFacts | undefined): PerimeterObject {
  const pointer = new Unknown(`${address}.id`, [`${address}.id`]);
  return fromJudged('identity', pointerScope('identity', what, pointer, stack)!, stack);
}
