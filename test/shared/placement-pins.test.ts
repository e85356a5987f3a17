import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { EntraPrincipalType, RoleDefinition, SecureFlexibleServer } from '../../lib';
import { PINNED_KEY, PinnedAttributes } from '../../lib/checks/pinned-attributes';
import { MADE_KEY } from '../../lib/checks/suppressions';
import { ADMIN_OBJECT_ID, minimalProps, newStack, synthErrors } from '../helpers';

// Where every resource a server construct makes is, and what it hangs under, is pinned: moved by an
// override to a decoy of the same name in another group, zone or server, a resource would write the
// construct's control into the decoy while the checks still file it under the construct's parent
// (thirteenth review, A13-2, A13-6). The class, not a list: every attribute of that kind, on every
// resource the constructs make in every example, plus role assignments and a delete lock.

const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
/** Attribute names that say where a resource is or what it belongs to (a SKU's name is a size). */
const PLACEMENT = /^(name|resource_group_name|location|scope|\w+_id|\w+_ids|\w+_name)$/;
const NOT_PLACEMENT = new Set(['sku_name']);

type Json = { [key: string]: any };

function exampleStacks(): TerraformStack[] {
  return readdirSync(EXAMPLES_DIR).filter((name) => statSync(join(EXAMPLES_DIR, name)).isDirectory()).map((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(join(EXAMPLES_DIR, name, 'main')) as { [exported: string]: new (scope: unknown, id: string) => TerraformStack };
    const StackClass = Object.values(module).find((value) => typeof value === 'function')!;
    return new StackClass(Testing.app(), name);
  });
}

/** A server with what no example has: a role assignment and a delete lock. */
function withRoleAssignmentAndLock(): TerraformStack {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    roleAssignments: [{ role: RoleDefinition.READER, principalId: ADMIN_OBJECT_ID, principalType: EntraPrincipalType.GROUP }],
    deletionProtection: { lock: true },
  }));
  return stack;
}

/** "type.name attribute" for each placement attribute of a library-made resource that no pin holds. */
function unpinned(stack: TerraformStack): string[] {
  const json = stack.toTerraform() as Json;
  const made = new Set<string>(json['//'][MADE_KEY]);
  const pinned = new Map<string, Set<string>>();
  for (const pin of json['//'][PINNED_KEY] as PinnedAttributes[]) {
    pinned.set(pin.path, new Set([...pinned.get(pin.path) ?? [], ...Object.keys(pin.attributes)]));
  }
  const missing: string[] = [];
  for (const [type, blocks] of Object.entries(json.resource as Json)) {
    for (const [name, block] of Object.entries(blocks as Json)) {
      const path = block['//'].metadata.path as string;
      // The in-database resources' provider and names are judged by the PGD rules (PGD-IAM-11, -13).
      if (!made.has(path) || type.startsWith('postgresql_')) continue;
      for (const attribute of Object.keys(block).filter((key) => PLACEMENT.test(key) && !NOT_PLACEMENT.has(key))) {
        if (!pinned.get(path)?.has(attribute)) missing.push(`${type}.${name} ${attribute}`);
      }
    }
  }
  return missing;
}

describe('every placement attribute of every resource a server construct makes is pinned', () => {
  test.each(exampleStacks().map((stack) => [stack.node.id, stack] as const))('example %s', (_name, stack) => {
    expect(unpinned(stack)).toEqual([]);
  });

  test('role assignments and the delete lock', () => {
    const stack = withRoleAssignmentAndLock();
    expect(Object.keys(stack.toTerraform().resource)).toEqual(expect.arrayContaining(['azurerm_role_assignment', 'azurerm_management_lock']));
    expect(unpinned(stack)).toEqual([]);
  });
});

describe('an override that moves a made resource fails synth (PG-CFG-6)', () => {
  const moved = (path: string, attribute: string, value: string) => {
    const stack = withRoleAssignmentAndLock();
    const found = path.split('/').reduce<any>((scope, id) => scope.node.children.find((child: any) => child.node.id.startsWith(id)), stack) as TerraformResource;
    found.addOverride(attribute, value);
    return synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  };

  test.each([
    ['the shared zone\'s link, to a decoy zone of the same name in another group (A13-6)', 'cdktf-azure-postgres-private-dns-zones/orders-db/Link', 'resource_group_name', 'rg-decoy'],
    ['the shared zone, to another group', 'cdktf-azure-postgres-private-dns-zones/orders-db/Zone', 'resource_group_name', 'rg-decoy'],
    ['the shared zone, renamed', 'cdktf-azure-postgres-private-dns-zones/orders-db/Zone', 'name', 'decoy.private.postgres.database.azure.com'],
    ['the server, renamed', 'Postgres/Server', 'name', 'decoy-db'],
    ['the subnet, renamed', 'Postgres/Subnet', 'name', 'decoy'],
    ['the Entra administrator, to another server of that name', 'Postgres/EntraAdministrator0', 'resource_group_name', 'rg-decoy'],
    ['the delete lock, to another scope', 'Postgres/DeleteLock', 'scope', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-decoy'],
    ['the role assignment, to another scope', 'Postgres/RoleAssignment0', 'scope', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-decoy'],
    ['the role assignment, another role than the props justified', 'Postgres/RoleAssignment0', 'role_definition_name', 'Owner'],
  ])('%s', (_name, path, attribute, value) => {
    const errors = moved(path, attribute, value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`PG-CFG-6 ${attribute} is "${value}", where the construct's props set "`);
  });

  test('the same values written again pass', () => {
    expect(moved('Postgres/Subnet', 'name', 'orders-db-postgres')).toEqual([]);
    expect(moved('Postgres/EntraAdministrator0', 'resource_group_name', 'rg-orders')).toEqual([]);
  });
});
