// The paths of type-defaults.ts the first tests did not take (tenth pass of mutation testing): the depth bound of each kind of type,
// the cache of types read, defaults that are no constant or nothing at all, and how far a reference's steps reach. Whole values.
import { evaluateStack } from '../../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../../lib/checks/rules';
import { defaultsAlong, TypeShape, typeShape, TypeStep } from '../../../../lib/checks/type-defaults';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const PRIMITIVE: TypeShape = { primitive: true };
const key = (name: string): TypeStep => ({ key: name });
const ANY: TypeStep = { any: true };

/** `open` written `times` times around `inside`, each closed by `close`. */
const nested = (open: string, inside: string, close: string, times: number): string => `${open.repeat(times)}${inside}${close.repeat(times)}`;
/** The shape `wrap` gives `times` times over a primitive. */
const shapeOf = (wrap: (inner: TypeShape) => TypeShape, times: number): TypeShape => Array.from({ length: times }).reduce<TypeShape>((inner) => wrap(inner), PRIMITIVE);

describe('typeShape: the depth bound (64 nested types read, 65 not)', () => {
  test.each<[string, string, string, (inner: TypeShape) => TypeShape]>([
    ['lists', 'list(', ')', (inner) => ({ element: inner })],
    ['tuples', 'tuple([', '])', (inner) => ({ elements: [inner] })],
    ['objects', 'object({a = ', '})', (inner) => ({ attributes: { a: { type: inner } } })],
    ['optional attributes', 'object({a = optional(', ')})', (inner) => ({ attributes: { a: { type: inner } } })],
  ])('%s', (_, open, close, wrap) => {
    expect(typeShape(nested(open, 'string', close, 64))).toEqual(shapeOf(wrap, 64));
    expect(typeShape(nested(open, 'string', close, 65))).toBeUndefined();
  });
});

