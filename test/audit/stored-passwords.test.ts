import { holdsConnectionPassword } from '../../lib/audit/stored-passwords';

// Adversarial run of stop 68, u02: a connection string's password in catalog text every role reads.

test.each([
  ['a libpq connection string', "SELECT dblink('host=10.0.0.4 dbname=orders user=admin password=s3cret', 'SELECT 1')"],
  ['keywords in another order, upper case', "PERFORM dblink_connect('PASSWORD=s3cret HOST=db')"],
  ['a quoted value (doubled quotes in SQL)', "SELECT 'dbname=orders password=''s3cret'''"],
  ['a URI with user and password', "SELECT 'postgresql://admin:s3cret@db.example.com/orders'"],
  ['a postgres:// URI', "SELECT 'postgres://admin:s3cret@10.0.0.4:5432'"],
  ['inside a dollar-quoted DO block', "DO $$ BEGIN PERFORM dblink_exec('user=admin password=s3cret', 'SELECT 1'); END $$"],
  // Adversarial run of stop 69 (adv69c s01): spellings PostgreSQL reads as the same string.
  ['after a comment with an apostrophe', "-- don't log this\nSELECT dblink('host=h user=u password=s3cret', 'SELECT 1')"],
  ['after a quoted identifier with an apostrophe', 'SELECT 1 AS "it\'s"; SELECT \'host=h user=u password=s3cret\''],
  ['after an E string holding an escaped quote', "SELECT E'\\'', 'host=h user=u password=s3cret'"],
  ['a dollar-quoted string inside a body', 'SELECT $c$host=h user=u password=s3cret$c$'],
  ['two strings joined by ||', "SELECT 'host=h user=u ' || 'password=s3cret'"],
  ['an E string with escapes', "SELECT E'host=h user=u pass\\x77ord=s3cret'"],
  ['a U& string with escapes', "SELECT U&'host=h user=u pass\\0077ord=s3cret'"],
  ['a URI with the password in its query', "SELECT 'postgresql://h/db?user=u&password=s3cret'"],
  ['a URI with a password and no user', "SELECT 'postgres://:s3cret@h/db'"],
  ['sslmode beside the password', "SELECT 'sslmode=disable password=s3cret'"],
  ['a comment, which every reader of the source reads too', "-- host=h user=u password=s3cret\nSELECT 1"],
  ['a block comment', '/* dbname=orders password=s3cret */ SELECT 1'],
  // Adversarial run of stop 69 (adv69c): format() with literal arguments writes the password too.
  ['format() with the password a literal argument', "SELECT dblink(format('host=%s user=%s password=%s', 'h', 'u', 's3cret'), 'SELECT 1')"],
  ['format() quoting the password (%L)', "PERFORM dblink_connect(pg_catalog.format('host=h user=u password=%L', 's3cr''et'))"],
  ['format() with positions', "SELECT FORMAT('password=%2$s host=%1$s', 'db', 's3cret'::text)"],
  ['format() inside a function body', "CREATE FUNCTION f() RETURNS void AS $f$ SELECT dblink_exec(format(E'host=h\\tuser=u password=%s', 's3' || 'cret'), 'SELECT 1') $f$ LANGUAGE sql"],
])('reads %s as a stored password', (_, text) => {
  expect(holdsConnectionPassword(text)).toBe(true);
});

test.each([
  ['a password filled in by format', "SELECT format('host=%s user=app password=%s', h, p)"],
  ['a password a parameter fills', "SELECT 'host=db user=app password=$1'"],
  ['format() with the password known at run time', "SELECT format('host=%s user=%s password=%s', 'h', 'u', current_setting('app.pw'))"],
  ['format() with too few arguments', "SELECT format('host=%s user=u password=%s', 'h')"],
  ['a function that is not format', "SELECT my_format('host=%s user=u password=%s', 'h', 's3cret')"],
  ['a password appended at run time', "SELECT 'host=db user=app password=' || p"],
  ['a column compared, not in a string', 'SELECT 1 FROM accounts a WHERE a.user = u AND a.password = p'],
  ['a password without a connection keyword', "SELECT 'password=rotated'"],
  ['a URI without a password', "SELECT 'postgresql://admin@db/orders'"],
  ['the word in a message', "RAISE NOTICE 'password changed for user %', u"],
  // Texts that document the form (adv69c F1).
  ['a placeholder in angle brackets', "SELECT 'usage: connect with host=<host> user=<user> password=<password>'"],
  ['a named parameter', "SELECT 'host=db user=app password=:pw'"],
  ['a question mark', "SELECT 'host=db user=app password=?'"],
  ['a masked value', "SELECT 'password=*** host=masked'"],
  ['the word PASSWORD in a URI', "SELECT 'postgres://user:PASSWORD@host/db is the URI form'"],
])('does not read %s as one', (_, text) => {
  expect(holdsConnectionPassword(text)).toBe(false);
});

// Review of stop 70 (D12): a call's arguments are read within 1,024 characters, so a format() that does not close there writes nothing
// (and the lexer stays linear in the text); one that closes within them is read.
test('a format() call is read within 1,024 characters of its opening', () => {
  const call = (padding: number) => `SELECT format('host=h user=u password=%s', ${' '.repeat(padding)}'s3cret')`;
  expect(holdsConnectionPassword(call(900))).toBe(true);
  expect(holdsConnectionPassword(call(1100))).toBe(false);
});
