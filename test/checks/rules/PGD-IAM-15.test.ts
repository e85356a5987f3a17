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
  ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: `\${merge(var.o, { password = "${SECRET}" })}` }, 'options.password is a literal, so the password is written in the configuration'],
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

// 39th run (A39b-1..3): a conninfo is read as libpq parses it (fe-connect.c conninfo_parse, conninfo_uri_parse_options,
// conninfo_uri_parse_params; checked on a live cluster in test/database/conninfo-libpq.test.ts), over the evaluator's parts
// of a template: a part known only later stands for itself only, so literal text beside it is still read.
describe('conninfo read as libpq reads it, over the parts of a template', () => {
  const judgeConninfo = (conninfo: string) => {
    const stack = { ...databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } }), locals: { pw: SECRET, pwkv: `password=${SECRET}`, inner: `password=${SECRET} user=\${var.u}`, safe: 'replica.example.com' } };
    return judgeAllIn(rule, stack as never);
  };
  const failed = (problem: string) => [{ status: 'fail', message: `postgresql_subscription.pull: conninfo ${problem}.`, address: 'postgresql_subscription.pull' }];
  const WRITES = 'writes its password as text, so it is in the configuration';

  test.each([
    ['a literal local password beside an unknown host', 'host=${var.h} user=repl password=${local.pw}', WRITES],
    ['a constant string interpolated beside an unknown host', `host=\${var.h} user=repl password=\${"${SECRET}"}`, WRITES],
    ['a constant keyword/value interpolated beside an unknown host', `host=\${var.h} \${"password=${SECRET}"}`, WRITES],
    ['a local holding the pair beside an unknown host', 'host=${var.h} ${local.pwkv}', WRITES],
    ['a local template holding a literal password', 'host=${var.h} ${local.inner}', WRITES],
    ['a URI password from a local beside an unknown host', 'postgresql://repl:${local.pw}@${var.h}/orders', WRITES],
    ['a URI password beside an unknown user', `postgresql://\${var.u}:${SECRET}@replica.example.com/orders`, WRITES],
    ['a percent-encoded query keyword', `postgresql://repl@replica.example.com/orders?%70assword=${SECRET}&sslmode=verify-full`, WRITES],
    ['a percent-encoded key passphrase keyword', `postgresql://repl@replica.example.com/orders?sslmode=verify-full&ssl%70assword=${SECRET}`, 'writes its sslpassword as text, so it is in the configuration'],
    ['a percent-encoded keyword beside an unknown host', `postgresql://repl@\${var.h}/orders?%50%61ssword=${SECRET}`, WRITES],
    ['a URI password holding #', 'postgresql://repl:s3#cret@replica.example.com/orders', WRITES],
    ['a URI password holding ?', 'postgresql://repl:s3?cret@replica.example.com/orders', WRITES],
    ['a query password after #', `postgresql://repl@replica.example.com/orders?application_name=x#&password=${SECRET}`, WRITES],
    ['a query password beside several hosts', `postgresql://repl@h1.example.com:5432,[::1]:5433/orders?password=${SECRET}`, WRITES],
    ['a password in one branch of a conditional', `host=replica.example.com password=\${var.prod ? var.p : "${SECRET}"}`, WRITES],
    ['a keyword a reference spells', `host=replica.example.com \${var.k}=${SECRET}`, 'writes text for a keyword a reference spells, which may be its password, so a password written in it cannot be ruled out'],
    ['a call holding literal text beside an unknown host', `host=\${var.h} \${format("%s password=${SECRET}", var.x)}`, 'is an expression the checks do not read, so a password written in it cannot be ruled out'],
    ['a call of literal text in the password', `host=\${var.h} password=\${lookup(var.m, "k", "${SECRET}")}`, 'is an expression the checks do not read, so a password written in it cannot be ruled out'],
    ['a fallback of literal text in the password', `host=\${var.h} password=\${try(var.p, "${SECRET}")}`, WRITES],
    ['a keyword half spelled by a call', `host=\${var.h} \${lookup(var.m, "pass")}word=${SECRET}`, 'writes text for a keyword a reference spells, which may be its password, so a password written in it cannot be ruled out'],
    ['a password in a directive beside an unknown host', `host=\${var.h}%{ if var.tls } password=${SECRET}%{ endif }`, WRITES],
    ['a password in a for directive', `host=\${var.h}%{ for p in ["${SECRET}"] } password=\${p}%{ endfor }`, WRITES],
    ['a template inside a string of a call', `\${join(" ", ["host=\${var.h}", "password=${SECRET}"])}`, 'is an expression the checks do not read, so a password written in it cannot be ruled out'],
  ])('fails %s', (_name, conninfo, problem) => {
    const verdicts = judgeConninfo(conninfo);
    expect(verdicts).toEqual(failed(problem));
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
  });

  test.each([
    ['every part from a reference', 'host=${var.h} user=${var.u} password=${var.p}'],
    ['a URI with its password from a reference and an unknown host', 'postgresql://repl:${urlencode(random_password.p.result)}@${var.h}/orders?sslmode=verify-full'],
    ['a percent-encoded user and no password', 'postgresql://r%65pl@replica.example.com/orders?sslmode=verify-full&application_name=a%3Db'],
    ['a literal local host beside a reference password', 'host=${local.safe} user=repl password=${var.p}'],
    ['a function of references only', 'host=${lower(var.h)} password=${var.p}'],
    ['options from a reference', 'host=${var.h} ${var.extra_options}'],
    ['a keyword a reference spells that is no secret one', 'host=replica.example.com application_${var.k}=x'],
    ['a # in a keyword/value application name', "host=replica.example.com application_name='a#b' password=${var.p}"],
    ['a host from a call reading literal text that spells no setting', 'host=${format("%s.example.com", var.h)} port=${lookup(var.ports, "pub", 5432)} password=${var.p}'],
    ['a directive adding a setting without a secret', 'host=${var.h}%{ if var.tls } sslmode=verify-full%{ endif } password=${var.p}'],
    ['a sensitive reference', 'host=${var.h} password=${sensitive(var.p)}'],
  ])('passes %s', (_name, conninfo) => {
    expect(judgeConninfo(conninfo)).toEqual([{ status: 'pass' }]);
  });
});

