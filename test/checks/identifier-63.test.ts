// Names as PostgreSQL keeps them (thirty-fifth run, A35b-4): every identifier, quoted or not, is cut to 63 bytes at a character
// boundary (scan.l truncate_identifier, a NOTICE only), so `GRANT "<L>x" TO intruder` makes intruder a member of <L>. The stack
// model reads every identifier argument of a postgresql_* block so (postgres-sent-text.ts sentToPostgres), and the rules read a
// grant's database as the server does (database-checks.ts databaseOf, databasesMadeOn).
import { Database as PostgresqlDatabase } from '@cdktf/provider-postgresql/lib/database';
import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import { TerraformVariable } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { Unknown } from '../../lib/checks/hcl-expression';
import { asIdentifier, sentToPostgres } from '../../lib/checks/postgres-sent-text';
import { ADMIN_OBJECT_ID, minimalProps, providerStack, synthErrors } from '../helpers';

const L = 'orders_app' + '_'.repeat(53); // 63 bytes: a DatabaseAccess role
const D = 'billing' + 'd'.repeat(56); // 63 bytes: a database the construct makes (DatabaseAccess takes 53 bytes at most: its group roles add 10)
const OTHER_ID = '99999999-9999-9999-9999-999999999999';

/**
 * A server with the databases orders and D, a DatabaseAccess on orders whose one role is L, and PUBLIC's CONNECT and TEMPORARY
 * revoked on D (PGD-IAM-14) by a grant spelling D as `revokeOn`.
 */