describe('typeShape: the cache of types read', () => {
  test('holds 256 types, then starts again', () => {
    let made = 0;
    const fresh = () => typeShape(`object({cached${made++} = string})`);
    // Other tests filled the cache: new types until a sentinel is read again shows it was emptied (at most 256 of them).
    const sentinel = typeShape('object({sentinel = optional(string, "s")})');
    let emptied = false;
    for (let index = 0; index < 300 && !emptied; index++) {
      fresh();
      emptied = typeShape('object({sentinel = optional(string, "s")})') !== sentinel;
    }
    expect(emptied).toBe(true);
    expect(made).toBeLessThanOrEqual(256);
    // It holds the last new type and the sentinel: 253 more with the first below make 256, all kept.
    const first = typeShape('object({a = optional(string, "first")})');
    for (let index = 0; index < 253; index++) fresh();
    expect(typeShape('object({a = optional(string, "first")})')).toBe(first);
    // The 257th empties it: the first is read again, the same shape but another object.
    fresh();
    const again = typeShape('object({a = optional(string, "first")})');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('typeShape: what is not read', () => {
  test.each([
    // A call Terraform does not know, with an object's braces.
    'unknown({a = string})',
    'optional({a = string})',
    // An attribute without a name.
    'object({= string})',
    'object({ = optional(string, "x")})',
    // A default of nothing, or one whose end is not found.
    'object({a = optional(string, )})',
    'object({a = optional(string, /* none */ )})',
    'object({a = optional(number, 1e3',
    'object({a = optional(string, <<EOT\nx\n)})',
  ])('%s', (text) => {
    expect(typeShape(text)).toBeUndefined();
  });
});

describe('typeShape: an attribute without a default', () => {
  // No `default` at all, not one that is undefined: a reader that asks whether an attribute has one finds none.
  test.each(['object({a = optional(string)})', 'object({a = optional(string, null)})', 'object({a = string})'])('%s', (text) => {
    const shape = typeShape(text) as { attributes: { [name: string]: object } };
    expect(Object.keys(shape.attributes.a)).toEqual(['type']);
  });
});

describe('defaultsAlong: the steps after a collection', () => {
  const shape = typeShape('object({list = list(object({p = optional(string, "p"), q = optional(string, "q")})), pair = tuple([object({p = optional(string, "first p"), q = optional(string, "first q")}), object({p = optional(string, "second p")})])})')!;
  test.each<[string, TypeStep[], string[]]>([
    ['an item\'s attribute', [key('list'), key('0'), key('p')], ['p']],
    ['any item\'s attribute', [key('list'), ANY, key('q')], ['q']],
    ['an item whole', [key('list'), key('0')], ['p', 'q']],
    ['the list whole', [key('list')], ['p', 'q']],
    ['the first item\'s attribute', [key('pair'), key('0'), key('q')], ['first q']],
    ['the second item\'s attribute', [key('pair'), key('1'), key('p')], ['second p']],
    ['an item known later, its attribute', [key('pair'), ANY, key('p')], ['first p', 'second p']],
    ['the tuple whole', [key('pair')], ['first p', 'first q', 'second p']],
    // Only digits are an index: an index past the end reads nothing; a key with other characters is any item.
    ['an index past the end', [key('pair'), key('10'), key('p')], []],
    ['a key with digits after a letter', [key('pair'), key('x1'), key('p')], ['first p', 'second p']],
    ['a key with digits before a letter', [key('pair'), key('1x'), key('p')], ['first p', 'second p']],
  ])('%s', (_, steps, expected) => {
    expect(defaultsAlong(shape, steps)).toEqual(expected.map((value) => ({ value, after: [] })));
  });
  test('a tuple of eleven: the eleventh by its index', () => {
    const eleven = typeShape(`tuple([${Array.from({ length: 11 }, (_, index) => `object({p = optional(string, "${index}")})`).join(', ')}])`)!;
    expect(defaultsAlong(eleven, [key('10'), key('p')])).toEqual([{ value: '10', after: [] }]);
    expect(defaultsAlong(eleven, [key('1'), key('p')])).toEqual([{ value: '1', after: [] }]);
  });
});

// Found by this pass (a survivor's test, `optional(string, /* none */ )`): a comment before a default was read as part of its text,
// so `optional(string, /* none */ null)` gave the literal text "/* none */ null" and a password reading the attribute failed as
// written in the configuration, where Terraform reads no default at all. The comment is a blank, as between any two tokens.
describe('typeShape: comments before a default', () => {
  test.each<[string, TypeShape]>([
    ['object({a = optional(string, /* none */ null)})', { attributes: { a: { type: PRIMITIVE } } }],
    ['object({a = optional(string, # none\n "")})', { attributes: { a: { type: PRIMITIVE, default: '' } } }],
    ['object({a = optional(string, /* c */ "x")})', { attributes: { a: { type: PRIMITIVE, default: 'x' } } }],
    ['object({a = optional(number, // c\n 1e3)})', { attributes: { a: { type: PRIMITIVE, default: '1e3' } } }],
  ])('%s', (text, shape) => {
    expect(typeShape(text)).toEqual(shape);
  });
  test.each<[string, string]>([
    ['no default', 'object({password = optional(string, /* none */ null)})'],
    ['an empty default', 'object({password = optional(string, # none\n "")})'],
  ])('a password read from an optional attribute with a comment before %s passes', (_, type) => {
    const stack = {
      resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: '${var.db.password}' }) } },
      variable: { db: { type, default: {} } },
    };
    expect(evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGF-IAM-4').map(({ status, message }) => ({ status, message }))).toEqual([{ status: 'pass', message: undefined }]);
  });
  test('a literal default after a comment still fails', () => {
    const stack = {
      resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: '${var.db.password}' }) } },
      variable: { db: { type: 'object({password = optional(string, /* the default */ "Lit3ralS3cret-45b1")})', default: {} } },
    };
    expect(evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGF-IAM-4').map(({ status, message }) => ({ status, message }))).toEqual([
      { status: 'fail', message: 'administrator_password reads var.db.password, a variable given literal text by its default or a variable file, so the password may be written in the configuration.' },
    ]);
  });
});
