/**
 * Helpers for the rules of what lives inside a server (PGD-*): the postgresql provider's roles,
 * grants and extensions attached to it (ServerView.inDatabase).
 */
import { evaluateJson, isUnknown, Scope, Unknown } from './hcl-expression';
import { impliedGrants } from './implied-grants';
import { blockAddressOf, inDatabaseIndex, instanceViews } from './in-database-index';
import { asIdentifier } from './postgres-sent-text';
import { notApplicable, PASS, StackFacts, unknown, Verdict } from './rule';
import { isAdopted } from './stack-created';
import { ownLocals, ResourceView, ServerView, TerraformBlock } from './stack-model';
import { splatsListed } from './instance-references';
import { mentionsIn } from './server-mentions';
import { postgresqlLocalNames, providerBlocksOf } from './provider-facts';
import { mapStrings } from './terraform-json';
import { labelledType } from './unquoted-sql';

/** Resources that give privileges to a role: grants, default privileges and role memberships. */
export const GRANTING = ['postgresql_grant', 'postgresql_default_privileges', 'postgresql_grant_role'];

/**
 * The in-database resources of a type, a block with for_each over a collection the evaluator knows as its instances (each at
 * `type.name["key"]`, its arguments read together: in-database-index.ts instanceViews).
 */
export function inDatabaseOf(server: ServerView, ...types: string[]): ResourceView[] {
  return [...inDatabaseIndex(server.inDatabase).ofTypes(types)];
}

/** Every in-database resource of the server, read as inDatabaseOf reads them (the rules read no other list of them). */
export function inDatabaseResources(server: ServerView): readonly ResourceView[] {
  return inDatabaseIndex(server.inDatabase).all;
}

/**
 * The grants, default privileges and memberships of a server, and the grants its schemas' policy
 * blocks and its schemas' and databases' owners imply (implied-grants.ts).
 */
export function grantsOf(server: ServerView): ResourceView[] {
  return [...inDatabaseOf(server, ...GRANTING), ...impliedGrants(server)];
}

/**
 * A role a grant names: its name, and its postgresql_role resource when the stack defines it; or
 * unknown, with the resource when the reference is to a role of the stack whose name is unknown.
 */
export type NamedRole = { readonly name: string; readonly resource?: ResourceView } | { readonly unknown: Unknown; readonly resource?: ResourceView };

/**
 * The role a grant's `role` names, as a literal or as a reference to the `name` of a
 * postgresql_role of the same server (how cdktf writes it).
 */
export function roleNamed(server: ServerView, value: unknown): NamedRole | undefined {
  if (typeof value === 'string') return { name: value, resource: inDatabaseIndex(server.inDatabase).roleByName.get(value) };
  if (!isUnknown(value)) return undefined;
  const resource = namedBlock(server, value, 'postgresql_role');
  const name = resource?.config.name;
  return resource && typeof name === 'string' ? { name, resource } : { unknown: value, resource };
}

/**
 * The in-database block of a type whose `name` a reference reads: `<type>.R.name`, `<type>.R["key"].name` of an instance of a block
 * read instance by instance (in-database-index.ts instanceViews; written so, or `R[each.key]` of a grant's instance, or `each.value.name`
 * over a for_each chained over R), else R as written: a key R has no instance of (Terraform's "Invalid index") or a key known only later
 * (`R[?]`, the grant read as a whole block) reads R's name as written, its choices, as before instances were read.
 */
function namedBlock(server: ServerView, value: Unknown, type: string): ResourceView | undefined {
  const match = namedReference(value);
  if (match === null || match[1] !== type) return undefined;
  const { byAddress } = inDatabaseIndex(server.inDatabase);
  const block = `${match[1]}.${match[2]}`;
  return (match[3] === undefined ? undefined : byAddress.get(`${block}[${match[3]}]`)) ?? byAddress.get(block);
}

/**
 * `<type>.<name>`, an optional literal key, a key known only later (`[?]`) or a count index (`[0]`: the block as written, which a
 * count block's instances share; C72-12), then `.name`.
 */
