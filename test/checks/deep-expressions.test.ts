import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformLocal } from 'cdktf';
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

// Brackets are not the only nesting: each "!", unary "-" and conditional is read one level
// deeper too (tenth review, A10b-7).
test.each<[string, string]>([
  ['10,000 "!"', `\${${'!'.repeat(10000)}true}`],
  ['10,000 unary "-"', `\${${'-'.repeat(10000)}1}`],
  ['10,000 conditionals in the true branch', `\${${'true ? '.repeat(10000)}false${' : true'.repeat(10000)}}`],
  ['10,000 conditionals in the false branch', `\${${'false ? true : '.repeat(10000)}false}`],
])('%s are an Unknown, not a RangeError', (_name, text) => {
  const value = evaluateTemplate(text, NO_LOCALS);
  expect(isUnknown(value)).toBe(true);
  expect(String(value)).toBe(text);
});

test('short chains of unary operators and conditionals are still folded', () => {
  expect(evaluateTemplate(`\${${'!'.repeat(100)}true}`, NO_LOCALS)).toBe(true);
  expect(evaluateTemplate(`\${${'-'.repeat(101)}1}`, NO_LOCALS)).toBe(-1);
  expect(evaluateTemplate(`\${${'true ? '.repeat(50)}false${' : true'.repeat(50)}}`, NO_LOCALS)).toBe(false);
});

test('an override of public access with 10,000 "!" fails synth with a finding, not a crash', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  postgres.server.addOverride('public_network_access_enabled', `\${${'!'.repeat(10000)}false}`);
  expect(synthErrors(stack)).toEqual([
    '  [test] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-1 public_network_access_enabled is known only at apply time, so it cannot be judged at synth. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.',
  ]);
});

// A chain of locals is no nesting at all for Terraform, which evaluates locals as a graph: read to
// its end, never a RangeError (eleventh review, A11b-5).
test('a firewall rule beside a construct read through 1,000 chained locals is judged by its value', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  let address = new TerraformLocal(stack, 'l0', '10.0.0.1');
  for (let i = 1; i < 1000; i++) address = new TerraformLocal(stack, `l${i}`, address.asString);
  new PostgresqlFlexibleServerFirewallRule(stack, 'Rule', { name: 'rule', serverId: postgres.server.id, startIpAddress: address.asString, endIpAddress: address.asString });
  // The address is read: the rule is judged as the same rule written with 10.0.0.1 would be.
  expect(synthErrors(stack)).toEqual([
    '  [test] azurerm_postgresql_flexible_server_firewall_rule.Rule PGF-NET-6 the server is VNet-integrated, where firewall rules do nothing, yet it has a firewall rule. Fix: Remove the firewall rules and control access with the delegated subnet\'s network security group.',
    '  [test] azurerm_postgresql_flexible_server_firewall_rule.Rule PGF-NET-9 the firewall rule allows 10.0.0.1-10.0.0.1, which overlaps 10.0.0.0/8 (private, RFC 1918): no client reaches a public endpoint from there. Fix: List the public addresses your clients connect from; reach the server from private networks through VNet integration or a private endpoint.',
    '  [test] azurerm_postgresql_flexible_server_firewall_rule.Rule PG-NET-1 azurerm_postgresql_flexible_server_firewall_rule.Rule lets "10.0.0.1" to "10.0.0.1" through the server\'s firewall, a path test/Postgres does not declare. Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.',
  ]);
});
