// Names as cyrilgdn/postgresql sends them (thirty-third run, A33b-1, A33b-2): lib/pq's QuoteIdentifier cuts a name at its
// first NUL, Terraform keeps the NUL, so "azure_pg_admin\u0000x" grants azure_pg_admin. Every text of a postgresql_* block
// is read up to its first NUL, in the stack model (stack-model.ts asRequest, postgres-sent-text.ts).
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import { TerraformVariable } from 'cdktf';
import { Unknown } from '../../lib/checks/hcl-expression';
import { sentToPostgres } from '../../lib/checks/postgres-sent-text';
import { accessStack, synthErrors } from '../helpers';

const OTHER_ID = '99999999-9999-9999-9999-999999999999';

const withAccess = () => accessStack('sent');

/** The rule ids of a stack's findings. */
const ids = (errors: string[]) => [...new Set(errors.map((line) => /\b(PG[A-Z]?-[A-Z]+-\d+)\b/.exec(line)?.[1]))].sort();

describe('a name with a NUL is judged as the name before it (A33b-1, PGD-IAM-6)', () => {
  test.each([
    ['azure_pg_admin\u0000x', /PGD-IAM-6 role orders_app is made a member of azure_pg_admin\b/],
    ['AZURE_PG_ADMIN\u0000', /PGD-IAM-6 role orders_app is made a member of AZURE_PG_ADMIN\b/],
    ['db-admins\u0000', /PGD-IAM-6 role orders_app is made a member of db-admins\b/],
    ['pg_write_all_data\u0000orders_readwrite', /PGD-IAM-6 role orders_app is made a member of pg_write_all_data, writes every table/],
  ])('grant_role %j', (grantRole, finding) => {
    const { stack, access } = withAccess();
    new GrantRole(access, 'Escalate', { provider: access.provider, role: 'orders_app', grantRole });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(finding)]));
  });

  test('as the same name without the NUL: the same rules fail', () => {
    const judged = (grantRole: string) => {
      const { stack, access } = withAccess();
      new GrantRole(access, 'Escalate', { provider: access.provider, role: 'orders_app', grantRole });
      return ids(synthErrors(stack));
    };
    expect(judged('azure_pg_admin\u0000x')).toEqual(judged('azure_pg_admin'));
    expect(judged('azure_pg_admin')).toContain('PGD-IAM-6');
  });

  test('a role\'s roles, a for_each item, and a template whose NUL comes before its interpolation', () => {
    const { stack, access } = withAccess();
    const suffix = new TerraformVariable(stack, 'suffix', { type: 'string' });
    new Role(access, 'Reporting', { provider: access.provider, name: 'reporting', login: true, roles: ['azure_pg_admin\u0000'] });
    const each = new GrantRole(access, 'Each', { provider: access.provider, role: 'orders_app', grantRole: '${each.value}' });
    each.addOverride('for_each', ['pg_read_all_data\u0000x']);
    new GrantRole(access, 'Later', { provider: access.provider, role: 'orders_app', grantRole: `pg_write_all_data\u0000\${var.${suffix.friendlyUniqueId}}` });
    const errors = synthErrors(stack);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/PGD-IAM-6 role reporting is made a member of azure_pg_admin\b/),
      expect.stringMatching(/PGD-IAM-6 role orders_app is made a member of pg_read_all_data\b/),
      expect.stringMatching(/PGD-IAM-6 role orders_app is made a member of pg_write_all_data\b/),
    ]));
  });

  test('a conditional whose branch has a NUL fails closed on the role', () => {
    const { stack, access } = withAccess();
    const pick = new TerraformVariable(stack, 'pick', { type: 'bool' });
    new GrantRole(access, 'Either', { provider: access.provider, role: 'orders_app', grantRole: `\${var.${pick.friendlyUniqueId} ? "azure_pg_admin\u0000" : "orders_readwrite"}` });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/PGD-IAM-6 /)]));
  });

  test('control: DatabaseAccess with its defaults passes', () => {
    expect(synthErrors(withAccess().stack)).toEqual([]);
  });
});

describe('a label provider with a NUL is the provider before it (A33b-2, PGD-IAM-7)', () => {
  test.each([['db-admins'], ['orders_app'], ['reporting']])('a pgaadauth\\0 label on %s', (objectName) => {
    const { stack, access } = withAccess();
    new SecurityLabel(access, 'Hijack', { provider: access.provider, objectType: 'role', objectName, labelProvider: 'pgaadauth\u0000x', label: `aadauth,oid=${OTHER_ID},type=user,admin` });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`PGD-IAM-7 role ${objectName}\\b`))]));
  });

  test('judged as the same label without the NUL', () => {
    const judged = (labelProvider: string) => {
      const { stack, access } = withAccess();
      new SecurityLabel(access, 'Hijack', { provider: access.provider, objectType: 'role', objectName: 'db-admins', labelProvider, label: `aadauth,oid=${OTHER_ID},type=user` });
      return ids(synthErrors(stack));
    };
    expect(judged('pgaadauth\u0000')).toEqual(judged('pgaadauth'));
  });
});

