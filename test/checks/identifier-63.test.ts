// Names as PostgreSQL keeps them (thirty-fifth run, A35b-4): every identifier, quoted or not, is cut to 63 bytes at a character
// boundary (scan.l truncate_identifier, a NOTICE only), so `GRANT "<L>x" TO intruder` makes intruder a member of <L>. The stack
// model reads every identifier argument of a postgresql_* block so (postgres-sent-text.ts sentToPostgres), and the rules read a
// grant's database as the server does (database-checks.ts databaseOf, databasesMadeOn).
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
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
  return { stack, access, postgres };
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

  // cut63: the names of the server's administrators were compared whole with role names read cut, so an administrator written with
  // more than 63 bytes (a raw block beside the construct; the props refuse it) was never matched: PostgreSQL keeps its role cut.
  describe('an Entra administrator written with more than 63 bytes is the role of its first 63 bytes (PGD-IAM-6, PGD-IAM-7)', () => {
    const LONG_ADMIN = 'Contoso Production PostgreSQL Administrators - West Europe - Tier 0'; // 67 bytes
    const CUT_ADMIN = LONG_ADMIN.slice(0, 63);
    /** The long stack with a raw Entra administrator of `principalName` beside the construct's, and one block added. */
    const withAdmin = (principalName: string, add: (access: DatabaseAccess) => void) => {
      const { stack, access, postgres } = longStack();
      new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'LongAdmin', {
        serverName: postgres.server.name, resourceGroupName: 'rg-orders', tenantId: '00000000-0000-0000-0000-000000000000', objectId: OTHER_ID, principalName, principalType: 'Group',
      });
      add(access);
      return synthErrors(stack);
    };
    const member = (principalName: string, grantRole: string) => findings(withAdmin(principalName, (access) => new GrantRole(access, 'X', { provider: access.provider, role: 'intruder', grantRole })));
    /** Whether a pgaadauth label on `objectName` fails PGD-IAM-7 as a mapping of an administrator's role (the rule has other findings). */
    const mapsAdministrator = (principalName: string, objectName: string) => withAdmin(principalName, (access) => new SecurityLabel(access, 'Hijack', {
      provider: access.provider, objectType: 'role', objectName, labelProvider: 'pgaadauth', label: `aadauth,oid=${OTHER_ID},type=user`,
    })).some((line) => /postgresql_security_label\.\S+ PGD-IAM-7 .*an administrator's role/.test(line));
    test.each([
      ['written whole', LONG_ADMIN],
      ['its 63 bytes', CUT_ADMIN],
      ['its 63 bytes in another case', CUT_ADMIN.toUpperCase()],
      ['its 63 bytes and another tail', CUT_ADMIN + ' - Tier 1'],
    ])('made a member of the administrator\'s role %s fails PGD-IAM-6', (_name, grantRole) => {
      expect(member(LONG_ADMIN, grantRole)).toContain('PGD-IAM-6 postgresql_grant_role');
    });

    test('a raw role whose roles hold it, a for_each item and a reference to a role of that name fail PGD-IAM-6 too', () => {
      expect(findings(withAdmin(LONG_ADMIN, (access) => new Role(access, 'Intruder', { provider: access.provider, name: 'intruder', login: true, roles: [LONG_ADMIN] }))))
        .toContain('PGD-IAM-6 postgresql_role');
      expect(withAdmin(LONG_ADMIN, (access) => {
        const each = new GrantRole(access, 'X', { provider: access.provider, role: 'intruder', grantRole: '${each.value}' });
        each.addOverride('for_each', [CUT_ADMIN + 'x']);
      }).join('\n')).toMatch(/postgresql_grant_role\.Access_X_\w+\[.*\] PGD-IAM-6 role intruder is made a member of Contoso/);
      expect(findings(withAdmin(LONG_ADMIN, (access) => {
        const admins = new Role(access, 'Admins', { provider: access.provider, name: LONG_ADMIN + ' (copy)' });
        new GrantRole(access, 'X', { provider: access.provider, role: 'intruder', grantRole: admins.name });
      }))).toContain('PGD-IAM-6 postgresql_grant_role');
    });

    test('an administrator of 62 bytes and a multibyte character across byte 63 is the role of its 62 bytes', () => {
      const admin = CUT_ADMIN.slice(0, 62) + 'ü-x';
      expect(member(admin, CUT_ADMIN.slice(0, 62))).toContain('PGD-IAM-6 postgresql_grant_role');
    });

    test('a pgaadauth label on its 63 bytes maps the administrator\'s role (PGD-IAM-7)', () => {
      expect(mapsAdministrator(CUT_ADMIN, CUT_ADMIN)).toBe(true);
      expect(mapsAdministrator(LONG_ADMIN, CUT_ADMIN)).toBe(true);
      expect(mapsAdministrator(LONG_ADMIN, LONG_ADMIN)).toBe(true);
      expect(mapsAdministrator(LONG_ADMIN, 'orders_app')).toBe(false);
    });

    test('controls: a role that differs within the first 63 bytes is another role; the same stack with a 63-byte administrator judges the same', () => {
      expect(member(LONG_ADMIN, CUT_ADMIN.slice(0, 62) + 'x')).not.toContain('PGD-IAM-6 postgresql_grant_role');
      expect(member(LONG_ADMIN, 'orders_readonly')).not.toContain('PGD-IAM-6 postgresql_grant_role');
      expect(member(LONG_ADMIN, CUT_ADMIN)).toEqual(member(CUT_ADMIN, CUT_ADMIN));
    });
  });

  test('controls: another role of 63 bytes, or one that differs within the first 63 bytes, is another role', () => {
    const other = L.slice(0, 62) + 'y';
    expect(grant('intruder', other + 'x')).toEqual(grant('intruder', other));
    expect(grant('intruder', other)).not.toContain('PGD-IAM-13 postgresql_grant_role');
    expect(grant('intruder', L.slice(0, 62))).not.toContain('PGD-IAM-13 postgresql_grant_role');
  });
});

