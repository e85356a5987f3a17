import { rule } from '../../../lib/checks/rules/PG-IAM-3';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

// A4-12: an Entra administrator of a construct's server that the construct did not make.

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const OUTSIDER = '99999999-7777-8888-9999-000000000000';
const admin = (path: string, block: TerraformBlock = {}): TerraformBlock => ({
  ...madeAt(path), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555', object_id: OUTSIDER, principal_name: 'contractor@partner.example', principal_type: 'User', ...block,
});
const stack = (admins: { [name: string]: TerraformBlock }): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  [ADMINISTRATOR]: admins,
});
const added = (name: string, who = '"contractor@partner.example"') => ({
  status: 'fail',
  message: `${ADMINISTRATOR}.${name} makes ${who} (object "${OUTSIDER}") an administrator of the server, one ${CONSTRUCT} does not declare.`,
  address: `${ADMINISTRATOR}.${name}`,
});

test('passes the administrators the construct made', () => {
  expect(verdictsBeside(rule, stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`) }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
});

test('is not applicable to a server no construct of the library made', () => {
  expect(verdictsBeside(rule, stack({ raw: admin('stack/raw') }))).toEqual([
    { status: 'not-applicable', note: 'the server is not made by a construct of the library: its administrators are its owner\'s to judge' },
  ]);
});

test('fails an administrator added beside the construct, by reference or by the server\'s literal name', () => {
  expect(verdictsBeside(rule, stack({
    own: admin(`${CONSTRUCT}/EntraAdministrator0`),
    byReference: admin('stack/extra'),
    byName: admin('stack/literal', { server_name: 'orders-db', principal_name: 'ci-sp' }),
    unnamed: { server_name: 'orders-db', resource_group_name: 'rg', object_id: OUTSIDER },
  }), [CONSTRUCT])).toEqual([added('byName', '"ci-sp"'), added('byReference'), added('unnamed', 'a principal')]);
});
