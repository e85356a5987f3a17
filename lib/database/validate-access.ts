import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { reasonProblem } from '../private/reason-text';
import { isToken } from '../private/tokens';
import { checkRequired } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { SecureSingleServer } from '../single-server/secure-single-server';
import { ACCESS_LEVELS, AccessLevel, groupRoleName } from './access-level';
import type { DatabaseAccessProps } from './database-access';
import { checkSchemaName, MAX_NAME_BYTES } from './names';
import { shown } from './shown';
import { PostgresSslMode } from './ssl-mode';
import { ResolvedRole, resolveRoles } from './validate-roles';

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
const EXPRESSION = 'is a Terraform expression, known only at apply time';
/** The level with the longest group role suffix ("_readwrite"). */
const LONGEST_LEVEL = AccessLevel.READ_WRITE;

/** Validates every prop of a DatabaseAccess and applies the defaults, before any resource exists. */
export function resolveAccess(scope: Construct, props: DatabaseAccessProps): ResolvedAccess {
  const server = checkServer(scope, props.server);
  const principalName = checkConnectAs(server, props.connectAs);
  const { sslMode, sslModeJustification } = checkSslMode(props.sslMode, props.sslModeJustification);
  const names = checkDatabaseNames(server, props.databases);
  const schemas = checkSchemas(names, props.schemas);
  const databases = names.map((name) => ({
    name,
    schemas: schemas.get(name) ?? DEFAULT_SCHEMAS,
    resource: server.databaseResources[server.databaseNames.indexOf(name)],
  }));
  const groupRoles = names.flatMap((name) => ACCESS_LEVELS.map((level) => groupRoleName(name, level)));
  const roles = resolveRoles(props.roles, { server, databases: names, groupRoles, principalName });
  return { server, principalName, sslMode, sslModeJustification, databases, roles };
}

function checkServer(scope: Construct, server: unknown): SecureFlexibleServer {
  checkRequired('server', server, 'give the SecureFlexibleServer whose databases this manages');
  if (server instanceof SecureSingleServer) {
    throw new ValidationError('server', shown(server),
      'is a SecureSingleServer: the pgaadauth security labels that map Entra principals to roles exist only on Flexible Server',
      'manage the roles of a SecureFlexibleServer; migrate the Single Server first (docs/migrating-to-flexible-server.md)');
  }
  if (!(server instanceof SecureFlexibleServer)) {
    throw new ValidationError('server', shown(server), 'is not a SecureFlexibleServer', 'pass the SecureFlexibleServer construct whose databases this manages');
  }
  const own = TerraformStack.of(scope);
  const its = TerraformStack.of(server);
  if (own !== its) {
    throw new ValidationError('server', server.node.path, `is in stack "${its.node.id}", not in "${own.node.id}"`, 'create the DatabaseAccess in the stack of its server');
  }
  return server;
}

function checkConnectAs(server: SecureFlexibleServer, connectAs: DatabaseAccessProps['connectAs'] | undefined): string {
  const fix = 'give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it';
  checkRequired('connectAs', connectAs, fix);
  const name = connectAs.principalName;
  if (typeof name !== 'string' || name.trim().length === 0) throw new ValidationError('connectAs.principalName', name, 'is required', fix);
  const listed = server.entraAdministratorNames;
  if (!isToken(name) && !listed.some(isToken) && !listed.includes(name)) {
    const known = listed.map((n) => JSON.stringify(n)).join(', ');
    throw new ValidationError('connectAs.principalName', name, `is not an Entra administrator of the server (it lists ${known})`, fix);
  }
  return name;
}

