// The 35-day backup retention (backup-retention.ts) as PGF-BAK-2 and PGS-BAK-2 judge it, whole
// verdicts: the note of a reference, no subject where no number of days can be read.
import { rule as flexibleRetention } from '../../../../lib/checks/rules/PGF-BAK-2';
import { rule as singleRetention } from '../../../../lib/checks/rules/PGS-BAK-2';
import { compliantFlexibleServer, FLEXIBLE, judge, outsideAddress } from '../../rule-harness';
import { compliantSingleServer, singleStack } from '../../single-fixtures';

const flexible = (days: unknown) => ({ [FLEXIBLE]: { db: compliantFlexibleServer({ backup_retention_days: days }) } });

test('a reference is unknown, with its note', () => {
  expect(judge(flexibleRetention, flexible('${var.days}'))).toEqual({ status: 'unknown', note: 'backup_retention_days is known only at apply time' });
});

test('a missing value fails with no subject: no justification of the props wrote it', () => {
  expect(judge(flexibleRetention, flexible(undefined))).toEqual({ status: 'fail', message: 'backup_retention_days is not set, so Azure keeps backups for its 7-day default.', address: undefined, subject: undefined });
});

test('a value that is no whole number of days fails with no subject, so no justification covers it', () => {
  expect(judge(flexibleRetention, flexible('fourteen'))).toEqual({ status: 'fail', message: 'backup_retention_days is "fourteen", not 35.', address: undefined, subject: undefined });
  expect(judge(flexibleRetention, flexible(34.5))).toEqual({ status: 'fail', message: 'backup_retention_days is 34.5, not 35.', address: undefined, subject: undefined });
});

test('a Single Server keeping 7 days fails with the 7 days as its subject; 36 is not 35 either', () => {
  expect(judge(singleRetention, singleStack({}, {}, compliantSingleServer({ backup_retention_days: 7 })))).toEqual({ status: 'fail', message: 'backup_retention_days is 7, not 35.', address: undefined, subject: 'backup retention of 7 days' });
  expect(judge(singleRetention, singleStack({}, {}, compliantSingleServer({ backup_retention_days: '36' })))).toEqual({ status: 'fail', message: 'backup_retention_days is "36", not 35.', address: undefined, subject: 'backup retention of 36 days' });
});

test('a server defined outside this stack is not judged', () => {
  const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
  const resources = { azurerm_postgresql_flexible_server_configuration: { p: { name: 'log_checkpoints', value: 'on', server_id: pointer } } };
  expect(judge(flexibleRetention, resources, outsideAddress('flexible', pointer))).toEqual({ status: 'not-applicable', note: 'the server is defined outside this stack' });
});
