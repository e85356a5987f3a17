import { rule } from '../../../lib/checks/rules/PGS-CFG-2';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

const SERVER = 'azurerm_postgresql_server.db';
const withLifecycle = (lifecycle: unknown) => singleStack({}, {}, compliantSingleServer({ lifecycle }));

test('passes storage, SKU, tags and the password ignored', () => {
  expect(judge(rule, withLifecycle({ prevent_destroy: true, ignore_changes: ['storage_mb', 'sku_name', 'tags', 'administrator_login_password'] }))).toEqual({ status: 'pass' });
});

test('fails ignore_changes = "all"', () => {
  expect(judge(rule, withLifecycle({ ignore_changes: 'all' }))).toEqual({
    status: 'fail',
    message: `lifecycle.ignore_changes of ${SERVER} is "all": Terraform would never correct drift of its settings, security settings included (a change made in the portal, or an imported resource, stays as it is).`,
    address: SERVER,
  });
});

test('fails SSL enforcement and threat detection ignored', () => {
  expect(judge(rule, withLifecycle({ ignore_changes: ['ssl_enforcement_enabled', 'threat_detection_policy'] }))).toEqual({
    status: 'fail',
    message: `lifecycle.ignore_changes of ${SERVER} holds ssl_enforcement_enabled, threat_detection_policy: Terraform would not correct drift of those settings (a change made in the portal, or an imported resource, stays as it is).`,
    address: SERVER,
  });
});
