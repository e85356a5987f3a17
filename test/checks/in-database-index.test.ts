import { inDatabaseIndex } from '../../lib/checks/in-database-index';
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
