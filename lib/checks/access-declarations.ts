/**
 * What each DatabaseAccess declared, as it travels inside the synthesized JSON under the top-level
 * "//" comment (like the suppressions), so the rules that compare the in-database resources with
 * the construct's intent (PGD-IAM-11 to PGD-IAM-13) judge a cdk.tf.json as synth did. Pure: no
 * cdktf. The construct records its declaration with declareAccess (suppression-registry.ts).
 */
import { ACCESS_LEVELS, groupRoleName } from '../database/access-level';
import { providerKeyOf } from './database-checks';
import { evaluateJson, isUnknown, Scope } from './hcl-expression';
import { PASS, StackFacts, Verdict } from './rule';
import { isUnresolvedServer, ownLocals, ServerView } from './stack-model';
import { madePath } from './beside-construct';
import { commentValues, covers, scopesOf } from './suppressions';
import { isObject } from './terraform-json';

export const ACCESS_KEY = 'cdktf-azure-postgres-access';

/** A NOLOGIN group role of one access level in one database. */
export interface DeclaredGroup {
  readonly name: string;
  readonly database: string;
  /** The AccessLevel value: "readonly", "readwrite" or "owner". */
  readonly access: string;
  /** The schemas of the database the level has rights in (the DatabaseAccess's `schemas`); read as DEFAULT_DECLARED_SCHEMAS when absent. */
  readonly schemas?: readonly string[];
}

/** The schemas of a declaration written without them (by a release before they were written): the construct's default, the narrowest reading. */
const DEFAULT_DECLARED_SCHEMAS: readonly string[] = ['public'];

/** The schemas a declared group has rights in. */
export function declaredSchemas(group: DeclaredGroup): readonly string[] {
  return group.schemas ?? DEFAULT_DECLARED_SCHEMAS;
}

/** A login role: the group it is a member of, and its pgaadauth label when an Entra principal signs in as it. */
export interface DeclaredLogin {
  readonly name: string;
  readonly group: string;
  /** Undefined for a password member: no Entra identity may sign in as it. */
  readonly label?: string;
}

/** One DatabaseAccess: where it signs in, as whom, and the roles it makes. */
export interface AccessDeclaration {
  /** Construct path of the DatabaseAccess. */
  readonly path: string;
  /** Address of the server resource it manages, e.g. "azurerm_postgresql_flexible_server.Postgres_Server_1A2B3C4D". */
  readonly server: string;
  /** Key of its postgresql provider, "postgresql.<alias>". */
  readonly provider: string;
  /** The Entra administrator it signs in as. */
  readonly principalName: string;
  /**
   * Set by comparableDeclarations when principalName is no literal (a token: a variable, a lookup's attribute), its text then the
   * expression ("${var.ca}"), which names no role: the administrator it signs in as is known only at apply time (40th run, A40a-3).
   */
  readonly principalNameUnknown?: true;
  readonly groups: readonly DeclaredGroup[];
  readonly logins: readonly DeclaredLogin[];
}

/** The declarations written into a stack's Terraform JSON; entries of another shape are left out. */
export function readAccessDeclarations(terraform: unknown): AccessDeclaration[] {
  return commentValues(terraform, ACCESS_KEY).filter(isDeclaration);
}

/**
 * Why the declarations written into the JSON are not those this process made, or undefined when
 * they are: an override of the "//" comment would have `check` judge the JSON against another intent.
 */
export function alteredDeclarations(terraform: unknown, declared: readonly AccessDeclaration[]): string | undefined {
  const written = readAccessDeclarations(terraform);
  return JSON.stringify(written) === JSON.stringify(declared)
    ? undefined
    : `the DatabaseAccess declarations written into the JSON (//.${ACCESS_KEY}) are not those the constructs made, so \`check\` on the JSON would judge against another intent`;
}

/**
 * The declarations as the rules compare them: the roles' names and labels read the way the stack
 * model reads a resource's and provider blocks are read (database-checks.ts postgresqlProviders: locals and
 * constant expressions folded), and an expression left as its text ("${var.x}"), so a name given as a token
 * compares equal to what it is compared with.
 */
