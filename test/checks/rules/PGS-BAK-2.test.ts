import { rule } from '../../../lib/checks/rules/PGS-BAK-2';
import { judge, SINGLE } from '../rule-harness';

const withServer = (backupRetentionDays: unknown) => ({ [SINGLE]: { db: { name: 'legacy-db', backup_retention_days: backupRetentionDays } } });

test('passes 35 days', () => {
  expect(judge(rule, withServer(35))).toEqual({ status: 'pass' });
});

test('fails fewer days', () => {
  expect(judge(rule, withServer(7))).toEqual({ status: 'fail', message: 'backup_retention_days is 7, not 35.', address: undefined, subject: 'backup retention of 7 days' });
});

test('fails a missing value, which means Azure\'s 7 days', () => {
  expect(judge(rule, withServer(undefined))).toMatchObject({ status: 'fail' });
});

test('fails a server that leaves retention to the 7-day default', () => {
  expect(judge(rule, { [SINGLE]: { db: { name: 'legacy-db' } } })).toEqual({ status: 'fail', message: 'backup_retention_days is not set, so Azure keeps backups for its 7-day default.' });
});
