import { createdResourceBlocks } from '../checks/stack-model';
import { hasOwn, ownValue, setOwn } from '../private/own-keys';
import { bodiesOf, isObject } from '../checks/terraform-json';
import { DeclaredPrivileges, readDeclaredPrivileges } from './declared-grants';
import { passwordLifetimeMs } from './password-lifetime';
import { appendTo } from '../private/list-map';
import { writtenObjectId } from '../private/pgaadauth-label';

// What a stack declares inside its PostgreSQL servers, read from the synthesized Terraform JSON:
// the postgresql provider configurations and, per configuration, the roles, memberships, Entra
// mappings and managed databases. Pure: no file or network access.

/** One resource block as Terraform gets it (snake_case keys). */
type Block = { readonly [key: string]: unknown };
type Resources = { readonly [type: string]: { readonly [name: string]: Block } };

export interface DeclaredRole {
  readonly name: string;
  readonly login: boolean;
  /** Group roles the role is declared a member of (literal or resolved names). */
  readonly memberOf: readonly string[];
  /** Whether some of its memberships (postgresql_role.roles) are known only at apply time. */
  readonly membershipsUnknown?: boolean;
  /** Of those, the ones it may grant on (postgresql_grant_role with_admin_option). */
  readonly adminOf?: readonly string[];
  /** The Entra object ID of the pgaadauth label, when the role is mapped to an Entra principal. */
  readonly entraObjectId?: string;
  /** Whether Terraform gives the role a password. */
  readonly password: boolean;
  /** The longest its password may stay valid (ms): rotation period plus grace, when the stack writes both. */
  readonly passwordLifetimeMs?: number;
  /** The resource address, for the report. */
  readonly address: string;
}

/** Everything declared through one postgresql provider configuration: one server. */
export interface DeclaredServer extends DeclaredPrivileges {
  /** "postgresql" or "postgresql.<alias>", as resources name it. */
  readonly provider: string;
  /** The provider's host, as written: a literal or a reference. */
  readonly host: string;
  /** Name of the azurerm server the host refers to, when it is a literal. */
  readonly serverName?: string;
  /** Roles that administer the server (literal names): the provider's user, Entra administrators, the local administrator. */
  readonly administrators: readonly string[];
  /**
   * The Entra administrators of the server with literal names, each with the object ID of its principal as written (a literal, or
   * an expression known only at apply time) and its block's address: Azure labels each so (pgaadauth, ",admin").
   */
  readonly entraAdministrators?: readonly { readonly name: string; readonly objectId?: string; readonly address: string }[];
  /**
   * The server's password administrator (its administrator_login, a literal) and the server block's address: Azure maps it to no
   * Entra principal, so a pgaadauth label on it is a second way in (adversarial run adv74a, D74-7).
   */
  readonly passwordAdministrator?: { readonly name: string; readonly address: string };
  /** Administrators the stack names only at apply time, or 1 when it cannot name them (the host is no server of the stack). */
  readonly unresolvedAdministrators: number;
  /** Databases the stack manages on the server (those its grants and extensions name). */
  readonly databases: readonly string[];
  readonly roles: readonly DeclaredRole[];
  /** Roles whose name is known only at apply time; they cannot be compared. */
  readonly unresolvedRoles: number;
  /**
   * Addresses of the blocks read for the server (its postgresql_* blocks, the azurerm server and its Entra administrators) whose count,
   * for_each or lifecycle.enabled the checks could not compute (known only at apply time, or written with a function the evaluator does
   * not compute): taken as declared (they may create what they write), though they may create nothing. A block that surely creates
   * nothing (count = 0, for_each = {}, enabled = false, count = length([])) is not read at all.
   */
  readonly maybeDeclared?: readonly string[];
  /**
   * The server's pgaudit.log as the stack declares it (its azurerm_postgresql_flexible_server_configuration; the library's default,
   * which the construct writes, where it declares none). Undefined: not known (the host is no server of the stack, or the value is
   * known only at apply time).
   */
  readonly pgauditLog?: string;
  /** The server parameters of SERVER_PARAMETERS the stack sets on its flexible server, with literal values (D73-7). */
  readonly serverParameters?: { readonly [name: string]: string };
}

/**
 * The server parameters the audit compares with pg_settings, which every role reads, where the stack sets them: the logging and
 * sign-in settings the library writes (adversarial run adv73a, D73-7), its log_line_prefix and azure.accepted_password_auth_method,
 * and pgaudit's settings (adv74a, D74-3). Where the stack sets none, server-logging.ts judges some of them on their own.
 */
export const SERVER_PARAMETERS: readonly string[] = ['log_connections', 'log_disconnections', 'log_checkpoints', 'log_min_messages',
  'log_line_prefix', 'password_encryption', 'azure.accepted_password_auth_method', 'ssl_min_protocol_version', 'ssl_max_protocol_version',
  'require_secure_transport', 'pgaudit.log_catalog', 'pgaudit.log_client', 'pgaudit.log_level', 'pgaudit.log_parameter',
  'pgaudit.log_relation', 'pgaudit.log_rows', 'pgaudit.log_statement', 'pgaudit.log_statement_once'];