const BLOCK_NAME = /^(postgresql_[a-z_]+)\.([^.[\]]+)(?:\[("(?:[^"\\]|\\.)*")\]|\[\?\]|\[\d+\])?\.name$/;

/**
 * BLOCK_NAME's match of a plain reference, kept by value: the rules ask it of the same few hundred values of a stack's grants and
 * roles again and again (roles50: 12,850 asks). A value known only later is never changed once made, so its match holds.
 */
function namedReference(value: Unknown): RegExpExecArray | null {
  let match = namedReferences.get(value);
  if (match === undefined) {
    match = value.isPlainReference ? BLOCK_NAME.exec(value.expression) : null;
    namedReferences.set(value, match);
  }
  return match;
}

const namedReferences = new WeakMap<Unknown, RegExpExecArray | null>();

/**
 * Whether the stack surely makes the role a postgresql_role block writes (40th run, A40a-1): the block is surely applied (its count,
 * for_each and OpenTofu's lifecycle.enabled known to give it an instance: the view's `certain`) and no import or moved block adopts an
 * existing role into it (stack-created.ts adoptedBy), for a block so adopted is the role that exists, an administrator's among them.
 */
export function surelyMade(resource: ResourceView, stack: StackFacts | undefined): boolean {
  return resource.certain && !isAdopted(resource.block ?? blockAddressOf(resource.address), stack);
}

/**
 * Whether `dependent` surely runs only after the block of `role` is applied (42nd run, A42a-1): it reads that block (a reference to
 * any of its attributes, of the block, of its instance or of an instance known only later) or lists it in depends_on, directly or through a
 * chain of the server's in-database blocks that do. A role the stack makes is not an administrator's for a membership, grant or label
 * that names it literally without so waiting: Terraform applies both at once, and where the role is the administrator's (a name known
 * only at apply time) its CREATE ROLE fails ("already exists") while the membership or label is applied to the administrator's role.
 * A chain through a block of another kind (not the server's in-database list: a null_resource, a module) is not read: no proof.
 */
export function runsAfter(server: ServerView, dependent: ResourceView, role: ResourceView): boolean {
  const target = role.block ?? blockAddressOf(role.address);
  // Terraform's apply graph orders instances: a reference to another literal key (`R["b"]`) waits for that instance only.
  const own = role.address.slice(target.length);
  const names = (reference: string) => reference === target || reference.startsWith(`${target}.`) || reference.startsWith(`${target}[?]`)
    || (reference.startsWith(`${target}[`) && (own === '' || reference.startsWith(`${target}${own}`)));
  const { byAddress } = inDatabaseIndex(server.inDatabase);
  const seen = new Set<string>();
  const queue: ResourceView[] = [dependent];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const block = next.block ?? blockAddressOf(next.address);
    if (seen.has(block)) continue;
    seen.add(block);
    const references = mentionsIn(next.config).references;
    if (references.some(names)) return true;
    for (const reference of references) {
      const read = /^(postgresql_[a-z_]+\.[^.[\]]+)/.exec(reference)?.[1];
      const found = read === undefined ? undefined : byAddress.get(read);
      if (found !== undefined) queue.push(found);
    }
  }
  return false;
}

/** The name a value that names a role stands for: a literal, the name of the postgresql_role it refers to, or the expression. */
export function roleNameIn(server: ServerView, value: unknown): string | Unknown | undefined {
  const named = roleNamed(server, value);
  if (named === undefined) return undefined;
  return 'name' in named ? named.name : named.unknown;
}

/**
 * The schema a grant's `schema` names: a literal, the name of the postgresql_schema of the same
 * server it refers to (how cdktf writes it), or else the expression; undefined when not set.
 */
export function schemaNameIn(server: ServerView, value: unknown): string | Unknown | undefined {
  if (!isUnknown(value)) return typeof value === 'string' ? value : undefined;
  const name = namedBlock(server, value, 'postgresql_schema')?.config.name;
  return typeof name === 'string' || isUnknown(name) ? name : value;
}

/**
 * The database a value that names one stands for, the one reading every rule uses (PGD-TLS-1, PGD-IAM-12, PGD-LOG-1): a literal
 * (a local the stack evaluates is one already: resources and provider blocks are read with the locals), the `name` of the
 * postgresql_database signed in to the server or of the server's azurerm database it refers to (how cdktf writes it), or else
 * the expression; undefined when not set.
 */
