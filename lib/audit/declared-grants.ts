// What a stack grants inside one server, read from its postgresql_grant,
// postgresql_default_privileges, postgresql_schema and postgresql_database resources, so the audit
// can tell a privilege the stack declares from one added by hand. Pure: no file or network access.

import { ownValue } from '../private/own-keys';

/** One resource block as Terraform gets it (snake_case keys). */
type Block = { readonly [key: string]: unknown };
type Resources = { readonly [type: string]: { readonly [name: string]: Block } };

/** A postgresql_grant with every name resolved: privileges on a kind of object of a database. */
export interface DeclaredGrant {
  readonly role: string;
  readonly database: string;
  /** The provider's object_type: database, schema, table, sequence, function, procedure, routine, column, ... */
  readonly objectType: string;
  readonly schema?: string;
  /** The objects named; none means every object of the kind in the schema. */
  readonly objects: readonly string[];
  readonly columns: readonly string[];
  /** Upper case, ALL expanded, TEMP as TEMPORARY. */
  readonly privileges: readonly string[];
  /** Whether the role may grant them on (with_grant_option). */
  readonly withGrantOption: boolean;
}

/** A postgresql_default_privileges with every name resolved. */
export interface DeclaredDefaultPrivileges {
  readonly role: string;
  readonly database: string;
  /** The role whose new objects get the privileges. */
  readonly owner: string;
  /** The schema they are limited to; undefined for every schema. */
  readonly schema?: string;
  readonly objectType: string;
  readonly privileges: readonly string[];
  readonly withGrantOption: boolean;
}

/** A database or schema the stack creates with an owner. */
export interface DeclaredOwner {
  readonly kind: 'database' | 'schema';
  /** The database of a schema. */
  readonly database?: string;
  readonly name: string;
  readonly owner: string;
}

export interface DeclaredPrivileges {
  readonly grants: readonly DeclaredGrant[];
  readonly defaultPrivileges: readonly DeclaredDefaultPrivileges[];
  readonly owners: readonly DeclaredOwner[];
  /** Grants and default privileges with a name or privilege known only at apply time: not compared. */
  readonly unresolvedGrants: number;
}

/** What ALL stands for on each kind of object (PostgreSQL 15; MAINTAIN on tables from 17). */
const ALL: { readonly [objectType: string]: readonly string[] } = {
  database: ['CREATE', 'CONNECT', 'TEMPORARY'],
  schema: ['CREATE', 'USAGE'],
  table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'],
  sequence: ['USAGE', 'SELECT', 'UPDATE'],
  column: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
  function: ['EXECUTE'],
  procedure: ['EXECUTE'],
  routine: ['EXECUTE'],
  type: ['USAGE'],
  foreign_data_wrapper: ['USAGE'],
  foreign_server: ['USAGE'],
};

const REFERENCE = /^\$\{([a-z0-9_]+)\.([^.}]+)\.name\}$/;

/**
 * A name as Terraform will know it: a literal, or "${<type>.<name>.name}" of a resource whose
 * name is a literal; undefined when it is known only at apply time.
 */
function nameOf(value: unknown, resources: Resources): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${')) return value;
  const match = REFERENCE.exec(value);
  const name = match ? ownValue(ownValue(resources, match[1]) ?? {}, match[2])?.name : undefined;
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}

/** Names of a list attribute; undefined when one is known only at apply time. */
function namesOf(value: unknown, resources: Resources): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const names = value.map((item) => nameOf(item, resources));
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

/** Privileges as the catalog names them. */
function privilegesOf(value: unknown, objectType: string, resources: Resources): string[] | undefined {
  const names = namesOf(value, resources);
  if (names === undefined) return undefined;
  return names.map((name) => name.toUpperCase()).flatMap((name) => (name === 'ALL' ? ownValue(ALL, objectType) ?? [] : [name === 'TEMP' ? 'TEMPORARY' : name]));
}

/** The privileges one server's resources declare; blocksOf gives the resources of a type that sign in to it. */
export function readDeclaredPrivileges(blocksOf: (type: string) => readonly { readonly block: Block }[], resources: Resources): DeclaredPrivileges {
  let unresolvedGrants = 0;
  const grants: DeclaredGrant[] = [];
  for (const { block } of blocksOf('postgresql_grant')) {
    const objectType = nameOf(block.object_type, resources);
    const [role, database] = [nameOf(block.role, resources), nameOf(block.database, resources)];
    const schema = block.schema === undefined ? undefined : nameOf(block.schema, resources);
    const [objects, columns] = [namesOf(block.objects, resources), namesOf(block.columns, resources)];
    const privileges = objectType === undefined ? undefined : privilegesOf(block.privileges, objectType, resources);
    if (objectType === undefined || role === undefined || database === undefined || (block.schema !== undefined && schema === undefined)
      || objects === undefined || columns === undefined || privileges === undefined) {
      unresolvedGrants++;
      continue;
    }
    grants.push({ role, database, objectType, schema, objects, columns, privileges, withGrantOption: block.with_grant_option === true });
  }
  const defaultPrivileges: DeclaredDefaultPrivileges[] = [];
  for (const { block } of blocksOf('postgresql_default_privileges')) {
    const objectType = nameOf(block.object_type, resources);
    const [role, database, owner] = [nameOf(block.role, resources), nameOf(block.database, resources), nameOf(block.owner, resources)];
    const schema = block.schema === undefined || block.schema === '' ? undefined : nameOf(block.schema, resources);
    const privileges = objectType === undefined ? undefined : privilegesOf(block.privileges, objectType, resources);
    if (objectType === undefined || role === undefined || database === undefined || owner === undefined || privileges === undefined
      || (block.schema !== undefined && block.schema !== '' && schema === undefined)) {
      unresolvedGrants++;
      continue;
    }
    defaultPrivileges.push({ role, database, owner, schema, objectType, privileges, withGrantOption: block.with_grant_option === true });
  }
  const owners: DeclaredOwner[] = [];
  for (const { block } of blocksOf('postgresql_schema')) {
    const [name, database, owner] = [nameOf(block.name, resources), nameOf(block.database, resources), nameOf(block.owner, resources)];
    if (name !== undefined && database !== undefined && owner !== undefined) owners.push({ kind: 'schema', database, name, owner });
  }
  for (const { block } of blocksOf('postgresql_database')) {
    const [name, owner] = [nameOf(block.name, resources), nameOf(block.owner, resources)];
    if (name !== undefined && owner !== undefined) owners.push({ kind: 'database', name, owner });
  }
  return { grants, defaultPrivileges, owners, unresolvedGrants };
}
