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

  test('a string token inside text is found, and text that only looks like one is not (as cdktf decides)', () => {
    const token = Token.asString({ resolve: () => 'x' });
    expect(token).toContain('TfToken[');
    for (const value of [`prefix-${token}`, `${token}-suffix`, `a ${token} b ${token}`]) expect(isToken(value)).toBe(true);
    for (const value of ['TfToken[', '${TfToken[]}', '${TfToken[x', 'tftoken[TOKEN.1]', Token.asList({ resolve: () => [] })[0], '#{TfToken[TOKEN.1]}']) {
      expect(isToken(value)).toBe(Token.isUnresolved(value));
    }
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
