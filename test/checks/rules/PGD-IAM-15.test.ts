import { rule } from '../../../lib/checks/rules/PGD-IAM-15';
import { databaseStack, judgeAllIn, judgeIn } from '../database-fixtures';

const SECRET = 'Sup3rS3cretLiteral-9f8e7d';

test('passes credentials taken from references, options without a secret, and no options at all', () => {
  const stack = databaseStack({
    postgresql_server: { dw: { server_name: 'dw', fdw_name: 'postgres_fdw', options: { host: 'dw.example.com', dbname: 'dw' } }, bare: { server_name: 'bare', fdw_name: 'postgres_fdw' } },
    postgresql_user_mapping: {
      a: { server_name: 'dw', user_name: 'etl', options: { user: 'etl', password: '${var.dw_password}', sslpassword: '${random_password.key.result}' } },
      b: { server_name: 'dw', user_name: 'etl2', options: '${var.mapping_options}' },
    },
    postgresql_subscription: {
      s: { name: 's', database: 'orders', publications: ['p'], conninfo: 'host=replica.example.com user=repl password=${var.repl_password} dbname=orders' },
      u: { name: 'u', database: 'orders', publications: ['p'], conninfo: 'postgresql://repl:${var.repl_password}@replica.example.com/orders?sslmode=verify-full' },
      r: { name: 'r', database: 'orders', publications: ['p'], conninfo: '${var.conninfo}' },
      n: { name: 'n', database: 'orders', publications: ['p'], conninfo: "host=replica.example.com user=repl password='' dbname=orders" },
    },
  });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

test.each([
  ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { user: 'etl', password: SECRET } }, 'options.password is a literal, so the password is written in the configuration'],
  ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { Password: `pre-\${var.x}` } }, 'options.Password is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration'],
  ['postgresql_server', { server_name: 'dw', fdw_name: 'x_fdw', options: { host: 'h', sslpassword: SECRET } }, 'options.sslpassword is a literal, so the password is written in the configuration'],
  ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: `\${merge(var.o, { password = "${SECRET}" })}` }, 'options is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration'],
])('fails a secret written into a %s', (type, body, problem) => {
  const verdict = judgeIn(rule, databaseStack({ [type]: { x: body } }));
  expect(verdict).toEqual({ status: 'fail', message: `${type}.x: ${problem}.`, address: `${type}.x` });
  expect(JSON.stringify(verdict)).not.toContain(SECRET);
});

test.each([
  ['a keyword/value password', `host=replica.example.com user=repl password=${SECRET} dbname=orders`, 'writes its password as text'],
  ['a quoted password', `host=replica.example.com password='${SECRET} x' dbname=orders`, 'writes its password as text'],
  ['a key passphrase', `host=replica.example.com sslpassword=${SECRET}`, 'writes its sslpassword as text'],
  ['literal text around a reference', `host=replica.example.com PASSWORD=pre\${var.p}`, 'writes part of its password as text'],
  ['a URI password', `postgresql://repl:${SECRET}@replica.example.com/orders`, 'writes its password as text'],
  ['a URI query password', `postgres://replica.example.com/orders?user=repl&password=${SECRET}`, 'writes its password as text'],
  ['format() of constants (evaluated since A8-9)', `\${format("password=%s", "${SECRET}")}`, 'writes its password as text'],
  ['an expression the checks do not read', `\${title("password=${SECRET}")}`, 'is an expression the checks do not read, so a password written in it cannot be ruled out'],
])('fails a subscription whose conninfo holds %s, without printing it', (_name, conninfo, problem) => {
  const verdicts = judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } }));
  const message = problem.startsWith('is ') ? `postgresql_subscription.pull: conninfo ${problem}.` : `postgresql_subscription.pull: conninfo ${problem}, so it is in the configuration.`;
  expect(verdicts).toEqual([{ status: 'fail', message, address: 'postgresql_subscription.pull' }]);
  expect(JSON.stringify(verdicts)).not.toContain(SECRET);
});

test('is not applicable without in-database resources', () => {
  expect(judgeIn(rule, databaseStack({}))).toMatchObject({ status: 'not-applicable' });
});

// cut63: cyrilgdn/postgresql writes each option name with pq.QuoteIdentifier (resource_postgresql_server.go, _user_mapping.go at v1.26.0),
// which cuts it at its first NUL (lib/pq quote.go): "password\u0000x" is the option password.
test.each([
  ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { user: 'etl', 'password\u0000x': SECRET } }],
  ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { 'PASSWORD\u0000': SECRET } }],
  ['postgresql_server', { server_name: 'dw', fdw_name: 'x_fdw', options: { host: 'h', 'sslpassword\u0000\u0000y': SECRET } }],
])('fails a secret under an option name with a NUL in a %s, as the option it sends', (type, body) => {
  const verdict = judgeIn(rule, databaseStack({ [type]: { x: body } }));
  expect(verdict).toMatchObject({ status: 'fail', address: `${type}.x` });
  expect(JSON.stringify(verdict)).not.toContain(SECRET);
});

test('controls: an option name with a NUL that sends another name, and a reference under one, pass', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_user_mapping: { x: { server_name: 'dw', user_name: 'etl', options: { 'user\u0000password': 'etl', 'password\u0000x': '${var.p}' } } } }))).toEqual({ status: 'pass' });
});
