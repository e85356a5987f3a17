import { AccessDeclaration, comparableDeclarations } from '../../lib/checks/access-declarations';
import { postgresqlProviders } from '../../lib/checks/database-checks';
import { azurermProviders } from '../../lib/checks/provider-facts';
import { Rule, Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { TerraformBlock } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

/** The provider key every in-database fixture names: the postgresql provider of the server "db". */
export const PROVIDER = 'postgresql.db';

/** A stack with the server "db", its postgresql provider (host = the server's FQDN) and the given in-database resources. */
export function databaseStack(resources: Resources): { provider: object; resource: Resources } {
  return {
    provider: { postgresql: [{ alias: 'db', host: `\${${FLEXIBLE}.db.fqdn}`, database: 'postgres', azure_identity_auth: true, superuser: false, sslmode: 'verify-full' }] },
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...withProvider(resources) },
  };
}

/** databaseStack with an Entra administrator "grp-dba" and a local administrator "pgadmin_ops" on the server "db". */
export function databaseStackWithAdministrators(resources: Resources): { provider: object; resource: Resources } {
  const stack = databaseStack(resources);
  return {
    ...stack,
    resource: {
      ...stack.resource,
      [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin_ops' }) },
      azurerm_postgresql_flexible_server_active_directory_administrator: {
        dba: { server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', object_id: '66666666-7777-8888-9999-000000000000', principal_name: 'grp-dba', principal_type: 'Group', tenant_id: '11111111-2222-3333-4444-555555555555' },
      },
    },
  };
}

/** The in-database blocks with the server's postgresql provider; blocks of other providers as written (a `provider` of another type is refused by Terraform). */
function withProvider(resources: Resources, provider = PROVIDER): Resources {
  return Object.fromEntries(
    Object.entries(resources).map(([type, blocks]) => [type, type.startsWith('postgresql_') ? Object.fromEntries(Object.entries(blocks).map(([name, body]) => [name, { provider, ...body }])) : blocks]),
  );
}

/** A NOLOGIN group role with every dangerous attribute written false, as DatabaseAccess makes it. */
export function groupRole(name: string, overrides: TerraformBlock = {}): TerraformBlock {
  return { name, login: false, superuser: false, create_role: false, create_database: false, replication: false, bypass_row_level_security: false, ...overrides };
}

/** A login role with a rotated, expiring write-only password, member of the given groups. */
export function passwordRole(name: string, overrides: TerraformBlock = {}): TerraformBlock {
  return groupRole(name, {
    login: true,
    password_wo: '${random_password.pw.result}',
    password_wo_version: '${time_rotating.rotation.rfc3339}',
    valid_until: '${timeadd(time_rotating.rotation.rotation_rfc3339, "168h")}',
    ...overrides,
  });
}

/** A grant of privileges on a database's objects. */
export function grant(role: string, privileges: unknown, overrides: TerraformBlock = {}): TerraformBlock {
  return { database: 'orders', role, object_type: 'table', schema: 'public', privileges, ...overrides };
}

/** The pgaudit extension of a database. */
export function pgaudit(database = 'orders'): TerraformBlock {
  return { name: 'pgaudit', database };
}

/** Every verdict of a rule on the server "db" of a whole stack (providers included). */
export function judgeAllIn(rule: Rule, terraform: object): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`);
  if (server === undefined) throw new Error('no server db in the test stack');
  // The stack's blocks as the checks give them: a rule that follows a value through them (PGD-IAM-3) reads what the stack writes.
  const result = rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources, lookups: model.lookups });
  return Array.isArray(result) ? result : [result as Verdict];
}

/** The verdict of a rule on the server "db", or the first of several. */
export function judgeIn(rule: Rule, terraform: object): Verdict {
  return judgeAllIn(rule, terraform)[0];
}

/** What a DatabaseAccess "stack/Access" on the server "db" declares: its provider, groups on orders, and the Entra login orders_app. */
export function declaredAccess(overrides: Partial<AccessDeclaration> = {}): AccessDeclaration {
  return {
    path: 'stack/Access',
    server: `${FLEXIBLE}.db`,
    provider: PROVIDER,
    principalName: 'grp-dba',
    groups: ['readonly', 'readwrite', 'owner'].map((access) => ({ name: `orders_${access}`, database: 'orders', access })),
    logins: [{ name: 'orders_app', group: 'orders_readwrite', label: `aadauth,oid=${APP_OBJECT_ID},type=service` }],
    ...overrides,
  };
}

/** A declaration whose groups have rights in the given schemas (a DatabaseAccess's `schemas`; without them, "public"). */
export function withSchemas(schemas: string[], access: AccessDeclaration = declaredAccess()): AccessDeclaration {
  return { ...access, groups: access.groups.map((group) => ({ ...group, schemas })) };
}

/** The server the resources of provider postgresql.side reach: its host, an address, names no server (it may be any). */
export const SIDE_SERVER = '(server unknown) for provider postgresql.side';

/** databaseStack with a second postgresql provider, postgresql.side, whose host is a private address, and resources through it. */
export function sideStack(resources: Resources, host: unknown = '10.0.1.4'): { provider: object; resource: Resources } {
  const stack = databaseStack({});
  const side = withProvider(resources, 'postgresql.side');
  const provider = { postgresql: [...(stack.provider as { postgresql: object[] }).postgresql, { alias: 'side', host, database: 'postgres', azure_identity_auth: true, superuser: false, sslmode: 'verify-full' }] };
  return { provider, resource: { ...stack.resource, ...side } };
}

/** The Entra object ID declaredAccess maps orders_app to. */
export const APP_OBJECT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';

/** Every verdict of a rule on the server "db", with what the stack's DatabaseAccess constructs declared (as the engine hands it). */
export function judgeDeclared(rule: Rule, terraform: object, declarations: readonly AccessDeclaration[] = [declaredAccess()], address = `${FLEXIBLE}.db`): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === address);
  if (server === undefined) throw new Error(`no server ${address} in the test stack`);
  const result = rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), azurermProviders: azurermProviders(terraform), resources: model.resources, declaredAccess: comparableDeclarations(terraform, declarations) });
  return Array.isArray(result) ? result : [result as Verdict];
}
