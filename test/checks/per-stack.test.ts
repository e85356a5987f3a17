import { oncePerStack } from '../../lib/checks/per-stack';
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
