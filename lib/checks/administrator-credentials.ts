import { nameKey } from './azure-keys';
import { ownValue } from '../private/own-keys';
import { AZAPI_WRITER_TYPES, azapiParent, azapiType, writes } from './azapi-writes';
import { isDynamicBlock } from './dynamic-blocks';
import { wholeReadings } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { AZUREAD_PRINCIPALS, INVITED, PrincipalKind, principalWriter, principalWriters } from './principal-writers';
import { isObject } from './terraform-json';
import { directoryWriters, mayBeGroup, mentionsGroup, namesObject, REQUEST_WRITER } from './administrator-groups';
import { judgedMembership } from './administrator-memberships';
import { adoptedGroup, isMadePrincipal, laterPathPointer, mayBeGroupLater, MOVED_POINTER, pointersOf, sameId } from './later-groups';
import { DirectoryCollection, DirectoryPointer, pointerBlocks } from './directory-pointers';
import { StackFacts } from './rule';
import { mayBeKind as mayBeKindOf } from './policy-scope';
import { identityIdNames } from './read-identities';
import { mentionsIn } from './server-mentions';
import { adoptedBy, importInto, stackCreates } from './stack-created';
import type { ResourceView } from './stack-model';

// Whoever holds a credential of a declared Entra administrator (a client secret, a certificate, a
// federated identity credential, a password) or owns it (and so can add one) signs in to the server as
// that administrator: a block that writes one gives a new party azure_pg_admin, like a member written
// into an administrator group (fourteenth review, A14b-19).

/** What a credential or owner names: the principal itself, the application of a service principal, a managed identity. */
type Kind = 'servicePrincipal' | 'application' | 'identity' | 'user';

/** A resource of the stack that writes a credential or an owner of a declared administrator, and how the message says it. */
export interface CredentialAddition {
  readonly resource: ResourceView;
  readonly administrator: ResourceView;
  /** What it writes and into whom: 'writes a client secret for the service principal "deploy-sp" (object "…")'. */
  readonly text: string;
}

interface CredentialWriter {
  readonly kind: Kind;
  /** The arguments that name the principal (azuread 2.x and 3.x, azurerm 3.x and 4.x spell them differently). */
  readonly pointers: readonly string[];
  readonly action: string;
}

const APPLICATION_POINTERS = ['application_object_id', 'application_id'];
const FEDERATED = 'lets an outside identity sign in (a federated identity credential) as';

/**
 * Types whose block writes a credential or an owner of the principal an argument names. azuread 2.x names a
 * service principal or application by object ID, 3.x by "/servicePrincipals/<id>" ("/applications/<id>");
 * a user-assigned identity's federated credentials hang under its resource ID.
 */
const CREDENTIAL_WRITERS: { readonly [type: string]: CredentialWriter } = {
  azuread_service_principal_password: { kind: 'servicePrincipal', pointers: ['service_principal_id'], action: 'writes a client secret for' },
  azuread_service_principal_certificate: { kind: 'servicePrincipal', pointers: ['service_principal_id'], action: 'adds a sign-in certificate to' },
  azuread_application_password: { kind: 'application', pointers: APPLICATION_POINTERS, action: 'writes a client secret for' },
  azuread_application_certificate: { kind: 'application', pointers: APPLICATION_POINTERS, action: 'adds a sign-in certificate to' },
  azuread_application_federated_identity_credential: { kind: 'application', pointers: APPLICATION_POINTERS, action: FEDERATED },
  // A claims-matching expression lets every subject it matches sign in (nineteenth review, A19a-7).
  azuread_application_flexible_federated_identity_credential: { kind: 'application', pointers: APPLICATION_POINTERS, action: FEDERATED },
  azuread_application_owner: { kind: 'application', pointers: ['application_id'], action: 'adds an owner, who can add credentials, to' },
  azurerm_federated_identity_credential: { kind: 'identity', pointers: ['parent_id', 'user_assigned_identity_id'], action: FEDERATED },
};

