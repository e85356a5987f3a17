// The SQL that the postgresql_* resources of a synthesized stack stand for, statement by statement
// as the cyrilgdn/postgresql provider (1.26) executes them when it creates them: the same
// statements, in one transaction per resource, on the resource's database. Derived from the JSON,
// so a test applies what the stack declares, not a copy written by hand.
//
// Not derived: security labels (pgaadauth is Azure's label provider; a local server has none),
// the provider's advisory locks and statement_timeout resets (they serialize, they grant nothing).

type Block = { readonly [key: string]: any };
type Resources = { readonly [type: string]: { readonly [name: string]: Block } };

/** Roles the provider, not being a superuser, makes itself a member of for a resource, then revokes. */
export type TemporaryRoles =
  | { readonly kind: 'none' }
  | { readonly kind: 'roles'; readonly roles: readonly string[]; readonly databaseOwner: boolean }
  /** The owner of the schema and, for objects in it, the owners of its tables (getRolesToGrant). */
  | { readonly kind: 'schema'; readonly schema: string; readonly tableOwners: boolean };

export interface ProviderStep {
  readonly address: string;
  /** The database the provider opens its transaction on. */
  readonly database: string;
  readonly statements: readonly string[];
  readonly temporaryRoles: TemporaryRoles;
}

export interface DerivedSql {
  readonly steps: readonly ProviderStep[];
  /** Resources with no local equivalent, and why. */
  readonly skipped: readonly { readonly address: string; readonly reason: string }[];
}

/** What only apply time knows: the generated passwords and the clock of time_rotating. */
export interface ApplyValues {
  readonly password: (randomPasswordName: string) => string;
  readonly now: Date;
}

/** pq.QuoteIdentifier */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The provider's pqQuoteLiteral: doubles quotes and backslashes (no E'' prefix). */
function quoteLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function providerSql(stack: Block, values: ApplyValues): DerivedSql {
  const resources = (stack.resource ?? {}) as Resources;
  const defaultDatabase = (stack.provider?.postgresql?.[0]?.database as string | undefined) ?? 'postgres';
  const resolve = (value: unknown) => resolveValue(value, resources, values);
  const of = (type: string) => Object.entries(resources[type] ?? {}).map(([name, block]) => ({ address: `${type}.${name}`, block }));
  const steps: ProviderStep[] = [];

  // Group roles first: login roles name them in "roles".
  const roles = of('postgresql_role').sort((a, b) => (a.block.roles?.length ?? 0) - (b.block.roles?.length ?? 0));
  for (const { address, block } of roles) steps.push({ address, database: defaultDatabase, statements: roleStatements(block, resolve), temporaryRoles: { kind: 'none' } });
  for (const { address, block } of of('postgresql_schema')) {
    const owner = resolve(block.owner);
    const ifNotExists = block.if_not_exists === false ? '' : 'IF NOT EXISTS ';
    steps.push({
      address,
      database: resolve(block.database),
      statements: [`CREATE SCHEMA ${ifNotExists}${quoteIdent(resolve(block.name))}${owner === undefined ? '' : ` AUTHORIZATION ${quoteIdent(owner)}`}`],
      temporaryRoles: { kind: 'roles', roles: owner === undefined ? [] : [owner], databaseOwner: true },
    });
  }
  for (const { address, block } of of('postgresql_extension')) {
    const parts = [`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(resolve(block.name))}`];
    if (block.schema !== undefined) parts.push(`SCHEMA ${quoteIdent(resolve(block.schema))}`);
    if (block.version !== undefined) parts.push(`VERSION ${quoteIdent(resolve(block.version))}`);
    if (block.create_cascade === true) parts.push('CASCADE');
    steps.push({ address, database: resolve(block.database) ?? defaultDatabase, statements: [parts.join(' ')], temporaryRoles: { kind: 'none' } });
  }
  for (const { address, block } of of('postgresql_grant')) steps.push({ address, ...grantStep(block, resolve) });
  for (const { address, block } of of('postgresql_default_privileges')) {
    const owner = resolve(block.owner);
    const inSchema = block.schema === undefined ? '' : ` IN SCHEMA ${quoteIdent(resolve(block.schema))}`;
    const objects = `${String(block.object_type).toUpperCase()}S`;
    const role = quoteIdent(resolve(block.role));
    const privileges = (block.privileges as string[]).map(resolve);
    const statements = [`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(owner)}${inSchema} REVOKE ALL ON ${objects} FROM ${role}`];
    if (privileges.length > 0) statements.push(`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(owner)}${inSchema} GRANT ${privileges.join(',')} ON ${objects} TO ${role}`);
    steps.push({ address, database: resolve(block.database), statements, temporaryRoles: { kind: 'roles', roles: [owner], databaseOwner: false } });
  }
  const skipped = of('postgresql_security_label').map(({ address }) => ({ address, reason: 'pgaadauth, the label provider of Entra ID sign-in, exists only on Azure' }));
  const known = ['postgresql_role', 'postgresql_schema', 'postgresql_extension', 'postgresql_grant', 'postgresql_default_privileges', 'postgresql_security_label'];
  const unknown = Object.keys(resources).filter((type) => type.startsWith('postgresql_') && !known.includes(type));
  if (unknown.length > 0) throw new Error(`no SQL derivation for ${unknown.join(', ')}`);
  return { steps, skipped };
}

