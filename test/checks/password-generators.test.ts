import { EchoScope } from '../../lib/checks/echoed-arguments';
import { passwordGenerators } from '../../lib/checks/password-generators';
import { buildStackModel } from '../../lib/checks/stack-model';

/** The generators behind the password_wo of postgresql_role.r, in a stack of the given resources. */
function generatorsBehind(resources: object, password: string): string[] | string {
  const model = buildStackModel({ resource: { ...resources, postgresql_role: { r: { name: 'r', password_wo: password } } } });
  const role = model.resources.get('postgresql_role.r')!;
  const scope: EchoScope = { stack: { resources: model.resources }, block: role.config };
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
