import { blockOf } from './attribute-reads';
import { idKey, idSegments, nameKey } from './azure-keys';
import { ANYTHING, expressionReadings } from './expression-readings';
import { referencesThrough } from './given-objects';
import { isUnknown } from './hcl-expression';
import { namesIdentityNamespace, workloadIdentityValues } from './identity-attachments';
import { isMadePrincipal } from './later-groups';
import { listedObjects } from './listed-objects';
import { PerimeterObject, reachOf } from './perimeter-objects';
import { mayBeKind } from './policy-scope';
import { identityIdNames, isUserAssignedIdentity } from './read-identities';
import { fail, StackFacts, Verdict } from './rule';
import { withEchoes } from './sql-clients';
import { importInto, stackCreates } from './stack-created';
import { ResourceView, ServerView } from './stack-model';

// A managed identity's Entra display name is its resource name. A server's Entra administrator given as a service principal by its
// object ID (not one the stack makes) may be any user-assigned identity of its principal name: a workload that attaches such an
// identity, by a lookup of that name or a literal ID that spells it, signs in to the server as its administrator, as a federated
// credential on it lets an outside workload do (PG-IAM-3) (92nd run, A92c-4).

/** A verdict per workload of the stack that attaches an identity that may, by its name, be a given service principal administrator. */
export function administratorNameAttachments(server: ServerView, stack: StackFacts | undefined): Verdict[] {
  const administrators = server.administrators.filter((administrator) => mayBeKind(administrator, ['serviceprincipal']) && !isMadePrincipal(administrator.config.object_id, stack));
  if (administrators.length === 0) return [];
  const literalNames = administrators.flatMap((administrator) => { const name = principalName(administrator); return typeof name === 'string' ? [name] : []; });
  return workloadIdentityValues(stack).flatMap(({ block, values }) => {
    for (const value of values) {
      const [name, administrator] = identityNames(value, stack, literalNames).flatMap((each) => {
        const found = administrators.find((one) => sameName(principalName(one), each));
        return found === undefined ? [] : [[each, found] as const];
      })[0] ?? [];
      if (administrator !== undefined) return [fail(`${block.address} attaches ${describe(value)} to a workload of its own, a user-assigned identity whose name ${name === LATER ? 'is known only at apply time and' : JSON.stringify(name)} may be the Entra administrator ${JSON.stringify(principalName(administrator) ?? null)} of the server (${administrator.address}; a managed identity's Entra name is its resource name): its code would sign in to the server as its administrator, with no justification.`, block.address)];
    }
    return [];
  });
}

/** A name known only at apply time. */
const LATER = Symbol('later');

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
 * The names of the user-assigned identities a value may name that the stack does not make (LATER for a name known only at apply
 * time): a lookup of an identity (azurerm or azapi) by its `name`, an item of a search that may list identities of a name
 * (`data.azurerm_resources` by type and name), an identity block an import adopts (it is that existing identity), and an ID any
 * reading of the value spells: a literal, a template, `format()`/`join()` over variables (93rd run, A93b-1), what a relay or a
 * variable's default gives back. An identity the stack makes is a new object, whichever name it has.
 */
function identityNames(value: unknown, stack: StackFacts | undefined, wanted: readonly string[]): (string | typeof LATER)[] {
  const references = isUnknown(value) ? referencesThrough(value, stack) : [];
  const made = references.filter((reference) => madeIdentity(blockOf(reference), stack));
  return [
    ...references.flatMap((reference) => lookedUpNames(reference, stack)),
    ...withEchoes(value, stack).flatMap((each) => readNames(each, stack, new Set(made), wanted)),
  ];
}

/**
 * The names a value's readings spell. A reading that may be any text (ANYTHING: a function the readers do not know, an azapi or azurerm
 * provider function that builds an ID, made it of literal text) may be any identity's ID where the value names the identities' namespace,
 * as the login reader reads it (identity-attachments.ts named): LATER, never no name (95th run, A95a-5).
 * A reading whose identities' type path a part known only later may hold is read too (laterPathName).
 */
