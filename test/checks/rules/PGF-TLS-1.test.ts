import { rule } from '../../../lib/checks/rules/PGF-TLS-1';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';

test('passes when require_secure_transport is on', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ require_secure_transport: 'ON' }) };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test('fails when require_secure_transport is off', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ require_secure_transport: 'off' }) };
  expect(judge(rule, resources)).toEqual({
    status: 'fail',
    message: 'server parameter require_secure_transport is "off", not "on".',
    address: `${CONFIGURATION}.require_secure_transport`,
  });
});

test('fails when the parameter is not written at all', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toMatchObject({ status: 'fail' });
});
