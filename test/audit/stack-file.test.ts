import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execFileSync } from 'child_process';
import { AuditInputError } from '../../lib/audit/session';
import { readStackFile } from '../../lib/audit/stack-file';
import { runAuditRoles } from '../../lib/cli/audit-roles-command';

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

describe('a stack file audit-roles cannot read is bad input, never a crash', () => {
  const refused = (dir: string, message: string) => expect(() => readStackFile(dir)).toThrow(new AuditInputError(message.replace('<dir>', dir)));

  test.each<[string, object]>([
    ['a postgresql provider list that holds null', { provider: { postgresql: [null, { host: 'db.postgres.database.azure.com' }] }, resource: {} }],
    ['a postgresql provider that is a string', { provider: { postgresql: 'db' }, resource: {} }],
  ])('%s', (_, terraform) => {
    const kind = typeof (terraform as { provider: { postgresql: unknown } }).provider.postgresql === 'string' ? 'string' : 'null';
    refused(file(JSON.stringify(terraform)), `<dir>/cdk.tf.json: not valid Terraform JSON: provider.postgresql is ${kind}, where Terraform needs an object`);
  });

  test('a postgresql_role body that is null', () => {
    refused(file(JSON.stringify({ provider: { postgresql: { host: 'h' } }, resource: { postgresql_role: { r: null } } })), '<dir>/cdk.tf.json: not valid Terraform JSON: resource.postgresql_role.r is null, where Terraform needs an object');
  });

  test('JSON nested too deep to read', () => {
    refused(file(`{"resource": {}, "locals": {"x": ${'['.repeat(3000)}${']'.repeat(3000)}}}`), '<dir>/cdk.tf.json: invalid JSON (nested more than 1000 levels deep at line 1, column 1032)');
  });

  test('a FIFO is refused, not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-stack-'));
    execFileSync('mkfifo', [join(dir, 'cdk.tf.json')]);
    refused(dir, '<dir>/cdk.tf.json: is a FIFO, not a regular file; give the cdk.tf.json that cdktf synth wrote');
  });
});

test('the command exits 2 with one line on a null provider body, before any connection', async () => {
  const dir = file(JSON.stringify({ provider: { postgresql: [null] }, resource: {} }));
  const err: string[] = [];
  const token = jest.fn();
  const code = await runAuditRoles(['audit-roles', dir, '--host', 'h', '--user', 'u'], { out: () => undefined, err: (line) => err.push(line) }, { env: {}, token });
  expect({ code, err }).toEqual({ code: 2, err: [`cdktf-azure-postgres: ${dir}/cdk.tf.json: not valid Terraform JSON: provider.postgresql is null, where Terraform needs an object`] });
  expect(token).not.toHaveBeenCalled();
});

test('anything unforeseen exits 2 with one line, not a stack trace and not the exit code of drift', async () => {
  const dir = file(JSON.stringify({ provider: { postgresql: { host: 'h' } }, resource: {} }));
  const err: string[] = [];
  const token = () => Promise.reject(new TypeError('unforeseen\n    at somewhere'));
  const code = await runAuditRoles(['audit-roles', dir, '--host', 'h', '--user', 'u'], { out: () => undefined, err: (line) => err.push(line) }, { env: {}, token });
  expect({ code, err }).toEqual({ code: 2, err: ['cdktf-azure-postgres: cannot audit: unforeseen'] });
});