const REFERENCE = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z0-9_]+)\}$/;
const FLEXIBLE_SERVER = 'azurerm_postgresql_flexible_server';
const FLEXIBLE_CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
/**
 * The pgaudit.log the constructs write by default (DEFAULT_PGAUDIT_LOG_CLASSES of lib/shared/pgaudit.ts, which loads cdktf: the
 * command line does not; declared-access.test.ts holds them equal).
 */
export const DEFAULT_PGAUDIT_LOG = 'ddl,role,misc';
const FLEXIBLE_ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** Every postgresql provider configuration of the stack, with what its resources declare. */
export function readDeclaredAccess(stack: Block): DeclaredServer[] {
  // HCL's JSON forms (lists of bodies, repeated keys) are flattened, as Terraform reads them. A block counts only when it may create
  // an instance: count = 0, for_each = {} or lifecycle.enabled = false declares nothing, and excuses nothing live (42nd run, A42b-2).
  const resources: { [type: string]: { [name: string]: Block } } = {};
  const unsure = new Set<string>();
  for (const { type, name, body, sure } of createdResourceBlocks(stack)) {
    if (!hasOwn(resources, type)) setOwn(resources, type, {});
    setOwn(resources[type], name, body);
    if (sure) unsure.delete(`${type}.${name}`);
    else unsure.add(`${type}.${name}`);
  }
  const providers = bodiesOf(stack.provider ?? []).filter(isObject).flatMap((byName) => bodiesOf(byName.postgresql ?? [])).filter(isObject);
  return providers.map((config) => declaredServer(config, resources, unsure));
}

/**
 * The postgresql provider bodies that are not objects ("provider.postgresql is null, ..."):
 * Terraform refuses such a file, and the audit cannot tell which server they configure.
 */
export function providerProblems(stack: Block): string[] {
  return bodiesOf(stack.provider ?? []).filter(isObject).flatMap((byName) => bodiesOf(byName.postgresql ?? []))
    .filter((body) => !isObject(body))
    .map((body) => `provider.postgresql is ${body === null ? 'null' : Array.isArray(body) ? 'a list' : typeof body}, where Terraform needs an object`);
}

