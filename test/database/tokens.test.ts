import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Lazy, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { DatabaseAccess, DatabaseAccessProps, PostgresSslMode, SecureFlexibleServer } from '../../lib';
import { KEY_VAULT_ID } from '../helpers';
import { PathKind, propPaths } from '../prop-paths';
import { accessProps, APP_OBJECT_ID, entraMember, oneRole as role, oneVendor, serverProps, VENDOR_REASON } from '../support/database-fixture';

// Every prop of DatabaseAccess given a Terraform token instead of a literal, once a variable and
// once a local. Where a token names something (the administrator Terraform signs in as, a role, a
// principal, a vault) it passes and reaches the synthesized JSON; where it decides who gets which
// rights (databases, schemas, access levels, a principal's type, rotation days, the TLS mode) or
// must be read by a reviewer (a justification), it is refused with the library's error before
// anything is added. A test derives the paths from DatabaseAccessProps, so a new prop needs a row.

type Kind = 'string' | 'number' | 'list' | 'map';
type Refusal = 'SECURITY-SETTING-TOKEN' | 'JUSTIFICATION-TOKEN' | 'LIST-TOKEN';

interface Row {
  readonly path: string;
  readonly kind: Kind;
  /** The props with the token in place. */
  readonly place: (token: any) => Partial<DatabaseAccessProps>;
  /** Set when the token is refused: the error's code, and its prop when not the path. */
  readonly refused?: Refusal;
  readonly prop?: string;
  /** The value a local holds, where the checks read it through the local and a placeholder would be bad input. */
  readonly local?: string;
}

const entra = (options: object) => role({ member: entraMember(options) });
const password = (options: object) => oneVendor({ keyVaultResourceId: KEY_VAULT_ID, ...options });