/** The azapi type of a user-assigned identity's federated credential, any API version, any case. */
export const AZAPI_FEDERATED = /^microsoft\.managedidentity\/userassignedidentities\/federatedidentitycredentials(?:@|$)/i;
const AZAPI_WRITER: CredentialWriter = { kind: 'identity', pointers: ['parent_id'], action: FEDERATED };

/**
 * A user's profile fields that Entra's self-service password reset uses as contacts when they hold a value (Microsoft's
 * "Prepopulate user authentication contact information for SSPR": Mobile phone, Office phone, Alternate email): whoever
 * receives the code there resets the user's password.
 */
const RESET_CONTACTS = {
  mobile_phone: 'the mobile phone (a password reset contact)',
  business_phones: 'the office phone (a password reset contact)',
  other_mails: 'the alternate emails (a password reset contact)',
};

/**
 * Attributes of a user that hand the account to another authority (A21a-3): the on-premises immutable ID is the sourceAnchor
 * Entra Connect hard-matches, so an on-premises account with that anchor takes over the cloud user at the next sync (its
 * password too, with password hash sync); a federated identity lets another issuer's account sign in as it.
 */
const HANDED_AWAY = {
  onpremises_immutable_id: 'the on-premises immutable ID (the sourceAnchor an on-premises account hard-matches to take the user over at the next sync)',
  onpremises_sync_enabled: 'on-premises synchronization (the on-premises directory then manages the user)',
  identities: 'a federated sign-in identity (an account of another issuer signs in as the user)',
  // A user made by invitation (azuread_invitation, a Graph POST of invitations) or as a Graph user of type Guest is an external
  // account: whoever redeems the invitation, at the invited address, signs in as it (twenty-second review, A22a-2).
  [INVITED]: 'an invitation (whoever redeems it at the invited address, an account of another organization or a personal one, signs in as the user)',
  user_type: 'the user type Guest (an external account signs in as the user)',
};

/**
 * A user's password policy that lets it hold a password weaker than the tenant's policy (twenty-fifth review, A25b-7): azuread's
 * `disable_strong_password`, Graph's `passwordPolicies` holding "DisableStrongPassword". A password that never expires
 * (`disable_password_expiration`, "DisablePasswordExpiration") is not read as weakening: Microsoft's own guidance is not to
 * expire passwords, and Entra tenants are created so.
 */
const WEAK_PASSWORDS = { disable_strong_password: 'a password policy that allows a weak password (DisableStrongPassword)' };

/**
 * The principal kinds whose block is the principal itself, and the arguments (in the azuread shape: principal-writers.ts reads a
 * Graph or REST body into it) that write its owners or credentials, or hand it to another party.
 */
export const PRINCIPAL_ATTRIBUTES: { readonly [kind in PrincipalKind]?: { readonly kind: Kind; readonly attributes: { readonly [attribute: string]: string } } } = {
  servicePrincipal: { kind: 'servicePrincipal', attributes: { owners: 'the owners', password: 'a client secret', key_credentials: 'a sign-in certificate' } },
  application: {
    kind: 'application',
    attributes: { owners: 'the owners', password: 'a client secret', key_credentials: 'a sign-in certificate', federated_identity_credentials: 'a federated identity credential' },
  },
  // Self-service password reset sends its code to the profile's mobile and office phones and alternate emails (A20a-7).
  user: { kind: 'user', attributes: { password: 'the password', ...RESET_CONTACTS, ...HANDED_AWAY, ...WEAK_PASSWORDS } },
};

/** Every type this file reads (PG-IAM-3 reports a block read here once, not again as a group write). */
export const CREDENTIAL_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(CREDENTIAL_WRITERS), ...Object.entries(AZUREAD_PRINCIPALS).filter(([, kind]) => PRINCIPAL_ATTRIBUTES[kind] !== undefined).map(([type]) => type),
]);