// 41st run (A41b-1): a call that transforms literal text (a decoder, a file reader) may write any setting, a password too
// (`base64decode("cGFzc3dvcmQ9czNjcmV0")` is `password=s3cret`): only calls on a list of functions whose result holds no text
// but their arguments' (lookup, coalesce, lower...) or hexadecimal digits (sha1) are one piece of the text; any other that
// reads literal text, at any depth, fails closed.
describe('a call that transforms literal text (A41b-1)', () => {
  // Base64 without padding, `+` or `/`: no character of it spells a setting (`password=s3cret`, `host=pub password=s3cret`, `s3cret`).
  const ENCODED = 'cGFzc3dvcmQ9czNjcmV0';
  const judgeConninfo = (conninfo: string, locals: object = {}) => {
    const stack = { ...databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } }), locals: { enc: ENCODED, decoded: `\${base64decode("${ENCODED}")}`, m: { a: 'pub', b: `\${base64decode("${ENCODED}")}` }, ...locals } };
    return judgeAllIn(rule, stack as never);
  };
  const UNREAD = [{ status: 'fail', message: 'postgresql_subscription.pull: conninfo is an expression the checks do not read, so a password written in it cannot be ruled out.', address: 'postgresql_subscription.pull' }];

  test.each([
    ['a decoded pair beside a literal host', `host=pub \${base64decode("${ENCODED}")}`],
    ['a decoded whole conninfo', '${base64decode("aG9zdD1wdWIgcGFzc3dvcmQ9czNjcmV0")}'],
    ['a decoded URI query', `postgresql://repl@pub/db?\${base64decode("${ENCODED}")}`],
    ['textdecodebase64', `host=pub \${textdecodebase64("${ENCODED}", "UTF-8")}`],
    ['base64gunzip', 'host=pub ${base64gunzip("H4sIAAAAAAAA")}'],
    ['a decoded local', 'host=pub ${base64decode(local.enc)}'],
    ['a decoder inside another call', `host=pub \${trimspace(base64decode("${ENCODED}"))}`],
    ['a local holding a decoded text', 'host=pub ${local.decoded}'],
    ['a lookup in a map holding a decoded text', 'host=pub ${lookup(local.m, var.k)}'],
    ['a URL-decoded text', 'host=pub ${urldecode("pa%73sword%3Ds3cret")}'],
    ['a file read', 'host=pub ${file("conn.txt")}'],
    ['a whole conninfo read from a file', '${file("conn.txt")}'],
    ['a file read inside another call', 'host=pub ${lower(file("conn.txt"))}'],
    ['a template file', '${templatefile("conn.tpl", { h = var.h })}'],
    ['a file named by a number', 'host=pub ${file(1)}'],
    ['a template rendered from a local', 'host=pub ${templatestring(local.t, { x = local.enc })}'],
    ['a provider-defined function', 'host=pub ${provider::codec::decode("cGFzc3dvcmQ")}'],
    ['a decoded password under a literal keyword', 'host=pub password=${base64decode("czNjcmV0")}'],
    ['blanks a format width writes', 'application_name=x${format("%2s", "")}password=s3cret'],
    ['a text an encoder makes', 'host=pub ${base64encode("ab")}${var.p}'],
    ['a file read into a decoder', 'host=${jsondecode(file("hosts.json"))["pub"]}'],
  ])('fails closed on %s', (_name, conninfo) => {
    const verdicts = judgeConninfo(conninfo, { t: '$${base64decode(x)}' });
    expect(verdicts).toEqual(UNREAD);
  });

  // keys() is computed since the 43rd run (A43b-2): the key of a literal object is read as the text it is, a password written in it.
  test.each(['host=pub ${one(keys({ "password=s3cret" = 1 }))}', 'host=pub ${keys({ "password=s3cret" = 1 })[0]}'])('fails on the key of a literal object: %s', (conninfo) => {
    expect(judgeConninfo(conninfo, {})).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_subscription.pull', message: expect.stringContaining('writes its password as text') })]);
  });

  test.each([
    ['a decoded item of a for_each', { for_each: { a: ENCODED }, conninfo: 'host=pub ${base64decode(each.value)}' }],
    ['a decoded item picked by count', { count: 1, conninfo: `host=pub \${base64decode(["${ENCODED}"][count.index])}` }],
  ])('fails closed on %s', (_name, body) => {
    const verdicts = judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], ...body } } }));
    expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('conninfo is an expression the checks do not read') })]);
  });

  test.each([
    ['a lookup of literal text in the host', 'host=${lookup(var.m, "pub")} password=${var.p}'],
    ['a fallback host', 'host=${coalesce(var.h, "pub")} password=${random_password.p.result}'],
    ['calls keeping literal text inside one another', 'host=${trimspace(lower(lookup(var.m, "pub", "pub")))} password=${var.p}'],
    ['a decoder of references only', 'host=pub password=${base64decode(var.p)}'],
    ['a file named by a reference', 'host=pub password=${file(var.password_file)}'],
    ['a path made absolute', 'host=pub sslrootcert=${abspath("ca.pem")} password=${var.p}'],
    ['a hash of literal text', 'host=pub application_name=${sha1("app")} password=${var.p}'],
    ['a Key Vault secret', 'host=pub password=${data.azurerm_key_vault_secret.repl.value}'],
    ['a literal item of a map that also holds a decoded text', 'host=${lookup(local.m, "a")} dbname=orders'],
    ['a for expression filtering literal text', 'host=${join("", [for s in var.hosts : s if (s != "none")])} password=${var.p}'],
    ['a decoder of an item of a reference', 'host=pub password=${base64decode(var.passwords[0])}'],
  ])('passes %s', (_name, conninfo) => {
    expect(judgeConninfo(conninfo)).toEqual([{ status: 'pass' }]);
  });
});