describe('sentToPostgres', () => {
  test('cuts every text at its first NUL, in lists and nested blocks, and leaves meta-arguments and keys as written', () => {
    const config = {
      grant_role: 'azure_pg_admin\u0000x', roles: ['a\u0000b', 'c'], parameter: [{ name: 'pgaudit.log\u0000', value: 'none\u0000x', quote: false }],
      map: { 'k\u0000': 'v\u0000w' }, provider: 'postgresql.x\u0000', depends_on: ['a\u0000'], count: 1, '//': { note: 'x\u0000' },
    };
    expect(sentToPostgres(config)).toEqual({
      grant_role: 'azure_pg_admin', roles: ['a', 'c'], parameter: [{ name: 'pgaudit.log', value: 'none', quote: false }],
      map: { 'k\u0000': 'v' }, provider: 'postgresql.x\u0000', depends_on: ['a\u0000'], count: 1, '//': { note: 'x\u0000' },
    });
  });

  test('a value known only at apply time: known when its NUL comes before any interpolation; its choices and parts cut', () => {
    const template = new Unknown('"azure_pg_admin\u0000${var.x}"', ['var.x'], 'azure_pg_admin\u0000${var.x}');
    expect(sentToPostgres({ grant_role: template }).grant_role).toBe('azure_pg_admin');
    const later = new Unknown('"${var.x}\u0000a"', ['var.x'], '${var.x}\u0000a');
    expect(sentToPostgres({ grant_role: later }).grant_role).toBe(later);
    const chosen = sentToPostgres({ grant_role: new Unknown('c', ['var.c'], undefined, ['azure_pg_admin\u0000', 'x']) }).grant_role as Unknown;
    expect(chosen.choices).toEqual(['azure_pg_admin', 'x']);
    const parts = sentToPostgres({ grant_role: new Unknown('f', ['var.c'], undefined, undefined, undefined, undefined, ['pg_monitor\u0000']) }).grant_role as Unknown;
    expect(parts.parts).toEqual(['pg_monitor']);
    const plain = new Unknown('var.x', ['var.x']);
    expect(sentToPostgres({ grant_role: plain }).grant_role).toBe(plain);
  });
});

describe('a session default written as SQL (quote = false) is read as PostgreSQL reads it (A33b-3)', () => {
  const judged = (parameter: { [key: string]: unknown }) => {
    const { stack, access } = withAccess();
    const role = new Role(access, 'Reporting', { provider: access.provider, name: 'reporting', login: true });
    role.addOverride('parameter', [parameter]);
    return synthErrors(stack);
  };

  test.each([
    [{ name: 'work_mem', value: '64MB; GRANT azure_pg_admin TO reporting', quote: false }, 'PGD-CFG-1'],
    [{ name: 'work_mem', value: '${var.v}', quote: false }, 'PGD-CFG-1'],
    [{ name: 'session_replication_role', value: "E'replica'", quote: false }, 'PGD-LOG-2'],
    [{ name: 'session_replication_role', value: '$$replica$$', quote: false }, 'PGD-LOG-2'],
    [{ name: 'pgaudit.log', value: "E'none'", quote: false }, 'PGD-LOG-2'],
    // An identifier is cut to 63 bytes (scan.l truncate_identifier): "misc<59 blanks>,ddl,role" stores misc and blanks (A34b-1).
    [{ name: 'pgaudit.log', value: `"misc${' '.repeat(59)},ddl,role"`, quote: false }, 'PGD-LOG-2'],
  ])('%j fails %s', (parameter, id) => {
    const stack = judged(parameter);
    expect(stack).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`postgresql_role\\.\\S+ ${id} `))]));
  });

  test('controls: a quoted value of any text, and a readable unquoted one that keeps logging, pass', () => {
    expect(judged({ name: 'work_mem', value: '64MB; GRANT azure_pg_admin TO reporting' })).toEqual([]);
    expect(judged({ name: 'work_mem', value: "'64MB'", quote: false })).toEqual([]);
    expect(judged({ name: 'session_replication_role', value: "E'origin'", quote: false })).toEqual([]);
    expect(judged({ name: 'pgaudit.log', value: "'ddl, role'", quote: false })).toEqual([]);
  });
});
