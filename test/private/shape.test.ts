import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  boolean,
  checkField,
  checkProps,
  checkShape,
  choice,
  construct,
  dependable,
  expected,
  list,
  LiteralReason,
  map,
  member,
  number,
  optional,
  part,
  reason,
  required,
  Shape,
  struct,
  text,
} from '../../lib/private/shape';
import { ValidationError, withArticle } from '../../lib/private/validation-error';

// The run-time check of each prop's type, called directly on small shapes: every kind of shape,
// every message whole, tokens where a literal is needed, holes and nulls a JavaScript caller leaves.

/** The error a call throws (its code and whole message), or a failure when it throws none. */
function errorOf(call: () => void): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return `${(error as ValidationError).code} ${(error as ValidationError).message}`;
  }
  throw new Error('expected a ValidationError, none was thrown');
}

class Sku {
  public static of(name: string): Sku {
    return new Sku(name);
  }
  private constructor(public readonly name: string) {}
}
class Server extends Construct {}
class OldServer extends Construct {}

const SKU = choice('Sku', Sku, 'use Sku.of(name)', (sku) => [part('', sku.name, required(text(), 'name the SKU'))]);
const RANGE = struct('Range', { start: required(text(), 'give the first address'), end: optional(text()) });

const STRING_TOKEN = Token.asString({ resolve: () => 'x' });
const NUMBER_TOKEN = Token.asNumber({ resolve: () => 1 });
const LIST_TOKEN = Token.asList({ resolve: () => ['x'] });

describe('expected: what a value of the shape is', () => {
  test.each<[Shape, string]>([
    [text(), 'a string'],
    [member('TlsVersion', 'TlsVersion.TLS1_2'), 'a TlsVersion member'],
    // The article as said (42nd run, A42a-3): "an" before a vowel sound.
    [member('AccessLevel', 'AccessLevel.READ_ONLY'), 'an AccessLevel member'],
    [member('EntraPrincipalType', 'EntraPrincipalType.GROUP'), 'an EntraPrincipalType member'],
    [struct('EntraAdministrator', {}), 'an EntraAdministrator object'],
    [construct('ISecurePostgresServer', Construct, 'pass the server'), 'an ISecurePostgresServer'],
    [number(), 'a number'],
    [boolean(), 'true or false'],
    [list(text()), 'a list of strings'],
    [list(member('Zone', 'Zone.ONE')), 'a list of Zone members'],
    [list(number()), 'a list of numbers'],
    [list(boolean()), 'a list of booleans'],
    [list(list(text())), 'a list of lists of strings'],
    [list(map(text())), 'a list of maps of strings'],
    [list(RANGE), 'a list of Range objects'],
    [list(SKU), 'a list of Sku instances'],
    [list(dependable()), 'a list of resources, data sources or other constructs Terraform can depend on'],
    [list(construct('Server', Server, 'pass the server')), 'a list of Server constructs'],
    [map(text()), 'a map of strings'],
    [RANGE, 'a Range object'],
    [SKU, 'a Sku'],
    [dependable(), 'a resource, data source or other construct Terraform can depend on'],
    [construct('Server', Server, 'pass the server'), 'a Server'],
  ])('%j', (shape, says) => {
    expect(expected(shape)).toBe(says);
  });

  test('an "an" is dropped as an "a" is, at the start only', () => {
    expect(expected(list(text({ expected: 'an Entra object ID' })))).toBe('a list of Entra object IDs');
    expect(expected(list(text({ expected: 'the name of an Entra group' })))).toBe('a list of the name of an Entra groups');
  });
});

