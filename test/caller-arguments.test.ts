import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseAccess, PostgresSecurityChecks, RequiredTerraformVersion, SecureFlexibleServer, SecureSingleServer } from '../lib';
import { ValidationError } from '../lib/private/validation-error';
import { minimalProps, minimalSingleProps, newStack, synthStack } from './helpers';
import { accessProps, serverProps } from './support/database-fixture';

// What a JavaScript caller may pass as the scope and id of the constructs, and as the arguments of
// the public static methods, beside the props (props-exotic.test.ts): every exotic value is the
// library's ValidationError naming the argument, never a TypeError out of constructs or cdktf, and a
// value that throws when read (a revoked Proxy, a Proxy whose traps throw) is "(a value that cannot
// be read)" (fifteenth review, A15a-5).

const REASON = 'SEC-123: accepted by the security team until 2027-03';

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function boom(): never {
  throw new Error('boom');
}

/** A Proxy every trap of which throws; it throws a revoked Proxy, not an Error, to read the thrown value safely too. */
function throwing(): object {
  const thrown = revoked();
  const fail = (): never => {
    throw thrown;
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail });
}

function cyclic(): object {
  const value: { [key: string]: unknown } = {};
  value.self = value;
  return value;
}

/** Exotic values by name; each is made afresh for each case. */
const EXOTIC: { [name: string]: () => unknown } = {
  'null': () => null,
  'undefined': () => undefined,
  'a number': () => 42,
  'NaN': () => NaN,
  'a string': () => 'stack/Postgres',
  'an empty string': () => '',
  'a boolean': () => true,
  'a list': () => [],
  'a plain object': () => ({}),
  'a Symbol': () => Symbol('scope'),
  'a BigInt': () => BigInt(10),
  'a Date': () => new Date(0),
  'a function': () => () => 1,
  'a boxed String': () => new String('Postgres'),
  'an object whose toString throws': () => ({ toString: boom }),
  'a null-prototype object': () => Object.create(null),
  'a cyclic object': cyclic,
  'an object marked as a construct': () => ({ [Symbol.for('constructs.Construct')]: true }),
  'a revoked Proxy': revoked,
  'a Proxy whose traps throw': throwing,
  // Adversarial run of stop 76, R76-36: accepted as a scope, it made synth recurse without end (a raw RangeError).
  'a transparent Proxy of a stack': () => new Proxy(newStack(), {}),
  // Adversarial run of stop 77, T77-18, T77-19: read as constructs, then a raw error when a child was added or at synth.
  'an object made from a stack': () => Object.create(newStack()),
  'an object made from a stack, its node a getter that throws': () => Object.defineProperty(Object.create(newStack()), 'node', { get: () => { throw new Error('node boom'); } }),
  'an object made from a stack, with the stack\'s node as its own': () => Object.defineProperty(Object.create(newStack()), 'node', { value: newStack().node }),
  'a frozen stack': () => Object.freeze(newStack()),
  'a construct in a frozen stack': () => { const inner = new Construct(newStack(), 'Inner'); Object.freeze(TerraformStack.of(inner)); return inner; },
  'a stack in a frozen app': () => { const stack = newStack(); Object.freeze(stack.node.root); return stack; },
};

/** Values an argument takes; a case with one of them is not an exotic value for that argument. */
type Accepted = (name: string) => boolean;
const STRINGS: Accepted = (name) => name === 'a string';
const NONE: Accepted = () => false;

interface EntryPoint {
  readonly argument: string;
  readonly codes: readonly string[];
  readonly call: (value: unknown) => unknown;
  readonly accepted: Accepted;
}

const flexibleScope = ['CONSTRUCT-SCOPE', 'CONSTRUCT-SCOPE-NO-STACK'];

const ENTRY_POINTS: { [name: string]: EntryPoint } = {
  'SecureFlexibleServer scope': { argument: 'scope', codes: flexibleScope, accepted: NONE, call: (v) => new SecureFlexibleServer(v as never, 'Postgres', minimalProps()) },
  'SecureFlexibleServer id': { argument: 'id', codes: ['CONSTRUCT-ID'], accepted: STRINGS, call: (v) => new SecureFlexibleServer(newStack(), v as never, minimalProps()) },
  'SecureSingleServer scope': { argument: 'scope', codes: flexibleScope, accepted: NONE, call: (v) => new SecureSingleServer(v as never, 'Legacy', minimalSingleProps()) },
  'SecureSingleServer id': { argument: 'id', codes: ['CONSTRUCT-ID'], accepted: STRINGS, call: (v) => new SecureSingleServer(newStack(), v as never, minimalSingleProps()) },
  'DatabaseAccess scope': {
    argument: 'scope', codes: flexibleScope, accepted: NONE,
    call: (v) => new DatabaseAccess(v as never, 'OrdersAccess', accessProps(new SecureFlexibleServer(newStack(), 'Postgres', serverProps()))),
  },
  'DatabaseAccess id': {
    argument: 'id', codes: ['CONSTRUCT-ID'], accepted: STRINGS,
    call: (v) => {
      const stack = newStack();
      return new DatabaseAccess(stack, v as never, accessProps(new SecureFlexibleServer(stack, 'Postgres', serverProps())));
    },
  },
  'PostgresSecurityChecks.applyTo scope': { argument: 'scope', codes: ['CHECK-SCOPE', 'CHECK-SCOPE-NO-STACK'], accepted: NONE, call: (v) => PostgresSecurityChecks.applyTo(v as never) },
  'PostgresSecurityChecks.applyTo options': {
    argument: 'options', codes: ['CHECK-OPTIONS', 'PROP-TYPE', 'PROP-UNKNOWN'],
    // No options, and an object without (text) keys, are the defaults.
    // So is an object made from a stack: its keys are the stack's (inherited) or not enumerable.
    accepted: (name) => ['undefined', 'a plain object', 'a null-prototype object', 'an object marked as a construct'].includes(name) || name.startsWith('an object made from a stack'),
    call: (v) => PostgresSecurityChecks.applyTo(newStack(), v as never),
  },
  'PostgresSecurityChecks.suppress scope': { argument: 'scope', codes: ['SUPPRESS-SCOPE', 'SUPPRESS-SCOPE-NO-STACK'], accepted: NONE, call: (v) => PostgresSecurityChecks.suppress(v as never, 'PG-IAM-3', REASON) },
  'PostgresSecurityChecks.suppress ruleId': { argument: 'ruleId', codes: ['SUPPRESS-RULE-ID'], accepted: NONE, call: (v) => PostgresSecurityChecks.suppress(newStack(), v as never, REASON) },
  'PostgresSecurityChecks.suppress reason': { argument: 'reason', codes: ['SUPPRESS-REASON', 'SUPPRESS-REASON-TOKEN'], accepted: STRINGS, call: (v) => PostgresSecurityChecks.suppress(newStack(), 'PG-IAM-3', v as never) },
  'RequiredTerraformVersion.addTo scope': { argument: 'scope', codes: ['TERRAFORM-VERSION-SCOPE'], accepted: NONE, call: (v) => RequiredTerraformVersion.addTo(v as never) },
};

