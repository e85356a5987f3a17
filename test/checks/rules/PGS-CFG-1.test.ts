import { rule } from '../../../lib/checks/rules/PGS-CFG-1';
import { judge } from '../rule-harness';
import { CONFIGURATION, SERVER_NAME, singleStack } from '../single-fixtures';

const parameter = (name: unknown, value: string) => ({ name, value, resource_group_name: 'rg', server_name: SERVER_NAME });

test('passes parameters set once each', () => {
  expect(judge(rule, singleStack({}, { log_checkpoints: 'on', log_connections: 'on' }))).toEqual({ status: 'pass' });
});

test('fails a parameter set twice, in any letter case', () => {
  const resources = singleStack({ [CONFIGURATION]: { a: parameter('log_connections', 'on'), b: parameter('Log_Connections', 'off') } });
  expect(judge(rule, resources)).toEqual({
    status: 'fail',
    message: `server parameter log_connections is set by 2 resources (${CONFIGURATION}.a, ${CONFIGURATION}.b), so its value depends on which Azure applies last.`,
    address: `${CONFIGURATION}.b`,
  });
});

test('a parameter whose name is known only at apply time is unknown, never a pass', () => {
  expect(judge(rule, singleStack({ [CONFIGURATION]: { a: parameter('${each.key}', 'off') } }))).toMatchObject({ status: 'unknown', address: `${CONFIGURATION}.a` });
});
