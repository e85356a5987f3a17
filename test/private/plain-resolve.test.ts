import { DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { resolvePlainly } from '../../lib/private/plain-resolve';

// resolvePlainly hands only the parts that may hold a token to cdktf's resolve: what it returns is what resolve returns.

describe('resolvePlainly', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const group = new ResourceGroup(stack, 'Group', { name: 'rg', location: 'westeurope' });
  const options = () => ({ scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });

  const values: { [name: string]: () => unknown } = {
    'plain data': () => ({ a: null, b: true, c: 'text', d: ['x', 'y'], e: { f: [{ g: 'h' }] }, '1e5': '1e5', 'a-e-1': 'x-e-1' }),
    'a text token': () => ({ name: group.name, nested: { id: group.id }, list: [group.id, 'plain'] }),
    'a number and a number token': () => ({ n: 5, m: Token.asNumber(group.id), list: [1, 2], mixed: ['a', 3] }),
    'a list token': () => ({ list: Token.asList(group.id), inside: [Token.asList(group.id)[0]] }),
    'a map token': () => ({ map: Token.asStringMap(group.tags), key: { [Token.asString(group.name)]: 'v' } }),
    'undefined values': () => ({ a: undefined, list: ['a', undefined, null], nested: { b: undefined } }),
    'a lazy value and a function': () => ({ lazy: Lazy.stringValue({ produce: () => 'made' }), fn: Fn.lower(group.name), any: Lazy.anyValue({ produce: () => ({ x: group.id }) }) }),
    'a concatenated text': () => ({ text: `prefix-${group.name}-${Token.asNumber(group.id)}`, escaped: '${not.a.token}' }),
    'a null prototype and a __proto__ key': () => Object.assign(Object.create(null), JSON.parse('{"__proto__": "x", "y": [null]}')),
    'a list of objects with tokens': () => [{ a: group.id }, { b: [group.name, null] }, 'c', null, true],
  };

  it.each(Object.keys(values))('returns what Tokenization.resolve returns for %s', (name) => {
    const value = values[name]();
    const expected = Tokenization.resolve(value, options());
    const actual = resolvePlainly(value, options());
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    expect(actual).toStrictEqual(expected);
  });

  it('refuses what resolve refuses', () => {
    expect(() => resolvePlainly({ f: () => 1 }, options())).toThrow();
    expect(() => resolvePlainly({ text: Token.STRING_MAP_TOKEN_VALUE }, options())).toThrow();
    expect(() => resolvePlainly({ construct: group }, options())).toThrow();
  });

  it('copies plain lists and objects, as resolve does', () => {
    const value = { list: ['a'], object: { b: 'c' } };
    const resolved = resolvePlainly(value, options()) as typeof value;
    expect(resolved.list).not.toBe(value.list);
    expect(resolved.object).not.toBe(value.object);
  });
});