export function comparableDeclarations(terraform: unknown, declarations: readonly AccessDeclaration[]): AccessDeclaration[] {
  if (declarations.length === 0) return [];
  const scope = ownLocals(terraform);
  // An Unknown is written as its text (its toJSON).
  const text = <T>(value: T, within: Scope): T => JSON.parse(JSON.stringify(evaluateJson(value, within))) as T;
  // What the JSON writes of principalNameUnknown is not read: the evaluation of the name says it.
  const written = (declaration: AccessDeclaration) => Object.fromEntries(Object.entries(declaration).filter(([key]) => key !== 'principalNameUnknown')) as AccessDeclaration;
  return declarations.map((declaration) => ({
    ...written(declaration),
    // A token's text is no name: readers compare it as a literal only where it is one (signsInAs, PGD-IAM-6, PGD-IAM-13).
    ...(typeof evaluateJson(declaration.principalName, scope) === 'string' ? {} : { principalNameUnknown: true as const }),
    principalName: text(declaration.principalName, scope),
    groups: text(declaration.groups, scope),
    logins: text(declaration.logins, scope),
  }));
}

/** The declarations of the DatabaseAccess constructs that manage a server. */
export function declarationsOf(declarations: readonly AccessDeclaration[] | undefined, serverAddress: string): AccessDeclaration[] {
  return (declarations ?? []).filter((declaration) => declaration.server === serverAddress);
}

/**
 * The declarations a server's in-database resources are compared with, one list per managed
 * server: the server's own; for a server known only at apply time (a provider host that is a
 * variable, an address, or the fqdn of a lookup by a name known only then), each managed server's
 * of the app, since the host may be any of them (seventh review, A7-7).
 */
export function declarationsConcerning(declarations: readonly AccessDeclaration[] | undefined, server: ServerView): AccessDeclaration[][] {
  const anyServer = isUnresolvedServer(server) || (!server.defined && server.address.startsWith('(data source) '));
  const addresses = anyServer ? new Set((declarations ?? []).map((declaration) => declaration.server)) : [server.address];
  return [...addresses].map((address) => declarationsOf(declarations, address)).filter((list) => list.length > 0);
}

/**
 * The administrators the DatabaseAccess constructs of a server sign in as whose name is a token (principalNameUnknown: a variable, a
 * lookup's display_name), each as a label for messages, as database-checks.ts unknownAdministrators labels the server's (40th run, A40a-3).
 */
export function connectAsKnownLater(server: ServerView, stack: StackFacts | undefined): string[] {
  return declarationsConcerning(stack?.declaredAccess, server).flat().filter((declaration) => declaration.principalNameUnknown === true)
    .map((declaration) => `connectAs of ${declaration.path} ${JSON.stringify(declaration.principalName.replace(/^\$\{([^]*)\}$/, '$1'))}`);
}

/** A rule's verdicts on a server judged against each list of declarations concerning it: it passes only where every list passes. */
export function judgedAgainstEach(lists: readonly AccessDeclaration[][], judge: (declarations: AccessDeclaration[]) => Verdict | readonly Verdict[]): Verdict[] {
  const faults = lists.flatMap((declarations) => [judge(declarations)].flat()).filter((verdict) => verdict.status !== 'pass');
  return faults.length > 0 ? faults : [PASS];
}

/**
 * The first resource through which a declaration's provider signs in to the server, where a
 * finding of something missing shows (so a suppression on the DatabaseAccess covers it); none when
 * the provider signs in elsewhere: PGD-IAM-11 reports where, and what is missing follows from that.
 */
export function firstResourceOn(server: ServerView, declaration: AccessDeclaration): string | undefined {
  return server.inDatabase.find((resource) => providerKeyOf(resource) === declaration.provider)?.address;
}

/** Whether a role name as written in a resource (a literal, or an expression) is a declared name. */
export function namesDeclared(value: unknown, declared: string): boolean {
  if (typeof value === 'string') return value === declared;
  return isUnknown(value) && value.toString() === declared;
}

/**
 * Whether a provider's username (as the server reads it: postgres-sent-text.ts asStartupName) is the administrator a declaration signs
 * in as: the same literal, or, for a connectAs given as a token, the same expression; a literal that reads as the token's text
 * (`$${var.ca}`) is another role (40th run, A40a-3).
 */
