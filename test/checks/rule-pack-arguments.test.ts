import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresSecurityChecks } from '../../lib';
import { ValidationError } from '../../lib/private/validation-error';

// PostgresSecurityChecks is called from JavaScript too, where nothing checks the types: every
// argument is checked at run time, and refused with the library's ValidationError.

const REASON = 'accepted for the 2026-12 migration window';
const APPLY_FIX = 'Fix: pass the app, a stack, or a construct in a stack.';
const SUPPRESS_FIX = 'Fix: pass the construct the suppression covers: a resource, a server construct or a stack.';

function thrown(run: () => void): { code?: string; message: string; name: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const { code, message, name } = error as ValidationError;
    return { code, message, name };
  }
  throw new Error('expected a ValidationError');
}

const stack = () => new TerraformStack(Testing.app(), 'orders');

describe('applyTo', () => {
  test.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['undefined', undefined, '(not set)'],
    ['a plain object', {}, '{}'],
    ['an object with a node that is no construct', { node: {} }, '{"node":{}}'],
    ['a stack\'s name', 'stack', '"stack"'],
  ])('refuses %s as the scope', (_, scope, shown) => {
    expect(thrown(() => PostgresSecurityChecks.applyTo(scope as Construct))).toEqual({ name: 'ValidationError', code: 'CHECK-SCOPE', message: `Invalid scope: ${shown} is not a construct. ${APPLY_FIX}` });
  });

  test('refuses a construct outside every stack', () => {
    const loose = new Construct(Testing.app(), 'Loose');
    expect(thrown(() => PostgresSecurityChecks.applyTo(loose))).toEqual({ name: 'ValidationError', code: 'CHECK-SCOPE-NO-STACK', message: `Invalid scope: "Loose" is not in a stack. ${APPLY_FIX}` });
  });

  test.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['a string', 'x', '"x"'],
    ['a list', [], '[]'],
  ])('refuses %s as the options', (_, options, shown) => {
    expect(thrown(() => PostgresSecurityChecks.applyTo(stack(), options as object))).toEqual({
      name: 'ValidationError', code: 'PROP-TYPE', message: `Invalid options: ${shown} is not a CheckOptions object. Fix: give a CheckOptions object.`,
    });
  });

  test('refuses a misspelled option, naming the one meant', () => {
    expect(thrown(() => PostgresSecurityChecks.applyTo(stack(), { failOnWarning: true } as object))).toEqual({
      name: 'ValidationError', code: 'PROP-UNKNOWN', message: 'Invalid options.failOnWarning: (a boolean) is not a prop of CheckOptions. Fix: did you mean "failOnWarnings"? Remove or rename it.',
    });
  });

  test('refuses an unknown option, naming the known ones', () => {
    expect(thrown(() => PostgresSecurityChecks.applyTo(stack(), { strict: true } as object))).toEqual({
      name: 'ValidationError', code: 'PROP-UNKNOWN', message: 'Invalid options.strict: (a boolean) is not a prop of CheckOptions. Fix: remove it; the props are failOnWarnings.',
    });
  });

  test('a refused call changes nothing in the stack', () => {
    const orders = stack();
    expect(() => PostgresSecurityChecks.applyTo(orders, { failOnWarning: true } as object)).toThrow(ValidationError);
    expect(orders.node.tryFindChild('PostgresSecurityChecks')).toBeUndefined();
  });

  test('accepts the app, a stack, a construct in a stack, and no options', () => {
    const app = Testing.app();
    const orders = new TerraformStack(app, 'orders');
    expect(() => PostgresSecurityChecks.applyTo(app)).not.toThrow();
    expect(() => PostgresSecurityChecks.applyTo(orders, { failOnWarnings: false })).not.toThrow();
    expect(() => PostgresSecurityChecks.applyTo(new Construct(orders, 'Part'), {})).not.toThrow();
  });
});

describe('suppress', () => {
  test('refuses an object with a node that is no construct', () => {
    expect(thrown(() => PostgresSecurityChecks.suppress({ node: {} } as Construct, 'PGF-NET-1', REASON))).toEqual({
      name: 'ValidationError', code: 'SUPPRESS-SCOPE', message: `Invalid scope: {"node":{}} is not a construct. ${SUPPRESS_FIX}`,
    });
  });

  test('refuses the app, which is in no stack', () => {
    expect(thrown(() => PostgresSecurityChecks.suppress(Testing.app(), 'PGF-NET-1', REASON))).toEqual({
      name: 'ValidationError', code: 'SUPPRESS-SCOPE-NO-STACK', message: `Invalid scope: the app is not in a stack. ${SUPPRESS_FIX}`,
    });
  });
});