export function databaseNameIn(server: ServerView, read: unknown): string | Unknown | undefined {
  if (!isUnknown(read)) return typeof read === 'string' ? read : undefined;
  // `<database>.name`, or `<database>["<key>"].name` of a block with for_each (also each.value.name over a chained for_each): one
  // traversal, the whole expression.
  // A key known only later (`D[?]`: a block's `D[each.key]` read as a whole) is read as no key: D's name as written, its choices.
  const match = /^((?:postgresql_database|azurerm_postgresql_flexible_server_database)\.[^.[\]]+)(?:\["([^"\\]*)"\]|\[\?\])?\.name$/.exec(read.expression);
  // A postgresql_database block with instances is listed instance by instance (in-database-index.ts instanceViews), its key in the address.
  const keyed = match?.[2] === undefined ? undefined : `${match[1]}[${JSON.stringify(match[2])}]`;
  const made = match !== null ? databasesMadeOn(server).filter(({ resource }) => resource.address === match[1] || resource.address === keyed) : [];
  // Without a key, a block with instances is read as its name as written (each.value over a chained for_each reads so: its choices).
  // A block read instance by instance named without a key: the block as written (its name's choices), from the server's own list.
  const whole = match?.[2] === undefined && made.length === 0 ? server.inDatabase.find((resource) => resource.address === match?.[1]) : undefined;
  const name = match?.[2] === undefined ? (made[0]?.resource ?? whole)?.config.name
    : made[0]?.resource.address === keyed ? made[0].resource.config.name : made[0]?.resource.instance?.(match[2])?.name;
  return typeof name === 'string' || isUnknown(name) ? name : read;
}

/**
 * The database a resource acts in (its `database`), read by databaseNameIn, as the server reads it: cut to 63 bytes (A35b-4;
 * PostgreSQL's ProcessStartupPacket cuts the connection's database name to 63 bytes, and a GRANT ... ON DATABASE cuts the
 * identifier so: at a character boundary, where a cut mid-character at connection names no database and the block fails);
 * a value of another kind as written.
 */
export function databaseOf(server: ServerView, resource: ResourceView): unknown {
  return databaseIn(server, resource.config);
}

/** The database one configuration acts in, read by databaseNameIn and cut as the server reads it (databaseOf). */
function databaseIn(server: ServerView, config: TerraformBlock): unknown {
  return asReadDatabase(databaseNameIn(server, config.database) ?? config.database);
}

/**
 * A database name as the server reads it, the one cut of those the comparisons use (databaseOf, databasesOf, databasesMadeOn):
 * a text cut to 63 bytes (postgres-sent-text.ts asIdentifier); PGD-TLS-1 reads the text as written, which the provider writes
 * whole into its connection URL.
 */
function asReadDatabase(name: unknown): unknown {
  return typeof name === 'string' ? asIdentifier(name) : name;
}

/**
 * The configuration of each instance of a resource as the in-database index reads it (in-database-index.ts instanceViews: each.key and
 * each.value that item's, so `name = each.value` over `toset(["a1", "b1"])` is "a1" and "b1"), else its one configuration: the
 * server's azurerm databases are read so too.
 */
export function instanceConfigs(resource: ResourceView): readonly TerraformBlock[] {
  return instanceViews(resource).map((view) => view.config);
}

/** The databases the instances of a resource act in (their `database`), each read by databaseNameIn. */
export function databasesOf(server: ServerView, resource: ResourceView): unknown[] {
  return instanceConfigs(resource).map((config) => databaseIn(server, config));
}

/** A role's name for messages: its literal name, else its address. */
export function roleLabel(role: ResourceView): string {
  return typeof role.config.name === 'string' ? `role ${role.config.name}` : role.address;
}

/**
 * Whether a label resource is one of pgaadauth's on a role; unknown when that is known only at apply time, or when
 * its object_type, which the provider writes into SQL unquoted, is not read as one object type (unquoted-sql.ts).
 */
