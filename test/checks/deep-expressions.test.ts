import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { SecureFlexibleServer } from '../../lib';
import { evaluateTemplate, isUnknown, NO_LOCALS } from '../../lib/checks/hcl-expression';
import { minimalProps, newStack, synthErrors } from '../helpers';

// An expression nested deeper than any stack needs is read as known only at apply, never a
// RangeError out of the parser (third review, A3-10).

const nested = (depth: number, inner = 'false') => `\${${'('.repeat(depth)}${inner}${')'.repeat(depth)}}`;

test('5000 nested parentheses are an Unknown, written as their text', () => {
  const value = evaluateTemplate(nested(5000), NO_LOCALS);
  expect(isUnknown(value)).toBe(true);
  expect(String(value)).toBe(nested(5000));
});

test('nesting up to the bound is still folded as Terraform folds it', () => {
  // The template's own ${ counts as one level.
  expect(evaluateTemplate(nested(99), NO_LOCALS)).toBe(false);
  expect(isUnknown(evaluateTemplate(nested(100), NO_LOCALS))).toBe(true);
});

test('an override of public access with 5000 nested parentheses fails synth with a finding, not a crash', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  postgres.server.addOverride('public_network_access_enabled', nested(5000));
  expect(synthErrors(stack)).toEqual([
    '  [test] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-1 public_network_access_enabled is known only at apply time, so it cannot be judged at synth. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.',
  ]);
});

// Tenth review, A10b-7: recursion without brackets.
test.each([
  ['20000 "!"', `\${${'!'.repeat(20000)}true}`],
  ['20000 unary "-"', `\${${'-'.repeat(20000)}1}`],
  ['30000 chained conditionals', `\${${'true ? '.repeat(30000)}false${' : true'.repeat(30000)}}`],
])('%s are an Unknown, not a RangeError', (_, text) => {
  expect(isUnknown(evaluateTemplate(text, NO_LOCALS))).toBe(true);
});

test('a short chain of "!" is still folded', () => {
  expect(evaluateTemplate('${!!!true}', NO_LOCALS)).toBe(false);
});

test('an override of public access with 20000 "!" fails synth with a finding, not a RangeError', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps()).server.addOverride('public_network_access_enabled', `\${${'!'.repeat(20000)}false}`);
  expect(synthErrors(stack)).toEqual([expect.stringContaining('PGF-NET-1 public_network_access_enabled is known only at apply time')]);
});