test.each([
  ['a literal password in the item of a for_each', { for_each: { a: 'pw-a', b: SECRET }, conninfo: 'host=${var.h} password=${each.value}' }, true],
  ['a whole conninfo in the item of a for_each', { for_each: { a: `host=\${var.h} password=${SECRET}` }, conninfo: '${each.value}' }, true],
  ['a password from a reference for each item', { for_each: { a: 'h1', b: 'h2' }, conninfo: 'host=${each.value} password=${var.p}' }, false],
  ['a literal password picked by count', { count: 2, conninfo: `host=\${var.h} password=\${["${SECRET}", "x"][count.index]}` }, true],
])('each instance of a subscription: %s', (_name, body, fails) => {
  const verdicts = judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], ...body } } }));
  expect(verdicts.some((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('postgresql_subscription.pull'))).toBe(fails);
  expect(verdicts.every((verdict) => verdict.status !== 'fail' || /writes (part of )?its password as text/.test(verdict.message))).toBe(true);
  expect(JSON.stringify(verdicts)).not.toContain(SECRET);
});

// 40th run (A40b-1): libpq 18's other secret keywords. fe-connect.c PQconninfoOptions: `oauth_client_secret` (the client's
// password at the OAuth authorization server, libpq.sgml) and the SCRAM pass-through keys `scram_client_key` and
// `scram_server_key` (dispchar "D": key material, a client key signs in as the user) are secrets like `password`, in a
// conninfo and in a user mapping's or foreign server's options; `oauth_issuer`, `oauth_client_id`, `oauth_scope` are not.
describe('libpq 18 secret keywords other than password (A40b-1)', () => {
  const subscription = (conninfo: string) => judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } }));
  const KEY = 'c2NyYW0tY2xpZW50LWtleS1tYXRlcmlhbA==';
  const NEW_KEYWORDS = ['oauth_client_secret', 'scram_client_key', 'scram_server_key'];

  test.each(NEW_KEYWORDS.flatMap((keyword) => [
    [`${keyword} as keyword/value`, `host=pub.example.com user=repl ${keyword}=${SECRET}`, keyword],
    [`${keyword} quoted`, `host=pub.example.com user=repl ${keyword} = '${SECRET}'`, keyword],
    [`${keyword} in a URI query`, `postgresql://repl@pub.example.com/db?sslmode=verify-full&${keyword}=${SECRET}`, keyword],
    [`${keyword} percent-encoded in a URI query`, `postgres://repl@pub.example.com/db?${keyword.replace(/_/g, '%5F').replace('s', '%73')}=${SECRET}`, keyword],
    [`${keyword} in mixed case`, `host=pub.example.com ${keyword.toUpperCase().slice(0, 3)}${keyword.slice(3)}=${SECRET}`, keyword],
    [`${keyword} with literal text around a reference`, `host=\${var.h} ${keyword}=${SECRET}\${var.k}`, keyword],
    [`${keyword} in a conditional's branch`, `host=pub.example.com ${keyword}=\${var.prod ? var.k : "${SECRET}"}`, keyword],
  ]))('fails a conninfo with %s', (_name, conninfo, keyword) => {
    const verdicts = subscription(conninfo);
    expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_subscription.pull' })]);
    expect(verdicts[0]).toMatchObject({ message: expect.stringContaining(`its ${keyword} as text`) });
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
  });

  test.each([
    ['a base64 scram_client_key', `host=pub.example.com user=repl scram_client_key=${KEY}`],
    ['a keyword half spelled by a reference that may be oauth_client_secret', 'host=pub.example.com oauth_client_${var.k}=x'],
    ['a keyword half spelled by a reference that may be a SCRAM key', 'host=pub.example.com scram_${var.k}_key=x'],
    ['a call holding a secret keyword beside an unknown host', `host=\${var.h} \${format("%s scram_client_key=${SECRET}", var.x)}`],
  ])('fails closed on %s', (_name, conninfo) => {
    expect(subscription(conninfo)).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_subscription.pull' })]);
  });

  test('a call reading literal text that names a secret keyword is not placed in the text', () => {
    expect(subscription('host=${var.h} ${lookup(var.m, "k", "scram_server_key")}=x')).toEqual([{
      status: 'fail', message: 'postgresql_subscription.pull: conninfo is an expression the checks do not read, so a password written in it cannot be ruled out.', address: 'postgresql_subscription.pull',
    }]);
  });

  test.each([
    ['the OAuth settings that are not secrets', 'host=pub.example.com user=repl oauth_issuer=https://login.example.com/tenant/v2.0 oauth_client_id=4f1c oauth_scope=\'openid offline_access\' password=${var.p}'],
    ['the same in a URI query', 'postgresql://repl@pub.example.com/db?oauth_issuer=https%3A%2F%2Flogin.example.com&oauth_client_id=4f1c&oauth_scope=openid&sslmode=verify-full&application_name=sub'],
    ['secret keywords from references', 'host=${var.h} oauth_client_secret=${var.s} scram_client_key=${var.ck} scram_server_key=${var.sk}'],
    ['a URI query secret from a reference', 'postgresql://repl@pub.example.com/db?oauth_client_secret=${urlencode(var.s)}'],
    ['a keyword a reference spells beside oauth text that is no secret one', 'host=pub.example.com oauth_${var.k}_id=x sslmode=verify-full'],
  ])('passes %s', (_name, conninfo) => {
    expect(subscription(conninfo)).toEqual([{ status: 'pass' }]);
  });

  test.each(NEW_KEYWORDS.flatMap((keyword) => [
    ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { user: 'etl', [keyword]: SECRET } }, keyword],
    ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { [keyword.toUpperCase()]: `pre-\${var.x}` } }, keyword.toUpperCase()],
    ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: { [`${keyword}\u0000x`]: SECRET } }, keyword],
    ['postgresql_server', { server_name: 'dw', fdw_name: 'x_fdw', options: { host: 'h', [keyword]: SECRET } }, keyword],
    ['postgresql_user_mapping', { server_name: 'dw', user_name: 'etl', options: `\${merge(var.o, { ${keyword} = "${SECRET}" })}` }, undefined],
  ]))('fails a %s whose options write a literal secret (%#)', (type, body, option) => {
    const verdict = judgeIn(rule, databaseStack({ [type as string]: { x: body } }));
    expect(verdict).toMatchObject({ status: 'fail', address: `${type}.x` });
    if (option !== undefined) expect(verdict).toMatchObject({ message: expect.stringContaining(`options.${option}`) });
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
  });

  test('controls: options naming OAuth settings that are not secrets, and secret keywords from references, pass', () => {
    const stack = databaseStack({
      postgresql_server: { dw: { server_name: 'dw', fdw_name: 'postgres_fdw', options: { host: 'dw.example.com', oauth_issuer: 'https://login.example.com', oauth_client_id: '4f1c', oauth_scope: 'openid', sslmode: 'verify-full', application_name: 'etl' } } },
      postgresql_user_mapping: {
        a: { server_name: 'dw', user_name: 'etl', options: { user: 'etl', oauth_client_secret: '${var.s}', scram_client_key: '${var.ck}', scram_server_key: '${var.sk}' } },
        b: { server_name: 'dw', user_name: 'etl2', options: '${merge(var.o, { oauth_client_id = "4f1c" })}' },
      },
    });
    expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
  });
});

