import { ACCESS_LEVELS, AccessLevel, LevelPrivileges, privilegesOf } from '../../database/access-level';
import { AccessDeclaration, declarationsConcerning, declaredSchemas, DeclaredGroup, judgedAgainstEach, namesDeclared } from '../access-declarations';
import { databaseOf, eachOf, grantsOf, inDatabaseOf, roleNameIn, schemaNameIn, unknownAt } from '../database-checks';
import { isOwnership } from '../implied-grants';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { madeBy } from '../beside-construct';
import { isDynamicBlock } from '../dynamic-blocks';
import { isSet, literalBoolean, literalString } from '../value-readers';

/** A declared group with the DatabaseAccess that declared it. */
type Group = DeclaredGroup & { readonly path: string };

/**
 * The group roles of DatabaseAccess hold only their access level's privileges: every
 * postgresql_grant and postgresql_default_privileges of the server that names one of them (the
 * construct's own, overridden, or one beside it) gives it, in its own database, no privilege
 * beyond its level on that kind of object (READ_ONLY: CONNECT, USAGE, SELECT, EXECUTE), in no
 * schema but those the DatabaseAccess declares for the database, never with grant option, and the owner level no default privileges; a postgresql_schema's policy
 * blocks are grants on it, and an owner of a schema or database holds every right in it (only the
 * owner level may own a declared schema of its own database); and each schema the construct makes
 * keeps a declared name and stays owned by its database's owner level, without policy blocks. A role reported
 * read-only that can delete rows is worse than no report. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-12',
  title: 'DatabaseAccess group roles hold only their access level\'s privileges',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove the override or grant that widens the group role; give a role more access through the DatabaseAccess access level that has it, and list a schema in its schemas to give the levels rights there.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const lists = declarationsConcerning(stack?.declaredAccess, server);
    if (lists.length === 0) return notApplicable('no DatabaseAccess manages the server');
    return judgedAgainstEach(lists, (declarations) => judgeGroups(server, declarations));
  },
};

/** The server's grants compared with the group roles of one managed server's declarations. */
function judgeGroups(server: ServerView, declarations: readonly AccessDeclaration[]): readonly Verdict[] {
  const groups = declarations.flatMap((d) => d.groups.map((group) => ({ ...group, path: d.path })));
  if (groups.length === 0) return [notApplicable('no DatabaseAccess manages the server')];
  const maker = (resource: ResourceView) => declarations.find((d) => madeBy(resource, d.path));
  // A schema the construct makes is judged whole (judgeSchema); any other schema's policy blocks
  // and owner, and a database's owner, are judged as the grants they are.
  const grants = grantsOf(server).filter((grant) => grant.type !== 'postgresql_grant_role' && !(grant.type === 'postgresql_schema' && maker(grant) !== undefined));
  const schemas = new Set(inDatabaseOf(server, 'postgresql_schema').filter((schema) => maker(schema) !== undefined));
  return eachOf([...grants, ...schemas], (grant) => {
    const made = schemas.has(grant) ? maker(grant) : undefined;
    if (made !== undefined) return judgeSchema(server, grant, made.path, groups);
    const role = roleNameIn(server, grant.config.role);
    const group = groups.find((each) => namesDeclared(role, each.name));
    return group === undefined ? PASS : judgeGrant(server, grant, group);
  });
}

function judgeGrant(server: ServerView, grant: ResourceView, group: Group): Verdict {
  const { object_type: objectType, privileges, with_grant_option: withGrantOption } = grant.config;
  const database = databaseOf(server, grant);
  const whose = `role ${group.name}, the ${group.access} group of ${group.database} (${group.path}),`;
  if (isOwnership(grant)) return judgeOwnership(server, grant, group, whose);
  if (isUnknown(withGrantOption)) return unknownAt(grant, 'with_grant_option');
  if (literalBoolean(withGrantOption) === true) return fail(`${whose} may grant on what ${grant.address} gives it (with_grant_option).`, grant.address);
  if (isUnknown(database)) return unknownAt(grant, 'the database');
  if (!namesDeclared(database, group.database)) return fail(`${whose} is given privileges in database ${JSON.stringify(database ?? null)} by ${grant.address}.`, grant.address);
  if (isUnknown(objectType)) return unknownAt(grant, 'the object type');
  if (isUnknown(privileges)) return unknownAt(grant, 'the privileges');
  const listed = Array.isArray(privileges) ? privileges : [];
  if (listed.some(isUnknown)) return unknownAt(grant, 'a privilege');
  const kind = (literalString(objectType) ?? '').toLowerCase();
  const allowed = allowedPrivileges(group.access, kind, grant.type === 'postgresql_default_privileges');
  const beyond = listed.map((privilege) => String(privilege).toUpperCase()).filter((privilege) => !allowed.includes(privilege));
  // Within the level: in a declared schema (a revoke, with no privileges, widens nothing wherever it is).
  if (beyond.length === 0) return kind === 'database' || listed.length === 0 ? PASS : judgeSchemaOf(server, grant, group, whose);
  const how = grant.type === 'postgresql_default_privileges' ? ' by default' : '';
  return fail(`${whose} is granted ${JSON.stringify(beyond)}${how} on ${kind || 'objects'} by ${grant.address}, beyond the level's ${JSON.stringify(allowed)}.`, grant.address);
}