describe('checkShape: literals of each kind', () => {
  test('accepts a value of its kind', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const server = new Server(stack, 'server');
    const accepted: [Shape, unknown][] = [
      [text(), ''],
      [number(), 0],
      [boolean(), false],
      [list(text()), ['a', 'b']],
      [map(number()), { a: 1 }],
      [RANGE, { start: '1.2.3.4' }],
      [SKU, Sku.of('B1')],
      [dependable(), new TerraformVariable(stack, 'variable', {})],
      [construct('Server', Server, 'pass the server'), server],
    ];
    for (const [shape, value] of accepted) expect(() => checkShape('p', value, shape)).not.toThrow();
  });

  test.each<[Shape, unknown, string]>([
    [text(), 1, 'PROP-TYPE Invalid p: 1 is not a string. Fix: give a string.'],
    [member('TlsVersion', 'TlsVersion.TLS1_2'), true, 'PROP-TYPE Invalid p: true is not a TlsVersion member. Fix: give a TlsVersion member, e.g. TlsVersion.TLS1_2.'],
    [member('AccessLevel', 'AccessLevel.READ_WRITE'), new String('readwrite'), 'PROP-TYPE Invalid p: (a String) is not an AccessLevel member. Fix: give an AccessLevel member, e.g. AccessLevel.READ_WRITE.'],
    [member('AccessLevel', 'AccessLevel.READ_WRITE'), [], 'PROP-TYPE Invalid p: [] is not an AccessLevel member. Fix: give an AccessLevel member, e.g. AccessLevel.READ_WRITE.'],
    [number(), '1', 'PROP-TYPE Invalid p: "1" is not a number. Fix: give a number.'],
    [boolean(), 'false', 'PROP-TYPE Invalid p: "false" is not true or false. Fix: give true or false, as a boolean.'],
    [list(text()), 'a', 'PROP-TYPE Invalid p: "a" is not a list of strings. Fix: give a list of strings.'],
    [list(text()), { 0: 'a' }, 'PROP-TYPE Invalid p: {"0":"a"} is not a list of strings. Fix: give a list of strings.'],
    [map(text()), ['a'], 'PROP-TYPE Invalid p: ["a"] is not a map of strings. Fix: give a map of strings.'],
    [map(text()), null, 'PROP-TYPE Invalid p: null is not a map of strings. Fix: give a map of strings.'],
    [map(text()), 'a', 'PROP-TYPE Invalid p: "a" is not a map of strings. Fix: give a map of strings.'],
    [RANGE, ['1.2.3.4'], 'PROP-TYPE Invalid p: ["1.2.3.4"] is not a Range object. Fix: give a Range object.'],
    [RANGE, null, 'PROP-TYPE Invalid p: null is not a Range object. Fix: give a Range object.'],
    [SKU, 'B1', 'PROP-TYPE Invalid p: "B1" is not a Sku. Fix: use Sku.of(name).'],
    [SKU, { name: 'B1' }, 'PROP-TYPE Invalid p: {"name":"B1"} is not a Sku. Fix: use Sku.of(name).'],
    [dependable(), 'azurerm_subnet.a', 'PROP-TYPE Invalid p: "azurerm_subnet.a" is not a resource, data source or other construct Terraform can depend on. Fix: list resources or other constructs of the stack, not their names or IDs.'],
    [dependable(), { fqn: 1 }, 'PROP-TYPE Invalid p: {"fqn":1} is not a resource, data source or other construct Terraform can depend on. Fix: list resources or other constructs of the stack, not their names or IDs.'],
    [dependable(), null, 'PROP-TYPE Invalid p: null is not a resource, data source or other construct Terraform can depend on. Fix: list resources or other constructs of the stack, not their names or IDs.'],
    [construct('Server', Server, 'pass the server construct'), 'server', 'PROP-TYPE Invalid p: "server" is not a Server. Fix: pass the server construct.'],
  ])('%j refuses %j', (shape, value, message) => {
    expect(errorOf(() => checkShape('p', value, shape))).toBe(message);
  });

  test('a dependable is anything with a string fqn', () => {
    expect(() => checkShape('p', { fqn: 'azurerm_subnet.a' }, dependable())).not.toThrow();
  });

  test('a construct of the right class passes; of another class, its error; of a kin class, the kin\'s own error', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const shape = construct('Server', Server, 'pass the server construct', { type: OldServer, code: 'SERVER-KIND', problem: 'is a retired server', fix: 'move to Server' } as never);
    expect(errorOf(() => checkShape('p', new OldServer(stack, 'old'), shape))).toBe('SERVER-KIND Invalid p: "stack/old" is a retired server. Fix: move to Server.');
    expect(errorOf(() => checkShape('p', new Construct(stack, 'other'), shape))).toBe('PROP-TYPE Invalid p: "stack/other" is not a Server. Fix: pass the server construct.');
    expect(errorOf(() => checkShape('p', new Construct(stack, 'plain'), construct('Server', Server, 'pass it')))).toBe('PROP-TYPE Invalid p: "stack/plain" is not a Server. Fix: pass it.');
  });

  test('a list\'s items by index, holes and nulls included', () => {
    expect(errorOf(() => checkShape('ranges', ['a', 2], list(text())))).toBe('PROP-TYPE Invalid ranges[1]: 2 is not a string. Fix: give a string.');
    expect(errorOf(() => checkShape('ranges', ['a', , 'c'], list(text())))).toBe('PROP-TYPE Invalid ranges[1]: (not set) is not a string. Fix: give a string.');
    expect(errorOf(() => checkShape('ranges', ['a', undefined], list(text())))).toBe('PROP-TYPE Invalid ranges[1]: (not set) is not a string. Fix: give a string.');
    expect(errorOf(() => checkShape('ranges', [null], list(text())))).toBe('PROP-TYPE Invalid ranges[0]: null is not a string. Fix: give a string.');
  });

  test('a map\'s values by key', () => {
    expect(errorOf(() => checkShape('tags', { a: 'x', b: 1 }, map(text())))).toBe('PROP-TYPE Invalid tags.b: 1 is not a string. Fix: give a string.');
    expect(errorOf(() => checkShape('tags', { a: undefined }, map(text())))).toBe('PROP-TYPE Invalid tags.a: (not set) is not a string. Fix: give a string.');
  });

  test('a choice\'s parts, the part named "" at the prop itself', () => {
    expect(errorOf(() => checkShape('sku', Sku.of(3 as never), SKU))).toBe('PROP-TYPE Invalid sku: 3 is not a string. Fix: give a string.');
    expect(errorOf(() => checkShape('sku', Sku.of(undefined as never), SKU))).toBe('REQUIRED Invalid sku: (not set) is required. Fix: name the SKU.');
    const named = choice('Sku', Sku, 'use Sku.of(name)', (sku) => [part('name', sku.name, required(text(), 'name the SKU'))]);
    expect(errorOf(() => checkShape('sku', Sku.of(3 as never), named))).toBe('PROP-TYPE Invalid sku.name: 3 is not a string. Fix: give a string.');
  });
});

