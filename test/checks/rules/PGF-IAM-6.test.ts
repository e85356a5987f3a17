import { rule } from '../../../lib/checks/rules/PGF-IAM-6';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const PASSWORDS_ON = { active_directory_auth_enabled: true, password_auth_enabled: true, tenant_id: '11111111-2222-3333-4444-555555555555' };
const SCRAM = { password_encryption: 'scram-sha-256', 'azure.accepted_password_auth_method': 'scram-sha-256' };

function withPasswords(parameters: { [name: string]: string }, authentication: object | undefined = PASSWORDS_ON) {
  return { [FLEXIBLE]: { db: compliantFlexibleServer({ authentication }) }, [CONFIGURATION]: flexibleParameters(parameters) };
}

test('does not apply when password authentication is off', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'not-applicable', note: 'password authentication is off' });
});

test('passes password authentication with SCRAM only', () => {
  expect(judge(rule, withPasswords(SCRAM))).toEqual({ status: 'pass' });
  expect(judge(rule, withPasswords({ password_encryption: 'SCRAM-SHA-256', 'azure.accepted_password_auth_method': ' scram-sha-256 ' }))).toEqual({ status: 'pass' });
});

test('fails MD5 password hashing', () => {
  expect(judge(rule, withPasswords({ ...SCRAM, password_encryption: 'md5' }))).toEqual({
    status: 'fail',
    message: 'server parameter password_encryption is "md5", not "scram-sha-256".',
    address: `${CONFIGURATION}.password_encryption`,
  });
});

test('fails MD5 sign-in next to SCRAM', () => {
  expect(judge(rule, withPasswords({ ...SCRAM, 'azure.accepted_password_auth_method': 'md5,scram-sha-256' }))).toMatchObject({
    status: 'fail',
    message: 'server parameter azure.accepted_password_auth_method is "md5,scram-sha-256", not "scram-sha-256" alone.',
  });
});

test('applies when the provider default leaves password authentication on', () => {
  expect(judge(rule, withPasswords({}, undefined))).toMatchObject({ status: 'fail', message: 'server parameter password_encryption is not set (it must be "scram-sha-256").' });
});

test('password authentication known only at apply time is unknown, never a pass', () => {
  expect(judge(rule, withPasswords(SCRAM, { ...PASSWORDS_ON, password_auth_enabled: '${var.passwords}' }))).toMatchObject({ status: 'unknown' });
});

test.each([' SCRAM-SHA-256 '])('passes password_encryption %p, as PostgreSQL reads it', (value) => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer({ authentication: PASSWORDS_ON }) }, [CONFIGURATION]: flexibleParameters({ ...SCRAM, password_encryption: value }) };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test.each<[string, string]>([['SCRAM-SHA-256, ', 'pass'], ['scram-,sha-256', 'fail'], ['scram-sha-256,md5', 'fail']])('azure.accepted_password_auth_method %p: %s', (value, status) => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer({ authentication: PASSWORDS_ON }) }, [CONFIGURATION]: flexibleParameters({ ...SCRAM, 'azure.accepted_password_auth_method': value }) };
  expect(judge(rule, resources).status).toBe(status);
});

test('a password_auth_enabled known only later is unknown', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer({ authentication: { ...PASSWORDS_ON, password_auth_enabled: '${var.pw}' } }) } };
  expect(judge(rule, resources)).toEqual({ status: 'unknown', note: 'authentication.password_auth_enabled is known only at apply time' });
});

test('a server without an authentication block has passwords on, so its parameters are judged', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer({ authentication: null }) }, [CONFIGURATION]: flexibleParameters(SCRAM) };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});