function checkSslMode(mode: unknown, justification: unknown): { sslMode: PostgresSslMode; sslModeJustification?: string } {
  const fix = 'use PostgresSslMode.VERIFY_FULL (the default) or PostgresSslMode.REQUIRE';
  if (isToken(mode)) throw new ValidationError('sslMode', mode, `${EXPRESSION}, but the TLS mode is a security setting`, fix);
  const sslMode = (mode ?? PostgresSslMode.VERIFY_FULL) as PostgresSslMode;
  if (!Object.values(PostgresSslMode).includes(sslMode)) throw new ValidationError('sslMode', mode, 'is not supported', fix);
  if (sslMode === PostgresSslMode.VERIFY_FULL) {
    if (justification !== undefined) {
      throw new ValidationError('sslModeJustification', justification, 'has no effect: sslMode is PostgresSslMode.VERIFY_FULL', 'remove it');
    }
    return { sslMode };
  }
  const problem = justification === undefined ? 'is required to connect without checking the server\'s certificate' : reasonProblem(justification);
  if (problem !== undefined) {
    throw new ValidationError('sslModeJustification', justification, problem,
      'say why in at least 10 visible characters, e.g. "Runner image lacks the DigiCert roots (OPS-88, until 2027-01)"');
  }
  return { sslMode, sslModeJustification: justification as string };
}

function checkDatabaseNames(server: SecureFlexibleServer, databases: unknown): string[] {
  const fix = 'list databases the server declares in its databases prop, e.g. ["orders"]';
  if (isToken(databases)) throw new ValidationError('databases', databases, `${EXPRESSION}, but the database names decide the group roles`, fix);
  if (!Array.isArray(databases) || databases.length === 0) throw new ValidationError('databases', shown(databases), 'must list at least one database', fix);
  const declared = server.databaseNames.filter((name) => !isToken(name));
  const seen = new Set<string>();
  databases.forEach((name: unknown, index) => {
    const prop = `databases[${index}]`;
    if (isToken(name)) throw new ValidationError(prop, name, `${EXPRESSION}, but the name of a database decides its group roles`, 'write the database name as text, e.g. "orders"');
    if (typeof name !== 'string' || !declared.includes(name)) {
      const known = declared.length === 0 ? 'none' : declared.map((n) => JSON.stringify(n)).join(', ');
      throw new ValidationError(prop, shown(name), `is not a database of the server (it declares ${known})`,
        `add { name: ${JSON.stringify(String(name))} } to the server's databases prop, so the database exists before the grants`);
    }
    if (seen.has(name)) throw new ValidationError(prop, name, 'is listed twice', 'list each database once');
    seen.add(name);
    const longest = Buffer.byteLength(groupRoleName(name, LONGEST_LEVEL), 'utf8');
    if (longest > MAX_NAME_BYTES) {
      throw new ValidationError(prop, name, `is too long to name its group roles ("${groupRoleName(name, LONGEST_LEVEL)}" would be ${longest} bytes; PostgreSQL keeps ${MAX_NAME_BYTES})`,
        `use a database name of at most ${MAX_NAME_BYTES - (longest - Buffer.byteLength(name, 'utf8'))} bytes`);
    }
  });
  return databases as string[];
}

function checkSchemas(databases: readonly string[], schemas: unknown): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (schemas === undefined) return result;
  if (isToken(schemas) || schemas === null || typeof schemas !== 'object' || Array.isArray(schemas)) {
    throw new ValidationError('schemas', shown(schemas), 'is not a map of database name to schema names', 'write it as { orders: ["public", "sales"] }');
  }
  for (const [database, list] of Object.entries(schemas)) {
    const prop = `schemas.${database}`;
    if (!databases.includes(database)) {
      throw new ValidationError(prop, shown(list), 'is for a database this DatabaseAccess does not manage', `add "${database}" to databases, or remove the entry`);
    }
    if (isToken(list) || !Array.isArray(list) || list.length === 0) {
      throw new ValidationError(prop, shown(list), 'must list at least one schema', 'list the schemas to grant on, e.g. ["public"], or leave the entry out for ["public"]');
    }
    const seen = new Set<string>();
    list.forEach((schema: unknown, index) => {
      const at = `${prop}[${index}]`;
      if (isToken(schema)) throw new ValidationError(at, schema, `${EXPRESSION}, but the schemas decide where the grants apply`, 'write the schema name as text, e.g. "sales"');
      if (typeof schema !== 'string') throw new ValidationError(at, shown(schema), 'is not a schema name', 'write the schema name as text, e.g. "sales"');
      checkSchemaName(at, schema);
      if (seen.has(schema)) throw new ValidationError(at, schema, 'is listed twice', 'list each schema once');
      seen.add(schema);
    });
    result.set(database, list as string[]);
  }
  return result;
}
