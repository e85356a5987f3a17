import { rule } from '../../../lib/checks/rules/PGF-ENC-1';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });
const key = { key_vault_key_id: '${azurerm_key_vault_key.pg.versionless_id}', primary_user_assigned_identity_id: '${azurerm_user_assigned_identity.pg.id}' };

test('passes a customer-managed key', () => {
  expect(judge(rule, withServer({ customer_managed_key: key }))).toEqual({ status: 'pass' });
});

test('passes the block written as a list', () => {
  expect(judge(rule, withServer({ customer_managed_key: [key] }))).toEqual({ status: 'pass' });
});

test('fails without a customer-managed key', () => {
  expect(judge(rule, withServer({}))).toEqual({
    status: 'fail',
    message: 'the server has no customer_managed_key block, so its data is encrypted with a Microsoft-managed key.',
    address: undefined,
  });
});

test('fails a block without key_vault_key_id', () => {
  expect(judge(rule, withServer({ customer_managed_key: { primary_user_assigned_identity_id: '${azurerm_user_assigned_identity.pg.id}' } }))).toMatchObject({
    status: 'fail',
    message: 'the customer_managed_key block has no key_vault_key_id.',
  });
});

test('does not judge a dynamic block', () => {
  expect(judge(rule, withServer({ dynamic: { customer_managed_key: { for_each: '${var.cmk}', content: key } } }))).toMatchObject({ status: 'unknown' });
});