export function entraRoleLabel(label: ResourceView): boolean | Verdict {
  const { label_provider: provider, object_type: type } = label.config;
  if (isUnknown(provider)) return unknownAt(label, 'label_provider');
  if (typeof provider !== 'string' || provider.toLowerCase() !== 'pgaadauth') return false;
  if (isUnknown(type)) return unknownAt(label, 'object_type');
  if (typeof type !== 'string') return false;
  const kind = labelledType(type);
  if (kind === undefined) {
    return unknown(`${label.address} has object_type ${JSON.stringify(type)}, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement and which PostgreSQL does not read as one object type: it may map a role to another Entra identity`, label.address);
  }
  return kind === 'role';
}

/** Not applicable when no postgresql provider resource targets the server. */
export function noDatabaseObjects(server: ServerView): Verdict | undefined {
  return server.inDatabase.length === 0 ? notApplicable('no postgresql provider resource signs in to the server') : undefined;
}

/** One verdict per resource at fault (fail or unknown), else pass: none hides another. */
export function eachOf(resources: readonly ResourceView[], judge: (resource: ResourceView) => Verdict): readonly Verdict[] {
  const verdicts = resources.map(judge).filter((verdict) => verdict.status === 'fail' || verdict.status === 'unknown');
  return verdicts.length > 0 ? verdicts : [PASS];
}

/** Unknown, at a resource, for a value known only at apply time. */
export function unknownAt(resource: ResourceView, what: string): Verdict {
  return unknown(`${what} of ${resource.address} is known only at apply time`, resource.address);
}

/**
 * The names of the server's administrators as written (lower case): its Entra administrators and its local administrator. Where
 * a match lets a grant pass (PGD-IAM-13), whole; where a match is a finding, administratorRoles.
 */
export function administratorNames(server: ServerView): string[] {
  return administratorTexts(server).map((name) => name.toLowerCase());
}

/**
 * The roles of the server's administrators (lower case), each name cut to 63 bytes as PostgreSQL keeps a role's name (postgres-sent-text.ts
 * asIdentifier; cut63): the role names of postgresql_* blocks are read so, and a raw administrator block written with more bytes (the
 * props refuse it; the Azure portal keeps a longer group name only up to 63 characters, MicrosoftDocs/azure-docs#100012) is the role
 * of its first 63 bytes, or none, so reading it cut is at most stricter where a match is a finding (PGD-IAM-6, PGD-IAM-7).
 */
export function administratorRoles(server: ServerView): string[] {
  // A name the evaluator knows every choice of (a conditional's branches, a constant item picked by a key known only later) may be
  // each of them: a match with any is a finding, and none lets a grant pass (administratorNames reads literals only).
  return administratorsWritten(server).flatMap(({ name }) => namesItMayBe(name) ?? []).map((name) => asIdentifier(name).toLowerCase());
}

/**
 * The roles of the server's administrators whose names are literal, as PostgreSQL keeps them: in the case written (a quoted
 * identifier: `GRP-DBA` is another role than `grp-dba`), cut to 63 bytes. For a match that lets something pass, where
 * administratorRoles, lower case and every choice, is for a match that is a finding.
 */
export function literalAdministratorRoles(server: ServerView): string[] {
  return administratorTexts(server).map(asIdentifier);
}

function administratorTexts(server: ServerView): string[] {
  return administratorsWritten(server).map(({ name }) => name).filter((name): name is string => typeof name === 'string');
}

/** The names a value may be: the literal, or every choice of a value known only later when each is a literal; else undefined. */
export function namesItMayBe(name: unknown): readonly string[] | undefined {
  if (typeof name === 'string') return [name];
  const choices = isUnknown(name) ? name.choices : undefined;
  return choices !== undefined && choices.length > 0 && choices.every((choice) => typeof choice === 'string') ? choices as string[] : undefined;
}

/**
 * The server's administrators whose name the stack writes as no literal (a token in the props: a lookup's display_name, a variable; a
 * reference in a raw block; any value not a text, unless every choice the evaluator knows of it is one), each as a label for messages: its block and the expression. Such an administrator
 * may be any role the stack does not surely make itself, so where a match with an administrator is a finding (PGD-IAM-6) a name not
 * surely another role is unknown, never a pass (39th run, A39a-1); where a match lets a grant pass (PGD-IAM-13), an unknown name lets
 * nothing pass.
 */
