import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { TerraformResource, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { rewrittenPaths } from '../../lib/checks/rewritten-paths';
import { minimalProps, providerStack, synthErrors, TENANT_ID } from '../helpers';

// Twelfth review, A12a-14: the checks tell a construct's own resources from additions by the
// construct paths the JSON writes (//.metadata.path). A stack-level override can rewrite them; in
// synth they are compared with the construct tree, and a rewritten one fails PG-CFG-6.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';

function serverAndAddition(): { stack: TerraformStack; postgres: SecureFlexibleServer; addition: TerraformResource } {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const addition = new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Backdoor', {
    serverName: postgres.server.name, resourceGroupName: 'rg-orders', tenantId: TENANT_ID, objectId: '99999999-9999-9999-9999-999999999999', principalName: 'mallory', principalType: 'User',
  });
  return { stack, postgres, addition };
}

const pathOverride = (stack: TerraformStack, resource: TerraformResource) => `resource.${resource.terraformResourceType}.${stack.getLogicalId(resource)}.//.metadata.path`;

test('an addition given a made resource\'s path by a stack-level override fails synth', () => {
  const { stack, postgres, addition } = serverAndAddition();
  stack.addOverride(pathOverride(stack, addition), postgres.server.node.path);
  const address = `${addition.terraformResourceType}.${stack.getLogicalId(addition)}`;
  expect(synthErrors(stack)).toEqual(expect.arrayContaining([
    `  [test] ${address} PG-CFG-6 ${address} writes the construct path "test/Postgres/Server", where the construct tree has "test/Backdoor": an override rewrote its //.metadata.path, by which the checks tell a construct's own resources from additions. ${FIX}`,
  ]));
});

test('the construct\'s server given a path outside the construct by a stack-level override fails synth', () => {
  const { stack, postgres } = serverAndAddition();
  stack.addOverride(pathOverride(stack, postgres.server), 'test/Elsewhere/Server');
  expect(synthErrors(stack).join('\n')).toContain('writes the construct path "test/Elsewhere/Server", where the construct tree has "test/Postgres/Server"');
});

test('paths as cdktf writes them pass', () => {
  expect(synthErrors(serverAndAddition().stack)).toEqual([expect.stringContaining('PG-IAM-3')]);
});

describe('rewrittenPaths', () => {
  const tree = new Map([['resource.t.a', 'app/s/A'], ['data.d.b', 'app/s/B']]);
  const block = (path?: unknown) => (path === undefined ? {} : { '//': { metadata: { path } } });
  const stackOf = (resource: object, data: object = {}) => ({ resource, data });

  test.each<[string, object, string[]]>([
    ['every path as the tree has it', stackOf({ t: { a: block('app/s/A') } }, { d: { b: block('app/s/B') } }), []],
    ['a block the tree has, with another path', stackOf({ t: { a: block('app/s/X') } }), ['t.a']],
    ['a block the tree has, without a path', stackOf({ t: { a: block() } }), ['t.a']],
    ['a data source the tree has, with another path', stackOf({}, { d: { b: block('app/s/X') } }), ['data.d.b']],
    ['a block the tree lacks, with no path or a path of no construct', stackOf({ t: { x: block(), y: block('app/s/Mine') } }), []],
    ['a block the tree lacks, claiming a made path', stackOf({ t: { x: block('app/s/Made') } }), ['t.x']],
    ['a block the tree lacks, claiming a path below a library construct', stackOf({ t: { x: block('app/s/Lib/Extra') } }), ['t.x']],
    ['a block the tree lacks, with a path that is not text', stackOf({ t: { x: block(5) } }), ['t.x']],
  ])('%s', (_, terraform, addresses) => {
    expect(rewrittenPaths(terraform, tree, ['app/s/Lib'], new Set(['app/s/Made'])).map((found) => found.address)).toEqual(addresses);
  });
});
