import { rule } from '../../../lib/checks/rules/PGF-LOG-1';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withValue = (value: string) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ log_checkpoints: value }) });

test.each(['on', 'ON', 'On'])('passes log_checkpoints = %s', (value) => {
  expect(judge(rule, withValue(value))).toEqual({ status: 'pass' });
});

test('fails log_checkpoints = off', () => {
  expect(judge(rule, withValue('off'))).toEqual({
    status: 'fail',
    message: 'server parameter log_checkpoints is "off", not "on".',
    address: `${CONFIGURATION}.log_checkpoints`,
  });
});

test('fails an upper-case OFF, which Checkov (Single Server only) lets through', () => {
  expect(judge(rule, withValue('OFF'))).toMatchObject({ status: 'fail' });
});

test('fails when the parameter is not written, although Azure defaults it to on for new servers', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({
    status: 'fail',
    message: 'server parameter log_checkpoints is not set (it must be "on").',
    address: undefined,
  });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, withValue('${var.log_checkpoints}'))).toMatchObject({ status: 'unknown' });
});