// 40th run (A40a-2): an options map known only at apply time is read as the evaluator reads it (a merge's objects, a local's value,
// each branch of a conditional, each item of a for_each), by its keys, not by whether its written text says "password"; literal text
// the checks cannot place under a key (zipmap, jsondecode, a `for` with keys known only later) fails closed.
describe('options known only at apply time', () => {
  const LOCALS = {
    o: { user: 'u', password: SECRET },
    o2: { user: 'u' },
    nul: { user: 'u', 'PASSWORD\u0000x': SECRET },
    by_env: { prod: { user: 'u', password: SECRET }, dev: { user: 'u' } },
    safe_by_env: { prod: { user: 'u', password: '${var.pw}' }, dev: { user: 'u' } },
    maps: { a: { user: 'u', password: SECRET } },
  };
  const judgeOptions = (options: unknown, type = 'postgresql_user_mapping', extra: object = {}) => {
    const body = type === 'postgresql_server' ? { server_name: 'dw', fdw_name: 'postgres_fdw' } : { server_name: 'dw', user_name: 'etl' };
    return judgeAllIn(rule, { ...databaseStack({ [type]: { x: { ...body, options, ...extra } } }), locals: LOCALS });
  };
  const UNPLACED = 'options is an expression that writes text the checks cannot place under a key, so a password written in it cannot be ruled out';

  test.each([
    ['a merge of a variable and a local holding a literal', '${merge(var.base, local.o)}', 'options.password is a literal, so the password is written in the configuration'],
    ['tomap of such a local', '${tomap(local.o)}', 'options.password is a literal, so the password is written in the configuration'],
    ['a conditional between such a local and another', '${var.b ? local.o : local.o2}', 'options.password is a literal, so the password is written in the configuration'],
    ['sensitive() of such a local in a merge', '${merge(var.base, sensitive(local.o))}', 'options.password is a literal, so the password is written in the configuration'],
    ['a key spelled by a template', `\${merge(var.base, {"pass\${""}word" = "${SECRET}"})}`, 'options.password is a literal, so the password is written in the configuration'],
    ['a key with a NUL in a local', '${merge(var.base, local.nul)}', 'options.PASSWORD (written "PASSWORD\\u0000x") is a literal, so the password is written in the configuration'],
    ['a map chosen from a local by a key known only later', '${lookup(local.by_env, var.env, {})}', 'options.password is a literal, so the password is written in the configuration'],
    ['a literal next to a reference in a merge', '${merge(var.base, {password = "pre-${var.p}"})}', 'options.password is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration'],
    ['zipmap of literal keys and values', `\${zipmap(["user", "pass\${""}word"], ["u", "${SECRET}"])}`, UNPLACED],
    ['zipmap of keys known only later and literal values', `\${zipmap(var.k, ["u", "${SECRET}"])}`, UNPLACED],
    ['jsondecode of an escaped key', `\${jsondecode("{\\"pass\\\\u0077ord\\": \\"${SECRET}\\"}")}`, UNPLACED],
    ['a for with keys known only later and a literal value', `\${{for k, v in var.m : k => "${SECRET}"}}`, UNPLACED],
    ['a key computed from a reference with a literal value', `\${merge(var.base, {(var.k) = "${SECRET}"})}`, UNPLACED],
  ])('fails %s', (_name, options, problem) => {
    const verdicts = judgeOptions(options);
    expect(verdicts).toEqual([{ status: 'fail', message: `postgresql_user_mapping.x: ${problem}.`, address: 'postgresql_user_mapping.x' }]);
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
  });

  test('fails a foreign server whose options merge a local holding a literal key passphrase', () => {
    const verdicts = judgeAllIn(rule, { ...databaseStack({ postgresql_server: { x: { server_name: 'dw', fdw_name: 'postgres_fdw', options: '${merge(var.base, local.k)}' } } }), locals: { k: { host: 'h', sslpassword: SECRET } } });
    expect(verdicts).toEqual([{ status: 'fail', message: 'postgresql_server.x: options.sslpassword is a literal, so the password is written in the configuration.', address: 'postgresql_server.x' }]);
  });

  test.each([
    ['for_each over a local of maps', { for_each: '${local.maps}' }, '${each.value}'],
    ['count over a list of them', { count: 1 }, '${[local.o][count.index]}'],
  ])('fails each instance: %s', (_name, extra, options) => {
    const verdicts = judgeOptions(options, 'postgresql_user_mapping', extra);
    expect(verdicts.some((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('postgresql_user_mapping.x'))).toBe(true);
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
  });

  test.each([
    ['a merge of a variable and a literal user', '${merge(var.base, {user = "u"})}'],
    ['a merge with the password from a variable', '${merge(var.base, {password = var.pw})}'],
    ['a merge with secrets from a random_password and a Key Vault secret', '${merge(var.base, {password = random_password.p.result, sslpassword = azurerm_key_vault_secret.s.value})}'],
    ['a merge of a local without a secret and a variable password', '${merge(local.o2, {password = var.pw})}'],
    ['a conditional between a local without a secret and a variable', '${var.b ? local.o2 : var.opts}'],
    ['a for over a variable', '${{for k, v in var.m : k => v}}'],
    ['tomap and sensitive of a variable', '${merge(tomap(var.opts), sensitive(var.more))}'],
    ['a map chosen from a local whose password is a variable', '${lookup(local.safe_by_env, var.env, {})}'],
    ['a merge of variables', '${merge(var.a, var.b)}'],
  ])('passes %s', (_name, options) => {
    expect(judgeOptions(options)).toEqual([{ status: 'pass' }]);
    expect(judgeOptions(options, 'postgresql_server')).toEqual([{ status: 'pass' }]);
  });
});

// 42nd run (A42b-1): a part known only later may spell any text, libpq's delimiters too (`=`, a blank, `:`, `?`, `&`, the
// scheme's letters), so literal text glued to it may be (part of) a secret's value: a keyword written without its `=` gets it
// from a reference in it; a reference in a value, the hosts, a port or the database may end it and begin a keyword that an `=`
// written after it ends; one in a URI's user may spell the password's `:`; one where the scheme is may spell its letters. Text
// after a blank written in the text, and a value's text after a reference with no `=` of its own, stay the text they are.
describe('a part known only later may spell a delimiter (A42b-1)', () => {
  const judgeConninfo = (conninfo: string, body: Record<string, unknown> = {}) =>
    judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo, ...body } } }));
  const SPELLS = 'writes text for a keyword a reference spells, which may be its password, so a password written in it cannot be ruled out';
  const UNPLACED = 'is an expression the checks do not read, so a password written in it cannot be ruled out';
  test.each([
    ['a keyword without its = beside a reference ("password=")', `host=pub \${var.h}${SECRET}`, SPELLS],
    ['a whole conninfo of a reference and text', `\${var.h}${SECRET}`, SPELLS],
    ['half a keyword without its =', `host=pub pass\${var.h}${SECRET}`, SPELLS],
    ['a function of a reference', `host=pub \${upper(var.h)}${SECRET}`, SPELLS],
    ['two references in a row', `host=pub \${var.a}\${var.b}${SECRET}`, SPELLS],
    ['a constant interpolation after a reference', `host=pub \${var.h}\${"${SECRET}"}`, SPELLS],
    ['a value ended by a reference ("x "), then a pair', `host=pub application_name=\${var.h}password=${SECRET}`, SPELLS],
    ['a quoted value ended by a reference', `host=pub application_name='a \${var.h}password=${SECRET}'`, SPELLS],
    ['a value ended by a reference, then a keyword spelled in part', `host=pub application_name=\${var.h}pass\${var.k}${SECRET}`, SPELLS],
    ['a URI user a reference ends ("repl:")', `postgresql://\${var.h}${SECRET}@pub/db`, UNPLACED],
    ['a URI user with a reference after it (":")', `postgresql://repl\${var.h}${SECRET}@pub/db`, UNPLACED],
    ['a URI scheme spelled in part ("ql")', `POSTGRES\${var.h}://repl:${SECRET}@pub/db`, 'writes its password as text, so it is in the configuration'],
    ['a URI host a reference ends ("pub?")', `postgresql://\${var.h}password=${SECRET}`, SPELLS],
    ['a URI database a reference ends ("db?")', `postgresql://pub/\${var.h}password=${SECRET}`, SPELLS],
    ['a URI port a reference ends ("?")', `postgresql://pub:5432\${var.h}password=${SECRET}`, SPELLS],
    ['a URI query value a reference ends ("1&")', `postgresql://pub/db?x=\${var.h}password=${SECRET}`, SPELLS],
    ['a URI query value a reference ends, then a percent-encoded keyword', `postgresql://pub/db?x=\${var.h}ssl%70assword=${SECRET}`, SPELLS],
    ['a URI query keyword without its =', `postgresql://pub/db?\${var.h}${SECRET}`, SPELLS],
    ['a URI query keyword without its =, spelled in part', `postgresql://pub/db?sslmode=require&pass\${var.h}${SECRET}`, SPELLS],
  ])('fails %s', (_name, conninfo, problem) => {
    const verdicts = judgeConninfo(conninfo);
    expect(verdicts).toEqual([{ status: 'fail', message: `postgresql_subscription.pull: conninfo ${problem}.`, address: 'postgresql_subscription.pull' }]);
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
  });

  test.each([
    ['a for_each item', { for_each: { a: 'x' } }, `host=\${each.value} \${var.h}${SECRET}`],
    ['a count', { count: 2 }, `host=pub\${count.index} \${var.h}${SECRET}`],
    ['a local', {}, `host=pub \${local.h}${SECRET}`],
  ])('fails text beside a reference in %s', (_name, body, conninfo) => {
    expect(judgeConninfo(conninfo, body).some((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('postgresql_subscription.pull'))).toBe(true);
  });

  test.each([
    ['the common keyword/value form', 'host=${azurerm_postgresql_flexible_server.pub.fqdn} port=5432 dbname=orders user=repl password=${random_password.p.result}'],
    ['a host from a reference, then a pair', 'host=${var.h} user=repl'],
    ['a host name a reference begins', 'host=${var.h}.postgres.database.azure.com port=5432 user=repl password=${var.p}'],
    ['a value a reference begins', 'host=pub application_name=${var.h}-replica password=${var.p}'],
    ['a value with an = after a reference, no secret keyword', 'host=pub application_name=${var.h}a=b password=${var.p}'],
    ['a keyword a reference spells in part, with its =', 'host=pub.example.com oauth_${var.k}_id=x'],
    ['a URI with references for the password and host', 'postgresql://repl:${var.p}@${var.h}:5432/orders?sslmode=verify-full'],
    ['a URI with references for the user, password and host', 'postgresql://${var.u}:${var.p}@${var.h}.postgres.database.azure.com/orders?sslmode=require'],
    ['a URI with references for the user and host', 'postgresql://${var.u}@${var.h}/orders'],
    ['a URI with several hosts, a database and parameters from references', 'postgresql://repl:${var.p}@${var.h1}:5432,${var.h2}:5432/${var.db}?sslmode=verify-full&application_name=${var.app}'],
    ['a URI whose scheme is a reference', '${var.scheme}://repl:${var.p}@${var.h}/orders?sslmode=require'],
    ['a URI whose scheme is spelled in part', 'postgres${var.ql}://repl:${var.p}@pub/orders'],
  ])('passes %s', (_name, conninfo) => {
    expect(judgeConninfo(conninfo)).toEqual([{ status: 'pass' }]);
  });
});

