import { evaluateTemplate, Unknown, Value } from '../../lib/checks/hcl-expression';
import { globsMeet, mayBeAtOrBelow, mayBeOneOf, publicNameParents, publicNames, recordMayAnswer, shadowingNames } from '../../lib/checks/public-name-shadows';
import { ServerView } from '../../lib/checks/stack-model';

// Whether a name, literal or a template known only at apply time, may be a server's public name or a
// parent of it (fourteenth review, A14b-13): one predicate for private DNS zones, their records and
// VNet links, and DNS forwarding rules. PG-NET-1's tests hold the findings.

const template = (text: string) => new Unknown(text, []);
const server = (name: unknown, zones: readonly string[] = []) => ({ config: { name }, privateDnsZones: zones.map((zone, index) => ({ address: `azurerm_private_dns_zone.z${index}`, config: { name: zone } })) }) as unknown as ServerView;
const KNOWN = server('Orders-DB');
const LATER = server(template('${var.server}'));
/** How the shadow checks ask: may the name be one of the server's shadowing names. */
const mayShadow = (name: unknown, of: ServerView) => mayBeOneOf(name, shadowingNames(of));

describe('the public names', () => {
  test('are the name under each cloud\'s domain, and the parents of two labels or more', () => {
    expect(publicNames(KNOWN)).toEqual(['orders-db.postgres.database.azure.com', 'orders-db.postgres.database.chinacloudapi.cn', 'orders-db.postgres.database.usgovcloudapi.net']);
    expect(publicNameParents(KNOWN).slice(0, 3)).toEqual(['postgres.database.azure.com', 'database.azure.com', 'azure.com']);
    expect(publicNameParents(KNOWN)).toHaveLength(9);
  });
});

