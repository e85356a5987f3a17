// Which resources read a random_password's secret (password-copies.ts, read by PG-IAM-4), on the
// stack model directly: in address order, only generators of the stack, and nothing without them.
import { passwordReaders, passwordsReadBy } from '../../../../lib/checks/password-copies';
import { StackFacts } from '../../../../lib/checks/rule';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { Resources } from '../../rule-harness';

const factsOf = (resources: Resources): StackFacts => ({ postgresqlProviders: new Map(), resources: buildStackModel({ resource: resources }).resources });
const readersOf = (stack: StackFacts | undefined) => [...passwordReaders(stack)].map(([generator, readers]) => [generator, readers.map((r) => r.address)]);

test('lists the readers of each generator in address order, whatever the order of the JSON', () => {
  const stack = factsOf({
    random_password: { pw: { length: 32 } },
    local_file: { z: { filename: 'z', content: '${random_password.pw.result}' }, a: { filename: 'a', content: '${random_password.pw.bcrypt_hash}' } },
    azurerm_key_vault_secret: { s: { name: 's', key_vault_id: 'kv', value: '${random_password.pw.result}' } },
  });
  expect(readersOf(stack)).toEqual([['random_password.pw', ['azurerm_key_vault_secret.s', 'local_file.a', 'local_file.z']]]);
});

test('a stack without generators, or without its resources, has no readers', () => {
  expect(readersOf(factsOf({ local_file: { f: { filename: 'f', content: '${random_password.gone.result}' } } }))).toEqual([]);
  expect(readersOf(undefined)).toEqual([]);
  expect(readersOf({ postgresqlProviders: new Map() })).toEqual([]);
});

test('only the result and the bcrypt hash of a random_password are its secret', () => {
  const file = { filename: '${var.password}', content: '${random_password.pw.length}${random_string.s.result}', sensitive_content: 'x-${random_password.pw.result}' };
  const { config } = factsOf({ local_file: { f: file } }).resources!.get('local_file.f')!;
  expect([...passwordsReadBy(config)]).toEqual(['random_password.pw']);
  expect([...passwordsReadBy({ ...config, sensitive_content: undefined })]).toEqual([]);
});
