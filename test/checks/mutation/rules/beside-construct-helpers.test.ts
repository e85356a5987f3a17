// The helpers that find what acts on a server from beside it (beside-construct.ts), on the stack
// model directly: which values name the server (and which only name something below it or
// another server), the resources under a construct path, and the innermost library construct.
import { namesServer, ownerConstruct, resourcesUnder } from '../../../../lib/checks/beside-construct';
import { isUnknown, Unknown } from '../../../../lib/checks/hcl-expression';
import { StackFacts } from '../../../../lib/checks/rule';
import { buildStackModel, ServerView } from '../../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const ID = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const SINGLE_ID = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/servers/orders-db';

/** The server "db" (named as given) and the stack facts of its model, with values of a lock's scope read as the model reads them. */
function model(serverName: unknown = 'orders-db', scopes: { [name: string]: string } = {}) {
  const locks = Object.fromEntries(Object.entries(scopes).map(([name, scope]) => [name, { name, lock_level: 'CanNotDelete', scope, ...madeAt(`${CONSTRUCT}/${name}`) }]));
  const { servers, resources } = buildStackModel({
    resource: {
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({ name: serverName }), ...madeAt(`${CONSTRUCT}/Inner/Server`) } },
      azurerm_management_lock: locks,
    },
  });
  const server = servers.find((s) => s.address === `${FLEXIBLE}.db`) as ServerView;
  const scope = (name: string): unknown => resources.get(`azurerm_management_lock.${name}`)!.config.scope;
  return { server, resources, scope };
}

describe('namesServer', () => {
  test('names the server by its literal ID, in any case and around spaces in its name', () => {
    expect(namesServer(model().server, ID.toUpperCase())).toBe(true);
    expect(namesServer(model(' orders-db ').server, ID)).toBe(true);
  });

  test('a Single Server\'s ID of the same name, another name, or a server whose name is known only later is not it', () => {
    expect(namesServer(model().server, SINGLE_ID)).toBe(false);
    expect(namesServer(model().server, ID.replace('orders-db', 'other-db'))).toBe(false);
    expect(namesServer(model('${var.name}').server, ID)).toBe(false);
  });

  test('a database below the server names it only with orBelow', () => {
    expect(namesServer(model().server, `${ID}/databases/orders`)).toBe(false);
    expect(namesServer(model().server, `${ID}/databases/orders`, true)).toBe(true);
  });

  test('a reference names it when it is the server\'s id alone, or with orBelow a template that holds it', () => {
    const { server, scope } = model('orders-db', {
      plain: `\${${FLEXIBLE}.db.id}`,
      below: `\${${FLEXIBLE}.db.id}/databases/orders`,
      other: '${azurerm_resource_group.rg.id}',
      coalesce: `\${coalesce(var.scope, ${FLEXIBLE}.db.id)}`,
    });
    expect(['plain', 'below', 'other', 'coalesce'].map((name) => isUnknown(scope(name)))).toEqual([true, true, true, true]);
    expect(['plain', 'below', 'other', 'coalesce'].map((name) => namesServer(server, scope(name)))).toEqual([true, false, false, false]);
    expect(['plain', 'below', 'other', 'coalesce'].map((name) => namesServer(server, scope(name), true))).toEqual([true, true, false, true]);
  });

  test('a value that is no text nor expression names nothing', () => {
    expect(namesServer(model().server, 42)).toBe(false);
    expect(namesServer(model().server, undefined, true)).toBe(false);
  });
});

describe('resourcesUnder', () => {
  const { resources } = model('orders-db', { a: ID, b: ID });
  const stack: StackFacts = { postgresqlProviders: new Map(), resources };

  test('lists every resource at or below a construct path, in the stack\'s order', () => {
    expect(resourcesUnder(stack, CONSTRUCT).map((r) => r.address)).toEqual([`${FLEXIBLE}.db`, 'azurerm_management_lock.a', 'azurerm_management_lock.b']);
    expect(resourcesUnder(stack, `${CONSTRUCT}/a`).map((r) => r.address)).toEqual(['azurerm_management_lock.a']);
  });

  test('lists nothing under a path no resource has, or without the stack\'s resources', () => {
    expect(resourcesUnder(stack, 'stack/Other')).toEqual([]);
    expect(resourcesUnder(undefined, CONSTRUCT)).toEqual([]);
    expect(resourcesUnder({ postgresqlProviders: new Map() }, CONSTRUCT)).toEqual([]);
  });
});

describe('ownerConstruct', () => {
  test('is the innermost library construct that holds the server, and none without the stack\'s constructs', () => {
    const { server } = model();
    expect(ownerConstruct(server, { postgresqlProviders: new Map(), constructs: [CONSTRUCT, `${CONSTRUCT}/Inner`] })).toBe(`${CONSTRUCT}/Inner`);
    expect(ownerConstruct(server, undefined)).toBeUndefined();
  });
});

// Unknown is the model's value for an expression; the helpers read its references.
void Unknown;
