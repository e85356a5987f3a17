import { EchoScope } from '../../lib/checks/echoed-arguments';
import { passwordGenerators } from '../../lib/checks/password-generators';
import { buildStackModel } from '../../lib/checks/stack-model';

/** The generators behind the password_wo of postgresql_role.r, in a stack of the given resources. */
function generatorsBehind(resources: object, password: string, data: object = {}): string[] | string {
  const model = buildStackModel({ data, resource: { ...resources, postgresql_role: { r: { name: 'r', password_wo: password } } } });
  const role = model.resources.get('postgresql_role.r')!;
  const scope: EchoScope = { stack: { resources: model.resources, lookups: model.lookups }, block: role.config };
  const sources = passwordGenerators(role.config.password_wo, scope);
  return 'unreadable' in sources ? sources.unreadable : sources.generators.map((generator) => generator.address);
}

const GENERATOR = { random_password: { p: { length: 32 } } };

test('a generator read directly, in any attribute, or through blocks that pass a value on', () => {
  expect(generatorsBehind(GENERATOR, '${random_password.p.result}')).toEqual(['random_password.p']);
  expect(generatorsBehind(GENERATOR, '${random_password.p.bcrypt_hash}')).toEqual(['random_password.p']);
  expect(generatorsBehind({ ...GENERATOR, terraform_data: { a: { input: '${terraform_data.b.output}' }, b: { input: '${random_password.p.result}' } } }, '${terraform_data.a.output}')).toEqual(['random_password.p']);
});

test('no generator behind a variable, a data source, a literal, or a generator the stack does not define', () => {
  expect(generatorsBehind(GENERATOR, '${var.password}')).toEqual([]);
  expect(generatorsBehind(GENERATOR, '${data.azurerm_key_vault_secret.s.value}')).toEqual([]);
  expect(generatorsBehind(GENERATOR, 'literal')).toEqual([]);
  expect(generatorsBehind({}, '${random_password.q.result}')).toEqual([]);
});

test('blocks that pass each other\'s values on (a cycle) end, with the generator one of them reads', () => {
  const cycle = { terraform_data: { a: { input: ['${terraform_data.b.output}', '${random_password.p.result}'] }, b: { input: '${terraform_data.a.output}' } } };
  expect(generatorsBehind({ ...GENERATOR, ...cycle }, '${terraform_data.b.output}')).toEqual(['random_password.p']);
});

test('a way longer than 16 blocks is not followed to its end: unreadable, never "no generator"', () => {
  const chain = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`t${i}`, { input: i === 17 ? '${random_password.p.result}' : `\${terraform_data.t${i + 1}.output}` }]));
  expect(generatorsBehind({ ...GENERATOR, terraform_data: chain }, '${terraform_data.t0.output}')).toBe('passes through more than 16 blocks');
  const short = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`t${i}`, { input: i === 14 ? '${random_password.p.result}' : `\${terraform_data.t${i + 1}.output}` }]));
  expect(generatorsBehind({ ...GENERATOR, terraform_data: short }, '${terraform_data.t0.output}')).toEqual(['random_password.p']);
});

// 67th adversarial run, A67a-1/2: only what a random_password makes is its password; what it is given (keepers) is followed.
test('a random_password\'s id, flags or keepers are no password it makes: a keeper is followed to what it holds, the rest is unreadable', () => {
  const relay = { random_password: { weak: { length: 4 }, strong: { length: 32, keepers: { pw: '${random_password.weak.result}', rotation: '${time_rotating.r.rfc3339}' } } }, time_rotating: { r: { rotation_days: 90 } } };
  expect(generatorsBehind(relay, '${random_password.strong.keepers.pw}')).toEqual(['random_password.weak']);
  expect(generatorsBehind(relay, '${random_password.strong.id}')).toBe('reads random_password.strong.id, which is no password random_password.strong makes');
  expect(generatorsBehind(relay, '${random_password.strong.special}')).toBe('reads random_password.strong.special, which is no password random_password.strong makes');
  expect(generatorsBehind(relay, '${random_password.strong.keepers.rotation}')).toBe('reads time_rotating.r.rfc3339, a time any plan shows');
  expect(generatorsBehind(relay, '${random_password.strong[0].result}')).toEqual(['random_password.strong']);
});

