// PG-CFG-3 on azapi writes around a server, beyond PG-CFG-3-network-writers: literal IDs of the
// group (with a trailing slash, or after an ID of something else), a record named in a zone by
// its literal name, a reference to a whole resource, a subnet whose group is outside the stack, an
// action in a check block, and the rule run without the stack's facts.
import { Verdict } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-CFG-3';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { FLEXIBLE, Resources } from '../../rule-harness';
import { ASSOCIATION, association, guarded, NSG, SUBNET } from '../../subnet-fixtures';

const ZONE = 'azurerm_private_dns_zone';
const ZONE_NAME = 'orders.private.postgres.database.azure.com';
const TAIL = 'reaches the server; no rule reads what it does there, so it cannot be judged.';
const GROUP_TYPE = 'Microsoft.Network/networkSecurityGroups@2023-04-01';
const GROUP_ID = '/subscriptions/s/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/nsg-db';
const GROUP_ROLE = 'the network security group of the server\'s delegated subnet';

function verdicts(terraform: { resource: Resources; [section: string]: unknown }, facts = true): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, facts ? { postgresqlProviders: new Map(), resources: model.resources } : undefined);
  return Array.isArray(result) ? result : [result as Verdict];
}
const withZone = (extra: Resources = {}): Resources => guarded(undefined, { [ZONE]: { db: { name: ZONE_NAME, resource_group_name: 'rg-dns' } }, ...extra });
const update = (body: object) => ({ azapi_update_resource: { w: { type: GROUP_TYPE, ...body } } });
const failure = (on: string, role: string, address = 'azapi_update_resource.w', what = `an azapi_update_resource of type "${GROUP_TYPE}"`) =>
  ({ status: 'fail', message: `${what} on ${on} (${role}) ${TAIL}`, address });

test('a literal ID of the group with a trailing slash, or after an ID of another group, names the group', () => {
  expect(verdicts({ resource: withZone(update({ resource_id: `${GROUP_ID}/` })) })).toEqual([failure(`${NSG}.db`, GROUP_ROLE)]);
  const twoIds = update({ resource_id: GROUP_ID.replace('rg-db', 'rg-app'), body: { properties: { peer: GROUP_ID } } });
  expect(verdicts({ resource: withZone(twoIds) })).toEqual([failure(`${NSG}.db`, GROUP_ROLE)]);
});

test('a reference to a whole resource names it', () => {
  expect(verdicts({ resource: withZone(update({ resource_id: 'x', body: { properties: { group: `\${${NSG}.db}` } } })) })).toEqual([failure(`${NSG}.db`, GROUP_ROLE)]);
});

test('a record named in the server\'s zone by its literal name is around the server', () => {
  const record = { azurerm_private_dns_a_record: { r: { name: 'orders-db', zone_name: ZONE_NAME.toUpperCase(), resource_group_name: 'rg-dns', ttl: 60, records: ['10.0.1.4'] } } };
  expect(verdicts({ resource: withZone({ ...record, ...update({ resource_id: '${azurerm_private_dns_a_record.r.id}' }) }) })).toEqual([
    failure('azurerm_private_dns_a_record.r', 'a record in the server\'s private DNS zone'),
  ]);
});

test('a subnet whose group is outside the stack is still around the server', () => {
  const external = { ...association, network_security_group_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub' };
  const resources = withZone({ [ASSOCIATION]: { db: external }, ...update({ resource_id: `\${${SUBNET}.db.id}` }) });
  delete resources[NSG];
  delete resources.azurerm_network_security_rule;
  expect(verdicts({ resource: resources })).toEqual([failure(`${SUBNET}.db`, 'the server\'s delegated subnet')]);
});

test('an azapi action in a check block is a data source', () => {
  const check = { health: { data: { azapi_resource_action: { run: { type: GROUP_TYPE, resource_id: `\${${NSG}.db.id}`, action: 'x', method: 'POST' } } } } };
  expect(verdicts({ resource: withZone(), check })).toEqual([
    failure(`${NSG}.db`, GROUP_ROLE, 'check.health.data.azapi_resource_action.run', `an azapi_resource_action data source of type "${GROUP_TYPE}"`),
  ]);
});

test('a rule run without the stack\'s facts finds no network writer', () => {
  expect(verdicts({ resource: withZone(update({ resource_id: `\${${NSG}.db.id}` })) }, false)).toEqual([{ status: 'pass' }]);
});
