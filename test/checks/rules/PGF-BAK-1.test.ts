import { rule } from '../../../lib/checks/rules/PGF-BAK-1';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });

test('passes geo-redundant backup', () => {
  expect(judge(rule, withServer({}))).toEqual({ status: 'pass' });
});

test('passes a read replica without geo-redundant backup, as Checkov does', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: undefined, create_mode: 'Replica', source_server_id: '${azurerm_postgresql_flexible_server.primary.id}' }))).toEqual({
    status: 'pass',
  });
});

test('fails geo-redundant backup switched off', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: false }))).toEqual({
    status: 'fail',
    message: 'geo_redundant_backup_enabled is false, not true.',
    address: undefined,
  });
});

test('fails a missing value, since the provider default is false', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: undefined }))).toMatchObject({
    status: 'fail',
    message: 'geo_redundant_backup_enabled is not set, and the provider default (false) keeps backups in one region.',
  });
});

test('fails a point-in-time restore without geo-redundant backup', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: undefined, create_mode: 'PointInTimeRestore' }))).toMatchObject({ status: 'fail' });
});

test('reads "true" as Terraform converts it', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: 'true' }))).toEqual({ status: 'pass' });
});

test('a reference is unknown, never a passs', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: '${var.geo}' }))).toMatchObject({ status: 'unknown' });
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: false, create_mode: '${var.mode}' }))).toMatchObject({ status: 'unknown' });
});

test('without geo-redundant backup, a create_mode known only later is unknown', () => {
  expect(judge(rule, withServer({ geo_redundant_backup_enabled: false, create_mode: '${var.mode}' }))).toEqual({
    status: 'unknown',
    note: 'create_mode is known only at apply time, and only a replica needs no geo-redundant backup',
  });
});
