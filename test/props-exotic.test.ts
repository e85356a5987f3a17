import { SecureFlexibleServer } from '../lib';
import { ValidationError } from '../lib/private/validation-error';
import { minimalProps, newStack } from './helpers';

// Exotic values a JavaScript caller may pass are the library's ValidationError, never a crash of
// Node or a TypeError out of the constructor (third review, A3-10).

function refusal(props: unknown): unknown {
  try {
    new SecureFlexibleServer(newStack(), 'Postgres', props as never);
  } catch (error) {
    return error;
  }
  return 'accepted';
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function sparseList(length: number): unknown[] {
  const list: unknown[] = [];
  list.length = length;
  return list;
}

describe('a list longer than any the library takes is refused before it is copied', () => {
  test.each(['databases', 'allowedExtensions', 'entraAdministrators'])('a sparse %s of length 2^32-1', (prop) => {
    const error = refusal(minimalProps({ [prop]: sparseList(2 ** 32 - 1) } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      `Invalid ${prop}: (a list of 4294967295 items) is longer than any list of this library takes (at most 10000 items). Fix: give ${prop} only the items it needs.`,
    );
  });

  test('a Proxy whose length says 1e9', () => {
    const list = new Proxy([], { get: (target, key) => (key === 'length' ? 1e9 : Reflect.get(target, key)) });
    expect((refusal(minimalProps({ databases: list as never })) as Error).message).toBe(
      'Invalid databases: (a list of 1000000000 items) is longer than any list of this library takes (at most 10000 items). Fix: give databases only the items it needs.',
    );
  });

  test('a list of 10000 items is copied, for validation to judge', () => {
    expect((refusal(minimalProps({ databases: sparseList(10000) as never })) as Error).message).not.toMatch(/longer than any list/);
  });
});

describe('a value that cannot be read is refused naming its prop', () => {
  test('a revoked Proxy as the props', () => {
    const error = refusal(revoked());
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      "Invalid props: (a value that cannot be read) cannot be read (Cannot perform 'get' on a proxy that has been revoked). Fix: give props plain data of the type its doc comment declares.",
    );
  });

  test.each([['tags'], ['backup']])('a revoked Proxy as %s', (prop) => {
    const error = refusal(minimalProps({ [prop]: revoked() } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      `Invalid ${prop}: (a value that cannot be read) cannot be read (Cannot perform 'get' on a proxy that has been revoked). Fix: give ${prop} plain data of the type its doc comment declares.`,
    );
  });

  test('a revoked Proxy as a list item is named by its top-level prop, as a too-deep value is', () => {
    const error = refusal(minimalProps({ databases: [revoked()] as never }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      "Invalid databases: (a value that cannot be read) cannot be read (Cannot perform 'get' on a proxy that has been revoked). Fix: give databases plain data of the type its doc comment declares.",
    );
  });
});