function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

const CASES = Object.entries(ENTRY_POINTS).flatMap(([entry, point]) =>
  Object.keys(EXOTIC).filter((value) => !point.accepted(value)).map((value) => [entry, value] as const));

describe('an exotic value as an argument of a constructor or a static method is the library\'s error naming the argument', () => {
  test.each(CASES)('%s: %s', (entry, value) => {
    const point = ENTRY_POINTS[entry];
    const error = thrownBy(() => point.call(EXOTIC[value]()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(point.codes).toContain((error as ValidationError).code);
    expect((error as ValidationError).prop).toMatch(new RegExp(`^${point.argument}\\b`));
    expect((error as Error).message).toMatch(new RegExp(`^Invalid ${point.argument}\\b.*: .* Fix: .+\\.$`, 's'));
  });
});

describe('the messages', () => {
  test('a revoked Proxy as the scope of a construct cannot be read', () => {
    expect(thrownBy(() => new SecureFlexibleServer(revoked() as never, 'Postgres', minimalProps()))).toMatchObject({
      code: 'CONSTRUCT-SCOPE',
      message: "Invalid scope: (a value that cannot be read) cannot be read (Cannot perform 'get' on a proxy that has been revoked). Fix: pass the stack, or the construct in a stack, that the SecureFlexibleServer belongs to.",
    });
  });

  test('a Proxy that throws a revoked Proxy as the reason of a suppression cannot be read, and the thrown value is not read either', () => {
    expect(thrownBy(() => PostgresSecurityChecks.suppress(newStack(), 'PG-IAM-3', throwing() as never))).toMatchObject({
      code: 'SUPPRESS-REASON',
      message: 'Invalid reason: (a value that cannot be read) cannot be read (a value that cannot be read was thrown). Fix: say why in at least 10 letters or digits; the reason is printed in the security report.',
    });
  });

  test.each<[string, unknown, string]>([
    ['null', null, 'Invalid scope: null is not a construct. Fix: pass the stack, or the construct in a stack, that the SecureSingleServer belongs to.'],
    ['a string', 'orders', 'Invalid scope: "orders" is not a construct. Fix: pass the stack, or the construct in a stack, that the SecureSingleServer belongs to.'],
  ])('%s as the scope of SecureSingleServer', (_, scope, message) => {
    expect(thrownBy(() => new SecureSingleServer(scope as never, 'Legacy', minimalSingleProps()))).toMatchObject({ code: 'CONSTRUCT-SCOPE', message });
  });

  test('the app as the scope: the construct is in no stack', () => {
    expect(thrownBy(() => new SecureFlexibleServer(Testing.app(), 'Postgres', minimalProps()))).toMatchObject({
      code: 'CONSTRUCT-SCOPE-NO-STACK',
      message: 'Invalid scope: the app is not in a stack. Fix: pass the stack, or the construct in a stack, that the SecureFlexibleServer belongs to.',
    });
  });

  test.each<[string, unknown, string]>([
    ['a number', 42, '42'],
    ['an empty string', '', '""'],
    ['a Symbol', Symbol('id'), 'Symbol(id)'],
    ['a revoked Proxy', revoked(), '(a value that cannot be read)'],
  ])('%s as the id of DatabaseAccess', (_, id, shown) => {
    const stack = newStack();
    const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
    expect(thrownBy(() => new DatabaseAccess(stack, id as never, accessProps(server)))).toMatchObject({
      code: 'CONSTRUCT-ID',
      message: `Invalid id: ${shown} is not a non-empty string. Fix: give the DatabaseAccess an id: text that stays the same across deployments, e.g. "OrdersAccess".`,
    });
  });
});

describe('a refused scope or id adds nothing to the stack', () => {
  test('an id that is a number', () => {
    const stack = newStack();
    const before = stack.node.children.length;
    expect(thrownBy(() => new SecureFlexibleServer(stack, 42 as never, minimalProps()))).toBeInstanceOf(ValidationError);
    expect(stack.node.children).toHaveLength(before);
    expect(synthStack(stack).resource ?? {}).toEqual({});
  });
});

test('a valid scope and id still make the construct', () => {
  const app: App = Testing.app();
  const server = new SecureFlexibleServer(new TerraformStack(app, 'orders'), 'Postgres', minimalProps());
  expect(server.node.path).toBe('orders/Postgres');
});
