import type { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { MAX_NAME_BYTES } from '../private/postgres-name';
import { checkProps } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkJustification, checkOneOf } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { checkPrincipalName } from '../shared/entra-administrator';
import { ACCESS_LEVELS, AccessLevel, groupRoleName } from './access-level';
import type { DatabaseAccessProps } from './database-access';
import { asConstructId, checkSchemaName, sameConstructId } from './names';
import { CONNECT_AS_FIX, DATABASE_ACCESS_PROPS } from './props-shape';
import { PostgresSslMode } from './ssl-mode';
import { ResolvedRole, resolveRoles } from './validate-roles';
import { ownValue } from '../private/own-keys';

/** A managed database with the schemas its grants cover. */
export interface ResolvedDatabase {
  readonly name: string;
  readonly schemas: readonly string[];
  /** The server's database resource: everything inside the database waits for it. */
  readonly resource: PostgresqlFlexibleServerDatabase;
}

/** The props after validation, with the defaults applied. */
export interface ResolvedAccess {
  readonly server: SecureFlexibleServer;
  readonly principalName: string;
  readonly sslMode: PostgresSslMode;
  readonly sslModeJustification?: string;
  readonly databases: readonly ResolvedDatabase[];
  readonly roles: readonly ResolvedRole[];
}

export const DEFAULT_SCHEMAS: readonly string[] = ['public'];
/** The level with the longest group role suffix ("_readwrite"). */
const LONGEST_LEVEL = AccessLevel.READ_WRITE;

/**
 * Validates every prop of a DatabaseAccess and applies the defaults, before any resource exists:
 * first the types (the props' shape), then the values.
 */
export function resolveAccess(scope: Construct, props: DatabaseAccessProps): ResolvedAccess {
  checkProps(props, DATABASE_ACCESS_PROPS);
  const server = props.server;
  checkSameStack(scope, server);
  const principalName = checkConnectAs(server, props.connectAs.principalName);
  const sslMode = checkSslMode(props.sslMode, props.sslModeJustification);
  checkDatabaseNames(server, props.databases);
  const schemas = props.schemas ?? {};
  checkSchemas(props.databases, schemas);
  const databases = props.databases.map((name) => ({
    name,
    schemas: ownValue(schemas, name) ?? DEFAULT_SCHEMAS,
    resource: server.databaseResources[server.databaseNames.indexOf(name)],
  }));
  const groupRoles = props.databases.flatMap((name) => ACCESS_LEVELS.map((level) => groupRoleName(name, level)));
  const roles = resolveRoles(props.roles, { server, databases: props.databases, groupRoles, principalName });
  return { server, principalName, sslMode, sslModeJustification: props.sslModeJustification, databases, roles };
}

/** The provider needs the server's FQDN and tenant from the same stack. */
function checkSameStack(scope: Construct, server: SecureFlexibleServer): void {
  const own = TerraformStack.of(scope);
  const its = TerraformStack.of(server);
  if (own === its) return;
  // Named by their paths, and another app's stack as such: two stacks of one name are told apart (E73-13).
  const [ours, theirs] = [own.node.path, its.node.path];
  if (its.node.root !== own.node.root) {
    throw new ValidationError('DB-SERVER-STACK', 'server', server, `is in stack "${theirs}" of another app, not in this app's stack "${ours}"`, 'create the DatabaseAccess in the stack of its server, in the app that holds the server');
  }
  throw new ValidationError('DB-SERVER-STACK', 'server', server, `is in stack "${theirs}", not in "${ours}"`, 'create the DatabaseAccess in the stack of its server');
}

function checkConnectAs(server: SecureFlexibleServer, name: string): string {
  const prop = 'connectAs.principalName';
  checkPrincipalName(prop, name, CONNECT_AS_FIX);
  const listed = server.entraAdministratorNames;
  if (!isToken(name) && !listed.some(isToken) && !listed.includes(name)) {
    const known = listed.map((n) => JSON.stringify(n)).join(', ');
    throw new ValidationError('DB-CONNECT-AS-NOT-ADMIN', prop, name, `is not an Entra administrator of the server (it lists ${known})`, CONNECT_AS_FIX);
  }
  return name;
}