// 43rd run (A43a-1): a number the expression writes is literal text, as PGD-IAM-2 and the options branch (fromReferencesOnly)
// read it: one a function that keeps its arguments' text reads (`max`, `min`, `sum`, `abs`, `floor`, `lookup`'s default) or one an
// operator's expression writes (the evaluator keeps no parts of it: `var.n + 31415926`, a unary minus, a decimal, an exponent)
// makes a piece the checks do not read, which fails where a secret's value is. An index (`var.hosts[0]`) selects; it writes no digits.
describe('a number written in a conninfo part is literal text (A43a-1)', () => {
  const judgeConninfo = (conninfo: string, body: Record<string, unknown> = {}, locals?: object) =>
    judgeAllIn(rule, { ...databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo, ...body } } }), ...(locals === undefined ? {} : { locals }) });
  const UNREAD = 'postgresql_subscription.pull: conninfo is an expression the checks do not read, so a password written in it cannot be ruled out.';
  const failsPull = (verdicts: ReturnType<typeof judgeConninfo>) =>
    verdicts.some((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('postgresql_subscription.pull'));

  test.each([
    ['max of a number and a reference', 'host=h dbname=d password=${max(31415926, var.n)}'],
    ['min of a number and a reference', 'host=h password=${min(var.n, 31415926)}'],
    ['sum of a list with a number', 'host=h password=${sum([31415926, var.n])}'],
    ['floor of a decimal', 'host=h password=${floor(31415926.5)}'],
    ['ceil of a number and a reference', 'host=h password=${ceil(max(var.n, 3.5))}'],
    ['an operator over a reference and a number', 'host=h password=${var.n + 31415926}'],
    ['an operator with a number first, spaced out', 'host=h password=${31415926 -var.n}'],
    ['a unary minus of a number in an operator', 'host=h password=${var.n * -31415926}'],
    ['a decimal in an operator', 'host=h password=${var.n * 3.1415926}'],
    ['an exponent in an operator', 'host=h password=${var.n * 31415926e3}'],
    ['tostring of an operator', 'host=h password=${tostring(var.n + 31415926)}'],
    ['a number default of lookup', 'host=h password=${lookup(var.m, var.k, 31415926)}'],
    ['a boolean default of lookup', 'host=h password=${lookup(var.m, var.k, true)}'],
    ['a key passphrase of max', 'host=h sslpassword=${max(31415926, var.n)}'],
    ['a URI password of max', 'postgresql://r:${max(31415926, var.n)}@h/d'],
    ['a URI password of an operator', 'postgresql://r:${var.n + 31415926}@h/d'],
    ['a URI query password of max', 'postgresql://h/d?password=${max(31415926, var.n)}'],
    ['a local number in max', 'host=h password=${max(local.n, var.n)}'],
    ['a local number in an operator', 'host=h password=${local.n + var.n}'],
    ['an operator in a template inside a string', 'host=h password=${"${var.n + 31415926}"}'],
  ])('fails %s', (_name, conninfo) => {
    const verdicts = judgeConninfo(conninfo, {}, { n: 31415926 });
    expect(verdicts).toEqual([{ status: 'fail', message: UNREAD, address: 'postgresql_subscription.pull' }]);
    expect(JSON.stringify(verdicts)).not.toContain('31415926');
  });

  // The evaluator computes abs of a constant (A43b-2), so the password is read as the text it is.
  test('fails abs of a negative number as a password written as text', () => {
    const verdicts = judgeConninfo('host=h password=${abs(-31415926)}', {}, { n: 31415926 });
    expect(verdicts).toEqual([{ status: 'fail', message: 'postgresql_subscription.pull: conninfo writes its password as text, so it is in the configuration.', address: 'postgresql_subscription.pull' }]);
    expect(JSON.stringify(verdicts)).not.toContain('31415926');
  });

  test.each([
    ['a for_each item number in max', { for_each: { a: 31415926 } }, 'host=h password=${max(each.value, var.n)}'],
    ['a for_each item number in an operator', { for_each: { a: 31415926 } }, 'host=h password=${each.value + var.n}'],
    ['a count with max of a number', { count: 2 }, 'host=h${count.index} password=${max(31415926, var.n)}'],
  ])('fails each instance: %s', (_name, body, conninfo) => {
    expect(failsPull(judgeConninfo(conninfo, body))).toBe(true);
  });

  test.each([
    ['a port lookup with a number default', 'host=h port=${lookup(var.ports, "pub", 5432)} password=${var.p}'],
    ['a port from an operator', 'host=h port=${var.base + 1} password=${var.p}'],
    ['a password from a variable', 'host=h password=${var.p}'],
    ['a host picked by index', 'host=${var.hosts[0]} password=${var.p}'],
    ['a password picked by index', 'host=h password=${var.passwords[1]}'],
    ['a password of a random_password', 'host=h password=${random_password.p.result}'],
    ['an application name of length', 'host=h application_name=${length(var.x)} password=${var.p}'],
    ['a name with a dash and digits', 'host=h password=${var.repl-1}'],
    ['a URI port written and a password from a variable', 'postgresql://r:${var.p}@h:5432/d?connect_timeout=${max(10, var.t)}'],
  ])('passes %s', (_name, conninfo) => {
    expect(judgeConninfo(conninfo)).toEqual([{ status: 'pass' }]);
  });
});

