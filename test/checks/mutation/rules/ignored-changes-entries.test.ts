// lifecycle.ignore_changes (PGF-CFG-2) beyond the rule's own tests: entries written with spaces,
// "all" among other entries, entries that are no text, a list known only later, map keys of
// attributes other than tags, the resources inside the server (only a password), and the network
// resources that guard the delegated subnet.
import { rule } from '../../../../lib/checks/rules/PGF-CFG-2';
import { TerraformBlock } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, judgeAll, Resources } from '../../rule-harness';
import { databaseStack, groupRole, judgeAllIn } from '../../database-fixtures';
import { ASSOCIATION, association, guarded, NSG, RULE, securityRule, SUBNET, subnet } from '../../subnet-fixtures';

const SERVER = `${FLEXIBLE}.db`;
const DRIFT = '(a change made in the portal, or an imported resource, stays as it is)';
const ignoring = (entries: unknown): TerraformBlock => ({ lifecycle: { ignore_changes: entries } });
const withServer = (entries: unknown): Resources => ({ [FLEXIBLE]: { db: compliantFlexibleServer(ignoring(entries)) } });
const all = (address: string) => ({
  status: 'fail',
  message: `lifecycle.ignore_changes of ${address} is "all": Terraform would never correct drift of its settings, security settings included ${DRIFT}.`,
  address,
});
const holds = (address: string, names: string, that = 'that setting') => ({
  status: 'fail',
  message: `lifecycle.ignore_changes of ${address} holds ${names}: Terraform would not correct drift of ${that} ${DRIFT}.`,
  address,
});

test('reads entries with spaces around them', () => {
  expect(judgeAll(rule, withServer([' tags ', ' zone']))).toEqual([{ status: 'pass' }]);
  expect(judgeAll(rule, withServer(['zone', ' all ']))).toEqual([all(SERVER)]);
});

test('reads entries as Terraform reads a traversal: comments and line breaks between the parts are nothing (A11b-6)', () => {
  expect(judgeAll(rule, withServer(['tags # owner\n', '/* failover */ zone', 'high_availability [ 0 ] . standby_availability_zone']))).toEqual([{ status: 'pass' }]);
  expect(judgeAll(rule, withServer(['zone', '/*c*/all']))).toEqual([all(SERVER)]);
  expect(judgeAll(rule, withServer(['all # c']))).toEqual([all(SERVER)]);
  expect(judgeAll(rule, withServer(['zone # tags\n, public_network_access_enabled']))).toEqual([holds(SERVER, 'zone # tags\n, public_network_access_enabled')]);
});

test('"all" among other entries is "all"', () => {
  expect(judgeAll(rule, withServer(['zone', 'all', 'tags']))).toEqual([all(SERVER)]);
});

test('fails entries that are no text, shown as JSON', () => {
  expect(judgeAll(rule, withServer([{ attribute: 'zone' }, 7]))).toEqual([holds(SERVER, '{"attribute":"zone"}, 7', 'those settings')]);
});

test('an ignore_changes list known only at apply time is unknown', () => {
  expect(judgeAll(rule, withServer('${var.ignored}'))).toEqual([{ status: 'unknown', note: `${SERVER}: lifecycle.ignore_changes is known only at apply time`, address: SERVER }]);
});

test('a key of an attribute other than tags is not a tag', () => {
  expect(judgeAll(rule, withServer(['tags.owner', 'mytags["owner"]']))).toEqual([holds(SERVER, 'mytags["owner"]')]);
});

describe('inside the server', () => {
  const role = (lifecycle: TerraformBlock) => databaseStack({ postgresql_role: { app: groupRole('orders_app', { login: true, ...lifecycle }) } });

  test('passes a password ignored on a role, and fails anything else, a tag included', () => {
    expect(judgeAllIn(rule, role(ignoring(['password'])))).toEqual([{ status: 'pass' }]);
    expect(judgeAllIn(rule, role(ignoring(['login', 'tags["a"]'])))).toEqual([holds('postgresql_role.app', 'login, tags["a"]', 'those settings')]);
  });
});

describe('the network resources that guard the delegated subnet', () => {
  test.each([
    ['the subnet', SUBNET, `${SUBNET}.db`],
    ['its association', ASSOCIATION, `${ASSOCIATION}.db`],
    ['its network security group', NSG, `${NSG}.db`],
    ['a separate rule of the group', RULE, `${RULE}.clients`],
  ])('fails "all" on %s', (_, type, address) => {
    const resources = guarded();
    const [name] = Object.keys(resources[type]);
    resources[type] = { [name]: { ...resources[type][name], ...ignoring('all') } };
    expect(judgeAll(rule, resources)).toEqual([all(address)]);
  });

  test('passes a subnet associated with a group defined outside this stack', () => {
    const external = { ...association, network_security_group_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub' };
    expect(judgeAll(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [SUBNET]: { db: subnet }, [ASSOCIATION]: { db: external } })).toEqual([{ status: 'pass' }]);
    expect(judgeAll(rule, guarded({ clients: securityRule(ignoring(['tags'])) }))).toEqual([{ status: 'pass' }]);
  });
});
