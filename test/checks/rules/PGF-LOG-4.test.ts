import { rule } from '../../../lib/checks/rules/PGF-LOG-4';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const resources = (server: { [key: string]: unknown }, parameters: { [name: string]: string } = {}) => ({
  [FLEXIBLE]: { db: compliantFlexibleServer(server) },
  [CONFIGURATION]: flexibleParameters(parameters),
});

test('passes connection_throttle.enable = on', () => {
  expect(judge(rule, resources({}, { 'connection_throttle.enable': 'on' }))).toEqual({ status: 'pass' });
});

test('fails connection_throttle.enable = off', () => {
  expect(judge(rule, resources({}, { 'connection_throttle.enable': 'off' }))).toEqual({
    status: 'fail',
    message: 'server parameter connection_throttle.enable is "off", not "on".',
    address: `${CONFIGURATION}.connection_throttle_enable`,
  });
});

test('fails a missing parameter (Azure defaults it to off)', () => {
  expect(judge(rule, resources({ version: '16' }))).toMatchObject({ status: 'fail' });
});

test('does not read the Single Server name connection_throttling, as Trivy did before v0.74', () => {
  expect(judge(rule, resources({}, { connection_throttling: 'on' }))).toMatchObject({ status: 'fail' });
});

test.each(['18', 18])('does not apply to PostgreSQL %p, where the parameter no longer exists', (version) => {
  expect(judge(rule, resources({ version }))).toMatchObject({ status: 'not-applicable' });
});

test('does not apply when the version is a reference and the parameter is not written', () => {
  expect(judge(rule, resources({ version: '${var.pg_version}' }))).toMatchObject({ status: 'unknown' });
});

test('judges a written parameter when the version is a reference', () => {
  expect(judge(rule, resources({ version: '${var.pg_version}' }, { 'connection_throttle.enable': 'off' }))).toMatchObject({ status: 'fail' });
});

test('says which version it does not apply to, and why a version known later is unknown', () => {
  expect(judge(rule, resources({ version: '18' }))).toEqual({ status: 'not-applicable', note: 'connection_throttle.enable does not exist from PostgreSQL 18 (the server runs 18)' });
  expect(judge(rule, resources({ version: '${var.version}' }))).toEqual({
    status: 'unknown',
    note: 'the server\'s version is known only at apply time, and connection_throttle.enable must be on up to PostgreSQL 17',
  });
});
