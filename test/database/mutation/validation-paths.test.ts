import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabaseAccessProps, EntraPrincipalType, SecureFlexibleServer, SecureFlexibleServerProps } from '../../../lib';
import { accessProps, DBA, entraMember, oneVendor, serverProps } from '../../support/database-fixture';

// The paths of lib/database/validate-access.ts and validate-roles.ts that the catalogue's single
// bad inputs leave open (issue #12, the database group of the mutation score): lists of more than
// one name in a message, the bounds, the defaults, and references where literals are expected.

const CONNECT_AS_FIX = 'Fix: give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it.';

function variable(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

/** A stack with the server (fixture props, changed by `server`), and the DatabaseAccess `access` makes of them. */
function build(access: (stack: TerraformStack, server: SecureFlexibleServer) => Partial<DatabaseAccessProps>, server: (stack: TerraformStack) => Partial<SecureFlexibleServerProps> = () => ({})): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'orders');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps(server(stack)));
  new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres, access(stack, postgres)));
  return stack;
}

const ANOTHER_ADMIN = { objectId: '66666666-7777-8888-9999-000000000001', principalName: 'grp-orders-ops', principalType: EntraPrincipalType.GROUP };

describe('connectAs', () => {
  test('not an administrator: the message lists every administrator of the server', () => {
    expect(() => build(() => ({ connectAs: { principalName: 'grp-orders-devs' } }), () => ({
      entraAdministrators: [...serverProps().entraAdministrators!, ANOTHER_ADMIN],
    }))).toThrow(`Invalid connectAs.principalName: "grp-orders-devs" is not an Entra administrator of the server (it lists "${DBA}", "grp-orders-ops"). ${CONNECT_AS_FIX}`);
  });

  test('a literal passes when one of several administrators is named by a reference (it may be that one)', () => {
    expect(() => build(() => ({ connectAs: { principalName: 'grp-orders-devs' } }), (stack) => ({
      entraAdministrators: [...serverProps().entraAdministrators!, { ...ANOTHER_ADMIN, principalName: variable(stack, 'ops') }],
    }))).not.toThrow();
  });
});

describe('databases', () => {
  test('a server whose databases are all named by references declares none the DatabaseAccess can check against', () => {
    expect(() => build(() => ({ roles: [] }), (stack) => ({ databases: [{ name: variable(stack, 'database') }] })))
      .toThrow('Invalid databases[0]: "orders" is not a database of the server (it declares none). Fix: add { name: "orders" } to the server\'s databases prop, so the database exists before the grants.');
  });

  test('a name whose longest group role is exactly 63 bytes (PostgreSQL\'s limit) is accepted', () => {
    const name = 'd'.repeat(53);
    const stack = build(() => ({ databases: [name], roles: [] }), () => ({ databases: [{ name }] }));
    const roles = Object.values(JSON.parse(Testing.synth(stack)).resource.postgresql_role).map((role) => (role as { name: string }).name);
    expect(roles).toContain(`${name}_readwrite`);
  });

  test('without schemas, every level is granted on schema public only', () => {
    const json = JSON.parse(Testing.synth(build(() => ({ roles: [] }))));
    const schemaGrants = Object.values(json.resource.postgresql_grant as Record<string, { role: string; object_type: string; schema?: string }>)
      .filter((grant) => grant.object_type === 'schema' && grant.role !== 'public');
    expect(schemaGrants.map((grant) => grant.schema)).toEqual(['public', 'public', 'public']);
    expect(json.resource.postgresql_schema).toBeUndefined();
  });
});

describe('roles', () => {
  test('a database the DatabaseAccess does not manage: the message lists every managed database', () => {
    expect(() => build(() => ({
      databases: ['orders', 'billing'],
      roles: [{ name: 'orders_app', database: 'shipping', access: AccessLevel.READ_WRITE, member: entraMember() }],
    }), () => ({ databases: [{ name: 'orders' }, { name: 'billing' }] }))).toThrow('Invalid roles[0].database: "shipping" is not one of the databases this DatabaseAccess manages. Fix: use one of "orders", "billing".');
  });

  test('two roles named by the same reference are one name used twice', () => {
    expect(() => build((stack) => {
      const name = variable(stack, 'app');
      return {
        roles: [
          { name, database: 'orders', access: AccessLevel.READ_WRITE, member: entraMember() },
          { name, database: 'orders', access: AccessLevel.READ_ONLY, member: entraMember() },
        ],
      };
    })).toThrow('Invalid roles[1].name: "${…}" is used twice (names ignore case). Fix: give each role its own name.');
  });

  test('names are compared in lower case: "Straße" and "STRASSE" are two names (only their upper cases are equal)', () => {
    expect(() => build(() => ({
      roles: [
        { name: 'Straße', database: 'orders', access: AccessLevel.READ_WRITE, member: entraMember() },
        { name: 'STRASSE', database: 'orders', access: AccessLevel.READ_ONLY, member: entraMember() },
      ],
    }))).not.toThrow();
  });

  test('two roles named by different references pass: their values are not known at synth', () => {
    expect(() => build((stack) => ({
      roles: [
        { name: variable(stack, 'app'), database: 'orders', access: AccessLevel.READ_WRITE, member: entraMember() },
        { name: variable(stack, 'reporting'), database: 'orders', access: AccessLevel.READ_ONLY, member: entraMember() },
      ],
    }))).not.toThrow();
  });
});

describe('a password member', () => {
  /** The offset its password's expiry adds to the rotation date. */
  function grace(options: object): string | undefined {
    const json = JSON.parse(Testing.synth(build(() => oneVendor(options))));
    const vendor = Object.values(json.resource.postgresql_role as Record<string, { name: string; valid_until?: string }>).find((role) => role.name === 'billing_vendor');
    return /"(\d+h)"/.exec(vendor?.valid_until ?? '')?.[1];
  }

  test('expires 7 days after its rotation date by default, and expiryGraceDays days after it when given', () => {
    expect([grace({}), grace({ expiryGraceDays: 3 })]).toEqual(['168h', '72h']);
  });
});
