import { Unknown } from '../../lib/checks/hcl-expression';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { buildStackModel } from '../../lib/checks/stack-model';
import { possibleServerScope } from '../../lib/checks/unknown-server-names';
import { verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources, SINGLE } from './rule-harness';

// A server ID whose name is known only at apply time (a search by type and group) may be a server of
// the stack (unknown-server-names.ts, PG-IAM-2, A8-5): the scope as a message describes it, or none.

const FLEXIBLE_IDS = '/providers/Microsoft.DBforPostgreSQL/flexibleServers';
const SINGLE_IDS = '/providers/Microsoft.DBforPostgreSQL/servers';
/** A scope template: what the model makes of a JSON string with interpolations. */
const template = (expression: string) => new Unknown(expression, [...expression.matchAll(/\$\{([^}]*)\}/g)].map((found) => found[1].trim()));
const described = (path: string) => `the server ID ${JSON.stringify(path)}`;

/** What a scope is to the server "db" of the given kind, name and resource group. */
function scopeOf(scope: unknown, server: { kind?: 'flexible' | 'single'; name?: unknown; group?: unknown } = {}, extra: Resources = {}): string | undefined {
  const type = server.kind === 'single' ? SINGLE : FLEXIBLE;
  const block = type === FLEXIBLE ? compliantFlexibleServer() : { sku_name: 'GP_Gen5_2' };
  const model = buildStackModel({ resource: { [type]: { db: { ...block, name: server.name ?? 'orders-db', resource_group_name: server.group ?? 'rg-orders' } }, ...extra } });
  const view = model.servers.find((s) => s.address === `${type}.db`)!;
  return possibleServerScope(view, scope, { postgresqlProviders: new Map(), resources: model.resources });
}

describe('may be the server', () => {
  test.each<[string, string, string]>([
    ['a name from a variable, in a literal subscription', `/subscriptions/0000/resourceGroups/rg-orders${FLEXIBLE_IDS}/\${var.name}`, `/subscriptions/0000/resourceGroups/rg-orders${FLEXIBLE_IDS}/?`],
    ['a name that starts as the server\'s', `/subscriptions/\${var.s}/resourceGroups/rg-orders${FLEXIBLE_IDS}/orders-\${var.n}`, `/subscriptions/?/resourceGroups/rg-orders${FLEXIBLE_IDS}/orders-?`],
    ['an ID below the server', `/subscriptions/\${var.s}/resourceGroups/rg-orders${FLEXIBLE_IDS}/\${var.name}/databases/app`, `/subscriptions/?/resourceGroups/rg-orders${FLEXIBLE_IDS}/?/databases/app`],
    ['a scope written with blanks around it', ` /subscriptions/\${var.s}/resourceGroups/rg-orders${FLEXIBLE_IDS}/\${var.name} `, `/subscriptions/?/resourceGroups/rg-orders${FLEXIBLE_IDS}/?`],
  ])('%s', (_name, scope, path) => {
    expect(scopeOf(template(scope))).toBe(described(path));
  });

  test('a server whose name is written with blanks around it', () => {
    const scope = `/subscriptions/0000/resourceGroups/rg-orders${FLEXIBLE_IDS}/orders-\${var.n}`;
    expect(scopeOf(template(scope), { name: ' Orders-DB ' })).toBe(described(`/subscriptions/0000/resourceGroups/rg-orders${FLEXIBLE_IDS}/orders-?`));
  });

  test('a Single Server, by its own type', () => {
    const scope = `/subscriptions/0000/resourceGroups/rg-orders${SINGLE_IDS}/\${var.name}`;
    expect(scopeOf(template(scope), { kind: 'single' })).toBe(described(`/subscriptions/0000/resourceGroups/rg-orders${SINGLE_IDS}/?`));
  });

  test('a group partly known, whose literal text holds characters a pattern would read otherwise', () => {
    const scope = `/subscriptions/0000/resourceGroups/rg.orders-\${var.n}${FLEXIBLE_IDS}/\${var.name}`;
    expect(scopeOf(template(scope), { group: 'rg.orders-1' })).toBe(described(`/subscriptions/0000/resourceGroups/rg.orders-?${FLEXIBLE_IDS}/?`));
    expect(scopeOf(template(scope), { group: 'rgxorders-1' })).toBeUndefined();
  });

  test('a server whose name is known only later: any name, in its group', () => {
    const scope = (group: string) => template(`/subscriptions/\${var.s}/resourceGroups/${group}${FLEXIBLE_IDS}/\${var.server_name}`);
    expect(scopeOf(scope('rg-orders'), { name: '${var.server_name}' })).toBe(described(`/subscriptions/?/resourceGroups/rg-orders${FLEXIBLE_IDS}/?`));
    expect(scopeOf(scope('rg-other'), { name: '${var.server_name}' })).toBeUndefined();
  });

  test('a server whose group is known only later: any group with an unknown part', () => {
    const scope = (group: string) => template(`/subscriptions/0000/resourceGroups/${group}${FLEXIBLE_IDS}/\${var.name}`);
    expect(scopeOf(scope('${var.g}'), { group: '${var.rg}' })).toBe(described(`/subscriptions/0000/resourceGroups/?${FLEXIBLE_IDS}/?`));
    expect(scopeOf(scope('rg-${var.env}'), { group: '${var.rg}' })).toBe(described(`/subscriptions/0000/resourceGroups/rg-?${FLEXIBLE_IDS}/?`));
    expect(scopeOf(scope('rg-orders'), { group: '${var.rg}' })).toBeUndefined();
  });
});