describe('mayShadow: a zone or forwarding rule of the name or a parent', () => {
  test.each<[string, unknown]>([
    ['the parent, in any case, with the root\'s dot and blanks', ' Postgres.Database.Azure.com. '],
    ['the public name', 'orders-db.postgres.database.azure.com'],
    ['the parent with final dots and blanks (read as azure-keys reads every name)', 'postgres.database.azure.com. .'],
    ['a template ending in a grandparent', template('${var.p}.database.azure.com')],
    ['a template ending in azure.com', template('${var.p}.azure.com')],
    ['a template glued to the parent', template('${var.p}postgres.database.azure.com.')],
    ['a template of the public name with a stage before it', template('${var.stage}orders-db.postgres.database.azure.com')],
    ['a template whose interpolation ends in the parent\'s text (format)', template('${format("%s.database.azure.com", var.p)}')],
    ['a template whose interpolation ends in the parent\'s text (join)', template('${join(".", [var.p, "database.azure.com"])}')],
    // HCL decodes a quoted string's escapes before the name is sent: none hides the parent (A17b-1's class), in either case of its hex.
    ['a template whose quoted text spells the parent with \\u escapes', template('${format("%s.datab\\u0061se.\\u0061zure.com", var.p)}')],
    ['a template whose quoted text spells the parent with \\u escapes in upper-case hex', template('${format("%s.postgres\\u002Edatabase\\u002eazure.com", var.p)}')],
    ['a template whose quoted text spells the parent with a \\U escape', template('${join(".", [var.p, "database.\\U00000061zure.com"])}')],
    ['a template whose constant interpolation is the end', template('${var.p}${".database.azure.com"}')],
    ['a template whose constant interpolation is a label', template('${var.p}.${"database"}.azure.com')],
    ['a template whose conditional may be the parent', template('${var.on ? "postgres.database.azure.com" : "corp.example.com"}')],
    ['a template whose directive may leave a label out', template('%{if var.x}x.%{endif}postgres.database.azure.com')],
    ['a template whose directive may be all of it', template('%{if var.on}postgres.database.azure.com%{endif}')],
    // HCL refuses it, so no plan holds it; the reader does not throw on it, and reads it as text it cannot read (A18b-4: may be any name).
    ['a template whose quoted text holds an escape past U+10FFFF', template('${format("%s.database.\\UFFFFFFFFazure.com", var.p)}')],
  ])('%s may', (_name, name) => {
    expect(mayShadow(name, KNOWN)).toBe(true);
  });

  test.each<[string, unknown]>([
    ['a company domain', 'corp.example.com'],
    ['a template of a company domain', template('${var.p}.example.com')],
    ['a template under another service\'s Private Link zone', template('${var.p}.privatelink.blob.core.windows.net')],
    ['a template under the Private Link zone', template('${var.p}.privatelink.postgres.database.azure.com')],
    ['a template under the VNet-integrated zones', template('${var.p}.private.postgres.database.azure.com')],
    ['a variable alone', template('${var.zone}')],
    ['a template of a top-level domain', template('${var.p}.com')],
    ['a template whose literal start cannot be the name', template('billing-db.${var.p}.database.azure.com')],
    ['a look-alike', template('${var.p}.database.azure.com.evil')],
    ['another server\'s public name', 'billing-db.postgres.database.azure.com'],
    ['a name below the server\'s', 'x.orders-db.postgres.database.azure.com'],
    ['a number', 42],
    ['nothing', undefined],
  ])('%s may not', (_name, name) => {
    expect(mayShadow(name, KNOWN)).toBe(false);
  });

  test('a function whose string argument is a template that may spell the parent may (one interpolation, its quoted text read)', () => {
    expect(mayShadow(evaluateTemplate('${lower("${var.p}.database.azure.com")}', { local: () => undefined }), KNOWN)).toBe(true);
    expect(mayShadow(evaluateTemplate('${lower("${var.p}.example.com")}', { local: () => undefined }), KNOWN)).toBe(false);
    expect(String(evaluateTemplate('${element(split(",", "a,${var.p}.example.com"), 1)}', { local: () => undefined }))).toBe('${element(split(",", "a,${var.p}.example.com"), 1)}');
  });

  // A constant of literal text made by a function the reader does not implement is known at plan, no variable's: it may spell
  // any name, the parent too (A18b-4). One wholly of variables stays a name known only later (decided); a literal end still decides.
  test.each([
    ['base64decode', '${base64decode("cG9zdGdyZXMuZGF0YWJhc2UuYXp1cmUuY29t")}'],
    ['jsondecode', '${jsondecode("\\"postgres.database.azure.com\\"")}'],
    ['substr', '${substr("xpostgres.database.azure.com", 1, -1)}'],
    ['regex', '${regex("[a-z.]+", "postgres.database.azure.com")}'],
    ['strrev', '${strrev("moc.eruza.esabatad.sergtsop")}'],
    ['textdecodebase64', '${textdecodebase64("cG9zdGdyZXMuZGF0YWJhc2UuYXp1cmUuY29t", "UTF-8")}'],
  ])('a name made by %s(<literal text>) may', (_function, name) => {
    expect(mayShadow(template(name), KNOWN)).toBe(true);
    expect(recordMayAnswer('*', template(name), KNOWN)).toBe(true);
  });
  test.each([
    ['a function of a variable alone', '${substr(var.zone, 0, 30)}'],
    ['a function of a variable in a template with a company end', '${base64decode(var.label)}.corp.example.com'],
    ['a function of literal text with a company end', '${replace("a_b", "_", "-")}.corp.example.com'],
    ['a name split from a variable ID by a separator', '${element(split("/", var.zone_id), 8)}'],
  ])('%s may not', (_how, name) => {
    expect(mayShadow(template(name), KNOWN)).toBe(false);
  });

  test('a template whose end is a constant local may (its constant parts are read as text)', () => {
    const constants = { local: (name: string) => ({ suffix: '.database.azure.com', label: 'postgres' } as { [name: string]: Value })[name] };
    expect(mayShadow(evaluateTemplate('${var.p}${local.suffix}', constants), KNOWN)).toBe(true);
    expect(mayShadow(evaluateTemplate('${var.p}.${local.label}.database.azure.com', constants), KNOWN)).toBe(true);
    expect(mayShadow(evaluateTemplate('${var.p}.${local.label}.example.com', constants), KNOWN)).toBe(false);
  });

  test('a zone the server resolves in is not a shadow of it', () => {
    expect(mayShadow('orders-db.postgres.database.azure.com', server('orders-db', ['Orders-DB.postgres.database.azure.com.']))).toBe(false);
    expect(mayShadow('postgres.database.azure.com', server('orders-db', ['orders-db.postgres.database.azure.com']))).toBe(true);
  });

  test('with the server\'s name known later, any one label under a domain may be its name, but the Private Link zone', () => {
    expect(mayShadow('billing-db.postgres.database.azure.com', LATER)).toBe(true);
    expect(mayShadow(template('${var.p}.postgres.database.usgovcloudapi.net'), LATER)).toBe(true);
    expect(mayShadow(template('${var.p}db.postgres.database.azure.com'), LATER)).toBe(true);
    expect(mayShadow('a.b.postgres.database.azure.com', LATER)).toBe(false);
    expect(mayShadow('privatelink.postgres.database.azure.com', LATER)).toBe(false);
    expect(mayShadow('postgres.database.azure.com', LATER)).toBe(true);
  });
});

