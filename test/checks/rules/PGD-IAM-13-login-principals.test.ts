import { rule } from '../../../lib/checks/rules/PGD-IAM-13';
import { APP_OBJECT_ID, databaseStack, declaredAccess, groupRole, judgeDeclared } from '../database-fixtures';

// 88th run, A88a-2: what the stack writes into the Entra principal a DatabaseAccess login is mapped to lets another party sign in as it.

const GROUP_OBJECT_ID = 'bbbbbbbb-0000-0000-0000-000000000002';
const OTHER_OBJECT_ID = 'cccccccc-0000-0000-0000-000000000003';
const label = (role: string, text: string) => ({ object_type: 'role', object_name: role, label_provider: 'pgaadauth', label: text });
const APP_LABEL = `aadauth,oid=${APP_OBJECT_ID},type=service`;
const REPORTING_LABEL = `aadauth,oid=${GROUP_OBJECT_ID},type=group`;
const LOGINS = [
  { name: 'orders_app', group: 'orders_readwrite', label: APP_LABEL },
  { name: 'orders_reporting', group: 'orders_readonly', label: REPORTING_LABEL },
  { name: 'billing_vendor', group: 'orders_readonly' },
];

/** The roles and labels DatabaseAccess makes for LOGINS (labels as declared), and the given blocks beside them. */
function stackWith(resources: object, appLabel = APP_LABEL): ReturnType<typeof databaseStack> {
  const login = (name: string, group: string) => groupRole(name, { login: true, roles: [`\${postgresql_role.${group}.name}`] });
  return databaseStack({
    postgresql_role: {
      ro: groupRole('orders_readonly'), rw: groupRole('orders_readwrite'), owner: groupRole('orders_owner'),
      app: login('orders_app', 'rw'), reporting: login('orders_reporting', 'ro'), vendor: login('billing_vendor', 'ro'),
    },
    postgresql_security_label: { app: label('${postgresql_role.app.name}', appLabel), reporting: label('${postgresql_role.reporting.name}', REPORTING_LABEL) },
    ...resources,
  } as never);
}

const declared = (logins: object[] = LOGINS) => [declaredAccess({ logins: logins as never })];

test('passes credentials and members the stack writes for principals no declared login is mapped to', () => {
  const stack = stackWith({
    azuread_service_principal_password: { other: { service_principal_id: `/servicePrincipals/${OTHER_OBJECT_ID}` } },
    azuread_group_member: { other: { group_object_id: OTHER_OBJECT_ID, member_object_id: APP_OBJECT_ID } },
  });
  expect(judgeDeclared(rule, stack, declared())).toEqual([{ status: 'pass' }]);
});

test.each([
  ['azuread 3.x', `/servicePrincipals/${APP_OBJECT_ID}`],
  ['azuread 2.x', APP_OBJECT_ID.toUpperCase()],
])('fails a client secret or certificate written for the service principal a login is mapped to, named the %s way', (_, pointer) => {
  const stack = stackWith({
    azuread_service_principal_password: { p: { service_principal_id: pointer } },
    azuread_service_principal_certificate: { c: { service_principal_id: pointer, type: 'AsymmetricX509Cert', value: 'MIIB...', end_date: '2030-01-01T00:00:00Z' } },
  });
  const target = `the service principal ${JSON.stringify(APP_OBJECT_ID)} (object ${JSON.stringify(APP_OBJECT_ID)})`;
  const then = 'the Entra principal stack/Access maps role orders_app to: whoever holds what it writes signs in to the server as orders_app, which the declaration does not show.';
  expect(judgeDeclared(rule, stack, declared())).toEqual([
    { status: 'fail', message: `azuread_service_principal_certificate.c adds a sign-in certificate to ${target}, ${then}`, address: 'azuread_service_principal_certificate.c' },
    { status: 'fail', message: `azuread_service_principal_password.p writes a client secret for ${target}, ${then}`, address: 'azuread_service_principal_password.p' },
  ]);
});