const ROWS: Row[] = [
  { path: 'connectAs.principalName', kind: 'string', place: (principalName) => ({ connectAs: { principalName } }) },
  { path: 'databases', kind: 'list', place: (databases) => ({ databases }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'databases[0]', kind: 'string', place: (name) => ({ databases: [name] }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'roles', kind: 'list', place: (roles) => ({ roles }), refused: 'LIST-TOKEN' },
  { path: 'roles[0].name', kind: 'string', place: (name) => role({ name }) },
  { path: 'roles[0].database', kind: 'string', place: (database) => role({ database }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'roles[0].access', kind: 'string', place: (access) => role({ access }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'roles[0].member.entra.objectId', kind: 'string', place: (objectId) => entra({ objectId }), local: APP_OBJECT_ID },
  { path: 'roles[0].member.entra.principalType', kind: 'string', place: (principalType) => entra({ principalType }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'roles[0].member.password.rotateEveryDays', kind: 'number', place: (rotateEveryDays) => password({ rotateEveryDays }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'roles[0].member.password.justification', kind: 'string', place: (justification) => password({ justification }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'roles[0].member.password.expiryGraceDays', kind: 'number', place: (expiryGraceDays) => password({ expiryGraceDays }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'roles[0].member.password.keyVaultResourceId', kind: 'string', place: (keyVaultResourceId) => password({ keyVaultResourceId }) },
  { path: 'schemas', kind: 'map', place: (schemas) => ({ schemas }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'schemas.<key>', kind: 'list', place: (names) => ({ schemas: { orders: names } }), refused: 'SECURITY-SETTING-TOKEN', prop: 'schemas.orders' },
  { path: 'schemas.<key>[0]', kind: 'string', place: (name) => ({ schemas: { orders: ['public', name] } }), refused: 'SECURITY-SETTING-TOKEN', prop: 'schemas.orders[1]' },
  { path: 'sslMode', kind: 'string', place: (sslMode) => ({ sslMode, sslModeJustification: VENDOR_REASON }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'sslModeJustification', kind: 'string', place: (sslModeJustification) => ({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification }), refused: 'JUSTIFICATION-TOKEN' },
];

type Source = 'a variable' | 'a local';

/** A token of the kind, as a variable or as a reference to a local value of the stack. */
function tokenOf(stack: TerraformStack, kind: Kind, source: Source, localValue?: string): any {
  if (source === 'a variable') {
    const variable = new TerraformVariable(stack, 'token', {});
    if (kind === 'number') return variable.numberValue;
    if (kind === 'list') return variable.listValue;
    if (kind === 'map') return Token.asAnyMap(variable.value);
    return variable.stringValue;
  }
  const local = new TerraformLocal(stack, 'token', localValue ?? { string: 'x', number: 1, list: ['x'], map: { orders: ['public'] } }[kind]);
  if (kind === 'number') return local.asNumber;
  if (kind === 'list') return local.asList;
  if (kind === 'map') return local.asAnyMap;
  return local.asString;
}

/** A stack with the server and the DatabaseAccess, the token in place; what it threw, if anything. */
function build(row: Row, source: Source) {
  const stack = new TerraformStack(Testing.app(), 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
  const token = tokenOf(stack, row.kind, source, row.local);
  expect(Token.isUnresolved(token)).toBe(true);
  // An output of the token alone shows the expression it resolves to.
  const probe = new TerraformOutput(stack, 'probe', { value: token });
  let error: { name?: string; code?: string; prop?: string } | undefined;
  try {
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(server), ...row.place(token) });
  } catch (thrown) {
    error = thrown as typeof error;
  }
  return { stack, probe, error };
}

describe.each<Source>(['a variable', 'a local'])('DatabaseAccess: %s at every prop', (source) => {
  test.each(ROWS.map((row) => [row.path, row] as const))('%s', (_, row) => {
    const { stack, probe, error } = build(row, source);
    if (row.refused) {
      expect(error).toMatchObject({ name: 'ValidationError', code: row.refused, prop: row.prop ?? row.path });
      expect(stack.node.tryFindChild('OrdersAccess')?.node.children).toEqual([]);
      return;
    }
    expect(error).toBeUndefined();
    // Full synthesis, as `cdktf synth` runs it: the rule pack fails on an error finding.
    Testing.synth(stack, true);
    const { output, ...terraform } = stack.toTerraform();
    const expression = String(output[probe.friendlyUniqueId].value).replace(/^\$\{(.*)\}$/, '$1');
    expect(JSON.stringify(terraform)).toContain(JSON.stringify(expression).slice(1, -1));
  });
});

// DB-ROLE-NAME-RESERVED reads literal names only; its twin PGD-IAM-16 reads the name the JSON writes (twelfth review, A12a-18).
describe('a role name given as a token that is a reserved name fails synth', () => {
  test.each<[string, (stack: TerraformStack) => string]>([
    ['a Lazy', () => Lazy.stringValue({ produce: () => 'azure_pg_admin' })],
    ['a local', (stack) => new TerraformLocal(stack, 'name', 'pg_read_all_data').asString],
  ])('%s', (_, nameIn) => {
    const stack = new TerraformStack(Testing.app(), 'orders');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(server), ...role({ name: nameIn(stack) }) });
    expect(() => Testing.synth(stack, true)).toThrow(/PGD-IAM-16/);
  });
});

/** Paths a token has no place at: the server is a construct. */
const NOT_TOKENS: PathKind[] = ['construct'];

test('the table covers every prop of DatabaseAccessProps that can hold a token, each of its kind', () => {
  const paths = propPaths('DatabaseAccessProps');
  const tokenPaths = [...paths].filter(([, kind]) => !NOT_TOKENS.includes(kind)).map(([path]) => path);
  expect(tokenPaths.filter((path) => !ROWS.some((row) => row.path === path))).toEqual([]);
  expect(ROWS.filter((row) => paths.get(row.path) !== row.kind).map((row) => `${row.path}: ${row.kind}, the prop is ${paths.get(row.path)}`)).toEqual([]);
}, 30_000);

// Adversarial run of stop 76, Q76-34: an object ID known only at plan is written into the pgaadauth label as it comes, so a variable
// holding "<GUID>,admin" made the role an Entra administrator's, unseen by synth and check. The label now carries a plan-time guard.
describe('an Entra member\'s object ID given as a token', () => {
  const labelOf = (objectId: string, edit?: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'orders');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(server), ...entra({ objectId: objectId === 'variable' ? new TerraformVariable(stack, 'oid', { default: `${APP_OBJECT_ID},admin` }).stringValue : objectId }) });
    edit?.(stack);
    const labels = (JSON.parse(Testing.synth(stack, true)).resource.postgresql_security_label ?? {}) as { [name: string]: { label: string; lifecycle?: { precondition: { condition: string; error_message: string }[] } } };
    return { stack, label: Object.values(labels).find((body) => body.label.includes('type=service'))! };
  };

  test('stops the plan unless it is a GUID: the label carries a precondition on it', () => {
    const { label } = labelOf('variable');
    expect(label.label).toBe('aadauth,oid=${var.oid},type=service');
    expect(label.lifecycle?.precondition).toEqual([{
      condition: '${can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", var.oid))}',
      error_message: expect.stringContaining('must be a GUID'),
    }]);
  });

  test('a literal object ID, validated at synth, needs no guard', () => {
    expect(labelOf(APP_OBJECT_ID).label.lifecycle).toBeUndefined();
  });

  test('an override that removes or loosens the guard fails synth (PG-CFG-6)', () => {
    for (const guard of [undefined, [{ condition: true, error_message: 'x' }]]) {
      const edit = (stack: TerraformStack) => {
        const label = stack.node.findAll().find((c) => c.node.path.endsWith('/EntraLabel')) as unknown as { addOverride: (path: string, value: unknown) => void };
        label.addOverride('lifecycle.precondition', guard);
      };
      expect(() => labelOf('variable', edit)).toThrow(/PG-CFG-6/);
    }
  });
});

// Adversarial run of stop 76, Q76-46: a token as a key of schemas was refused as "a database this DatabaseAccess does not manage",
// with cdktf's raw token marker in the message.
test.each<[string, (stack: TerraformStack) => string]>([
  ['a variable', (stack) => new TerraformVariable(stack, 'db', {}).stringValue],
  ['a local', (stack) => new TerraformLocal(stack, 'db', 'orders').asString],
])('a key of schemas given as %s is refused as a security setting known only at apply time', (_, keyIn) => {
  const stack = new TerraformStack(Testing.app(), 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
  let error: { code?: string; prop?: string; message?: string } | undefined;
  try {
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(server), schemas: { [keyIn(stack)]: ['public'] } });
  } catch (thrown) {
    error = thrown as typeof error;
  }
  expect(error).toMatchObject({ code: 'SECURITY-SETTING-TOKEN', prop: 'schemas' });
  expect(error?.message).not.toContain('TfToken');
  expect(error?.message).toMatch(/Invalid schemas: .* has a key that is a Terraform token, known only at apply time/);
});
