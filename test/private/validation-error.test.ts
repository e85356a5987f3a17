import { Fn, TerraformStack, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { describe as describeValue, Unshown, ValidationError } from '../../lib/private/validation-error';

// How an error shows the bad value: as the user wrote it, with invisible characters escaped,
// tokens as ${…}, long values cut, and values that JSON cannot print by their kind.

describe('ValidationError', () => {
  test('names the prop, shows the value, says the problem and the fix', () => {
    const error = new ValidationError('NAME-FORMAT', 'name', 'Orders_DB', 'has an underscore', 'use letters, digits and hyphens');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.code).toBe('NAME-FORMAT');
    expect(error.prop).toBe('name');
    expect(error.message).toBe('Invalid name: "Orders_DB" has an underscore. Fix: use letters, digits and hyphens.');
  });
});

describe('describe', () => {
  test('an unset value, a described value, numbers, booleans, bigints and symbols', () => {
    expect(describeValue(undefined)).toBe('(not set)');
    expect(describeValue(new Unshown('(a string)'))).toBe('(a string)');
    expect(describeValue(42)).toBe('42');
    expect(describeValue(-0.5)).toBe('-0.5');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(BigInt(7))).toBe('7');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(true)).toBe('true');
  });

  test('numbers JSON would print as null are shown as JavaScript prints them', () => {
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
  });

  test('a value whose JSON is nothing as JavaScript prints it', () => {
    expect(describeValue({ toJSON: () => undefined })).toBe('[object Object]');
  });

  test('a list token is a list of tokens', () => {
    expect(describeValue(Token.asList({ resolve: () => ['a'] }))).toBe('["${…}"]');
  });

  test('a string quoted, with invisible characters escaped', () => {
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue('a\u200bb\u00a0c\u2028d\u3000e')).toBe('"a\\u{200b}b\\u{a0}c\\u{2028}d\\u{3000}e"');
    expect(describeValue('tab\tnew\nline')).toBe('"tab\\tnew\\nline"');
  });

  test('a construct by its path', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(describeValue(new Construct(stack, 'thing'))).toBe('"stack/thing"');
  });

  test('tokens as ${…}: in a string, as a number, as an object, inside a list', () => {
    expect(describeValue(`prefix-${Token.asString({ resolve: () => 'x' })}`)).toBe('"prefix-${…}"');
    expect(describeValue(Token.asNumber({ resolve: () => 1 }))).toBe('${…}');
    expect(describeValue(Fn.tobool('true'))).toBe('${…}');
    expect(describeValue([Token.asString({ resolve: () => 'x' }), Token.asNumber({ resolve: () => 1 }), 3])).toBe('["${…}","${…}",3]');
  });

  test('lists and objects as JSON, with invisible characters escaped', () => {
    expect(describeValue(['a', 1, true, null])).toBe('["a",1,true,null]');
    expect(describeValue({ key: 'v\u200b' })).toBe('{"key":"v\\u{200b}"}');
  });

  test('a value longer than 300 characters is cut', () => {
    expect(describeValue('x'.repeat(400))).toBe(`"${'x'.repeat(299)}…"`);
    expect(describeValue('x'.repeat(298))).toBe(`"${'x'.repeat(298)}"`);
    expect(describeValue(['x'.repeat(400)])).toBe(`["${'x'.repeat(298)}…`);
    expect(describeValue([`${'x'.repeat(296)}`])).toBe(`["${'x'.repeat(296)}"]`);
  });

  test('a function by its name', () => {
    function named() {}
    expect(describeValue(named)).toBe('a function (named)');
    expect(describeValue(Object.defineProperty(() => 0, 'name', { value: '' }))).toBe('a function (anonymous)');
  });

  test('a value JSON cannot print by its kind', () => {
    class Node {
      self: unknown = this;
    }
    expect(describeValue(new Node())).toBe('a Node');
    const cycle: { self?: unknown } = Object.create(null);
    cycle.self = cycle;
    expect(describeValue(cycle)).toBe('an object');
  });
});
