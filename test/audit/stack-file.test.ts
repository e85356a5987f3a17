import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readStackFile } from '../../lib/audit/stack-file';

// audit-roles reads a stack as the check command does: what Terraform reads, the audit reads.

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-stack-'));
  writeFileSync(join(dir, 'cdk.tf.json'), text);
  return dir;
}

test('a UTF-8 byte order mark is not invalid JSON', () => {
  expect(readStackFile(file('\ufeff{"resource": {}}'))).toMatchObject({ json: { resource: {} } });
});

test('a repeated "resource" key keeps both, as Terraform does', () => {
  const stack = readStackFile(file('{"resource": {"postgresql_role": {"a": {"name": "a"}}}, "resource": {"postgresql_role": {"b": {"name": "b"}}}}'));
  expect(stack.json.resource).toEqual([{ postgresql_role: { a: { name: 'a' } } }, { postgresql_role: { b: { name: 'b' } } }]);
});

test('invalid JSON says where', () => {
  expect(() => readStackFile(file('{"resource": '))).toThrow(/cdk\.tf\.json: invalid JSON \(unexpected end of input at line 1, column 14\)$/);
});

test('roles declared in a repeated "resource" key are declared roles', () => {
  const { readDeclaredAccess } = jest.requireActual('../../lib/audit/declared-access') as typeof import('../../lib/audit/declared-access');
  const stack = readStackFile(file(`{
    "provider": [{ "postgresql": [{ "host": "db.postgres.database.azure.com" }] }],
    "resource": { "postgresql_role": { "a": { "name": "orders_app", "login": true } } },
    "resource": { "postgresql_role": { "b": { "name": "orders_readonly", "login": false } } }
  }`));
  expect(readDeclaredAccess(stack.json)[0].roles.map((role) => role.name)).toEqual(['orders_app', 'orders_readonly']);
});
