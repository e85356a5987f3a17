// A variable's type constraint read for its optional attributes' defaults (type-defaults.ts): the shape every spelling Terraform
// accepts gives, the constraints it refuses (not read), and which defaults a reference's steps reach. Whole values asserted.
import { Unknown } from '../../../../lib/checks/hcl-expression';
import { defaultsAlong, TypeShape, typeShape, TypeStep } from '../../../../lib/checks/type-defaults';

const PRIMITIVE: TypeShape = { primitive: true };
const key = (name: string): TypeStep => ({ key: name });
const ANY: TypeStep = { any: true };

describe('typeShape', () => {
  test.each<[string, TypeShape]>([
    ['string', PRIMITIVE],
    ['  any\n', PRIMITIVE],
    ['list', PRIMITIVE],
    ['"string"', PRIMITIVE],
    ['list(string)', { element: PRIMITIVE }],
    ['set( number )', { element: PRIMITIVE }],
    ['map(list(bool))', { element: { element: PRIMITIVE } }],
    ['tuple([string, number,])', { elements: [PRIMITIVE, PRIMITIVE] }],
    ['tuple([])', { elements: [] }],
    ['object({})', { attributes: {} }],
    ['object({a = string, b: number})', { attributes: { a: { type: PRIMITIVE }, b: { type: PRIMITIVE } } }],
    ['object({\n  a = string\n  "b" = number\n})', { attributes: { a: { type: PRIMITIVE }, b: { type: PRIMITIVE } } }],
    ['object({a = optional(string)})', { attributes: { a: { type: PRIMITIVE } } }],
    ['object({a = optional(string, "x")})', { attributes: { a: { type: PRIMITIVE, default: 'x' } } }],
    ['object({a = optional (string , "x" )})', { attributes: { a: { type: PRIMITIVE, default: 'x' } } }],
    ['object({a = optional(string, null)})', { attributes: { a: { type: PRIMITIVE } } }],
    ['object({a = optional(number, 5)})', { attributes: { a: { type: PRIMITIVE, default: 5 } } }],
    ['object({a = optional(string, "${"x"}y")})', { attributes: { a: { type: PRIMITIVE, default: 'xy' } } }],
    ['object({a = optional(string, <<EOT\nx\nEOT\n)})', { attributes: { a: { type: PRIMITIVE, default: 'x\n' } } }],
    ['object({a = optional(list(string), ["x", "y"])})', { attributes: { a: { type: { element: PRIMITIVE }, default: ['x', 'y'] } } }],
    ['object({a = optional(object({b = optional(string, "y")}), {b = "x"})})', { attributes: { a: { type: { attributes: { b: { type: PRIMITIVE, default: 'y' } } }, default: { b: 'x' } } } }],
    ['object({optional = string})', { attributes: { optional: { type: PRIMITIVE } } }],
    ['object({a = optional(object({n = number}), { n = 1e3 })})', { attributes: { a: { type: { attributes: { n: { type: PRIMITIVE } } }, default: '{ n = 1e3 }' } } }],
    // 55th run (A55b-4): a constant the expression reader does not read is its text, as written.
    ['object({a = optional(string, <<-EOT\n  x\n  EOT\n), b = optional(number, 1e3)})', { attributes: { a: { type: PRIMITIVE, default: '<<-EOT\n  x\n  EOT' }, b: { type: PRIMITIVE, default: '1e3' } } }],
    // HCL's comments between tokens (54th run, A54a-4).
    ['object({ # the login\n  a = optional(string, "x") // its default\n  /* b */ b = string\n})', { attributes: { a: { type: PRIMITIVE, default: 'x' }, b: { type: PRIMITIVE } } }],
  ])('%s', (text, shape) => {
    expect(typeShape(text)).toEqual(shape);
  });
  test.each([
    'strin g',
    'unknown',
    'list(string',
    'list(string))',
    'object({a string})',
    'object({a = optional(string, "x" y)})',
    'object({"a\\q" = string})',
    'object({a = string /* unclosed})',
    'optional(string, "x")',
    'tuple(string)',
    'object(string)',
    `${'list('.repeat(70)}string${')'.repeat(70)}`,
  ])('%s is not read', (text) => {
    expect(typeShape(text)).toBeUndefined();
  });
  test('an attribute named __proto__ is an attribute (54th run, A54a-1)', () => {
    const shape = typeShape('object({__proto__ = optional(string, "x")})')!;
    expect(defaultsAlong(shape, [key('__proto__')])).toEqual([{ value: 'x', after: [] }]);
    expect(defaultsAlong(shape, [])).toEqual([{ value: 'x', after: [] }]);
  });
  test('a type read once is not read again (54th run, A54a-5)', () => {
    const text = 'object({a = optional(list(string), ["x"])})';
    expect(typeShape(text)).toBe(typeShape(text));
  });
  test('a default reading a variable is kept as the value it reads', () => {
    const shape = typeShape('object({a = optional(string, var.x)})') as unknown as { attributes: { a: { default: Unknown } } };
    expect(shape.attributes.a.default.toString()).toBe('${var.x}');
  });
  test('a long run of blanks is read', () => {
    expect(typeShape(`object({a = optional(${' '.repeat(200_000)}string, "x")})`)).toEqual({ attributes: { a: { type: PRIMITIVE, default: 'x' } } });
  });
});

describe('defaultsAlong', () => {
  const shape = typeShape('object({admin = optional(object({password = optional(string, "inner")}), {password = "outer"}), list = optional(list(object({p = optional(string, "item")}))), pair = tuple([object({p = optional(string, "first")}), object({p = optional(string, "second")})]), plain = string})')!;
  test.each<[string, TypeStep[], { value: unknown; after: TypeStep[] }[]]>([
    ['the whole variable', [], [{ value: { password: 'outer' }, after: [] }, { value: 'inner', after: [] }, { value: 'item', after: [] }, { value: 'first', after: [] }, { value: 'second', after: [] }]],
    ['an attribute with a default', [key('admin')], [{ value: { password: 'outer' }, after: [] }, { value: 'inner', after: [] }]],
    ['inside it', [key('admin'), key('password')], [{ value: { password: 'outer' }, after: [key('password')] }, { value: 'inner', after: [] }]],
    ['an attribute without one', [key('plain')], []],
    ['an attribute the type lacks', [key('nobody')], []],
    ['an item of a list', [key('list'), key('3'), key('p')], [{ value: 'item', after: [] }]],
    ['any item of a list', [key('list'), ANY, key('p')], [{ value: 'item', after: [] }]],
    ['a tuple\'s second item', [key('pair'), key('1'), key('p')], [{ value: 'second', after: [] }]],
    ['a tuple\'s item known later', [key('pair'), ANY, key('p')], [{ value: 'first', after: [] }, { value: 'second', after: [] }]],
    ['a tuple read by a name', [key('pair'), key('x'), key('p')], [{ value: 'first', after: [] }, { value: 'second', after: [] }]],
    // A name after a collection is a key of it (a map's `.name`; list, set and map are one shape here), so every item reads it.
    ['any attribute', [ANY, key('password')], [{ value: { password: 'outer' }, after: [key('password')] }, { value: 'inner', after: [] }, { value: 'item', after: [] }, { value: 'first', after: [] }, { value: 'second', after: [] }]],
    ['a step into a primitive', [key('plain'), key('x')], []],
  ])('%s', (_, steps, expected) => {
    expect(defaultsAlong(shape, steps)).toEqual(expected);
  });
  test('an inherited name is no attribute', () => {
    expect(defaultsAlong(typeShape('object({a = optional(string, "x")})')!, [key('constructor')])).toEqual([]);
  });
});
