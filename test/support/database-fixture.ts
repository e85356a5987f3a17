import { TerraformStack, Testing } from 'cdktf';
import {
  AccessLevel,
  DatabaseAccess,
  DatabaseAccessProps,
  DatabasePrincipal,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
} from '../../lib';
import { KEY_VAULT_ID, minimalProps } from '../helpers';

// A server with the database orders and the DatabaseAccess the tests of lib/database and lib/audit
// share. It declares no other database: every database of a server DatabaseAccess manages is managed.

export const DBA = 'grp-orders-dba';
export const APP_OBJECT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
export const REPORTING_OBJECT_ID = 'aaaaaaaa-0000-0000-0000-000000000002';
export const MIGRATOR_OBJECT_ID = 'aaaaaaaa-0000-0000-0000-000000000003';
export const VENDOR_REASON = 'Vendor appliance without Entra ID support (SEC-517, review 2027-03)';
export const SERVER_PASSWORD_REASON = 'Billing vendor appliance cannot use Entra ID (SEC-517)';

/** The server: Entra administrator "grp-orders-dba", database orders, password mode on. */
export function serverProps(overrides: Partial<SecureFlexibleServerProps> = {}): SecureFlexibleServerProps {
  return minimalProps({
    entraAdministrators: [{ objectId: '66666666-7777-8888-9999-000000000000', principalName: DBA, principalType: EntraPrincipalType.GROUP }],
    databases: [{ name: 'orders' }],
    authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: SERVER_PASSWORD_REASON }),
    ...overrides,
  });
}

/** Four login roles on orders: a read-write app, a read-only group, an owner for migrations and a password vendor. */
export function accessProps(server: SecureFlexibleServer, overrides: Partial<DatabaseAccessProps> = {}): DatabaseAccessProps {
  return {
    server,
    connectAs: { principalName: DBA },
    databases: ['orders'],
    roles: [
      { name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE, member: DatabasePrincipal.entra({ objectId: APP_OBJECT_ID, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) },
      { name: 'Orders Reporting', database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.entra({ objectId: REPORTING_OBJECT_ID, principalType: EntraPrincipalType.GROUP }) },
      { name: 'migrator@contoso.com', database: 'orders', access: AccessLevel.OWNER, member: DatabasePrincipal.entra({ objectId: MIGRATOR_OBJECT_ID, principalType: EntraPrincipalType.USER }) },
      {
        name: 'billing_vendor',
        database: 'orders',
        access: AccessLevel.READ_ONLY,
        member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON, keyVaultResourceId: KEY_VAULT_ID }),
      },
    ],
    ...overrides,
  };
}

/** The Entra service principal of the orders app, with the given options changed. */
export function entraMember(options: object = {}): DatabasePrincipal {
  return DatabasePrincipal.entra({ objectId: APP_OBJECT_ID, principalType: EntraPrincipalType.SERVICE_PRINCIPAL, ...options });
}

/** One role, "orders_app" with read-write access to orders as an Entra member, with the given fields changed. */
export function oneRole(fields: object = {}): Pick<DatabaseAccessProps, 'roles'> {
  return { roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE, member: entraMember(), ...fields }] };
}

/** One role, "billing_vendor" with read-only access to orders as a password member, with the member's options changed. */
export function oneVendor(options: object = {}): Pick<DatabaseAccessProps, 'roles'> {
  return oneRole({ name: 'billing_vendor', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON, ...options }) });
}

export interface AccessStack {
  readonly stack: TerraformStack;
  readonly server: SecureFlexibleServer;
  readonly access: DatabaseAccess;
}

/** A fresh stack with the server and its DatabaseAccess. */
export function accessStack(overrides: Partial<DatabaseAccessProps> = {}, server: Partial<SecureFlexibleServerProps> = {}): AccessStack {
  const stack = new TerraformStack(Testing.app(), 'orders');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps(server));
  const access = new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres, overrides));
  return { stack, server: postgres, access };
}