export function unknownAdministrators(server: ServerView): string[] {
  return administratorsWritten(server).filter(({ name }) => namesItMayBe(name) === undefined)
    .map(({ name, where }) => `${where} ${isUnknown(name) ? JSON.stringify(name.expression) : JSON.stringify(name ?? null)}`);
}

/** The expressions of the administrators' names known only at apply time (`var.admin_group_name`): a role named by the same one is theirs. */
export function laterAdministratorExpressions(server: ServerView): string[] {
  return administratorsWritten(server).flatMap(({ name }) => isUnknown(name) ? [name.expression] : []);
}

/**
 * Every administrator's name as written, with where it is written: each Entra administrator block's principal_name (login on Single
 * Server), instance by instance for a block with for_each over a known collection (instanceConfigs), and the server's local
 * administrator_login when set (a server with Entra authentication only has none).
 */
function administratorsWritten(server: ServerView): { readonly name: unknown; readonly where: string }[] {
  const entra = server.administrators.flatMap((admin) => instanceViews(admin).map((view) => {
    const attribute = view.config.principal_name !== undefined ? 'principal_name' : 'login';
    return { name: view.config[attribute], where: `${attribute} of ${view.address}` };
  }));
  const login = server.config.administrator_login;
  const local = login === undefined || login === null ? [] : [{ name: login, where: `administrator_login of ${server.address}` }];
  return [...entra, ...local];
}

/**
 * The postgresql provider blocks of a stack's JSON, by the key resources name them with ("postgresql" or "postgresql.<alias>", or
 * "<name>"/"<name>.<alias>" for another local name required from cyrilgdn/postgresql: provider-facts.ts postgresqlLocalNames), constant expressions folded and the
 * stack's locals read as a resource's arguments are (A35b-3: `sslmode = "${local.m}"`): the stack model's scope, else the JSON's own. The stack
 * model has already refused a provider block of the wrong shape. A block's splat is read as the list HCL makes of it, as the model reads it
 * (instance-references.ts splatsListed): `${S.*.fqdn[0]}` is the server's fqdn (35th run, A35b-2).
 */
export function postgresqlProviders(terraform: unknown, locals: Scope = ownLocals(terraform)): Map<string, TerraformBlock> {
  return providerBlocksOf(terraform, postgresqlLocalNames(terraform), (body) => evaluateJson(mapStrings(body, splatsListed), locals) as TerraformBlock);
}

/**
 * The key of the postgresql provider an in-database resource signs in with: its `provider` meta-argument as written ("postgresql"
 * when it has none). A reference the checks read (`<name>`, `<name>.<alias>`) is a key of postgresqlProviders when such a block exists; any
 * other spelling (provider-facts.ts unreadProviderReference) is a key no block has.
 */
export function providerKeyOf(resource: ResourceView): string {
  const written = resource.config.provider;
  if (written === undefined || written === null) return 'postgresql';
  return typeof written === 'string' ? written : isUnknown(written) ? String(written) : JSON.stringify(written);
}

/**
 * The postgresql providers that sign in to a server, for a resource or a data source (read at
 * every plan), each with the address of the first one that uses it: where a finding about the
 * provider is shown (and a suppression on that resource's construct covers it).
 */
export function providersSigningIn(server: ServerView): Map<string, string> {
  const firstUse = new Map<string, string>();
  for (const resource of [...server.inDatabase, ...server.inDatabaseReads]) {
    if (!firstUse.has(providerKeyOf(resource))) firstUse.set(providerKeyOf(resource), resource.address);
  }
  return firstUse;
}

/** A database the stack makes on a server: its name as written, and the resource that makes it. */
export interface MadeDatabase {
  readonly name: unknown;
  readonly resource: ResourceView;
}

/** The databases the stack makes on a server: the azurerm databases of the server and the postgresql_database resources signed in to it. */
export function databasesMadeOn(server: ServerView): MadeDatabase[] {
  return [...server.databases, ...inDatabaseOf(server, 'postgresql_database')]
    .flatMap((resource) => instanceConfigs(resource).map((config) => ({ name: asReadDatabase(config.name), resource })));
}
