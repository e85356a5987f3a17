import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SecureFlexibleServer, SecureSingleServer } from '../lib';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from './helpers';

// Tenth review, A10a-11: the library records a construct's path in the stack's JSON (suppressions,
// pins, construct lists), where "${" or "%{" reads as an expression.

test.each([
  ['a server id with an interpolation', (scope: Construct) => new SecureFlexibleServer(scope, '${x}', minimalProps()), 'test/${x}'],
  ['a directive in the id of a construct above a Single Server', (scope: Construct) => new SecureSingleServer(new Construct(scope, 'team-%{if true}a%{endif}'), 'Legacy', minimalSingleProps()), 'test/team-%{if true}a%{endif}/Legacy'],
])('%s is refused before anything is added', (_, build, path) => {
  const stack = providerStack();
  expect(() => build(stack)).toThrow(expect.objectContaining({ code: 'CONSTRUCT-PATH-TEMPLATE', prop: 'id', message: expect.stringContaining(JSON.stringify(path)) }));
  expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
});

test('"$" and "%" alone are plain text in a path: synth passes', () => {
  const stack = providerStack();
  new SecureFlexibleServer(new Construct(stack, 'cost$center%'), 'Postgres', minimalProps());
  expect(synthErrors(stack)).toEqual([]);
});
