import { rule } from '../../../lib/checks/rules/PGS-RET-1';
import { judge } from '../rule-harness';
import { CONFIGURATION, EXTERNAL, externalChild, singleStack } from '../single-fixtures';

test('fails every Single Server defined in the stack, however secure', () => {
  expect(judge(rule, singleStack())).toEqual({
    status: 'fail',
    message: 'Azure retired Single Server on 2025-03-28 and azurerm 5.0 removes azurerm_postgresql_server.',
  });
});

test('is a warning, not an error', () => {
  expect(rule.severity).toBe('warning');
});

test('does not apply to a server defined outside the stack', () => {
  expect(judge(rule, { [CONFIGURATION]: { p: externalChild({ name: 'log_checkpoints', value: 'on' }) } }, EXTERNAL)).toMatchObject({ status: 'not-applicable' });
});