function longStack(revokeOn = D, admin = 'db-admins') {
  const stack = providerStack('long');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    databases: [{ name: 'orders' }, { name: D }],
    entraAdministrators: [{ objectId: ADMIN_OBJECT_ID, principalName: admin, principalType: EntraPrincipalType.GROUP }],
  }));
  const access = new DatabaseAccess(stack, 'Access', {
    server: postgres,
    connectAs: { principalName: admin },
    databases: ['orders'],
    roles: [{ name: L, database: 'orders', access: AccessLevel.READ_WRITE, member: DatabasePrincipal.entra({ objectId: '66666666-7777-8888-9999-000000000001', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
  });
  new Grant(access, 'RevokeD', { provider: access.provider, database: revokeOn, role: 'public', objectType: 'database', privileges: [] });
  new Extension(access, 'AuditD', { provider: access.provider, database: D, name: 'pgaudit' });
  return { stack, access };
}

/** The findings of a stack as "<rule id> <resource type>" lines, sorted and without duplicates. */
const findings = (errors: string[]) => [...new Set(errors.map((line) => {
  const found = /\b(postgresql_\w+|azurerm_\w+)\.\S+ (PG[A-Z]?-[A-Z]+-\d+)\b/.exec(line);
  return found === null ? line : `${found[2]} ${found[1]}`;
}))].sort();

/** The findings of the long stack with one block added. */
function judged(add: (access: DatabaseAccess) => void): string[] {
  const { stack, access } = longStack();
  add(access);
  return findings(synthErrors(stack));
}

describe('a role name over 63 bytes is the role it is cut to (A35b-4, PGD-IAM-13, PGD-IAM-7)', () => {
  const grant = (role: string, grantRole: string) => judged((access) => new GrantRole(access, 'X', { provider: access.provider, role, grantRole }));

  test('controls: the stack with a 63-byte role and database passes; the exact spelling fails PGD-IAM-13', () => {
    expect(synthErrors(longStack().stack)).toEqual([]);
    expect(grant('intruder', L)).toEqual(['PGD-IAM-13 postgresql_grant_role']);
  });

  test.each([
    ['L + "x"', L + 'x'],
    ['L + "ü" (two bytes past 63)', L + 'ü'],
    ['L + a long tail', L + '_'.repeat(100)],
    ['L + "\\u0000x" (NUL, then cut)', L + '\u0000x'],
  ])('intruder made a member of %s fails PGD-IAM-13 as the exact spelling does', (_name, grantRole) => {
    expect(grant('intruder', grantRole)).toEqual(['PGD-IAM-13 postgresql_grant_role']);
  });

  test('the construct role spelled L + "x" made a member of another role fails as the exact spelling does', () => {
    expect(grant(L + 'x', 'orders_readonly')).toEqual(grant(L, 'orders_readonly'));
    expect(grant(L, 'orders_readonly')).toContain('PGD-IAM-13 postgresql_grant_role');
  });

  test('a raw role whose roles hold L + "x", a for_each item, and a template whose first 63 bytes are known', () => {
    const variable = (access: DatabaseAccess) => new TerraformVariable(access, 'suffix', { type: 'string' });
    const roles = judged((access) => new Role(access, 'Intruder', { provider: access.provider, name: 'intruder', login: true, roles: [L + 'x'] }));
    expect(roles).toEqual(judged((access) => new Role(access, 'Intruder', { provider: access.provider, name: 'intruder', login: true, roles: [L] })));
    expect(roles).toContain('PGD-IAM-13 postgresql_role');
    expect(judged((access) => {
      const each = new GrantRole(access, 'X', { provider: access.provider, role: 'intruder', grantRole: '${each.value}' });
      each.addOverride('for_each', [L + 'x']);
    })).toContain('PGD-IAM-13 postgresql_grant_role');
    expect(judged((access) => {
      const suffix = variable(access);
      new GrantRole(access, 'X', { provider: access.provider, role: 'intruder', grantRole: `${L}x\${var.${suffix.friendlyUniqueId}}` });
    })).toContain('PGD-IAM-13 postgresql_grant_role');
  });

  test('a pgaadauth label on L + "x" is a label on L (PGD-IAM-7)', () => {
    const label = (objectName: string) => judged((access) => new SecurityLabel(access, 'Hijack', {
      provider: access.provider, objectType: 'role', objectName, labelProvider: 'pgaadauth', label: `aadauth,oid=${OTHER_ID},type=user`,
    }));
    expect(label(L)).toContain('PGD-IAM-7 postgresql_security_label');
    expect(label(L + 'x')).toEqual(label(L));
    expect(label(L + 'é')).toEqual(label(L));
  });

  test('an Entra administrator of 63 bytes spelled with one more character is that administrator\'s role (PGD-IAM-6)', () => {
    const admin = 'db-admins' + '-'.repeat(54); // 63 bytes
    const member = (grantRole: string) => {
      const { stack, access } = longStack(D, admin);
      new GrantRole(access, 'X', { provider: access.provider, role: 'intruder', grantRole });
      return findings(synthErrors(stack));
    };
    expect(member(admin)).toContain('PGD-IAM-6 postgresql_grant_role');
    expect(member(admin + 'x')).toEqual(member(admin));
    expect(member(admin + 'ü')).toEqual(member(admin));
  });

  test('controls: another role of 63 bytes, or one that differs within the first 63 bytes, is another role', () => {
    const other = L.slice(0, 62) + 'y';
    expect(grant('intruder', other + 'x')).toEqual(grant('intruder', other));
    expect(grant('intruder', other)).not.toContain('PGD-IAM-13 postgresql_grant_role');
    expect(grant('intruder', L.slice(0, 62))).not.toContain('PGD-IAM-13 postgresql_grant_role');
  });
});

describe('a database name over 63 bytes is the database it is cut to (A35b-4, PGD-IAM-12, PGD-IAM-14)', () => {
  const onDatabase = (database: string, role: string, privileges: string[]) => judged((access) => new Grant(access, 'OnDb', {
    provider: access.provider, database, role, objectType: 'database', privileges,
  }));

  test('PUBLIC\'s rights revoked on D + "x" are revoked on D (PGD-IAM-14 passes as for D)', () => {
    expect(synthErrors(longStack(D + 'x').stack)).toEqual([]);
    expect(synthErrors(longStack(D + 'ä').stack)).toEqual([]);
  });

  test('control: revoked on another database (it differs within 63 bytes), D keeps PUBLIC\'s rights (PGD-IAM-14)', () => {
    expect(findings(synthErrors(longStack(D.slice(0, 62) + 'e' + 'x').stack))).toContain('PGD-IAM-14 azurerm_postgresql_flexible_server_database');
  });

  test('PUBLIC given CONNECT back on D + "x" fails PGD-IAM-14 as on D', () => {
    expect(onDatabase(D, 'public', ['CONNECT'])).toContain('PGD-IAM-14 postgresql_grant');
    expect(onDatabase(D + 'x', 'public', ['CONNECT'])).toEqual(onDatabase(D, 'public', ['CONNECT']));
    expect(onDatabase(D + 'ß', 'public', ['CONNECT'])).toEqual(onDatabase(D, 'public', ['CONNECT']));
  });

  test('the construct role given CREATE on D + "x" is judged as on D (PGD-IAM-5)', () => {
    expect(onDatabase(D, L, ['CREATE'])).toContain('PGD-IAM-5 postgresql_grant');
    expect(onDatabase(D + 'x', L + 'x', ['CREATE'])).toEqual(onDatabase(D, L, ['CREATE']));
  });

  test('control: PUBLIC given CONNECT on another database (it differs within 63 bytes) is not PGD-IAM-14\'s', () => {
    expect(onDatabase(D.slice(0, 62) + 'e' + 'x', 'public', ['CONNECT'])).not.toContain('PGD-IAM-14 postgresql_grant');
  });
});

describe('what is not cut', () => {
  test('the library\'s own props refuse a role or database name over 63 bytes', () => {
    const stack = providerStack('props');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    const member = DatabasePrincipal.entra({ objectId: '66666666-7777-8888-9999-000000000001', principalType: EntraPrincipalType.SERVICE_PRINCIPAL });
    expect(() => new DatabaseAccess(stack, 'Access', {
      server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'],
      roles: [{ name: L + 'x', database: 'orders', access: AccessLevel.READ_WRITE, member }],
    })).toThrow(/63/);
    expect(() => new SecureFlexibleServer(providerStack('db'), 'Postgres', minimalProps({ databases: [{ name: D + 'x' }] }))).toThrow(/63/);
  });

  test('a database name the provider writes into its connection URL is judged whole: a "?" past byte 63 still fails PGD-TLS-1', () => {
    const { stack, access } = longStack();
    new PostgresqlDatabase(access, 'Odd', { provider: access.provider, name: `${D}x?sslmode=disable`, alterObjectOwnership: true });
    expect(findings(synthErrors(stack))).toContain('PGD-TLS-1 postgresql_database');
  });
});

describe('asIdentifier and sentToPostgres', () => {
  test('asIdentifier keeps 63 bytes at a character boundary', () => {
    expect(asIdentifier(L)).toBe(L);
    expect(asIdentifier(L + 'x')).toBe(L);
    expect(asIdentifier('é'.repeat(40))).toBe('é'.repeat(31)); // 62 bytes: the 32nd would end at byte 64
    expect(asIdentifier('a'.repeat(62) + '€x')).toBe('a'.repeat(62));
  });

  test('cuts the identifier arguments of the block type, and leaves literals, the database and unlisted types whole', () => {
    const long = 'p'.repeat(70);
    expect(sentToPostgres({ role: long, grant_role: long, with_admin_option: false }, 'postgresql_grant_role')).toEqual({ role: 'p'.repeat(63), grant_role: 'p'.repeat(63), with_admin_option: false });
    expect(sentToPostgres({ name: long, password: long, roles: [long, 'a'], search_path: [long] }, 'postgresql_role'))
      .toEqual({ name: 'p'.repeat(63), password: long, roles: ['p'.repeat(63), 'a'], search_path: ['p'.repeat(63)] });
    expect(sentToPostgres({ object_name: long, label_provider: long, label: long }, 'postgresql_security_label'))
      .toEqual({ object_name: 'p'.repeat(63), label_provider: 'p'.repeat(63), label: long });
    expect(sentToPostgres({ name: long, owner: long, database: long }, 'postgresql_database')).toEqual({ name: long, owner: 'p'.repeat(63), database: long });
    expect(sentToPostgres({ role: long, database: long }, 'postgresql_grant')).toEqual({ role: 'p'.repeat(63), database: long });
    expect(sentToPostgres({ role: long })).toEqual({ role: long });
    expect(sentToPostgres({ name: 's', policy: [{ role: long, usage: true }, { usage: true }] }, 'postgresql_schema'))
      .toEqual({ name: 's', policy: [{ role: 'p'.repeat(63), usage: true }, { usage: true }] });
  });

  test('a value known only at apply time: known when its text before the first interpolation passes 63 bytes; its choices cut', () => {
    const long = new Unknown(`"${L}xy\${var.x}"`, ['var.x'], `${L}xy\${var.x}`);
    expect(sentToPostgres({ grant_role: long }, 'postgresql_grant_role').grant_role).toBe(L);
    const short = new Unknown(`"${L}\${var.x}"`, ['var.x'], `${L}\${var.x}`);
    expect(sentToPostgres({ grant_role: short }, 'postgresql_grant_role').grant_role).toBe(short);
    const chosen = sentToPostgres({ grant_role: new Unknown('c', ['var.c'], undefined, [L + 'x', 'a']) }, 'postgresql_grant_role').grant_role as Unknown;
    expect(chosen.choices).toEqual([L, 'a']);
  });
});