function roleStatements(block: Block, resolve: (value: unknown) => any): string[] {
  const name = quoteIdent(resolve(block.name));
  const options: string[] = [];
  if (block.password_wo !== undefined) options.push('ENCRYPTED', `PASSWORD ${quoteLiteral(resolve(block.password_wo))}`);
  if (block.password !== undefined) options.push('ENCRYPTED', `PASSWORD ${quoteLiteral(resolve(block.password))}`);
  const validUntil = block.valid_until === undefined ? 'infinity' : resolve(block.valid_until);
  options.push(`VALID UNTIL ${quoteLiteral(String(validUntil).toLowerCase() === 'infinity' ? 'infinity' : validUntil)}`);
  options.push(`CONNECTION LIMIT ${block.connection_limit ?? -1}`);
  const flag = (value: unknown, fallback: boolean, on: string) => ((value ?? fallback) === true ? on : `NO${on}`);
  options.push(
    flag(block.superuser, false, 'SUPERUSER'),
    flag(block.create_database, false, 'CREATEDB'),
    flag(block.create_role, false, 'CREATEROLE'),
    flag(block.inherit, true, 'INHERIT'),
    flag(block.login, false, 'LOGIN'),
    flag(block.bypass_row_level_security, false, 'BYPASSRLS'),
    flag(block.replication, false, 'REPLICATION'),
  );
  const statements = [`CREATE ROLE ${name} WITH ${options.join(' ')}`];
  for (const group of (block.roles ?? []) as unknown[]) statements.push(`GRANT ${quoteIdent(resolve(group))} TO ${name}`);
  return statements;
}

/** createRevokeQuery then createGrantQuery (nothing granted when the privilege list is empty). */
function grantStep(block: Block, resolve: (value: unknown) => any): Omit<ProviderStep, 'address'> {
  const type = String(block.object_type);
  const database = resolve(block.database);
  const role = quoteIdent(resolve(block.role));
  const privileges = (block.privileges as string[]).map(resolve);
  if ((block.objects ?? []).length > 0 || (block.columns ?? []).length > 0) throw new Error('grants on listed objects or columns are not derived');
  let target: string;
  if (type === 'database') target = `DATABASE ${quoteIdent(database)}`;
  else if (type === 'schema') target = `SCHEMA ${quoteIdent(resolve(block.schema))}`;
  else if (['table', 'sequence', 'function', 'procedure', 'routine'].includes(type)) target = `ALL ${type.toUpperCase()}S IN SCHEMA ${quoteIdent(resolve(block.schema))}`;
  else throw new Error(`no SQL derivation for grants on ${type}`);
  const statements = [`REVOKE ALL PRIVILEGES ON ${target} FROM ${role}`];
  if (privileges.length > 0) statements.push(`GRANT ${privileges.join(',')} ON ${target} TO ${role}`);
  const temporaryRoles: TemporaryRoles = type === 'database' ? { kind: 'none' } : { kind: 'schema', schema: resolve(block.schema), tableOwners: type !== 'schema' };
  return { database, statements, temporaryRoles };
}

const REFERENCE = /^\$\{([a-z_]+)\.([^.}]+)\.([a-z0-9_]+)\}$/;
const VALID_UNTIL = /^\$\{formatdate\("YYYY-MM-DD hh:mm:ss\+00", timeadd\(time_rotating\.([^.]+)\.rotation_rfc3339, "(\d+)h"\)\)\}$/;

/** A value with its references replaced by what Terraform would know at apply time. */
function resolveValue(value: unknown, resources: Resources, values: ApplyValues): any {
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const validUntil = VALID_UNTIL.exec(value);
  if (validUntil) {
    const days = Number(resources.time_rotating[validUntil[1]].rotation_days);
    const expiry = new Date(values.now.getTime() + days * 86_400_000 + Number(validUntil[2]) * 3_600_000);
    return `${expiry.toISOString().slice(0, 19).replace('T', ' ')}+00`;
  }
  const reference = REFERENCE.exec(value);
  if (reference === null) throw new Error(`cannot resolve ${value}`);
  const [, type, name, attribute] = reference;
  if ((type === 'postgresql_role' || type === 'postgresql_schema') && attribute === 'name') return resolveValue(resources[type][name].name, resources, values);
  if (type === 'random_password' && attribute === 'result') return values.password(name);
  if (type === 'time_rotating' && attribute === 'rfc3339') return `${values.now.toISOString().slice(0, 19)}Z`;
  throw new Error(`cannot resolve ${value}`);
}