function declaredServer(config: Block, resources: Resources, unsure: ReadonlySet<string>): DeclaredServer {
  const provider = typeof config.alias === 'string' ? `postgresql.${config.alias}` : 'postgresql';
  const mine = (type: string) => Object.entries(resources[type] ?? {})
    .filter(([, block]) => (block.provider ?? 'postgresql') === provider)
    .map(([name, block]) => ({ address: `${type}.${name}`, block }));
  const host = String(config.host ?? '');
  const serverResource = referencedName(host, FLEXIBLE_SERVER, 'fqdn');
  const server = serverResource === undefined ? undefined : ownValue(resources[FLEXIBLE_SERVER] ?? {}, serverResource);

  const labels = new Map<string, string>();
  for (const { block } of mine('postgresql_security_label')) {
    const role = resolveName(block.object_name, resources);
    const objectId = block.label_provider === 'pgaadauth' && typeof block.label === 'string' ? writtenObjectId(block.label) : undefined;
    if (role !== undefined && objectId !== undefined) labels.set(role, objectId);
  }
  const grantedRoles = new Map<string, string[]>();
  const adminOf = new Map<string, string[]>();
  for (const { block } of mine('postgresql_grant_role')) {
    const member = resolveName(block.role, resources);
    const group = resolveName(block.grant_role, resources);
    if (member === undefined || group === undefined) continue;
    appendTo(grantedRoles, member, group);
    if (block.with_admin_option === true) appendTo(adminOf, member, group);
  }

  const roles: DeclaredRole[] = [];
  let unresolvedRoles = 0;
  for (const { address, block } of mine('postgresql_role')) {
    const name = literal(block.name);
    if (name === undefined) {
      unresolvedRoles++;
      continue;
    }
    // A list written as an expression (a variable, concat()), or an item that names no role of the stack, is known only at apply time.
    const listed: unknown[] | undefined = block.roles === undefined || block.roles === null ? [] : Array.isArray(block.roles) ? block.roles : undefined;
    const resolved = (listed ?? []).map((role) => resolveName(role, resources));
    const memberOf = resolved.filter((role): role is string => role !== undefined);
    roles.push({
      name,
      membershipsUnknown: listed === undefined || memberOf.length < resolved.length,
      login: block.login === true,
      memberOf: [...memberOf, ...(grantedRoles.get(name) ?? [])],
      adminOf: adminOf.get(name) ?? [],
      entraObjectId: labels.get(name),
      password: block.password !== undefined || block.password_wo !== undefined,
      passwordLifetimeMs: passwordLifetimeMs(block.valid_until, resources.time_rotating ?? {}),
      address,
    });
  }

  const databases = new Set<string>();
  for (const type of ['postgresql_grant', 'postgresql_extension', 'postgresql_default_privileges', 'postgresql_schema']) {
    for (const { block } of mine(type)) {
      const database = literal(block.database);
      if (database !== undefined) databases.add(database);
    }
  }

  const named: unknown[] = [config.username, server?.administrator_login];
  const entraAdministrators: { name: string; objectId?: string; address: string }[] = [];
  const read = Object.keys(resources).filter((type) => type.startsWith('postgresql_')).flatMap(mine).map(({ address }) => address);
  if (serverResource !== undefined) {
    read.push(`${FLEXIBLE_SERVER}.${serverResource}`);
    for (const [name, admin] of Object.entries(resources[FLEXIBLE_ADMIN] ?? {})) {
      if (referencedName(String(admin.server_name ?? ''), FLEXIBLE_SERVER, 'name') !== serverResource) continue;
      named.push(admin.principal_name);
      read.push(`${FLEXIBLE_ADMIN}.${name}`);
      const adminName = literal(admin.principal_name);
      if (adminName !== undefined) {
        entraAdministrators.push({ name: adminName, address: `${FLEXIBLE_ADMIN}.${name}`, ...(typeof admin.object_id === 'string' ? { objectId: admin.object_id } : {}) });
      }
    }
  }
  const administrators = named.map(literal);
  const pgauditLog = serverResource === undefined ? undefined : declaredParameter(resources, serverResource, 'pgaudit.log', DEFAULT_PGAUDIT_LOG);
  const serverParameters: { [name: string]: string } = {};
  for (const name of serverResource === undefined ? [] : SERVER_PARAMETERS) {
    const value = declaredParameter(resources, serverResource!, name);
    if (value !== undefined) serverParameters[name] = value;
  }
  const administratorLogin = literal(server?.administrator_login);
  const unresolvedAdministrators = named.filter((name) => name !== undefined && literal(name) === undefined).length + (serverResource === undefined ? 1 : 0);
  return {
    provider,
    host,
    serverName: literal(server?.name),
    administrators: [...new Set(administrators.filter((name): name is string => name !== undefined))],
    unresolvedAdministrators,
    entraAdministrators,
    ...(administratorLogin === undefined ? {} : { passwordAdministrator: { name: administratorLogin, address: `${FLEXIBLE_SERVER}.${serverResource}` } }),
    databases: [...databases].sort(),
    roles,
    unresolvedRoles,
    maybeDeclared: read.filter((address) => unsure.has(address)),
    ...(pgauditLog === undefined ? {} : { pgauditLog }),
    ...(serverResource === undefined ? {} : { serverParameters }),
    ...readDeclaredPrivileges(mine, resources),
  };
}

/**
 * A server parameter the stack sets on its flexible server (the last block of that name, as Azure applies them in turn), its
 * fallback where it sets none; undefined where the value is known only at apply time (adversarial run adv72a, A72-14).
 */
function declaredParameter(resources: Resources, serverResource: string, name: string, fallback?: string): string | undefined {
  const blocks = Object.values(resources[FLEXIBLE_CONFIGURATION] ?? {})
    .filter((block) => block.name === name && referencedName(String(block.server_id ?? ''), FLEXIBLE_SERVER, 'id') === serverResource);
  return blocks.length === 0 ? fallback : literal(blocks[blocks.length - 1].value);
}

/** A string without Terraform expressions, or undefined. */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** The resource name in "${type.name.attribute}", when the reference is to that type and attribute. */
function referencedName(value: string, type: string, attribute: string): string | undefined {
  const match = REFERENCE.exec(value);
  return match && match[1] === type && match[3] === attribute ? match[2] : undefined;
}

/** A role name, literal or "${postgresql_role.x.name}" of a role with a literal name. */
function resolveName(value: unknown, resources: Resources): string | undefined {
  if (typeof value !== 'string') return undefined;
  const direct = literal(value);
  if (direct !== undefined) return direct;
  const role = referencedName(value, 'postgresql_role', 'name');
  return role === undefined ? undefined : literal(resources.postgresql_role?.[role]?.name);
}

/**
 * The declared server a live host stands for: the only one, or the one whose literal host is
 * the host, or whose server name is the host's first label ("<name>.postgres.database.azure.com").
 */
export function serverForHost(servers: readonly DeclaredServer[], host: string): DeclaredServer | undefined {
  if (servers.length === 1) return servers[0];
  const lower = host.toLowerCase();
  return servers.find((server) => server.host.toLowerCase() === lower || (server.serverName !== undefined && lower.split('.')[0] === server.serverName.toLowerCase()));
}