function readNames(value: unknown, stack: StackFacts | undefined, made: ReadonlySet<string>, wanted: readonly string[]): (string | typeof LATER)[] {
  const readings = expressionReadings(value, stack, made) ?? [];
  if (readings.some((reading) => reading.includes(ANYTHING))) return namesIdentityNamespace(value) ? [LATER] : [];
  return readings.flatMap((reading) => spelledName(reading) ?? laterPathName(reading, value, wanted, stack) ?? []);
}

/**
 * The name of the identity a reading may be the ID of where a part known only later ("*") may hold its identities' type path
 * (`${var.pre}/id-pg-admin`, `${var.pre}/userAssignedIdentities/id-pg-admin`): its literal last segment, where the reading may be
 * the ID of an identity of that name in any subscription and group, read as the login reader reads an attached ID (identity-attachments.ts
 * named: perimeter-objects.ts reachOf; 96th run, A96b-3). Its name is read for an administrator of that literal name, or, where the
 * value names the identities' namespace, for any: otherwise a variable's path to any text (`${var.api}/health`) would be every identity
 * for an administrator whose name is known only later, as a template wholly a variable would be.
 */
function laterPathName(reading: string, value: unknown, wanted: readonly string[], stack: StackFacts | undefined): string | undefined {
  const name = reading.includes('*') ? idSegments(reading).pop() : undefined;
  if (name === undefined || /[*?]/.test(name)) return undefined;
  if (!namesIdentityNamespace(value) && !wanted.some((each) => nameKey(each) === nameKey(name))) return undefined;
  const identity: PerimeterObject = { kind: 'identity', what: name, addresses: [], ids: [idKey(`${IDENTITY_PARENT}/${name}`)], values: [], exact: true, byName: true };
  return reachOf(identity, reading, stack) === 'is' ? name : undefined;
}

/** The IDs of the user-assigned identities, in any subscription and resource group ("?": one segment known only later). */
const IDENTITY_PARENT = '/subscriptions/?/resourceGroups/?/providers/Microsoft.ManagedIdentity/userAssignedIdentities';

/** Whether a block is a user-assigned identity the stack makes (no import or moved block adopts it). */
function madeIdentity(address: string | undefined, stack: StackFacts | undefined): boolean {
  const block = address === undefined ? undefined : stack?.resources?.get(address);
  return block !== undefined && isUserAssignedIdentity(block) && stackCreates(block, stack);
}

/**
 * The names of the existing identities a reference may read by a block: an identity the stack does not create, by its literal name
 * (a lookup of one, an identity block an import or moved block adopts: it is that existing identity) or the one its import ID spells;
 * an item of a list lookup (listed-objects.ts: a search by type and name).
 */
function lookedUpNames(reference: string, stack: StackFacts | undefined): (string | typeof LATER)[] {
  const address = blockOf(reference) ?? '';
  const block = stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  if (block === undefined) return [];
  if (isUserAssignedIdentity(block) && !stackCreates(address, stack)) {
    const imported = importInto(address, stack)?.id;
    const names: (string | typeof LATER)[] = [nameOf(block.config.name)];
    const spelled: string | typeof LATER | undefined = imported === undefined ? undefined : isUnknown(imported) ? LATER : spelledName(String(imported));
    if (spelled !== undefined) names.push(spelled);
    return names;
  }
  const attribute = /^\.([\w-]+)/.exec(reference.slice(address.length))?.[1];
  const listed = attribute === undefined ? undefined : listedObjects(block, attribute, stack);
  if (listed === 'any') return [LATER];
  return (listed ?? []).flatMap((id) => spelledName(id) ?? []);
}

/** A literal name, or LATER for one known only at apply time. */
function nameOf(name: unknown): string | typeof LATER {
  return typeof name === 'string' ? name : LATER;
}

/** The name of the identity an ID (or a reading of one) spells: LATER for a name known only at apply time ("*", "?"). */
function spelledName(text: string): string | typeof LATER | undefined {
  if (text.includes(ANYTHING)) return undefined;
  const name = identityIdNames(text)?.name;
  return name === undefined ? undefined : /[*?]|\$\{/.test(name) ? LATER : name;
}

function describe(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value);
}