// cut63: PostgreSQL cuts the user name of the startup packet to 63 bytes (ProcessStartupPacket; a byte cut, shown on the live
// cluster in identifier-63-on-postgres.test.ts), so the provider's `username` signs in as that role: PGD-IAM-11 reads it so.
describe('the provider username signs in as its first 63 bytes (PGD-IAM-11)', () => {
  const ADMIN = 'db-admins' + '-'.repeat(54); // 63 bytes
  const signIn = (username: string, admin = ADMIN) => {
    const { stack, access } = longStack(D, admin);
    access.provider.addOverride('username', username);
    return findings(synthErrors(stack)).filter((line) => line.startsWith('PGD-IAM-11'));
  };

  test('the declared administrator spelled with a tail past byte 63 is the declared administrator', () => {
    expect(signIn(ADMIN)).toEqual([]);
    expect(signIn(ADMIN + 'x')).toEqual([]);
    expect(signIn(ADMIN + 'ü' + 'x'.repeat(40))).toEqual([]);
  });

  test('controls: another name within 63 bytes, another case, and a character across byte 63 (no role has half of it: the sign-in fails) still fail', () => {
    expect(signIn(ADMIN.slice(0, 62) + 'x' + 'y')).toEqual(['PGD-IAM-11 postgresql_extension']);
    expect(signIn(ADMIN.toUpperCase() + 'x')).toEqual(['PGD-IAM-11 postgresql_extension']);
    expect(signIn(ADMIN.slice(0, 62))).toEqual(['PGD-IAM-11 postgresql_extension']);
    const admin62 = ADMIN.slice(0, 62);
    expect(signIn(admin62, admin62)).toEqual([]);
    expect(signIn(admin62 + 'ü', admin62)).toEqual(['PGD-IAM-11 postgresql_extension']);
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
