import { rule } from '../../../lib/checks/rules/PGF-DEL-1';
import { compliantFlexibleServer, FLEXIBLE, judge, outsideAddress } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });

test('passes prevent_destroy', () => {
  expect(judge(rule, withServer({}))).toEqual({ status: 'pass' });
});

test('passes prevent_destroy beside other lifecycle settings', () => {
  expect(judge(rule, withServer({ lifecycle: { ignore_changes: ['zone'], prevent_destroy: true } }))).toEqual({ status: 'pass' });
});

test('fails without a lifecycle block', () => {
  expect(judge(rule, withServer({ lifecycle: undefined }))).toEqual({
    status: 'fail',
    message: 'lifecycle.prevent_destroy is not set, so a plan may delete or replace the server and its data.',
    address: undefined,
  });
});

test('fails a lifecycle block without prevent_destroy', () => {
  expect(judge(rule, withServer({ lifecycle: { ignore_changes: ['zone'] } }))).toMatchObject({ status: 'fail' });
});

test('fails prevent_destroy = false', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: false } }))).toMatchObject({ status: 'fail', message: 'lifecycle.prevent_destroy is false, so a plan may delete or replace the server and its data.' });
});

test('does not apply to a server defined outside this stack', () => {
  const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
  const resources = { azurerm_postgresql_flexible_server_configuration: { p: { name: 'log_checkpoints', value: 'on', server_id: pointer } } };
  expect(judge(rule, resources, outsideAddress('flexible', pointer))).toMatchObject({ status: 'not-applicable' });
});

test('a prevent_destroy written as an expression, or a lifecycle known only later, is unknown', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: '${var.keep}' } }))).toEqual({ status: 'unknown', note: 'lifecycle.prevent_destroy is an expression (Terraform accepts only a literal there)' });
  expect(judge(rule, withServer({ lifecycle: '${var.lifecycle}' }))).toEqual({ status: 'unknown', note: 'the lifecycle block is known only at apply time' });
});
