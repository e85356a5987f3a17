import { Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, minimalPropsOf, providerStack, synthErrors, vnetSubnet } from '../helpers';

// Two copies of the package in one app (a platform construct library pinned to another version):
// each keeps its own record of what it wrote into a stack's JSON (fourth review, A4-8) and of the
// constructs it enforces (fifth review, A5-3).

function secondCopy(): typeof import('../../lib') {
  let other: typeof import('../../lib') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    other = require('../../lib');
  });
  return other!;
}

test('a second copy in another stack of the app fails at its first construct: neither would enforce the other\'s servers (A5-3)', () => {
  const app = Testing.app();
  const other = secondCopy();
  new SecureFlexibleServer(providerStack('orders', app), 'Postgres', minimalProps());
  const platform = providerStack('platform', app);
  expect(() => new other.SecureFlexibleServer(platform, 'Postgres', minimalPropsOf(other))).toThrow(/^Invalid scope: stack "platform" is in an app that holds constructs of two copies of cdktf-azure-postgres/);
  expect(() => other.PostgresSecurityChecks.applyTo(platform)).toThrow(/two copies of cdktf-azure-postgres/);
});

test('two apps may each use another copy, and both synthesize clean', () => {
  const other = secondCopy();
  const platform = providerStack('platform', Testing.app());
  const orders = providerStack('orders', Testing.app());
  new other.SecureFlexibleServer(platform, 'Postgres', minimalPropsOf(other));
  new SecureFlexibleServer(orders, 'Postgres', minimalProps());
  expect(synthErrors(platform)).toEqual([]);
  expect(synthErrors(orders)).toEqual([]);
});

test('one copy may make any number of servers in a stack', () => {
  const stack = providerStack('orders');
  new SecureFlexibleServer(stack, 'A', minimalProps());
  new SecureFlexibleServer(stack, 'B', minimalProps({ name: 'orders-db-b', network: vnetSubnet(2) }));
  expect(synthErrors(stack)).toEqual([]);
});

test('the second copy in a stack fails at its first construct, before any list is written over', () => {
  const stack = providerStack('orders');
  const other = secondCopy();
  new SecureFlexibleServer(stack, 'Orders', minimalProps());
  expect(() => new other.SecureFlexibleServer(stack, 'Platform', minimalPropsOf(other))).toThrow(/^Invalid scope: stack "orders" is in an app that holds constructs of two copies of cdktf-azure-postgres \(loaded from lib\/checks and from lib\/checks\)/);
});
