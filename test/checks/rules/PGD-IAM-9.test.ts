import { rule } from '../../../lib/checks/rules/PGD-IAM-9';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { databaseStack, groupRole, judgeAllIn, judgeIn, PROVIDER } from '../database-fixtures';

const ROLES = { postgresql_role: { ro: groupRole('orders_readonly') } };

/** The fixture's stack with its provider's attributes changed. */
function withProvider(attributes: { [key: string]: unknown }): ReturnType<typeof databaseStack> {
  const stack = databaseStack(ROLES);
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  return { ...stack, provider: { postgresql: [{ ...provider, ...attributes }] } };
}

test('passes a provider without a password, with an empty one, or with one plain reference', () => {
  expect(judgeIn(rule, databaseStack(ROLES))).toEqual({ status: 'pass' });
  expect(judgeIn(rule, withProvider({ password: '' }))).toEqual({ status: 'pass' });
  expect(judgeIn(rule, withProvider({ password: '${var.pg_password}' }))).toEqual({ status: 'pass' });
});

test('is not applicable when no postgresql resource or data source signs in to the server', () => {
  expect(judgeIn(rule, databaseStack({}))).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource or data source signs in to the server' });
});

test.each([
  ['Sup3rSecret!Passw0rd', 'is a literal, so the password is written in the configuration'],
  ['${"Sup3rSecret!Passw0rd"}', 'is a literal, so the password is written in the configuration'],
  ['${base64decode("c2VjcmV0")}', 'is built only from constants, so the password is written in the configuration'],
  ['P@ss${var.suffix}', 'is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration'],
])('fails the password %p without showing it', (password, problem) => {
  const verdicts = judgeAllIn(rule, withProvider({ password }));
  expect(verdicts).toEqual([{ status: 'fail', message: `provider ${PROVIDER}: password ${problem}.`, address: 'postgresql_role.ro' }]);
  expect(JSON.stringify(verdicts)).not.toContain('Sup3rSecret');
});

test('judges a provider used only by a data source, once per provider', () => {
  const stack = withProvider({ password: 'hunter2hunter2' });
  const withRead = { ...stack, data: { postgresql_schemas: { s: { provider: PROVIDER, database: 'orders' } } } };
  expect(judgeAllIn(rule, withRead)).toEqual([{ status: 'fail', message: `provider ${PROVIDER}: password is a literal, so the password is written in the configuration.`, address: 'postgresql_role.ro' }]);
});

// 85th run, A85c-2: a password read from what anyone can tell (the workspace's name, a path, an ID) is no secret.
test.each(['${terraform.workspace}', '${path.module}', '${azurerm_postgresql_flexible_server.db.fqdn}', '${data.azurerm_client_config.c.tenant_id}'])('fails the password %s, which is no secret', (password) => {
  const reference = password.slice(2, -1);
  expect(judgeAllIn(rule, withProvider({ password }))).toEqual([{ status: 'fail', message: expect.stringContaining(`provider ${PROVIDER}: password reads ${reference}, `) as string, address: 'postgresql_role.ro' }]);
});

// Adversarial run of stop 81, A81-35: a client certificate's private key given inline as text is the provider's secret too.
describe('a client certificate\'s private key', () => {
  const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
  const failure = (problem: string) => [{ status: 'fail', message: `provider ${PROVIDER}: clientcert.key ${problem}, so the private key is written in the configuration.`, address: 'postgresql_role.ro' }];
  test.each([
    ['inline PEM text', { cert: 'cert-pem', key: PEM, sslinline: true }, 'is a literal'],
    ['PEM text, sslinline not set', [{ cert: 'c', key: PEM }], 'is a literal'],
    ['inline, built from constants', { cert: 'c', key: '${base64decode("a2V5")}', sslinline: '${true}' }, 'is built only from constants'],
    ['inline when known only later', { cert: 'c', key: 'key-text', sslinline: '${var.inline}' }, 'is a literal'],
  ])('fails %s without showing it', (_how, clientcert, problem) => {
    const verdicts = judgeAllIn(rule, withProvider({ clientcert }));
    expect(verdicts).toEqual(failure(problem));
    expect(JSON.stringify(verdicts)).not.toContain('MIIEvQ');
  });
  test.each([
    ['files', { cert: '/etc/pg/client.crt', key: '/etc/pg/client.key' }],
    ['inline from a variable', { cert: '${var.cert}', key: '${var.key}', sslinline: true }],
  ])('passes %s', (_how, clientcert) => {
    expect(judgeAllIn(rule, withProvider({ clientcert }))).toEqual([{ status: 'pass' }]);
  });
});

// Adversarial run of stop 81, A81-36: a password written into the provider's other connection text.
test.each([
  ['database', 'postgres?password=Sup3rSecret9'],
  ['sslmode', 'verify-full password=Sup3rSecret9'],
])('fails a password in the provider\'s %s without showing it, and passes a reference there', (argument, text) => {
  const verdicts = judgeAllIn(rule, withProvider({ [argument]: text }));
  expect(verdicts).toEqual([{ status: 'fail', message: `provider ${PROVIDER}: ${argument} writes a password as text (a URL's user, or a password setting), so it is in the configuration.`, address: 'postgresql_role.ro' }]);
  expect(JSON.stringify(verdicts)).not.toContain('Sup3rSecret9');
  expect(judgeAllIn(rule, withProvider({ [argument]: text.replace('Sup3rSecret9', '${var.pw}') }))).toEqual([{ status: 'pass' }]);
});

test('fails a password in the provider\'s host, on the server the host may be', () => {
  const findings = evaluateStack(withProvider({ host: 'pgadmin:Sup3rSecret9@orders-db.postgres.database.azure.com' }), ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-9' && finding.status === 'fail');
  expect(findings.map((finding) => finding.message)).toEqual([`provider ${PROVIDER}: host writes a password as text (a URL's user, or a password setting), so it is in the configuration.`]);
});