/** Whether an attribute of a principal is written: present, not null, not an empty list; a federated identity only of another issuer. */
function isWritten(fields: { readonly [attribute: string]: unknown }, attribute: string): boolean {
  const value = fields[attribute];
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return false;
  // Graph's onPremisesSyncEnabled false (or null) keeps the user managed in the cloud.
  if (attribute === 'onpremises_sync_enabled') return value !== false && value !== 'false';
  // A Member user is the tenant's own; Guest, or a type known only at apply time, may be an external account.
  if (attribute === 'user_type') return typeof value !== 'string' || value.trim().toLowerCase() !== 'member';
  // azuread's boolean, or Graph's list of policies as text: one holding DisableStrongPassword (A25b-7).
  if (attribute === 'disable_strong_password') return value === true || (typeof value === 'string' ? value.trim().toLowerCase() === 'true' || /disablestrongpassword/i.test(value) : typeof value !== 'boolean');
  // A local account's identities (signInType userPrincipalName, emailAddress, userName) are the tenant's own.
  if (attribute === 'identities') return !Array.isArray(value) || value.some((identity) => !isObject(identity) || !LOCAL_SIGN_IN.includes(String(identity.signInType ?? identity.signintype ?? '').trim().toLowerCase()));
  return true;
}

/** The sign-in types of a user's identities that are local accounts of the tenant, not another issuer's. */
const LOCAL_SIGN_IN = ['userprincipalname', 'emailaddress', 'username'];

/** The resource (or data source) an expression reads, "azuread_application.app" or "data.azuread_service_principal.sp". */
const ENTITY = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)/;

/** Whether the administrator may be a principal of the kind: its type says so, or does not say (Single Server, an expression: policy-scope.ts). */
function mayBeKind(administrator: ResourceView, kind: Kind): boolean {
  return mayBeKindOf(administrator, [kind === 'user' ? 'user' : 'serviceprincipal']);
}

/** The blocks the administrator's object ID reads (the principal), or for an application the application its service principal is made for. */
function entitiesOf(administrator: ResourceView, kind: Kind, stack: StackFacts | undefined): string[] {
  const id = administrator.config.object_id;
  if (!isUnknown(id)) return [];
  const own = id.references.map((reference) => ENTITY.exec(reference)?.[1]).filter((entity): entity is string => entity !== undefined);
  if (kind !== 'application') return own;
  return own.flatMap((entity) => {
    const block = stack?.resources?.get(entity) ?? stack?.lookups?.get(entity);
    // azuread 2.x writes a service principal's application as application_id, 3.x as client_id, Graph as appId (A21a-6).
    const fields = principalWriters(stack).get(entity)?.fields;
    const written = fields === undefined || isUnknown(fields) ? block?.config : fields;
    return [written?.client_id, written?.application_id].flatMap((value) => (isUnknown(value) ? value.references : []))
      .map((reference) => ENTITY.exec(reference)?.[1]).filter((entity): entity is string => entity !== undefined);
  });
}

/**
 * Whether a pointer names the administrator ('is'), may name it ('may': known only at apply time, or an
 * application or identity whose ID cannot be compared with the principal's object ID), or names another.
 */
function relation(administrator: ResourceView, value: unknown, kind: Kind, stack: StackFacts | undefined): 'is' | 'may' | undefined {
  const id = administrator.config.object_id;
  if (typeof value === 'string') {
    if (kind === 'identity') return identityMayBe(administrator, value, stack) ? 'may' : undefined;
    if (kind === 'application') return hasMadeApplication(administrator, stack) ? undefined : 'may';
    if (typeof id === 'string') return sameId(id, value) ? 'is' : undefined;
    return isMadePrincipal(id, stack) ? undefined : 'may';
  }
  if (!isUnknown(value)) return undefined;
  const entities = entitiesOf(administrator, kind, stack);
  if (value.references.some((reference) => entities.includes(ENTITY.exec(reference)?.[1] ?? ''))) return 'is';
  // The principal itself by the one reading of "is this value the administrator?" (a lookup of its kind, a for_each item: A29a-1, A29a-3).
  if ((kind === 'servicePrincipal' || kind === 'user') && namesObject(administrator, value, stack)) return 'is';
  // Another identity resource that spells the made identity's ID (its same names, literal or a variable's default, or one an
  // import adopts it into: expression-readings.ts) is that identity, as a literal ID of it is.
  if (kind === 'identity' && isMadePrincipal(administrator.config.object_id, stack) && wholeReadings(value, stack).some((text) => identityMayBe(administrator, text, stack))) return 'may';
  return mayBeGroupLater(administrator, value, stack) ? 'may' : undefined;
}

