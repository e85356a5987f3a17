// PGS-THR-1 beyond its own tests: disabled_alerts as one text, a list or an entry known only
// later, and a retention known only later, each with the whole verdict.
import { rule } from '../../../../lib/checks/rules/PGS-THR-1';
import { judgeAll } from '../../rule-harness';
import { compliantSingleServer, singleStack } from '../../single-fixtures';

const withPolicy = (policy: object) => singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { enabled: true, email_account_admins: true, ...policy } }));

test('one alert type written as text, not a list, is turned off too', () => {
  expect(judgeAll(rule, withPolicy({ disabled_alerts: 'Sql_Injection' }))).toEqual([
    { status: 'fail', message: 'threat_detection_policy.disabled_alerts turns off "Sql_Injection": those attacks raise no alert.' },
  ]);
});

test.each([['the list', '${var.alerts}'], ['an entry', ['Sql_Injection', '${var.alert}']]])('%s of disabled_alerts known only at apply time is unknown', (_, alerts) => {
  expect(judgeAll(rule, withPolicy({ disabled_alerts: alerts }))).toEqual([
    { status: 'unknown', note: 'threat_detection_policy.disabled_alerts is known only at apply time' },
  ]);
});

test('a retention known only at apply time is unknown, said whole', () => {
  expect(judgeAll(rule, withPolicy({ retention_days: '${var.days}' }))).toEqual([
    { status: 'unknown', note: 'threat_detection_policy.retention_days is known only at apply time' },
  ]);
});
