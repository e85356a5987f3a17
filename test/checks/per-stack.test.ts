import { blocksOfTypes, oncePerStack, oncePerStackFor } from '../../lib/checks/per-stack';
import { ResourceView } from '../../lib/checks/stack-model';
import { StackFacts } from '../../lib/checks/rule';

describe('oncePerStack', () => {
  const facts = (): StackFacts => ({ postgresqlProviders: new Map(), resources: new Map() });

  test('reads a stack once, and each new facts object (a second evaluation) again', () => {
    let reads = 0;
    const count = oncePerStack(() => ++reads);
    const first = facts();
    expect([count(first), count(first)]).toEqual([1, 1]);
    expect(count(facts())).toBe(2);
    expect(count(first)).toBe(1);
  });

  test('keeps an undefined result, and never keeps what it read of no stack', () => {
    let reads = 0;
    const read = oncePerStack((stack) => { reads++; return stack === undefined ? 'none' : undefined; });
    const stack = facts();
    expect([read(stack), read(stack)]).toEqual([undefined, undefined]);
    expect([read(undefined), read(undefined)]).toEqual(['none', 'none']);
    expect(reads).toBe(3);
  });
});

describe('blocksOfTypes', () => {
  const block = (address: string): ResourceView => ({ type: address.replace(/^data\./, '').split('.')[0], name: address.split('.').pop()!, address, config: {}, certain: true });
  const facts = (resources: ResourceView[], lookups: ResourceView[] = []): StackFacts => ({
    postgresqlProviders: new Map(), resources: new Map(resources.map((r) => [r.address, r])), lookups: new Map(lookups.map((r) => [r.address, r])),
  });

  test('the blocks of the types taken, in the stack\'s order, lookups after the resources when asked; each evaluation read anew', () => {
    const groups = blocksOfTypes((type) => type === 'azurerm_resource_group', true);
    const stack = facts([block('azurerm_resource_group.b'), block('azurerm_subnet.s'), block('azurerm_resource_group.a')], [block('data.azurerm_resource_group.l')]);
    expect(groups(stack).map((b) => b.address)).toEqual(['azurerm_resource_group.b', 'azurerm_resource_group.a', 'data.azurerm_resource_group.l']);
    expect(blocksOfTypes((type) => type === 'azurerm_resource_group')(stack).map((b) => b.address)).toEqual(['azurerm_resource_group.b', 'azurerm_resource_group.a']);
    // A block added for a later evaluation (a second synth) is seen: the list is kept on the facts object only.
    expect(groups(facts([block('azurerm_resource_group.c')])).map((b) => b.address)).toEqual(['azurerm_resource_group.c']);
  });

  test('reads no config', () => {
    const throwing = { type: 'azurerm_resource_group', name: 'x', address: 'azurerm_resource_group.x', certain: true, get config(): never { throw new Error('read'); } } as ResourceView;
    expect(blocksOfTypes(() => true)(facts([throwing]))).toEqual([throwing]);
  });
});

describe('oncePerStackFor', () => {
  const facts = (): StackFacts => ({ postgresqlProviders: new Map(), resources: new Map() });

  test('reads an object under a name once per evaluation; another name, object or evaluation again; no stack each time', () => {
    const reads: string[] = [];
    const read = oncePerStackFor((key: { id: string }, name: string) => { reads.push(`${key.id}/${name}`); return reads.length; });
    const [a, b] = [{ id: 'a' }, { id: 'b' }];
    const stack = facts();
    expect([read(a, 'x', stack), read(a, 'x', stack), read(a, 'y', stack), read(b, 'x', stack)]).toEqual([1, 1, 2, 3]);
    expect(read(a, 'x', facts())).toBe(4);
    expect([read(a, 'x', undefined), read(a, 'x', undefined)]).toEqual([5, 6]);
  });

  test('keeps an undefined result, and not a reading that threw', () => {
    let reads = 0;
    const read = oncePerStackFor((_key: object, name: string) => { reads++; if (name === 'bad') throw new Error('unreadable'); return undefined; });
    const [key, stack] = [{}, facts()];
    expect([read(key, 'ok', stack), read(key, 'ok', stack)]).toEqual([undefined, undefined]);
    expect(() => read(key, 'bad', stack)).toThrow('unreadable');
    expect(() => read(key, 'bad', stack)).toThrow('unreadable');
    expect(reads).toBe(3);
  });
});
