import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { TerraformVariable } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Adversarial run of stop 68: a rule that judged several resources returned only its failures when it
// had any, so a suppression of one resource's failure hid another resource's value known only at apply
// time (log_statement from a variable: all, at apply, writes role passwords into the exported log).
// A rule now keeps every resource's failure and unknown apart, each suppressed on its own.

const REASON = 'SEC-44: audit lines without the statement text, approved by the security team';

function stackWith(sibling: 'literal' | 'variable', rule: 'PGF-LOG-11' | 'PGF-LOG-9') {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const [suppressedName, suppressedValue, otherName] = rule === 'PGF-LOG-11'
    ? ['pgaudit.log_statement', 'off', 'log_statement'] : ['log_min_messages', 'fatal', 'pgaudit.log_level'];
  const suppressed = new PostgresqlFlexibleServerConfiguration(stack, 'Approved', { name: suppressedName, value: suppressedValue, serverId: postgres.serverId });
  PostgresSecurityChecks.suppress(suppressed, rule, REASON);
  if (rule === 'PGF-LOG-9') new PostgresqlFlexibleServerConfiguration(stack, 'Client', { name: 'pgaudit.log_client', value: 'on', serverId: postgres.serverId });
  const value = sibling === 'literal' ? (rule === 'PGF-LOG-11' ? 'none' : 'log') : new TerraformVariable(stack, 'later', { type: 'string' }).stringValue;
  new PostgresqlFlexibleServerConfiguration(stack, 'Later', { name: otherName, value, serverId: postgres.serverId });
  return stack;
}

test.each(['PGF-LOG-11', 'PGF-LOG-9'] as const)('%s: a suppressed failure on one configuration leaves another\'s value known only at apply time failing synth', (rule) => {
  expect(synthErrors(stackWith('literal', rule))).toEqual([]);
  const errors = synthErrors(stackWith('variable', rule));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(`${rule} `);
  expect(errors[0]).toContain('known only at apply time');
});
