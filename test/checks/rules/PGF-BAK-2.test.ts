import { rule } from '../../../lib/checks/rules/PGF-BAK-2';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });

test.each([35, '35'])('passes %p days', (days) => {
  expect(judge(rule, withServer({ backup_retention_days: days }))).toEqual({ status: 'pass' });
});

test('fails fewer days', () => {
  expect(judge(rule, withServer({ backup_retention_days: 14 }))).toEqual({ status: 'fail', message: 'backup_retention_days is 14, not 35.', address: undefined, subject: 'backup retention of 14 days' });
});

test('fails a missing value, which means Azure\'s 7-day default', () => {
  expect(judge(rule, withServer({ backup_retention_days: undefined }))).toMatchObject({
    status: 'fail',
    message: 'backup_retention_days is not set, so Azure keeps backups for its 7-day default.',
  });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, withServer({ backup_retention_days: '${var.days}' }))).toMatchObject({ status: 'unknown' });
});