describe('is not the server', () => {
  test.each<[string, unknown]>([
    ['a literal ID (judged as the server\'s own ID elsewhere)', `/subscriptions/0000/resourceGroups/rg-orders${FLEXIBLE_IDS}/orders-db`],
    ['a template whose name is literal', template(`/subscriptions/\${var.s}/resourceGroups/rg-orders${FLEXIBLE_IDS}/orders-db`)],
    ['a name that starts otherwise', template(`/subscriptions/\${var.s}/resourceGroups/rg-orders${FLEXIBLE_IDS}/billing-\${var.n}`)],
    ['another resource group', template(`/subscriptions/\${var.s}/resourceGroups/rg-other${FLEXIBLE_IDS}/\${var.name}`)],
    ['a Single Server\'s type', template(`/subscriptions/\${var.s}/resourceGroups/rg-orders${SINGLE_IDS}/\${var.name}`)],
    ['an ID of another provider', template(`/subscriptions/\${var.s}/resourceGroups/rg-orders/providers/Microsoft.Sql/servers/\${var.name}`)],
    ['a resource group ID', template('/subscriptions/${var.s}/resourceGroups/rg-orders')],
  ])('%s', (_name, scope) => {
    expect(scopeOf(scope)).toBeUndefined();
  });

  test('a Flexible Server\'s type for a Single Server', () => {
    expect(scopeOf(template(`/subscriptions/0000/resourceGroups/rg-orders${FLEXIBLE_IDS}/\${var.name}`), { kind: 'single' })).toBeUndefined();
  });

});

test('PG-IAM-2 fails Owner on the ID a server whose name is a variable is spelled with', () => {
  const scope = `/subscriptions/\${var.s}/resourceGroups/rg-orders${FLEXIBLE_IDS}/\${var.server_name}`;
  expect(verdictsBeside(rule, {
    [FLEXIBLE]: { db: compliantFlexibleServer({ name: '${var.server_name}', resource_group_name: 'rg-orders' }) },
    azurerm_role_assignment: { owner: { principal_id: '9', scope, role_definition_name: 'Owner' } },
  })).toEqual([{
    status: 'fail',
    message: `azurerm_role_assignment.owner grants Owner on ${described(`/subscriptions/?/resourceGroups/rg-orders${FLEXIBLE_IDS}/?`)}, which may be the server, which can change or delete the server or grant access to it, with no justification.`,
    address: 'azurerm_role_assignment.owner',
    subject: 'role "Owner"',
  }]);
});