// 67th adversarial run, A67a-3: a Key Vault secret given its value write-only (as the constructs write one) and read back by a lookup.
test('a lookup finds what a store was given write-only', () => {
  const store = { ...GENERATOR, azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', value_wo: '${random_password.p.result}', value_wo_version: 1 } } };
  const lookup = { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}' } } };
  expect(generatorsBehind(store, '${data.azurerm_key_vault_secret.k.value}', lookup)).toEqual(['random_password.p']);
  expect(generatorsBehind(store, '${data.azurerm_key_vault_secret.k.value}', { azurerm_key_vault_secret: { k: { name: 'other', key_vault_id: '${var.kv}' } } })).toEqual([]);
});

// A68a-2's rest: an SSM parameter is looked up by its name or its ARN, either with a version or label selector after a colon.
test('an SSM lookup finds the parameter the stack writes by name, ARN or a selected version; another name finds nothing', () => {
  const parameter = { ...GENERATOR, aws_ssm_parameter: { s: { name: '/db/billing', type: 'SecureString', value: '${random_password.p.result}' } } };
  const behind = (name: string) => generatorsBehind(parameter, '${data.aws_ssm_parameter.d.value}', { aws_ssm_parameter: { d: { name } } });
  for (const name of ['/db/billing', '/db/billing:1', '/db/billing:prod', 'arn:aws:ssm:eu-west-1:111122223333:parameter/db/billing',
    'arn:aws:ssm:eu-west-1:111122223333:parameter/db/billing:2', 'arn:aws:ssm:${var.region}:${var.account}:parameter/db/billing',
    '${aws_ssm_parameter.s.name}', '${aws_ssm_parameter.s.name}:3', '${var.name}:3', '${aws_ssm_parameter.s.arn}']) {
    expect([name, behind(name)]).toEqual([name, ['random_password.p']]);
  }
  for (const name of ['/db/other', '/db/other:1', 'arn:aws:ssm:eu-west-1:111122223333:parameter/db/other', 'arn:aws:ssm:${var.region}:${var.account}:parameter/db/other:1']) {
    expect([name, behind(name)]).toEqual([name, []]);
  }
});

// 69th run, A69a-1/6/8: stores written in other arguments, lookups of other types, and a generator that is a lookup.
test('a lookup finds a Vault secret given its data write-only, a Google secret version, an SSM parameter\'s insecure value', () => {
  const vault = { ...GENERATOR, vault_kv_secret_v2: { s: { mount: 'kv', name: 'pg', data_json_wo: '${jsonencode({pw = random_password.p.result})}', data_json_wo_version: 1 } } };
  expect(generatorsBehind(vault, '${data.vault_kv_secret_v2.d.data.pw}', { vault_kv_secret_v2: { d: { mount: 'kv', name: 'pg' } } })).toEqual(['random_password.p']);
  const google = { ...GENERATOR, google_secret_manager_secret_version: { s: { secret: 'projects/p/secrets/pw', secret_data: '${random_password.p.result}' } } };
  expect(generatorsBehind(google, '${data.google_secret_manager_secret_version_access.d.secret_data}', { google_secret_manager_secret_version_access: { d: { secret: 'projects/p/secrets/pw' } } })).toEqual(['random_password.p']);
  expect(generatorsBehind(google, '${data.google_secret_manager_secret_version_access.d.secret_data}', { google_secret_manager_secret_version_access: { d: { secret: 'projects/p/secrets/other' } } })).toEqual([]);
  const ssm = { ...GENERATOR, aws_ssm_parameter: { s: { name: '/pw', type: 'String', insecure_value: '${random_password.p.result}' } } };
  expect(generatorsBehind(ssm, '${data.aws_ssm_parameter.d.value}', { aws_ssm_parameter: { d: { name: '/pw' } } })).toEqual(['random_password.p']);
  expect(generatorsBehind({}, '${data.aws_secretsmanager_random_password.g.random_password}', { aws_secretsmanager_random_password: { g: { password_length: 4 } } })).toEqual(['data.aws_secretsmanager_random_password.g']);
});

/** Where the ways behind the password_wo of postgresql_role.r end without a generator. */
function leavesBehind(resources: object, password: string, data: object = {}): readonly string[] | string {
  const model = buildStackModel({ data, resource: { ...resources, postgresql_role: { r: { name: 'r', password_wo: password } } } });
  const role = model.resources.get('postgresql_role.r')!;
  const sources = passwordGenerators(role.config.password_wo, { stack: { resources: model.resources, lookups: model.lookups }, block: role.config });
  return 'unreadable' in sources ? sources.unreadable : sources.leaves;
}

// 70th run: where a way ends without a generator is named, for PGD-IAM-3 to fail.
test('a way ends without a generator at a variable, a literal, a lookup of nothing the stack writes or another block\'s computed attribute', () => {
  const silent = { ...GENERATOR, aws_ssm_parameter: { s: { name: '/pw', type: 'SecureString', value_from_elsewhere: '${random_password.p.result}' } }, terraform_data: { t: { input: 'literal' } } };
  expect(leavesBehind(silent, '${data.aws_ssm_parameter.d.value}', { aws_ssm_parameter: { d: { name: '/pw' } } })).toEqual(['data.aws_ssm_parameter.d.value']);
  expect(leavesBehind(silent, '${var.password}')).toEqual(['var.password']);
  expect(leavesBehind(silent, '${terraform_data.t.output}')).toEqual(['terraform_data.t.output']);
  expect(leavesBehind(silent, '${azurerm_storage_account.s.primary_access_key}')).toEqual(['azurerm_storage_account.s.primary_access_key']);
  // A conditional's condition chooses; it is no way of the password (71st run, A71a-3).
  expect(leavesBehind(silent, '${var.on ? random_password.p.result : var.other}')).toEqual(['var.other']);
  expect(leavesBehind(silent, '${random_password.p.result}')).toEqual([]);
});