// 85th run, A85c-2: a secret read from text anyone can tell (the workspace's name, an ID) is no secret, in a connection string as in
// an option; a host read from the server's fqdn is no secret keyword's value and passes.
describe('a secret read from what is no secret (A85c-2)', () => {
  const subscription = (conninfo: string) => judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } }));
  const NO_SECRET = 'reads its password from text anyone can tell (a workspace\'s name, a path, an ID, a name, a host), so it is no secret';
  test.each([
    'host=replica.example.com user=repl password=${terraform.workspace}',
    'postgresql://repl:${azurerm_postgresql_flexible_server.db.id}@replica.example.com/orders',
    'postgres://replica.example.com/orders?password=${path.module}',
  ])('%s fails', (conninfo) => {
    expect(subscription(conninfo)).toEqual([{ status: 'fail', message: `postgresql_subscription.pull: conninfo ${NO_SECRET}.`, address: 'postgresql_subscription.pull' }]);
  });
  test('an option read from the workspace\'s name fails', () => {
    expect(judgeIn(rule, databaseStack({ postgresql_user_mapping: { x: { server_name: 'dw', user_name: 'etl', options: { password: '${terraform.workspace}' } } } }))).toMatchObject({ status: 'fail', address: 'postgresql_user_mapping.x' });
  });
  test('a host read from the server\'s fqdn, beside a password from a variable, passes', () => {
    expect(subscription('host=${azurerm_postgresql_flexible_server.db.fqdn} user=${azurerm_postgresql_flexible_server.db.administrator_login} password=${var.p}')).toEqual([{ status: 'pass' }]);
    expect(subscription('postgresql://${var.u}:${var.p}@${azurerm_postgresql_flexible_server.db.fqdn}/orders')).toEqual([{ status: 'pass' }]);
  });
});

// 87th run, A87a-4: a function of references that are no secret is no secret either.
test.each(['host=pub.example.com password=${md5(terraform.workspace)}', 'postgresql://repl:${urlencode(terraform.workspace)}@pub.example.com/orders'])('a conninfo password %s, made from no secret, fails', (conninfo) => {
  expect(judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } }))).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('so it is no secret') as string })]);
});

test('a conninfo password made from a variable through a function passes', () => {
  expect(judgeAllIn(rule, databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo: 'host=pub.example.com password=${md5(var.p)}' } } }))).toEqual([{ status: 'pass' }]);
});
