import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { DatabaseAccess } from '../../lib';
import { synthErrors } from '../helpers';
import { accessStack as fixtureStack } from '../support/database-fixture';

// Overrides that undo what DatabaseAccess sets fail synth (finding N7 of the second review).

/** The fixture's server and DatabaseAccess, in a stack with its azurerm provider. */
function accessStack(): { stack: TerraformStack; access: DatabaseAccess } {
  const built = fixtureStack();
  new AzurermProvider(built.stack, 'azurerm', { features: [{}] });
  return built;
}

/** The construct at a path under the stack, to override. */
function at(stack: TerraformStack, path: string): any {
  const found = stack.node.findAll().find((c) => c.node.path === `${stack.node.id}/${path}`);
  if (found === undefined) throw new Error(`no construct ${path}`);
  return found;
}

describe('count, for_each and provisioners on its resources (PG-CFG-2)', () => {
  test.each([
    ['RevokePublicSchema', 'count', 0],
    ['RevokePublicDatabase', 'count', 0],
    ['Group-readonly', 'for_each', { a: 1, b: 2 }],
  ])('%s with %s fails synth', (id, key, value) => {
    const { stack } = accessStack();
    const resource = at(stack, `OrdersAccess/Database-orders/${id}`);
    resource.addOverride(key, value);
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    expect(synthErrors(stack)).toEqual([
      `  [orders] ${address} PG-CFG-2 the resource, which orders/OrdersAccess makes, has count or for_each, so an override may remove it or make copies of it. Fix: Remove the count, for_each, provisioner or connection override; change the construct's props instead.`,
    ]);
  });

  test('a provisioner on a grant fails synth', () => {
    const { stack } = accessStack();
    const grant = at(stack, 'OrdersAccess/Database-orders/Grant-readonly-public-table');
    grant.addOverride('provisioner', [{ 'local-exec': { command: 'true' } }]);
    expect(synthErrors(stack)).toEqual([
      `  [orders] postgresql_grant.${grant.friendlyUniqueId} PG-CFG-2 the resource, which orders/OrdersAccess makes, has a provisioner block, so commands no rule reads may change what the construct made. Fix: Remove the count, for_each, provisioner or connection override; change the construct's props instead.`,
      `  [orders] postgresql_grant.${grant.friendlyUniqueId} PG-CFG-3 a provisioner (local-exec) reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.`,
    ]);
  });
});
