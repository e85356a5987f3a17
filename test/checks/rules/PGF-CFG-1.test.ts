import { rule } from '../../../lib/checks/rules/PGF-CFG-1';
import { compliantFlexibleServer, FLEXIBLE, judge, judgeAll } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const REF = `\${${FLEXIBLE}.db.id}`;

function withParameters(parameters: { [address: string]: { name: unknown; value: string } }) {
  const blocks = Object.fromEntries(Object.entries(parameters).map(([address, p]) => [address, { ...p, server_id: REF }]));
  return { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: blocks };
}

test('passes parameters set once each', () => {
  expect(judge(rule, withParameters({ tls: { name: 'require_secure_transport', value: 'on' }, log: { name: 'log_connections', value: 'on' } }))).toEqual({ status: 'pass' });
});

test('fails a parameter set twice, whatever the order', () => {
  const verdict = {
    status: 'fail',
    message: `server parameter require_secure_transport is set by 2 resources (${CONFIGURATION}.a, ${CONFIGURATION}.b), so its value depends on which Azure applies last.`,
    address: `${CONFIGURATION}.b`,
  };
  expect(judge(rule, withParameters({ a: { name: 'require_secure_transport', value: 'off' }, b: { name: 'require_secure_transport', value: 'on' } }))).toEqual(verdict);
  expect(judge(rule, withParameters({ a: { name: 'require_secure_transport', value: 'on' }, b: { name: 'require_secure_transport', value: 'off' } }))).toEqual(verdict);
});

test('fails a second setting whose name differs only in letter case', () => {
  expect(judge(rule, withParameters({ a: { name: 'require_secure_transport', value: 'on' }, b: { name: 'REQUIRE_SECURE_TRANSPORT', value: 'off' } }))).toMatchObject({ status: 'fail', address: `${CONFIGURATION}.b` });
});

test('a parameter whose name is known only at apply time is unknown, never a pass', () => {
  expect(judgeAll(rule, withParameters({ a: { name: '${var.parameter}', value: 'off' } }))).toEqual([{
    status: 'unknown',
    note: `the name of server parameter resource ${CONFIGURATION}.a is known only at apply time, so it could change any setting`,
    address: `${CONFIGURATION}.a`,
  }]);
});
