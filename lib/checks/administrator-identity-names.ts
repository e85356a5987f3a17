import { blockOf } from './attribute-reads';
import { nameKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { workloadIdentityValues } from './identity-attachments';
import { isMadePrincipal } from './later-groups';
import { isUserAssignedIdentity } from './read-identities';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';

// A managed identity's Entra display name is its resource name. A server's Entra administrator given as a service principal by its
// object ID (not one the stack makes) may be any user-assigned identity of its principal name: a workload that attaches such an
// identity, by a lookup of that name or a literal ID that spells it, signs in to the server as its administrator, as a federated
// credential on it lets an outside workload do (PG-IAM-3) (92nd run, A92c-4).

/** The resource group and name a user-assigned identity's ID spells (lower case, as written). */
const IDENTITY_ID = /\/resourcegroups\/([^/]+)\/providers\/microsoft\.managedidentity\/userassignedidentities\/([^/]+?)\/?$/i;

/** A verdict per workload of the stack that attaches an identity that may, by its name, be a given service principal administrator. */
export function administratorNameAttachments(server: ServerView, stack: StackFacts | undefined): Verdict[] {
  const administrators = server.administrators.filter((administrator) => mayBeServicePrincipal(administrator.config.principal_type) && !isMadePrincipal(administrator.config.object_id, stack));
  if (administrators.length === 0) return [];
  return workloadIdentityValues(stack).flatMap(({ block, values }) => {
    for (const value of values) {
      const name = identityName(value, stack);
      if (name === undefined) continue;
      const administrator = administrators.find((each) => sameName(principalName(each), name));
      if (administrator !== undefined) return [fail(`${block.address} attaches ${describe(value)} to a workload of its own, a user-assigned identity whose name ${name === LATER ? 'is known only at apply time and' : JSON.stringify(name)} may be the Entra administrator ${JSON.stringify(principalName(administrator) ?? null)} of the server (${administrator.address}; a managed identity's Entra name is its resource name): its code would sign in to the server as its administrator, with no justification.`, block.address)];
    }
    return [];
  });
}

/** A name known only at apply time. */
const LATER = Symbol('later');

function mayBeServicePrincipal(type: unknown): boolean {
  return typeof type !== 'string' || type.includes('${') || type.trim().toLowerCase() === 'serviceprincipal';
}

/** The administrator's principal name (a Single Server's login), a literal, or LATER when an expression gives it. */
function principalName(administrator: ResourceView): string | typeof LATER | undefined {
  const name = administrator.config.principal_name ?? administrator.config.login;
  if (isUnknown(name)) return LATER;
  return typeof name === 'string' ? name : undefined;
}

function sameName(administrator: string | typeof LATER | undefined, identity: string | typeof LATER): boolean {
  if (administrator === undefined) return false;
  return administrator === LATER || identity === LATER || nameKey(administrator) === nameKey(identity);
}

/**
 * The name of the user-assigned identity a value names, when it names one the stack does not make: a literal ID (or a template
 * whose text spells the name), a lookup of an identity (azurerm or azapi) by its `name`; LATER when that name is an expression.
 */
function identityName(value: unknown, stack: StackFacts | undefined): string | typeof LATER | undefined {
  if (typeof value === 'string') return IDENTITY_ID.exec(value)?.[2];
  if (!isUnknown(value)) return undefined;
  const lookup = value.references.map((reference) => blockOf(reference)).find((address) => address?.startsWith('data.') === true && isIdentityLookup(stack?.lookups?.get(address)));
  if (lookup !== undefined) {
    const name = stack?.lookups?.get(lookup)?.config.name;
    return typeof name === 'string' ? name : LATER;
  }
  const spelled = IDENTITY_ID.exec(value.toString())?.[2];
  return spelled === undefined ? undefined : spelled.includes('${') ? LATER : spelled;
}

function isIdentityLookup(block: ResourceView | undefined): boolean {
  return block !== undefined && isUserAssignedIdentity(block);
}

function describe(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value);
}
