import { rule } from '../../../lib/checks/rules/PGF-LOG-5';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withValue = (value: string) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ 'logfiles.retention_days': value }) });

test.each(['4', '7'])('passes %s days (Azure Policy f5ed3f7a would want 7)', (value) => {
  expect(judge(rule, withValue(value))).toEqual({ status: 'pass' });
});

test.each(['3', '1', 'seven', '4.5', ''])('fails %p', (value) => {
  expect(judge(rule, withValue(value))).toMatchObject({ status: 'fail', address: `${CONFIGURATION}.logfiles_retention_days` });
});

test('says what is wrong', () => {
  expect(judge(rule, withValue('3'))).toMatchObject({ message: 'server parameter logfiles.retention_days is "3", not a whole number of at least 4.' });
});

test('fails when the parameter is not written (Azure keeps 3 days)', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toMatchObject({ status: 'fail' });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, withValue('${var.days}'))).toMatchObject({ status: 'unknown' });
});

test('passes a retention of two digits', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_postgresql_flexible_server_configuration: flexibleParameters({ 'logfiles.retention_days': '14' }) })).toEqual({ status: 'pass' });
});