/**
 * Whether the administrator is a service principal the stack makes for an application the stack makes (neither
 * adopted by an import): then no literal application ID is its application, an existing one's.
 */
function hasMadeApplication(administrator: ResourceView, stack: StackFacts | undefined): boolean {
  const applications = entitiesOf(administrator, 'application', stack);
  return isMadePrincipal(administrator.config.object_id, stack) && applications.length > 0
    && applications.every((entity) => MADE_APPLICATIONS.some((type) => entity.startsWith(`${type}.`)) && stackCreates(entity, stack));
}

/** The azuread types that make an application (azuread 3.x also makes one as a registration). */
const MADE_APPLICATIONS = ['azuread_application', 'azuread_application_registration'];

/**
 * Whether a literal identity ID may be the administrator's managed identity: a principal the stack makes is
 * the identity of its literal resource group and name (an ARM ID is spelled from them, unlike an object ID);
 * any other administrator may be any identity, its object ID not being the identity's resource ID.
 */
function identityMayBe(administrator: ResourceView, value: string, stack: StackFacts | undefined): boolean {
  const id = administrator.config.object_id;
  if (!isMadePrincipal(id, stack)) return true;
  const identity = isUnknown(id) ? stack?.resources?.get(ENTITY.exec(id.references[0])?.[1] ?? '') : undefined;
  if (identity === undefined || identity.type !== 'azurerm_user_assigned_identity') return false;
  // The ID and the names read as keys, as every reader reads them (azure-keys.ts; run 35).
  const spelled = identityIdNames(value);
  const { name, resource_group_name: group } = identity.config;
  const same = (literal: unknown, part: string | undefined) => typeof literal !== 'string' || part === undefined || nameKey(literal) === part;
  return spelled !== undefined && same(name, spelled.name) && same(group, spelled.group);
}

/** How the message names the administrator (or its application) of the kind. */
function targetOf(administrator: ResourceView, kind: Kind): string {
  const type = administrator.config.principal_type;
  const word = typeof type === 'string' ? ({ serviceprincipal: 'service principal', user: 'user' } as { [type: string]: string })[type.trim().toLowerCase()] ?? 'administrator' : 'administrator';
  const name = administrator.config.principal_name ?? administrator.config.login ?? administrator.config.object_id ?? null;
  const principal = `the ${word} ${JSON.stringify(name)} (object ${JSON.stringify(administrator.config.object_id ?? null)})`;
  return kind === 'application' ? `the application of ${principal}` : principal;
}

const NOUNS: { readonly [kind in Kind]: string } = { servicePrincipal: 'a service principal', application: 'an application', identity: 'a managed identity', user: 'a user' };

/** How the message names a principal that may be the administrator, by the pointer that names it. */
function mayBeText(administrator: ResourceView, kind: Kind, pointer: string, value: unknown): string {
  const target = targetOf(administrator, kind);
  const named = `${NOUNS[kind]} whose ${pointer} ${JSON.stringify(value ?? null)}`;
  if (typeof value !== 'string') return `${named} is known only at apply time and may be ${target}`;
  if (kind === 'application' || kind === 'identity') return `${named} may be ${target} (its ID is not the principal's object ID, so the checks cannot tell)`;
  return `${named} may be ${target}, whose object ID is known only at apply time`;
}

/**
 * The credentials and owners the stack writes for the given administrators: a block of CREDENTIAL_WRITERS
 * whose pointer is, or may be, one of them, and a principal block (made or adopted by an import) that is,
 * or may be, one of them and sets its owners or credentials.
 */