describe('recordMayAnswer: a record of a zone that may shadow', () => {
  test.each<[string, unknown, unknown, boolean]>([
    ['the server\'s name in the parent zone', 'Orders-DB', 'postgres.database.azure.com', true],
    ['another server\'s name', 'billing-db', 'postgres.database.azure.com', false],
    ['"@" of the public name\'s zone', '@', 'orders-db.postgres.database.azure.com', true],
    ['"@" of the parent zone', '@', 'postgres.database.azure.com', false],
    ['a wildcard of the parent zone', '*', 'postgres.database.azure.com', true],
    ['a wildcard below the public name', '*.orders-db', 'postgres.database.azure.com', false],
    ['a name known later', template('${var.n}'), 'postgres.database.azure.com', true],
    ['the server\'s name in a template zone', 'orders-db', template('${var.p}.database.azure.com'), true],
    ['another server\'s name in a template zone', 'billing-db', template('${var.p}.database.azure.com'), false],
    ['a wildcard of a template zone', '*', template('${var.p}.database.azure.com'), true],
    ['a name with template text in a template zone', '${x}', template('${var.p}.database.azure.com'), false],
  ])('%s: %s', (_name, recordName, zoneName, expected) => {
    expect(recordMayAnswer(recordName, zoneName, KNOWN)).toBe(expected);
  });

  test('with the server\'s name known later, one label in the parent zone may be its name', () => {
    expect(recordMayAnswer('billing-db', 'postgres.database.azure.com', LATER)).toBe(true);
    expect(recordMayAnswer('a.b', 'postgres.database.azure.com', LATER)).toBe(false);
  });
});

describe('globsMeet', () => {
  test.each<[string, string, boolean]>([
    ['a\u0000c', 'abc', true],
    ['a\u0000c', 'abd', false],
    ['\u0000', '', true],
    ['\u0001.b', '.b', false],
    ['\u0001.b', 'x.y.b', false],
    ['\u0001.b', '\u0000y.b', true],
    ['\u0001.b', 'x\u0000', true],
    ['\u0000.b', '\u0001.b', true],
    ['ab', 'a', false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(globsMeet(a, b)).toBe(expected);
    expect(globsMeet(b, a)).toBe(expected);
  });

  test('mayBeOneOf reads a literal by equality, a template by its patterns', () => {
    expect(mayBeOneOf('azure.com', ['azure.com'])).toBe(true);
    expect(mayBeOneOf(template('${var.a}${var.b}.azure.com'), ['x.azure.com'])).toBe(true);
    expect(mayBeOneOf(template('${var.a}.azure.com'), [])).toBe(false);
  });
});

test('mayBeAtOrBelow: a domain or a name below it, literal or a template with a domain end; not a name that only ends like it (A16b-10)', () => {
  const zone = 'orders.private.postgres.database.azure.com';
  expect(['orders.private.postgres.database.azure.com', 'A.B.Orders.Private.Postgres.Database.Azure.Com.'].map((name) => mayBeAtOrBelow(name, zone))).toEqual([true, true]);
  expect(mayBeAtOrBelow(template('${var.label}.orders.private.postgres.database.azure.com'), zone)).toBe(true);
  expect(mayBeAtOrBelow(template('${var.label}.private.postgres.database.azure.com'), zone)).toBe(true);
  expect(['notorders.private.postgres.database.azure.com', 'x.billing.private.postgres.database.azure.com', 'private.postgres.database.azure.com'].map((name) => mayBeAtOrBelow(name, zone))).toEqual([false, false, false]);
  expect(mayBeAtOrBelow(template('${var.name}'), zone)).toBe(false);
});