/** An owner holds every right in what it owns: only the owner level may own a schema, and only in its own database. */
function judgeOwnership(server: ServerView, grant: ResourceView, group: Group, whose: string): Verdict {
  const { object_type: kind } = grant.config;
  const database = databaseOf(server, grant);
  if (kind === 'schema' && isUnknown(database)) return unknownAt(grant, 'the database');
  if (kind === 'schema' && group.access === AccessLevel.OWNER && namesDeclared(database, group.database)) return judgeSchemaOf(server, grant, group, whose);
  return fail(`${whose} owns the ${String(kind)} ${grant.address} makes, so it holds every right there, beyond the level's privileges.`, grant.address);
}

/**
 * The schema a grant (or ownership) gives the group rights in is one its DatabaseAccess declares
 * for the database: the `schemas` prop decides where the levels hold their rights. Default
 * privileges without a schema reach every schema of the database.
 */
function judgeSchemaOf(server: ServerView, grant: ResourceView, group: Group, whose: string): Verdict {
  const schema = schemaNameIn(server, grant.config.schema);
  if (isUnknown(schema)) return unknownAt(grant, 'the schema');
  const declared = declaredSchemas(group);
  if (schema !== undefined && declared.includes(schema)) return PASS;
  const where = schema === undefined ? 'every schema' : `schema ${JSON.stringify(schema)}`;
  return fail(`${whose} is given privileges in ${where} of ${group.database} by ${grant.address}, beyond the schemas its DatabaseAccess declares there (${JSON.stringify(declared)}).`, grant.address);
}

/**
 * A schema the construct makes: owned by the owner level of its database (its owner may do
 * anything in it), and without policy blocks (grants beside the levels; one without a role is
 * PUBLIC's).
 */
function judgeSchema(server: ServerView, schema: ResourceView, path: string, groups: readonly Group[]): Verdict {
  const made = `${schema.address}, which ${path} makes,`;
  const written = isSet(schema.config.policy) && !(Array.isArray(schema.config.policy) && schema.config.policy.length === 0);
  if (written || isDynamicBlock(schema.config, 'policy')) {
    return fail(`${made} has policy blocks, which grant privileges on the schema beside the access levels (to PUBLIC when a block names no role).`, schema.address);
  }
  const { owner, name: schemaName } = schema.config;
  const database = databaseOf(server, schema);
  const ownerGroup = groups.find((group) => group.access === AccessLevel.OWNER && group.path === path && namesDeclared(database, group.database));
  if (isUnknown(schemaName)) return unknownAt(schema, 'the name');
  if (ownerGroup !== undefined && !declaredSchemas(ownerGroup).some((declared) => declared === schemaName)) {
    return fail(`${made} is named ${JSON.stringify(schemaName ?? null)}, not a schema it declares for ${ownerGroup.database} (${JSON.stringify(declaredSchemas(ownerGroup))}): its owner level would own it, and the levels' grants follow its name.`, schema.address);
  }
  const name = roleNameIn(server, owner);
  if (isUnknown(name) && ownerGroup !== undefined && !namesDeclared(name, ownerGroup.name)) return unknownAt(schema, 'the owner');
  if (ownerGroup !== undefined && namesDeclared(name, ownerGroup.name)) return PASS;
  const expected = ownerGroup === undefined ? 'the owner level of a database it manages' : ownerGroup.name;
  return fail(`${made} is owned by ${JSON.stringify(name ?? null)}, not by ${expected}: its owner may create, change and drop anything in it.`, schema.address);
}

/** What a level may hold on a kind of object (nothing on kinds it is not given, nor by default where it gets no default privileges). */
function allowedPrivileges(access: string, kind: string, byDefault: boolean): readonly string[] {
  if (!(ACCESS_LEVELS as readonly string[]).includes(access)) return [];
  const level = privilegesOf(access as AccessLevel);
  if (byDefault && !level.defaultPrivileges) return [];
  const kinds: readonly (keyof LevelPrivileges)[] = ['database', 'schema', 'table', 'sequence', 'function'];
  const key = kinds.find((each) => each === kind);
  return key === undefined ? [] : (level[key] as string[]);
}

