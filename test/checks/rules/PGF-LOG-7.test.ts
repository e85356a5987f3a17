import { rule } from '../../../lib/checks/rules/PGF-LOG-7';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withPrefix = (prefix: string) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ log_line_prefix: prefix }) });

test.each(['%t-%c-%u-%d-', '%m [%p] %q%u@%d ', '%-10u %10d:'])('passes %p', (prefix) => {
  expect(judge(rule, withPrefix(prefix))).toEqual({ status: 'pass' });
});

test('fails Azure\'s default prefix', () => {
  expect(judge(rule, withPrefix('%t-%c-'))).toEqual({
    status: 'fail',
    message: 'server parameter log_line_prefix is "%t-%c-", not a prefix with the %u and %d escapes.',
    address: `${CONFIGURATION}.log_line_prefix`,
  });
});

test('fails a prefix with the user but not the database', () => {
  expect(judge(rule, withPrefix('%t user=%u '))).toMatchObject({ status: 'fail' });
});

test('fails "%%u%%d", which logs the literal text rather than the user and database (a plain "contains" test passes it)', () => {
  expect(judge(rule, withPrefix('%t %%u %%d '))).toMatchObject({ status: 'fail' });
});

test('passes "%%%u", an escaped percent followed by the user', () => {
  expect(judge(rule, withPrefix('%%%u@%d'))).toEqual({ status: 'pass' });
});

test('fails when the parameter is not written', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toMatchObject({ status: 'fail' });
});
