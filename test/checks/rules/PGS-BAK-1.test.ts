import { rule } from '../../../lib/checks/rules/PGS-BAK-1';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when geo-redundant backup is on', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('fails when geo-redundant backup is off', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ geo_redundant_backup_enabled: false })))).toEqual({
    status: 'fail',
    message: 'geo_redundant_backup_enabled is false, not true.',
  });
});

test('fails when the attribute is missing, since the provider default is false', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ geo_redundant_backup_enabled: undefined })))).toEqual({
    status: 'fail',
    message: 'geo_redundant_backup_enabled is not set, and the provider default (false) keeps backups in one region.',
  });
});
