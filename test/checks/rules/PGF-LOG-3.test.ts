import { rule } from '../../../lib/checks/rules/PGF-LOG-3';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withValue = (value: string) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ log_disconnections: value }) });

test.each(['on', 'ON', 'On'])('passes log_disconnections = %s', (value) => {
  expect(judge(rule, withValue(value))).toEqual({ status: 'pass' });
});

test('fails log_disconnections = off', () => {
  expect(judge(rule, withValue('off'))).toEqual({
    status: 'fail',
    message: 'server parameter log_disconnections is "off", not "on".',
    address: `${CONFIGURATION}.log_disconnections`,
  });
});

test('fails an upper-case OFF', () => {
  expect(judge(rule, withValue('OFF'))).toMatchObject({ status: 'fail' });
});

test('fails when the parameter is not written, although Azure defaults it to on for new servers', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({
    status: 'fail',
    message: 'server parameter log_disconnections is not set (it must be "on").',
    address: undefined,
  });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, withValue('${var.log_disconnections}'))).toMatchObject({ status: 'unknown' });
});