/** TLS is always on; not checking the certificate needs a reason, and a reason needs that choice. */
function checkSslMode(mode: PostgresSslMode | undefined, justification: string | undefined): PostgresSslMode {
  checkOneOf('DB-SSL-MODE', 'sslMode', mode, Object.values(PostgresSslMode), 'use PostgresSslMode.VERIFY_FULL (the default) or PostgresSslMode.REQUIRE');
  const sslMode = mode ?? PostgresSslMode.VERIFY_FULL;
  if (sslMode === PostgresSslMode.REQUIRE) {
    checkJustification('sslModeJustification', justification, 'connect without checking the server\'s certificate');
  } else if (justification !== undefined) {
    throw new ValidationError('DB-SSL-JUSTIFICATION-UNUSED', 'sslModeJustification', justification, 'has no effect: sslMode is PostgresSslMode.VERIFY_FULL', 'remove it');
  }
  return sslMode;
}

function checkDatabaseNames(server: SecureFlexibleServer, databases: readonly string[]): void {
  if (databases.length === 0) {
    throw new ValidationError('DB-DATABASES-EMPTY', 'databases', databases, 'must list at least one database', 'list databases the server declares in its databases prop, e.g. ["orders"]');
  }
  const declared = server.databaseNames.filter((name) => !isToken(name));
  const seen = new Set<string>();
  databases.forEach((name, index) => {
    const prop = `databases[${index}]`;
    if (!declared.includes(name)) {
      const known = declared.length === 0 ? 'none' : declared.map((n) => JSON.stringify(n)).join(', ');
      throw new ValidationError('DB-DATABASE-UNDECLARED', prop, name, `is not a database of the server (it declares ${known})`,
        `add { name: ${JSON.stringify(name)} } to the server's databases prop, so the database exists before the grants`);
    }
    if (seen.has(name)) throw new ValidationError('DATABASE-NAME-DUPLICATE', prop, name, 'is listed twice', 'list each database once');
    seen.add(name);
    // Stryker disable next-line StringLiteral: Buffer.byteLength counts UTF-8 for an empty encoding too
    const longest = Buffer.byteLength(groupRoleName(name, LONGEST_LEVEL), 'utf8');
    if (longest > MAX_NAME_BYTES) {
      throw new ValidationError('DB-DATABASE-TOO-LONG', prop, name, `is too long to name its group roles ("${groupRoleName(name, LONGEST_LEVEL)}" would be ${longest} bytes; PostgreSQL keeps ${MAX_NAME_BYTES})`,
        // Stryker disable next-line StringLiteral: Buffer.byteLength counts UTF-8 for an empty encoding too (the catalogue asserts this whole fix)
        `use a database name of at most ${MAX_NAME_BYTES - (longest - Buffer.byteLength(name, 'utf8'))} bytes`);
    }
  });
}

function checkSchemas(databases: readonly string[], schemas: { readonly [database: string]: readonly string[] }): void {
  for (const [database, names] of Object.entries(schemas)) {
    // A key is a database this construct manages: a token there names none it can know at synth (Q76-46).
    if (isToken(database)) {
      throw new ValidationError('SECURITY-SETTING-TOKEN', 'schemas', database, 'has a key that is a Terraform token, known only at apply time: which database\'s schemas get the grants must be known at synth',
        'key schemas by the database\'s literal name, one of databases');
    }
    const prop = `schemas.${database}`;
    if (!databases.includes(database)) {
      throw new ValidationError('DB-DATABASE-UNMANAGED', prop, names, 'is for a database this DatabaseAccess does not manage', `add "${database}" to databases, or remove the entry`);
    }
    if (names.length === 0) {
      throw new ValidationError('DB-SCHEMAS-EMPTY', prop, names, 'must list at least one schema', 'list the schemas to grant on, e.g. ["public"], or leave the entry out for ["public"]');
    }
    const seen = new Map<string, string>();
    names.forEach((schema, index) => {
      const at = `${prop}[${index}]`;
      checkSchemaName(at, schema);
      const other = seen.get(asConstructId(schema));
      if (other === schema) throw new ValidationError('DB-SCHEMA-DUPLICATE', at, schema, 'is listed twice', 'list each schema once');
      if (other !== undefined) throw sameConstructId('DB-SCHEMA-DUPLICATE', at, schema, other);
      seen.set(asConstructId(schema), schema);
    });
  }
}
