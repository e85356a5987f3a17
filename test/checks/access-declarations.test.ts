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

test('marks an administrator written as a token (its text no name: 40th run, A40a-3), whatever the JSON says of it', () => {
  const terraform = { locals: { admin: 'grp-dba' } };
  const [token, local, forged] = comparableDeclarations(terraform, [
    declaredAccess({ principalName: '${var.ca}' }),
    declaredAccess({ principalName: '${local.admin}', principalNameUnknown: true }),
    { ...declaredAccess({ principalName: '${data.azuread_group.g.display_name}' }), principalNameUnknown: false } as unknown as ReturnType<typeof declaredAccess>,
  ]);
  expect([token.principalName, token.principalNameUnknown]).toEqual(['${var.ca}', true]);
  expect([local.principalName, local.principalNameUnknown]).toEqual(['grp-dba', undefined]);
  expect(forged.principalNameUnknown).toBe(true);
});
