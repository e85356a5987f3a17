import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { isToken, literal } from '../../lib/private/tokens';

// A value known only at apply time (a reference, a variable) is a token: validation of literals skips it.

describe('isToken', () => {
  test('true for a string, number, list or object token', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    for (const value of [new TerraformVariable(stack, 's', {}).stringValue, Token.asNumber({ resolve: () => 1 }), Token.asList({ resolve: () => [] }), Token.asAny({ resolve: () => ({}) })]) {
      expect(isToken(value)).toBe(true);
    }
  });

  test('false for literals, unset values and null', () => {
    for (const value of ['x', '', 0, false, [], {}, undefined, null]) expect(isToken(value)).toBe(false);
  });
});

describe('literal', () => {
  test('the string itself when it is a literal', () => {
    expect(literal('westeurope')).toBe('westeurope');
    expect(literal('')).toBe('');
  });

  test('undefined for a token or an unset value', () => {
    expect(literal(Token.asString({ resolve: () => 'x' }))).toBeUndefined();
    expect(literal(undefined)).toBeUndefined();
  });
});