export function credentialAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): CredentialAddition[] {
  const writers = credentialWriters(stack).flatMap(({ resource, writer }): CredentialAddition[] => {
    const candidates = administrators.filter((administrator) => mayBeKind(administrator, writer.kind));
    for (const pointer of writer.pointers.filter((each) => pointerValue(resource, each) !== undefined)) {
      const value = pointerValue(resource, pointer);
      const found = candidates.find((administrator) => relation(administrator, value, writer.kind, stack) === 'is');
      if (found !== undefined) return [{ resource, administrator: found, text: `${writer.action} ${targetOf(found, writer.kind)}` }];
      const later = candidates.find((administrator) => relation(administrator, value, writer.kind, stack) === 'may');
      if (later !== undefined) return [{ resource, administrator: later, text: `${writer.action} ${mayBeText(later, writer.kind, pointer, value)}` }];
    }
    return [];
  });
  // Every writer of a principal (azuread, a Graph or REST post), its body read in the azuread shape (A21a-6).
  const principals = [...principalWriters(stack).values()].flatMap(({ resource, kind: made, fields }): CredentialAddition[] => {
    const row = PRINCIPAL_ATTRIBUTES[made];
    if (row === undefined) return [];
    const { kind, attributes } = row;
    const type = resource.type;
    // A body known only at apply time may set any of them.
    const listed = isUnknown(fields) ? [] : Object.keys(attributes).filter((attribute) => isDynamicBlock(resource.config, attribute) || isWritten(fields, attribute));
    if (listed.length === 0 && !isUnknown(fields)) return [];
    const action = isUnknown(fields)
      ? `sets, by a body known only at apply time, ${NOUNS[kind]}'s credentials, owners or reset contacts, which may be those of`
      : `sets ${listed.map((attribute) => attributes[attribute]).join(' and ')} of`;
    const candidates = administrators.filter((administrator) => mayBeKind(administrator, kind));
    const found = candidates.find((administrator) => entitiesOf(administrator, kind, stack).includes(resource.address));
    if (found !== undefined) return [{ resource, administrator: found, text: `${action} ${targetOf(found, kind)}` }];
    // azuread 2.x adopts the existing service principal of an application with use_existing: it may be the administrator.
    const existing = type === 'azuread_service_principal' && resource.config.use_existing !== undefined && resource.config.use_existing !== false && resource.config.use_existing !== 'false'
      ? candidates.find((administrator) => !isMadePrincipal(administrator.config.object_id, stack)) : undefined;
    if (existing !== undefined) return [{ resource, administrator: existing, text: `${action} the existing service principal of its application (use_existing), which may be ${targetOf(existing, kind)}` }];
    // A principal an import block adopts is the existing one it names: it may be the administrator.
    for (const administrator of candidates) {
      const adopted = kind === 'application' ? adoptedApplication(administrator, resource, stack) : kind === 'user' && importsUpn(administrator, resource, stack) ? {} : adoptedGroup(administrator, resource, stack);
      if (adopted === undefined) continue;
      const id = importInto(resource.address, stack)?.id;
      if (adopted.laterPointer === undefined) return [{ resource, administrator, text: `${action} ${targetOf(administrator, kind)}, adopted by an import of its object ID` }];
      if (adopted.laterPointer === MOVED_POINTER) return [{ resource, administrator, text: `${action} ${NOUNS[kind]} whose ${MOVED_POINTER} may be ${targetOf(administrator, kind)}` }];
      return [{ resource, administrator, text: `${action} ${mayBeText(administrator, kind, 'import id', id)}` }];
    }
    return [];
  });
  return [...writers, ...principals, ...unreadPosts(administrators, stack), ...graphWrites(administrators, stack)].sort((x, y) => (x.resource.address < y.resource.address ? -1 : 1));
}

/**
 * A Graph or REST path to one application ("applications/<id>/addPassword", "applications(appId='…')"), not the
 * collection a new one is posted to, or to a service principal by its application's client ID ("servicePrincipals(appId='…')"; one by its
 * own ID, "servicePrincipals('<id>')", is read by directory-pointers.ts).
 */