test('fails a client secret for the principal of a login mapped through a token, by its expression or one known only at apply time', () => {
  const token = 'aadauth,oid=${var.migrations_identity_object_id},type=service';
  const logins = [{ name: 'orders_app', group: 'orders_readwrite', label: token }, LOGINS[1]];
  const stack = stackWith({
    azuread_service_principal_password: { p: { service_principal_id: '/servicePrincipals/${var.migrations_identity_object_id}' }, later: { service_principal_id: '${var.MIGRATIONS_IDENTITY_OBJECT_ID}' } },
  }, token);
  expect(judgeDeclared(rule, stack, declared(logins))).toEqual([
    expect.objectContaining({ status: 'fail', address: 'azuread_service_principal_password.later', message: expect.stringContaining('writes a client secret for a service principal whose service_principal_id "${var.MIGRATIONS_IDENTITY_OBJECT_ID}" is known only at apply time and may be the service principal "${var.migrations_identity_object_id}"') }),
    expect.objectContaining({ status: 'fail', address: 'azuread_service_principal_password.p', message: expect.stringContaining('writes a client secret for the service principal "${var.migrations_identity_object_id}"') }),
  ]);
});

test('fails a member written into the group a group login is mapped to: each member signs in as the login', () => {
  const stack = stackWith({ azuread_group_member: { m: { group_object_id: GROUP_OBJECT_ID, member_object_id: OTHER_OBJECT_ID } } });
  expect(judgeDeclared(rule, stack, declared())).toEqual([
    { status: 'fail', message: `azuread_group_member.m adds the member ${JSON.stringify(OTHER_OBJECT_ID)} to the group ${JSON.stringify(GROUP_OBJECT_ID)}, the Entra principal stack/Access maps role orders_reporting to: each of its members signs in to the server as orders_reporting, which the declaration does not show.`, address: 'azuread_group_member.m' },
  ]);
});

// 90th run, A90a-4: a workload of the stack that attaches the user-assigned identity a login is mapped to signs in as the login.
describe('workloads that attach the user-assigned identity a login is mapped to', () => {
  const IDENTITY_LABEL = 'aadauth,oid=${azurerm_user_assigned_identity.migrations.principal_id},type=service';
  const identities = { azurerm_user_assigned_identity: { migrations: { name: 'id-migrations', resource_group_name: 'rg', location: 'westeurope' }, other: { name: 'id-other', resource_group_name: 'rg', location: 'westeurope' } } };
  // The reporting login's label is declared too: a raw literal one beside a login mapped by an expression may be its principal (R76-12).
  const logins = [{ name: 'orders_app', group: 'orders_readwrite', label: IDENTITY_LABEL }, LOGINS[1]];
  const judged = (resources: object) => judgeDeclared(rule, stackWith({ ...identities, ...resources }, IDENTITY_LABEL), declared(logins));
  const attaching = (address: string) => expect.objectContaining({
    status: 'fail', address,
    message: expect.stringContaining(`${address} attaches azurerm_user_assigned_identity.migrations (the identity stack/Access maps role orders_app to) to a workload of its own: its code signs in to the server as orders_app`),
  });
  const vm = (identityIds: string[]) => ({ name: 'vm', resource_group_name: 'rg', location: 'westeurope', size: 'Standard_B1s', identity: [{ type: 'UserAssigned', identity_ids: identityIds }] });

  test('passes a workload that attaches another identity, and a storage account that unwraps its key with the login\'s', () => {
    expect(judged({
      azurerm_linux_virtual_machine: { vm: vm(['${azurerm_user_assigned_identity.other.id}']) },
      azurerm_storage_account: { sa: { name: 'sa', identity: [{ type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.migrations.id}'] }] } },
    })).toEqual([{ status: 'pass' }]);
  });

  test.each([
    ['a reference to its id', '${azurerm_user_assigned_identity.migrations.id}'],
    ['the literal ID its names spell', '/subscriptions/${data.azurerm_client_config.c.subscription_id}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-migrations'],
  ])('fails a VM that attaches it by %s', (_, pointer) => {
    expect(judged({ azurerm_linux_virtual_machine: { vm: vm([pointer]) } })).toEqual([attaching('azurerm_linux_virtual_machine.vm')]);
  });

  test('fails an azapi workload that attaches it in its body', () => {
    const body = { identity: { type: 'UserAssigned', userAssignedIdentities: { '${azurerm_user_assigned_identity.migrations.id}': {} } }, properties: {} };
    expect(judged({ azapi_resource: { app: { type: 'Microsoft.App/containerApps@2024-03-01', name: 'app', parent_id: '/subscriptions/0/resourceGroups/rg', body } } }))
      .toEqual([attaching('azapi_resource.app')]);
  });

  test('reads no attachment for a login mapped to a literal object ID: no identity of the stack is known to be it', () => {
    expect(judgeDeclared(rule, stackWith({ ...identities, azurerm_linux_virtual_machine: { vm: vm(['${azurerm_user_assigned_identity.migrations.id}']) } }), declared()))
      .toEqual([{ status: 'pass' }]);
  });
});
