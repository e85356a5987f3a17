import { ACCESS_KEY, alteredDeclarations, comparableDeclarations, readAccessDeclarations } from '../../lib/checks/access-declarations';
import { declaredAccess } from './database-fixtures';

const VALID = declaredAccess();

test('reads the declarations a stack\'s JSON holds, leaving out entries of another shape', () => {
  const terraform = { '//': { [ACCESS_KEY]: [VALID, null, 'x', { ...VALID, groups: 'orders_readonly' }, { ...VALID, logins: [{ name: 'a', group: 'b', label: 7 }] }, { ...VALID, path: undefined }] } };
  expect(readAccessDeclarations(terraform)).toEqual([VALID]);
  expect(readAccessDeclarations({})).toEqual([]);
  expect(readAccessDeclarations(null)).toEqual([]);
});

test('says when the written declarations are not those the constructs made', () => {
  expect(alteredDeclarations({ '//': { [ACCESS_KEY]: [VALID] } }, [VALID])).toBeUndefined();
  expect(alteredDeclarations({ '//': { [ACCESS_KEY]: [] } }, [VALID])).toBe(
    'the DatabaseAccess declarations written into the JSON (//.cdktf-azure-postgres-access) are not those the constructs made, so `check` on the JSON would judge against another intent',
  );
});

test('reads role names, labels and the administrator as the model reads resources and provider blocks (locals folded)', () => {
  const terraform = { locals: { app: 'orders_app', admin: 'grp-dba' } };
  const declared = declaredAccess({ principalName: '${local.admin}', logins: [{ name: '${local.app}', group: 'orders_readwrite', label: 'aadauth,oid=${var.oid},type=user' }] });
  expect(comparableDeclarations(terraform, [declared])).toEqual([{
    ...declared,
    principalName: 'grp-dba',
    logins: [{ name: 'orders_app', group: 'orders_readwrite', label: 'aadauth,oid=${var.oid},type=user' }],
  }]);
});