describe('checkShape: tokens', () => {
  test('a token of the right type passes where no literal is needed', () => {
    const accepted: [Shape, unknown][] = [
      [text(), STRING_TOKEN],
      [number(), NUMBER_TOKEN],
      [list(text()), LIST_TOKEN],
      [map(text()), Token.asAny({ resolve: () => ({}) })],
    ];
    for (const [shape, value] of accepted) expect(() => checkShape('p', value, shape)).not.toThrow();
  });

  test('a token of another type is refused as that type', () => {
    expect(errorOf(() => checkShape('p', NUMBER_TOKEN, text()))).toBe('PROP-TYPE Invalid p: ${…} is not a string. Fix: give a string.');
    expect(errorOf(() => checkShape('p', STRING_TOKEN, number()))).toBe('PROP-TYPE Invalid p: "${…}" is not a number. Fix: give a number.');
    expect(errorOf(() => checkShape('p', STRING_TOKEN, list(text())))).toBe('PROP-TYPE Invalid p: "${…}" is not a list of strings. Fix: give a list of strings.');
    expect(errorOf(() => checkShape('p', STRING_TOKEN, map(text())))).toBe('PROP-TYPE Invalid p: "${…}" is not a map of strings. Fix: give a map of strings.');
    expect(errorOf(() => checkShape('p', STRING_TOKEN, RANGE))).toBe('PROP-TYPE Invalid p: "${…}" is not a Range object. Fix: give a Range object.');
    // An object token is no struct, choice or construct: the construct reads their fields at synth.
    const objectToken = Token.asAny({ resolve: () => ({}) });
    expect(errorOf(() => checkShape('p', objectToken, RANGE))).toBe('PROP-TYPE Invalid p: ${…} is not a Range object. Fix: give a Range object.');
    expect(errorOf(() => checkShape('p', objectToken, SKU))).toBe('PROP-TYPE Invalid p: ${…} is not a Sku. Fix: use Sku.of(name).');
  });

  test('a security setting (and every boolean) must be a literal', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const flag = new TerraformVariable(stack, 'flag', { type: 'bool' }).booleanValue;
    expect(errorOf(() => checkShape('backup.geoRedundantBackup', flag, boolean()))).toBe(
      'SECURITY-SETTING-TOKEN Invalid backup.geoRedundantBackup: ${…} is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy). ' +
        'Fix: give true or false as a literal; choose per environment in your code, not in a Terraform variable.',
    );
    expect(errorOf(() => checkShape('tls.minVersion', STRING_TOKEN, member('TlsVersion', 'TlsVersion.TLS1_2', LiteralReason.SECURITY)))).toBe(
      'SECURITY-SETTING-TOKEN Invalid tls.minVersion: "${…}" is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy). ' +
        'Fix: give a TlsVersion member as a literal, e.g. TlsVersion.TLS1_2; choose per environment in your code, not in a Terraform variable.',
    );
  });

  test('a justification must be a literal', () => {
    expect(errorOf(() => checkShape('backup.justification', STRING_TOKEN, reason()))).toBe(
      'JUSTIFICATION-TOKEN Invalid backup.justification: "${…}" is a Terraform token, known only at apply time, not text a reviewer can read at synth. ' +
        'Fix: write the reason as literal text of at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });

  test('a literal-only text holding a Terraform template sequence is refused as its token is, escaped or not', () => {
    const schema = text({ expected: 'a schema name', example: '"sales"', literal: LiteralReason.SECURITY });
    for (const value of ['${var.x}', 'orders_%{if true}hr%{endif}', 'a$${b}', 'a%%{b}']) {
      expect(errorOf(() => checkShape('schemas.orders[0]', value, schema))).toBe(
        `SECURITY-SETTING-TEMPLATE Invalid schemas.orders[0]: ${JSON.stringify(value)} holds a Terraform template sequence ("\${" or "%{"): cdktf writes it as it is and Terraform evaluates it at apply time, so a security setting known only then could weaken the server with no justification and no warning. ` +
          'Fix: give a schema name as plain text, e.g. "sales", without "${" or "%{".',
      );
    }
    // A list item and an enum member are judged alike.
    expect(errorOf(() => checkShape('p', ['ok', '${var.x}'], list(text({ literal: LiteralReason.SECURITY }))))).toMatch(/^SECURITY-SETTING-TEMPLATE Invalid p\[1\]: "\$\{var.x\}" /);
    expect(errorOf(() => checkShape('tls.minVersion', '${var.tls}', member('TlsVersion', 'TlsVersion.TLS1_2', LiteralReason.SECURITY)))).toMatch(/^SECURITY-SETTING-TEMPLATE /);
    expect(errorOf(() => checkShape('backup.justification', 'approved in %{if true}SEC-1%{endif}', reason()))).toBe(
      'JUSTIFICATION-TEMPLATE Invalid backup.justification: "approved in %{if true}SEC-1%{endif}" holds a Terraform expression ("${" or "%{"), which the warning and the security report would show unresolved. ' +
        'Fix: write the reason as plain text, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });

  test('a lone "$", "%" or brace is plain text, and text that need not be a literal may be a template', () => {
    for (const value of ['50% {sales}', '$ {x}', 'a$b{c}', '{x}']) expect(() => checkShape('p', value, text({ literal: LiteralReason.SECURITY }))).not.toThrow();
    expect(() => checkShape('p', '${var.x}', text())).not.toThrow();
    expect(() => checkShape('p', '${var.x}', text({ literal: LiteralReason.ITEMS }))).not.toThrow();
  });

  test('a list the construct makes one resource per item of must be a literal list', () => {
    expect(errorOf(() => checkShape('databases', LIST_TOKEN, list(text(), { literal: LiteralReason.ITEMS })))).toBe(
      'LIST-TOKEN Invalid databases: ["${…}"] is a Terraform token, known only at apply time: the construct makes one resource per item, so it must know the items at synth. ' +
        'Fix: list the items in your code (an item may still hold references).',
    );
  });
});

describe('checkField', () => {
  test('"not set" is refused when required, with the field\'s own problem when it has one, and skipped otherwise', () => {
    expect(errorOf(() => checkField('name', undefined, required(text(), 'give the server name')))).toBe('REQUIRED Invalid name: (not set) is required. Fix: give the server name.');
    expect(errorOf(() => checkField('name', undefined, required(text(), 'give it', 'is needed for DNS')))).toBe('REQUIRED Invalid name: (not set) is needed for DNS. Fix: give it.');
    expect(() => checkField('name', undefined, optional(text()))).not.toThrow();
  });

  test('an empty string is "not set" for a required text only', () => {
    expect(errorOf(() => checkField('name', '', required(text(), 'give the server name')))).toBe('REQUIRED Invalid name: "" is required. Fix: give the server name.');
    expect(() => checkField('name', '', optional(text()))).not.toThrow();
    expect(errorOf(() => checkField('zones', '', required(list(text()), 'list the zones')))).toBe('PROP-TYPE Invalid zones: "" is not a list of strings. Fix: give a list of strings.');
  });

  test('null is a wrong type, not "not set"', () => {
    expect(errorOf(() => checkField('name', null, optional(text())))).toBe('PROP-TYPE Invalid name: null is not a string. Fix: give a string.');
  });
});

describe('checkProps and structs', () => {
  const PROPS = struct(
    'ServerProps',
    { name: required(text(), 'give the name'), network: optional(struct('Network', { subnetId: optional(text()) })), tags: optional(map(text())) },
    { allowedIpRanges: { code: 'PRIVATE-MODE-FIREWALL', problem: 'is a firewall setting', fix: 'use publicAccess' } },
  );

  test('props must be an object, not a token', () => {
    expect(errorOf(() => checkProps('x', PROPS))).toBe('PROP-TYPE Invalid props: "x" is not a ServerProps object. Fix: give a ServerProps object.');
    expect(errorOf(() => checkProps(undefined, PROPS))).toBe('PROP-TYPE Invalid props: (not set) is not a ServerProps object. Fix: give a ServerProps object.');
    expect(errorOf(() => checkProps(Token.asAny({ resolve: () => ({}) }), PROPS))).toBe('PROP-TYPE Invalid props: ${…} is not a ServerProps object. Fix: give a ServerProps object.');
  });

  test('fields are named from the top, nested ones by their path', () => {
    expect(errorOf(() => checkProps({}, PROPS))).toBe('REQUIRED Invalid name: (not set) is required. Fix: give the name.');
    expect(errorOf(() => checkProps({ name: 'a', network: { subnetId: 1 } }, PROPS))).toBe('PROP-TYPE Invalid network.subnetId: 1 is not a string. Fix: give a string.');
    expect(() => checkProps({ name: 'a', network: { subnetId: 's' }, tags: { a: 'b' } }, PROPS)).not.toThrow();
  });

  test('a key set to undefined is as if not set', () => {
    expect(() => checkProps({ name: 'a', typo: undefined }, PROPS)).not.toThrow();
  });

  test('an unknown key: its value not shown, the closest known key suggested within two edits', () => {
    expect(errorOf(() => checkProps({ name: 'a', nmae: 'secret' }, PROPS))).toBe('PROP-UNKNOWN Invalid nmae: (a string) is not a prop of ServerProps. Fix: did you mean "name"? Remove or rename it.');
    expect(errorOf(() => checkProps({ name: 'a', NETWORKS: {} }, PROPS))).toBe('PROP-UNKNOWN Invalid NETWORKS: (an object) is not a prop of ServerProps. Fix: did you mean "network"? Remove or rename it.');
    expect(errorOf(() => checkProps({ name: 'a', tg: [1] }, PROPS))).toBe('PROP-UNKNOWN Invalid tg: (a list) is not a prop of ServerProps. Fix: did you mean "tags"? Remove or rename it.');
    expect(errorOf(() => checkProps({ name: 'a', password: null }, PROPS))).toBe('PROP-UNKNOWN Invalid password: (null) is not a prop of ServerProps. Fix: remove it; the props are name, network, tags.');
    expect(errorOf(() => checkProps({ name: 'a', network: { port: 5 } }, PROPS))).toBe('PROP-UNKNOWN Invalid network.port: (a number) is not a prop of Network. Fix: remove it; the props are subnetId.');
    expect(errorOf(() => checkProps({ name: 'a', network: { subnetIdd: true } }, PROPS))).toBe('PROP-UNKNOWN Invalid network.subnetIdd: (a boolean) is not a prop of Network. Fix: did you mean "subnetId"? Remove or rename it.');
  });

  test('edit distance: three edits are not close, a substitution, an insertion and a deletion each count one', () => {
    const shape = struct('S', { abcdef: optional(text()) });
    expect(errorOf(() => checkProps({ xbcdeg: 1 }, shape))).toBe('PROP-UNKNOWN Invalid xbcdeg: (a number) is not a prop of S. Fix: did you mean "abcdef"? Remove or rename it.');
    expect(errorOf(() => checkProps({ abcdefgh: 1 }, shape))).toBe('PROP-UNKNOWN Invalid abcdefgh: (a number) is not a prop of S. Fix: did you mean "abcdef"? Remove or rename it.');
    expect(errorOf(() => checkProps({ abcd: 1 }, shape))).toBe('PROP-UNKNOWN Invalid abcd: (a number) is not a prop of S. Fix: did you mean "abcdef"? Remove or rename it.');
    expect(errorOf(() => checkProps({ xbcxex: 1 }, shape))).toBe('PROP-UNKNOWN Invalid xbcxex: (a number) is not a prop of S. Fix: remove it; the props are abcdef.');
    expect(errorOf(() => checkProps({ abc: 1 }, shape))).toBe('PROP-UNKNOWN Invalid abc: (a number) is not a prop of S. Fix: remove it; the props are abcdef.');
    expect(errorOf(() => checkProps({ bacdfe: 1 }, shape))).toBe('PROP-UNKNOWN Invalid bacdfe: (a number) is not a prop of S. Fix: remove it; the props are abcdef.');
  });

  test('a misplaced key gets its own error, with its value', () => {
    expect(errorOf(() => checkProps({ name: 'a', allowedIpRanges: ['x'] }, PROPS))).toBe('PRIVATE-MODE-FIREWALL Invalid allowedIpRanges: ["x"] is a firewall setting. Fix: use publicAccess.');
  });

  test('an inherited name such as "toString" is no prop', () => {
    expect(errorOf(() => checkProps({ name: 'a', toString: 'x' }, PROPS))).toBe('PROP-UNKNOWN Invalid toString: (a string) is not a prop of ServerProps. Fix: remove it; the props are name, network, tags.');
    expect(errorOf(() => checkProps({ name: 'a', constructor: 'x' }, PROPS))).toBe('PROP-UNKNOWN Invalid constructor: (a string) is not a prop of ServerProps. Fix: remove it; the props are name, network, tags.');
  });
});

describe('withArticle: the indefinite article as said (42nd run, A42a-3)', () => {
  test.each([
    ['AccessLevel', 'an AccessLevel'], ['EntraPrincipalType', 'an EntraPrincipalType'], ['Int8Array', 'an Int8Array'], ['Object', 'an Object'], ['Update', 'an Update'],
    ['TlsVersion', 'a TlsVersion'], ['HighAvailabilityMode', 'a HighAvailabilityMode'], ['UserType', 'a UserType'], ['UniqueName', 'a UniqueName'], ['Uri', 'a Uri'], ['Utility', 'a Utility'],
  ])('%s: %s', (name, said) => {
    expect(withArticle(name)).toBe(said);
  });
});
