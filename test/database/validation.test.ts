import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { accessProps, serverProps, VENDOR_REASON } from '../support/database-fixture';

// The paths around validation: what passes (Terraform references where they cannot weaken
// anything), and that a refused DatabaseAccess leaves nothing behind. The refusals themselves,
// with their messages, are in errors.test.ts.

function stackWithServer(server = serverProps()): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  const stack = new TerraformStack(Testing.app(), 'orders');
  return { stack, postgres: new SecureFlexibleServer(stack, 'Postgres', server) };
}

function variable(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

test('a refused DatabaseAccess adds nothing to the stack: no provider, no resource', () => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), databases: ['shipping'] })).toThrow('Invalid databases[0]');
  const json = JSON.parse(Testing.synth(stack));
  expect(json.provider.postgresql).toBeUndefined();
  expect(Object.keys(json.resource).filter((type) => type.startsWith('postgresql_') || type === 'time_rotating')).toEqual([]);
});

test('a refusal after another DatabaseAccess on the server claimed nothing: the database can still be managed', () => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'Broken', { ...accessProps(postgres), roles: [{ ...accessProps(postgres).roles[0], access: 'admin' as AccessLevel }] })).toThrow('Invalid roles[0].access');
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres))).not.toThrow();
});

test('references pass where they cannot weaken anything: connectAs, object IDs, role names, the Key Vault', () => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', {
    ...accessProps(postgres),
    connectAs: { principalName: variable(stack, 'dba') },
    roles: [
      { name: variable(stack, 'app'), database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.entra({ objectId: variable(stack, 'oid'), principalType: EntraPrincipalType.GROUP }) },
      { name: 'billing_vendor', database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 30, justification: VENDOR_REASON, keyVaultResourceId: variable(stack, 'vault') }) },
    ],
  })).not.toThrow();
  expect(Testing.synth(stack)).toContain('"username": "${var.dba}"');
});

test('a literal connectAs is accepted when the server names its administrators by reference', () => {
  const probe = new TerraformStack(Testing.app(), 'probe');
  const { stack, postgres } = stackWithServer(serverProps({
    entraAdministrators: [{ objectId: '66666666-7777-8888-9999-000000000000', principalName: variable(probe, 'admin'), principalType: EntraPrincipalType.GROUP }],
  }));
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), connectAs: { principalName: 'grp-orders-dba' } })).not.toThrow();
});

test('an empty role list creates the group roles only', () => {
  const { stack, postgres } = stackWithServer();
  new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), roles: [] });
  const json = JSON.parse(Testing.synth(stack));
  expect(Object.values(json.resource.postgresql_role).map((r) => (r as { name: string }).name).sort()).toEqual(['orders_owner', 'orders_readonly', 'orders_readwrite']);
  expect(json.resource.postgresql_security_label).toBeUndefined();
});
