// Where a libpq connection string writes a secret (connection-secrets.ts), read by PGD-IAM-15 and
// the secret-literal check: spaces and quotes in keyword=value pairs, URIs with and without user
// information or a query, and templates whose secret is made of references only.
import { SECRET_KEYWORD_TEXT, SECRET_KEYWORDS, secretInConnectionString, secretValues } from '../../../../lib/checks/connection-secrets';
import { Unknown } from '../../../../lib/checks/hcl-expression';

const template = (text: string, references: string[]) => new Unknown(text, references);

// keyword=value pairs, then URIs.
test.each<[string, string[]]>([
  ['host=db password=s3cret user=app', ['s3cret']],
  ['password = s3cret', ['s3cret']],
  ['PASSWORD=s3cret sslpassword=\'two words\'', ['s3cret', 'two words']],
  ['password=pa\'ss\'', ['pa\'ss\'']],
  ['application_name=postgresql://x password=s3cret', ['s3cret']],
  ['host=db user=app', []],
  ['  postgresql://app:s3cret@db:5432/orders', ['s3cret']],
  ['postgres://app:p@ss@db/orders', ['p']],
  ['postgresql://db:5432/orders', []],
  ['postgresql://app@db/orders', []],
  ['postgresql://db/orders?sslmode=verify-full&password=s3cret#frag', ['s3cret#frag']],
  ['postgresql://db/orders?sslpassword', ['']],
  ['postgresql://db/orders&password=s3cret', []],
  // As libpq reads them (39th run, A39b-2, A39b-3; conninfo-on-postgres.test.ts shows them on a live cluster).
  ['password=s3\\ cr\\et user=x', ['s3 cret', 's3\\ cr\\et']],
  ["password='it\\'s' user=x", ["it's", "it\\'s"]],
  ['postgresql://app:s3#c?ret@db/orders', ['s3#c?ret']],
  ['postgresql://app:s3%23c@db/orders', ['s3#c', 's3%23c']],
  ['postgresql://app:s3/c@db/orders', []],
  ['postgresql://db/orders?a=1#&password=s3cret&b=2', ['s3cret']],
  ['postgresql://db/orders?%70assword=s3cret', ['s3cret']],
  ['postgresql://db/orders?password=s3%63ret', ['s3cret', 's3%63ret']],
  ['postgresql://db/orders?password=s3%6', ['s3%6']],
  ['postgresql://h1:5432,[::1]:5433,h3/orders?password=s3cret', ['s3cret']],
  ['postgresql://[::1]?password=s3cret', ['s3cret']],
  ['postgresql://db:5432?password=s3cret', ['s3cret']],
  ['postgresql://db?password', ['']],
  // libpq 18's other secret keywords (40th run, A40b-1); the OAuth settings that are no secrets.
  ['host=db oauth_client_secret=s3cret SCRAM_CLIENT_KEY=k3y scram_server_key=\'s k\'', ['s3cret', 'k3y', 's k']],
  ['postgresql://db/orders?oauth%5Fclient%5Fsecret=s3cret&scram_server_key=k3y', ['s3cret', 'k3y']],
  ['host=db oauth_issuer=https://login.example.com oauth_client_id=abc oauth_scope=openid sslmode=verify-full application_name=a', []],
  ['', []],
])('%j writes the secrets %j', (text, secrets) => {
  expect(secretValues(text)).toEqual(secrets);
});

describe('secretInConnectionString', () => {
  test('names the keyword of a secret written as text, whole or in part', () => {
    expect(secretInConnectionString('host=db password=s3cret')).toBe('writes its password as text, so it is in the configuration');
    expect(secretInConnectionString(template('host=db sslpassword=x${var.p}', ['var.p']))).toBe('writes part of its sslpassword as text, so it is in the configuration');
    expect(secretInConnectionString('host=db scram_client_key=k3y')).toBe('writes its scram_client_key as text, so it is in the configuration');
  });

  test('a secret made of references only is no text', () => {
    expect(secretInConnectionString(template('host=db password=${var.a}${var.b}', ['var.a', 'var.b']))).toBeUndefined();
    expect(secretInConnectionString(template('var.conninfo', ['var.conninfo']))).toBeUndefined();
  });

  test('nothing, or an expression the checks do not read', () => {
    expect(secretInConnectionString(undefined)).toBeUndefined();
    expect(secretInConnectionString(null)).toBeUndefined();
    expect(secretInConnectionString(template('join(" ", var.parts)', ['var.parts']))).toBe('is an expression the checks do not read, so a password written in it cannot be ruled out');
  });
});

// The text that may name a secret keyword is made of the list (a review leftover of the 41st run): every keyword, in any case.
test('SECRET_KEYWORD_TEXT names every secret keyword and no other', () => {
  for (const keyword of SECRET_KEYWORDS) {
    expect(SECRET_KEYWORD_TEXT.test(keyword)).toBe(true);
    expect(SECRET_KEYWORD_TEXT.test(`x_${keyword.toUpperCase()}_x`)).toBe(true);
  }
  expect(SECRET_KEYWORD_TEXT.source).toBe(SECRET_KEYWORDS.join('|'));
  expect(['passfile', 'oauth_client_id', 'scram_key', 'pass word'].filter((text) => SECRET_KEYWORD_TEXT.test(text))).toEqual([]);
});