export function signsInAs(username: unknown, declaration: AccessDeclaration): boolean {
  if (declaration.principalNameUnknown === true) return isUnknown(username) && username.toString() === declaration.principalName;
  return typeof username === 'string' && username === declaration.principalName;
}

/** Whether an entry has the shape declareAccess writes. */
export function isDeclaration(entry: unknown): entry is AccessDeclaration {
  if (!isObject(entry)) return false;
  const { path, server, provider, principalName, groups, logins } = entry;
  return [path, server, provider, principalName].every((value) => typeof value === 'string')
    && Array.isArray(groups) && groups.every((group) => isObject(group) && [group.name, group.database, group.access].every((value) => typeof value === 'string')
      && (group.schemas === undefined || (Array.isArray(group.schemas) && group.schemas.every((schema) => typeof schema === 'string'))))
    && Array.isArray(logins) && logins.every((login) => isObject(login) && typeof login.name === 'string' && typeof login.group === 'string'
      && (login.label === undefined || typeof login.label === 'string'));
}

/**
 * Why a declaration is not one DatabaseAccess writes into a file, or undefined: it names the server it manages by the address of a
 * Flexible server of the file (it is made in its server's stack), and each group by its database and level (`<database>_<level>`),
 * once. A hand-edited one would have the comparisons with it skip the server, or judge a read-only group as a read-write one (B82-155,
 * B82-176 to B82-188).
 */
export function misdeclaredAccess(declaration: AccessDeclaration, addresses: ReadonlySet<string>): string | undefined {
  const where = `//.${ACCESS_KEY} declares ${JSON.stringify(declaration.path)}`;
  if (!declaration.server.startsWith('azurerm_postgresql_flexible_server.') || !addresses.has(declaration.server)) {
    return `${where} with server ${JSON.stringify(declaration.server.slice(0, 80))}, which is no Flexible server of the file`;
  }
  const names = new Set<string>();
  for (const group of declaration.groups) {
    const level = ACCESS_LEVELS.find((known) => known === group.access);
    if (level === undefined || group.name !== groupRoleName(group.database, level) || names.has(group.name)) {
      return `${where} with group ${JSON.stringify(group.name.slice(0, 60))} of level ${JSON.stringify(group.access.slice(0, 20))}, where DatabaseAccess names each level's group once, <database>_<level>`;
    }
    names.add(group.name);
  }
  return undefined;
}

/** A library construct that makes in-database resources (a DatabaseAccess) and wrote no declaration. */
export interface UndeclaredAccess {
  /** Its construct path, from the constructs list. */
  readonly path: string;
  /** The first in-database resource it makes. */
  readonly address: string;
}

/**
 * The library constructs whose in-database resources no declaration covers: only DatabaseAccess
 * makes postgresql_* resources, and it always declares them, so a declaration deleted from the
 * JSON would otherwise skip every comparison with it. A construct that makes a server is left
 * out: resources a caller adds under it are not a DatabaseAccess's.
 */
export function undeclaredAccess(
  resources: Iterable<{ readonly type: string; readonly address: string; readonly constructPath?: string; readonly madeByLibrary?: boolean }>,
  constructs: readonly string[],
  serverPaths: readonly string[],
  declarations: readonly AccessDeclaration[],
): UndeclaredAccess[] {
  const found = new Map<string, string>();
  const declared = new Set(declarations.map((declaration) => declaration.path));
  for (const resource of resources) {
    const { type, address } = resource;
    // A resource a caller added inside a construct is not the construct's: judged as any other (A11a-1).
    const constructPath = madePath(resource);
    if (!type.startsWith('postgresql_') || constructPath === undefined) continue;
    if (scopesOf(constructPath).some((scope) => declared.has(scope))) continue;
    const owner = constructs.find((scope) => covers(scope, constructPath) && !serverPaths.some((path) => covers(scope, path)));
    if (owner !== undefined && !found.has(owner)) found.set(owner, address);
  }
  return [...found].map(([path, address]) => ({ path, address }));
}
