import { Unknown } from '../../lib/checks/hcl-expression';
import { inDatabaseIndex, instanceViews } from '../../lib/checks/in-database-index';
import { ResourceView } from '../../lib/checks/stack-model';

function view(type: string, name: string, config: { [key: string]: unknown } = {}): ResourceView {
  return { type, name, address: `${type}.${name}`, config, certain: true };
}

test('the index keeps the order of the list and the first resource of each address and role name', () => {
  const first = view('postgresql_role', 'a', { name: 'app' });
  const second = view('postgresql_role', 'b', { name: 'app' });
  const grant = view('postgresql_grant', 'g', { role: 'app' });
  const unnamed = view('postgresql_role', 'c', { name: undefined });
  const index = inDatabaseIndex([first, grant, second, unnamed, view('postgresql_role', 'a', { name: 'other' })]);
  expect(index.byType.get('postgresql_role')!.map((r) => r.name)).toEqual(['a', 'b', 'c', 'a']);
  expect(index.byType.get('postgresql_grant')).toEqual([grant]);
  expect(index.byAddress.get('postgresql_role.a')).toBe(first);
  expect(index.roleByName.get('app')).toBe(first);
  expect(index.roleByName.get('other')).toBeDefined();
  expect([...index.roleByName.keys()]).toEqual(['app', 'other']);
  expect(index.ofTypes(['postgresql_grant', 'postgresql_role']).map((r) => r.address)).toEqual(['postgresql_role.a', 'postgresql_grant.g', 'postgresql_role.b', 'postgresql_role.c', 'postgresql_role.a']);
  expect(index.ofTypes(['postgresql_role', 'postgresql_grant'])).toEqual(index.ofTypes(['postgresql_grant', 'postgresql_role']));
  expect(index.ofTypes(['postgresql_schema'])).toEqual([]);
  expect(index.ofTypes(['postgresql_schema', 'postgresql_extension'])).toEqual([]);
});

test('a list that grew after it was indexed is indexed again, never served from the old index', () => {
  const list: ResourceView[] = [view('postgresql_role', 'a', { name: 'app' })];
  expect(inDatabaseIndex(list).roleByName.get('late')).toBeUndefined();
  list.push(view('postgresql_role', 'b', { name: 'late' }));
  expect(inDatabaseIndex(list).roleByName.get('late')).toBe(list[1]);
  expect(inDatabaseIndex(list)).toBe(inDatabaseIndex(list));
});

describe('instanceViews: a block chained over another (for_each = postgresql_role.R)', () => {
  const source = new Unknown('postgresql_role.R', ['postgresql_role.R']);
  const chained = (argument: (key: string) => unknown): ResourceView => ({
    ...view('postgresql_grant', 'G', { for_each: source, role: argument('?') }),
    certain: false,
    instanceKeys: ['a', 'b'],
    instance: (key) => ({ for_each: source, role: argument(key), database: key }),
  });

  test('each.value.<attribute> is the attribute of R\'s instance of the key; the views keep the block\'s certainty', () => {
    const views = instanceViews(chained(() => new Unknown('each.value.name', ['postgresql_role.R'])));
    expect(views.map((one) => [one.address, (one.config.role as Unknown).expression, (one.config.role as Unknown).isPlainReference, one.certain, one.block]))
      .toEqual([['postgresql_grant.G["a"]', 'postgresql_role.R["a"].name', true, false, 'postgresql_grant.G'], ['postgresql_grant.G["b"]', 'postgresql_role.R["b"].name', true, false, 'postgresql_grant.G']]);
    expect(instanceViews(chained(() => [{ nested: new Unknown('each.value.a.b', ['postgresql_role.R']) }])).map((one) => ((one.config.role as { nested: Unknown }[])[0].nested).expression))
      .toEqual(['postgresql_role.R["a"].a.b', 'postgresql_role.R["b"].a.b']);
  });

  test.each([
    ['a template over the item', () => new Unknown('${each.value.name}x', ['postgresql_role.R'])],
    ['the item whole', () => new Unknown('each.value', ['postgresql_role.R'])],
    ['a path reading another block too', () => new Unknown('each.value.name', ['postgresql_role.R', 'var.x'])],
  ])('%s: the block as a whole, as before', (_what, argument) => {
    const block = chained(argument);
    expect(instanceViews(block)).toEqual([block]);
  });
});
