// The grants a postgresql_schema or postgresql_database gives without a postgresql_grant: each
// policy block of a schema is a GRANT on it, and an owner holds every right in what it owns. The
// rules read them as grants, so a second spelling of a grant is judged as the first one is.
import { everyBlock } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { inDatabaseIndex } from './in-database-index';
import { ResourceView, ServerView, TerraformBlock } from './stack-model';
import { literalBoolean } from './value-readers';

/** The privileges each policy flag of a postgresql_schema grants, and whether with grant option. */
const POLICY_FLAGS = [
  { flag: 'create', privilege: 'CREATE', withGrant: false },
  { flag: 'usage', privilege: 'USAGE', withGrant: false },
  { flag: 'create_with_grant', privilege: 'CREATE', withGrant: true },
  { flag: 'usage_with_grant', privilege: 'USAGE', withGrant: true },
] as const;

/** The views that stand for an owner's rights, so a rule can say "owns" rather than "is granted". */
const ownerships = new WeakSet<ResourceView>();
const implied = new WeakMap<readonly ResourceView[], { readonly length: number; readonly grants: readonly ResourceView[] }>();

/** Whether a grant view stands for the rights of an owner (of a schema or database). */
export function isOwnership(grant: ResourceView): boolean {
  return ownerships.has(grant);
}

/**
 * The grants a server's schemas and databases imply, as views of the schema or database (its type
 * and address) whose config is a postgresql_grant's: database, schema, role, object_type,
 * privileges and with_grant_option. A policy block without a role is PUBLIC's (the provider's
 * default); an owner holds ALL. A flag known only at apply time is an unknown privilege.
 */
export function impliedGrants(server: ServerView): readonly ResourceView[] {
  const known = implied.get(server.inDatabase);
  if (known !== undefined && known.length === server.inDatabase.length) return known.grants;
  const index = inDatabaseIndex(server.inDatabase);
  const grants: ResourceView[] = [];
  for (const schema of index.byType.get('postgresql_schema') ?? []) {
    const on = { database: schema.config.database, schema: schema.config.name, object_type: 'schema' };
    // Dynamic policy blocks grant too: their content is judged as written (an expression in it is unknown).
    for (const policy of everyBlock(schema.config, 'policy')) grants.push(view(schema, { ...on, ...policyGrant(policy) }));
    // Policies given as one expression grant what is known only at apply time.
    const policies = schema.config.policy;
    if (isUnknown(policies)) grants.push(view(schema, { ...on, role: policies, privileges: [policies], with_grant_option: false }));
    if (schema.config.owner !== undefined) grants.push(owner(schema, { ...on, role: schema.config.owner }));
  }
  for (const database of index.byType.get('postgresql_database') ?? []) {
    if (database.config.owner !== undefined) grants.push(owner(database, { database: database.config.name, object_type: 'database', role: database.config.owner }));
  }
  // Stryker disable next-line ObjectLiteral: equivalent: a cache: without the length it is built again on every call, with the same result
  implied.set(server.inDatabase, { length: server.inDatabase.length, grants });
  return grants;
}

function policyGrant(policy: TerraformBlock): TerraformBlock {
  const privileges: unknown[] = [];
  let withGrant: unknown = false;
  for (const { flag, privilege, withGrant: grantable } of POLICY_FLAGS) {
    const value = policy[flag];
    if (isUnknown(value)) privileges.push(value);
    else if (literalBoolean(value) !== true) continue;
    else if (!privileges.includes(privilege)) privileges.push(privilege);
    if (grantable && withGrant !== true) withGrant = isUnknown(value) ? value : true;
  }
  const role = policy.role === undefined || policy.role === '' ? 'public' : policy.role;
  return { role, privileges, with_grant_option: withGrant };
}

function view(resource: ResourceView, config: TerraformBlock): ResourceView {
  return { ...resource, config };
}

function owner(resource: ResourceView, config: TerraformBlock): ResourceView {
  const made = view(resource, { ...config, privileges: ['ALL'] });
  ownerships.add(made);
  return made;
}