const APPLICATION_PATH = /(?:^|\/)(?:applications(?:\/[^/\s]|\()|serviceprincipals\(\s*appid\s*=)/i;

/** The collections a Graph or REST path names a principal administrator (or its application) in. */
const PRINCIPAL_COLLECTIONS: readonly DirectoryCollection[] = ['users', 'servicePrincipals', 'applications'];

/**
 * Writes of a type no rule reads (Microsoft Graph, REST, other azuread types) that name an administrator that is
 * no group (administrator-groups.ts reads those): its object ID in any text ("servicePrincipals/<id>/addPassword"),
 * a reference to it, or a Graph path whose ID is known only at apply time and may be its.
 */
function graphWrites(administrators: readonly ResourceView[], stack: StackFacts | undefined): CredentialAddition[] {
  // One whose type does not say (Single Server) may be a group too: a write that names it is judged there, a path into a principal here.
  const principals = administrators.filter((administrator) => mayBeKind(administrator, 'servicePrincipal') || mayBeKind(administrator, 'user'));
  // A Graph write that only adds a member to a group adds no credential or owner: administrator-memberships.ts judges it.
  return directoryWriters(stack).filter((resource) => !CREDENTIAL_TYPES.has(resource.type) && !judgedMembership(resource, administrators, stack)).flatMap((resource): CredentialAddition[] => {
    const action = `may add a credential or owner (through ${resource.type}, a type no rule reads) to`;
    const found = principals.find((administrator) => (!mayBeGroup(administrator) && mentionsGroup(administrator, resource, stack)) || namesUser(administrator, resource));
    if (found !== undefined) return [{ resource, administrator: found, text: `${action} ${targetOf(found, 'servicePrincipal')}` }];
    // The principal or its application by any pointer that reads the block the stack makes it as: .id, .object_id, appId= (A19a-7).
    for (const administrator of principals.filter((each) => mayBeKind(each, 'servicePrincipal'))) {
      const signIn = signInPointer(administrator, resource, stack);
      if (signIn !== undefined) return [{ resource, administrator, text: `${action} ${targetOf(administrator, signIn.collection === 'applications' ? 'application' : 'servicePrincipal')} (${signIn.where})` }];
    }
    // An azuread type of no table that names the administrator's application by its argument may add a credential to it (fail closed, A19a-7).
    const byArgument = applicationArgument(resource, principals, stack);
    if (byArgument !== undefined) return [byArgument];
    // A path whose ID the checks cannot read as another principal: one known only at apply time, or a literal while the administrator's is (A17b-4).
    for (const administrator of principals) {
      const pointer = laterPathPointer(administrator, resource, stack, PRINCIPAL_COLLECTIONS);
      if (pointer === undefined) continue;
      const target = targetOf(administrator, 'servicePrincipal');
      if (pointer.alternateKey) return [{ resource, administrator, text: `${action} a principal whose ${pointer.text} names it by a key that is not its object ID and may be ${target}` }];
      if (!pointer.literal) return [{ resource, administrator, text: `${action} a principal whose ${pointer.text} is known only at apply time and may be ${target}` }];
      return [{ resource, administrator, text: `${action} ${typeof administrator.config.object_id === 'string' ? target : `a principal whose ${pointer.text} may be ${target}, whose object ID is known only at apply time`}` }];
    }
    // An application addressed by its own ID may be a service principal administrator's: its ID is not the principal's object ID.
    const application = mentionsIn(resource.config).texts.find((text) => APPLICATION_PATH.test(text));
    const owner = application === undefined ? undefined : principals.find((administrator) => mayBeKind(administrator, 'application') && !hasMadeApplication(administrator, stack));
    return owner === undefined ? [] : [{ resource, administrator: owner, text: `${action} an application or service principal (${JSON.stringify(application)}) that may be ${targetOf(owner, 'application')} (its ID is not the principal's object ID, so the checks cannot tell)` }];
  });
}

/**
 * The pointer by which a write names a service principal administrator, or the application it is made for, through the blocks
 * the stack makes them as (nineteenth review, A19a-7): every attribute Graph accepts a key of (`object_id`, the azuread 3.x `id`
 * "/applications/<id>", `client_id` in `appId='…'`) is a reading of that block, so any pointer into either collection that reads it.
 */
function signInPointer(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined): DirectoryPointer | undefined {
  const blocks = new Set([...entitiesOf(administrator, 'servicePrincipal', stack), ...entitiesOf(administrator, 'application', stack)]);
  if (blocks.size === 0) return undefined;
  return pointersOf(resource, stack).find((pointer) => SIGN_IN_COLLECTIONS.includes(pointer.collection) && pointerBlocks(pointer).some((block) => blocks.has(block)));
}

/**
 * azuread types that name an application by its argument but write nothing that signs in as it, each with the reason; any other
 * azuread type naming the administrator's application (one a later provider adds) may write a credential of it (A19a-7).
 */
export const INERT_APPLICATION_TYPES: { readonly [type: string]: string } = {
  azuread_application_api_access: 'the permissions the application asks for: granting them is judged as a power (administrator-powers.ts)',
  azuread_application_app_role: 'a role the application defines for others to be given',
  azuread_application_identifier_uri: 'the audience its tokens are issued for',
  azuread_application_known_clients: 'clients consented with it, which sign in as themselves',
  azuread_application_optional_claims: 'claims in the tokens it receives',
  azuread_application_permission_scope: 'a delegated scope it exposes to other clients',
  azuread_application_pre_authorized: 'a client pre-authorized for its scopes, which signs in as itself',
  azuread_application_redirect_uris: 'where users\' sign-ins are sent: their tokens are the users\', not the application\'s',
  azuread_application_fallback_public_client: 'public client flows sign users in, never the application itself',
};

/** The arguments by which an azuread type names an application (2.x object ID, 3.x "/applications/<id>"). */
const APPLICATION_ARGUMENT = /^application_(?:object_)?id$/;

/** A write of an azuread type of no table (nor inert) whose application argument is, or may be, the application of a service principal administrator. */
function applicationArgument(resource: ResourceView, principals: readonly ResourceView[], stack: StackFacts | undefined): CredentialAddition | undefined {
  if (!resource.type.startsWith('azuread_') || ownValue(INERT_APPLICATION_TYPES, resource.type) !== undefined) return undefined;
  for (const [argument, value] of Object.entries(resource.config).filter(([key]) => APPLICATION_ARGUMENT.test(key))) {
    for (const administrator of principals.filter((each) => mayBeKind(each, 'application'))) {
      const related = relation(administrator, value, 'application', stack);
      if (related === undefined) continue;
      const action = `may add a credential (through ${resource.type}, a type no rule reads) to`;
      return { resource, administrator, text: `${action} ${related === 'is' ? targetOf(administrator, 'application') : mayBeText(administrator, 'application', argument, value)}` };
    }
  }
  return undefined;
}

/** The collections whose objects sign in as a service principal: itself, and its application. */
const SIGN_IN_COLLECTIONS: readonly DirectoryCollection[] = ['servicePrincipals', 'applications'];

/** Whether an import block adopts the user administrator by its user principal name (Graph reads a user by either). */
function importsUpn(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined): boolean {
  const id = importInto(resource.address, stack)?.id;
  const name = administrator.config.principal_name ?? administrator.config.login;
  return typeof id === 'string' && typeof name === 'string' && name.trim() !== '' && id.trim().toLowerCase().endsWith(name.trim().toLowerCase());
}

/** Whether a Graph or REST write addresses a user administrator by its user principal name ("users/ops@contoso.com"), as Graph allows. */
function namesUser(administrator: ResourceView, resource: ResourceView): boolean {
  const name = administrator.config.principal_name ?? administrator.config.login;
  if (!mayBeKind(administrator, 'user') || typeof name !== 'string' || !name.includes('@')) return false;
  const path = `users/${name.trim().toLowerCase()}`;
  return mentionsIn(resource.config).texts.some((text) => text.toLowerCase().includes(path) || text.toLowerCase().includes(path.replace('@', '%40')));
}

/**
 * Whether an import (or a moved block, A28a-8) adopts an application that may be the administrator's into the resource: its import ID is
 * the application's own object ID, never the service principal's, so any may be, unless the administrator is a
 * principal the stack makes (a new object, whose application the model follows by reference).
 */
function adoptedApplication(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined): { readonly laterPointer: string } | undefined {
  const how = adoptedBy(resource.address, stack);
  if (how === undefined || hasMadeApplication(administrator, stack)) return undefined;
  return { laterPointer: how === 'moved' ? MOVED_POINTER : 'import id' };
}

/** A writer's pointer: an azapi write's parent is its parent_id, or its resource_id's parent (azapi-writes.ts). */
function pointerValue(resource: ResourceView, pointer: string): unknown {
  return pointer === 'parent_id' && AZAPI_WRITER_TYPES.includes(resource.type) ? azapiParent(resource) : resource.config[pointer];
}

/** The credential writer a resource is: a type of the table, or an azapi write (any writer form, azapi-writes.ts) of a federated identity credential. */
function writerOf(resource: ResourceView): CredentialWriter | undefined {
  if (AZAPI_WRITER_TYPES.includes(resource.type)) return writes(resource) && AZAPI_FEDERATED.test(azapiType(resource) ?? '') ? AZAPI_WRITER : undefined;
  if (!resource.address.startsWith(`${resource.type}.`)) return undefined;
  return ownValue(CREDENTIAL_WRITERS, resource.type);
}

/** The stack's credential writers, read once per stack: every server asks (reading every block per server was quadratic in servers). */
function credentialWriters(stack: StackFacts | undefined): readonly WrittenCredential[] {
  if (stack === undefined) return [];
  let writers = writersByStack.get(stack);
  if (writers === undefined) {
    writers = [...stack.resources?.values() ?? []].flatMap((resource) => {
      const writer = writerOf(resource);
      return writer === undefined ? [] : [{ resource, writer }];
    });
    writersByStack.set(stack, writers);
  }
  return writers;
}

const writersByStack = new WeakMap<StackFacts, readonly WrittenCredential[]>();

/** A block of the stack that writes a credential, with what it writes. */
interface WrittenCredential {
  readonly resource: ResourceView;
  readonly writer: CredentialWriter;
}

/** The kinds of principal a user or service principal administrator is (its application is read through it). */
const ADMINISTRATOR_KINDS: { readonly [type: string]: PrincipalKind & Kind } = { user: 'user', serviceprincipal: 'servicePrincipal' };

/**
 * A user or service principal administrator whose object ID reads a Graph or REST block that principal-writers.ts does not read as a
 * new principal of its kind (an application template instantiated, any other path; an invitation is read as its invited user, A22a-2):
 * what that request writes into the principal is not judged, so it fails closed (A21a-6).
 */
function unreadPosts(administrators: readonly ResourceView[], stack: StackFacts | undefined): CredentialAddition[] {
  return administrators.flatMap((administrator): CredentialAddition[] => {
    const type = administrator.config.principal_type;
    const kind = typeof type === 'string' ? ownValue(ADMINISTRATOR_KINDS, type.trim().toLowerCase()) : undefined;
    if (kind === undefined) return [];
    const posts = entitiesOf(administrator, kind, stack).map((entity) => stack?.resources?.get(entity))
      .filter((resource): resource is ResourceView => resource !== undefined && REQUEST_WRITER.test(resource.type) && principalWriter(resource)?.kind !== kind);
    return posts.slice(0, 1).map((resource) => ({
      resource, administrator,
      text: `makes, by a request the checks do not read as a new ${kind === 'user' ? 'user' : 'service principal'} (its path or type is not one of a principal writer), the credentials, owners and reset contacts of ${targetOf(administrator, kind)}`,
    }));
  });
}
