import { EchoScope } from '../../../../lib/checks/echoed-arguments';
import { passwordGenerators } from '../../../../lib/checks/password-generators';
import { buildStackModel } from '../../../../lib/checks/stack-model';

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
  expect(generatorsBehind(GENERATOR, '${random_password.p.keepers.pw}')).toBe('reads random_password.p.keepers.pw, which is no password random_password.p makes');
  expect(generatorsBehind({ random_password: { strong: { length: 32, count: 1 } } }, '${random_password.strong[0].result}')).toEqual(['random_password.strong']);
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

// The thirteenth mutation pass's run of this file (73.8 %): what the ways report beside the generators (the blocks passed through, the
// write-only stores, the leaves), a scope without parts of the stack, and how a generator's attribute is read.

/** Every part of what the ways behind a role's password_wo find, by address; the unreadable reason when they cannot be followed. */
function waysBehind(resources: object, password: string, { data = {}, role = {}, sections = {}, scopeOf }: { data?: object; role?: object; sections?: object; scopeOf?: (scope: EchoScope) => EchoScope } = {}) {
  const model = buildStackModel({ ...sections, data, resource: { ...resources, postgresql_role: { r: { name: 'r', password_wo: password, ...role } } } });
  const config = model.resources.get('postgresql_role.r')!.config;
  const scope: EchoScope = { stack: { resources: model.resources, lookups: model.lookups }, block: config };
  const sources = passwordGenerators(config.password_wo, scopeOf?.(scope) ?? scope);
  if ('unreadable' in sources) return sources.unreadable;
  return {
    generators: sources.generators.map((generator) => generator.address),
    through: sources.through.map((block) => block.address),
    writeOnly: sources.writeOnly.map(({ store, argument }) => `${store.address} ${argument}`),
    leaves: sources.leaves,
  };
}

const secret = (name: string, value: unknown) => ({ name, key_vault_id: '${var.kv}', value_wo: value, value_wo_version: 1 });
const lookupOf = (...names: string[]) => ({ azurerm_key_vault_secret: Object.fromEntries(names.map((name) => [`k_${name}`, { name, key_vault_id: '${var.kv}' }])) });

describe('the ways behind a password', () => {
  test('a way of exactly 16 blocks is followed; one more is unreadable', () => {
    const chain = (length: number) => Object.fromEntries(Array.from({ length }, (_, i) => [`t${i}`, { input: i === length - 1 ? '${random_password.p.result}' : `\${terraform_data.t${i + 1}.output}` }]));
    expect(generatorsBehind({ ...GENERATOR, terraform_data: chain(16) }, '${terraform_data.t0.output}')).toEqual(['random_password.p']);
    expect(generatorsBehind({ ...GENERATOR, terraform_data: chain(17) }, '${terraform_data.t0.output}')).toBe('passes through more than 16 blocks');
  });

  test('each.value of a for_each over a relay is read through the relay\'s item, in the password\'s block and in a store\'s', () => {
    const relay = { ...GENERATOR, terraform_data: { t: { input: { a: { pw: '${random_password.p.result}' } } } } };
    expect(waysBehind(relay, '${each.value.pw}', { role: { for_each: '${terraform_data.t.output}' } }))
      .toEqual({ generators: ['random_password.p'], through: ['terraform_data.t'], writeOnly: [], leaves: [] });
    const store = { ...relay, azurerm_key_vault_secret: { s: { ...secret('a', '${each.value.pw}'), for_each: '${terraform_data.t.output}' } } };
    expect(waysBehind(store, '${data.azurerm_key_vault_secret.k_a.value}', { data: lookupOf('a') })).toEqual({
      generators: ['random_password.p'],
      through: ['azurerm_key_vault_secret.s', 'data.azurerm_key_vault_secret.k_a', 'terraform_data.t'],
      writeOnly: ['azurerm_key_vault_secret.s value_wo'],
      // The lookup by a name each instance of the store writes may as well read a secret elsewhere.
      leaves: ['data.azurerm_key_vault_secret.k_a.value'],
    });
  });

  test('each.value is the password\'s own item in its block, and no item in another block it reads', () => {
    const role = { for_each: { a: '${random_password.p.result}' } };
    expect(waysBehind(GENERATOR, '${each.value}', { role })).toEqual({ generators: ['random_password.p'], through: [], writeOnly: [], leaves: [] });
    expect(waysBehind({ ...GENERATOR, terraform_data: { t: { input: '${each.value}' } } }, '${terraform_data.t.output}', { role }))
      .toBe('reads terraform_data.t.output reads terraform_data.t.input, written from its for_each\'s item (each.value), which the checks do not bind');
  });

  test('the blocks a password passes through: relays and stores, not a block whose computed attribute it reads', () => {
    expect(waysBehind({ ...GENERATOR, terraform_data: { t: { input: '${random_password.p.result}' } } }, '${terraform_data.t.output}'))
      .toEqual({ generators: ['random_password.p'], through: ['terraform_data.t'], writeOnly: [], leaves: [] });
    expect(waysBehind({ azurerm_storage_account: { s: { name: 'x' } } }, '${azurerm_storage_account.s.primary_access_key}'))
      .toEqual({ generators: [], through: [], writeOnly: [], leaves: ['azurerm_storage_account.s.primary_access_key'] });
    expect(waysBehind(GENERATOR, '${var.password}')).toEqual({ generators: [], through: [], writeOnly: [], leaves: ['var.password'] });
    expect(waysBehind(GENERATOR, '${[][var.i]}')).toEqual({ generators: [], through: [], writeOnly: [], leaves: ['var.i'] });
    // A variable's default is read back (its literal text), though it is no block passed through.
    expect(waysBehind(GENERATOR, '${var.password}', { sections: { variable: { password: { default: 'literal' } } } }))
      .toEqual({ generators: [], through: [], writeOnly: [], leaves: ['var.password'] });
  });

  test('a time block\'s trigger is followed to what it holds; its time is unreadable', () => {
    expect(waysBehind({ ...GENERATOR, time_static: { t: { triggers: { pw: '${random_password.p.result}' } } } }, '${time_static.t.triggers.pw}'))
      .toEqual({ generators: ['random_password.p'], through: ['time_static.t'], writeOnly: [], leaves: [] });
    expect(waysBehind({ time_static: { t: {} } }, '${time_static.t.rfc3339}')).toBe('reads time_static.t.rfc3339, a time any plan shows');
  });

  test('each write-only store a password reached is listed, read back by a lookup or read itself', () => {
    const stores = { ...GENERATOR, azurerm_key_vault_secret: { s1: secret('a', '${random_password.p.result}'), s2: secret('b', '${random_password.p.result}') } };
    expect(waysBehind(stores, '${var.x ? data.azurerm_key_vault_secret.k_a.value : data.azurerm_key_vault_secret.k_b.value}', { data: lookupOf('a', 'b') })).toEqual({
      generators: ['random_password.p'],
      through: ['azurerm_key_vault_secret.s1', 'data.azurerm_key_vault_secret.k_a', 'azurerm_key_vault_secret.s2', 'data.azurerm_key_vault_secret.k_b'],
      writeOnly: ['azurerm_key_vault_secret.s1 value_wo', 'azurerm_key_vault_secret.s2 value_wo'],
      leaves: [],
    });
    expect(waysBehind(stores, '${azurerm_key_vault_secret.s1.value}'))
      .toEqual({ generators: ['random_password.p'], through: ['azurerm_key_vault_secret.s1'], writeOnly: ['azurerm_key_vault_secret.s1 value_wo'], leaves: [] });
  });

  test('a store\'s write-only argument is read in the store\'s block: its each.value is its own item', () => {
    const store = { ...GENERATOR, azurerm_key_vault_secret: { s: { ...secret('a', '${each.value}'), for_each: { x: '${random_password.p.result}' } } } };
    expect(waysBehind(store, '${data.azurerm_key_vault_secret.k_a.value}', { data: lookupOf('a') })).toEqual({
      generators: ['random_password.p'], through: ['azurerm_key_vault_secret.s', 'data.azurerm_key_vault_secret.k_a'], writeOnly: ['azurerm_key_vault_secret.s value_wo'], leaves: [],
    });
  });

  test('a store given null write-only, or text around the password, ends the way without a generator', () => {
    expect(waysBehind({ azurerm_key_vault_secret: { s: secret('a', null) } }, '${data.azurerm_key_vault_secret.k_a.value}', { data: lookupOf('a') }))
      .toEqual({ generators: [], through: [], writeOnly: [], leaves: ['data.azurerm_key_vault_secret.k_a.value'] });
    expect(waysBehind({ azurerm_key_vault_secret: { s: secret('a', '${sensitive("x")}') } }, '${data.azurerm_key_vault_secret.k_a.value}', { data: lookupOf('a') })).toEqual({
      generators: [],
      through: ['azurerm_key_vault_secret.s', 'data.azurerm_key_vault_secret.k_a'],
      writeOnly: ['azurerm_key_vault_secret.s value_wo'],
      leaves: ['azurerm_key_vault_secret.s.value_wo (not written from references alone)', 'data.azurerm_key_vault_secret.k_a.value'],
    });
  });

  test('a value read whole holds text when any of its items is text; references and nulls alone hold none', () => {
    const relay = (input: object) => ({ ...GENERATOR, terraform_data: { t: { input } } });
    expect(waysBehind(relay({ a: '${random_password.p.result}', b: 'literal' }), '${terraform_data.t.output}'))
      .toEqual({ generators: ['random_password.p'], through: ['terraform_data.t'], writeOnly: [], leaves: ['terraform_data.t.output'] });
    expect(waysBehind(relay({ a: '${random_password.p.result}', b: null }), '${terraform_data.t.output}'))
      .toEqual({ generators: ['random_password.p'], through: ['terraform_data.t'], writeOnly: [], leaves: [] });
    expect(waysBehind(relay(['${random_password.p.result}']), '${terraform_data.t.output[0]}'))
      .toEqual({ generators: ['random_password.p'], through: ['terraform_data.t'], writeOnly: [], leaves: [] });
  });

  test('a module a lookup may read a store of is a way\'s end, no store', () => {
    const stores = { ...GENERATOR, azurerm_key_vault_secret: { s: secret('a', '${random_password.p.result}') } };
    const data = { azurerm_key_vault_secret: { k: { name: '${var.name}', key_vault_id: '${var.kv}' } } };
    expect(waysBehind(stores, '${data.azurerm_key_vault_secret.k.value}', { data, sections: { module: { m: { source: './m' } } } })).toEqual({
      generators: ['random_password.p'],
      through: ['azurerm_key_vault_secret.s', 'data.azurerm_key_vault_secret.k'],
      writeOnly: ['azurerm_key_vault_secret.s value_wo'],
      leaves: ['data.azurerm_key_vault_secret.k.value', 'module.m'],
    });
  });

  test('a lookup read whole is unreadable', () => {
    expect(waysBehind({ azurerm_key_vault_secret: { s: secret('a', '${random_password.p.result}') } }, '${data.azurerm_key_vault_secret.k_a}', { data: lookupOf('a') }))
      .toBe('reads data.azurerm_key_vault_secret.k_a whole or by an attribute known only later, which the checks do not follow');
  });

  describe('a scope without parts of the stack: what it lacks is no generator, and the way ends there', () => {
    const data = { aws_secretsmanager_random_password: { g: {} } };
    const resources = { ...GENERATOR, azurerm_key_vault_secret: { s: secret('a', '${random_password.p.result}') } };
    const cases: [string, string][] = [
      ['random_password.p.result', 'random_password.p'],
      ['data.aws_secretsmanager_random_password.g.random_password', 'data.aws_secretsmanager_random_password.g'],
      ['azurerm_key_vault_secret.s.value', 'random_password.p'],
    ];
    test.each<[string, (scope: EchoScope) => EchoScope, string[]]>([
      ['no stack', () => ({}), []],
      ['no blocks', () => ({ stack: {} }), []],
      ['resources only', (scope) => ({ stack: { resources: scope.stack!.resources } }), ['random_password.p.result', 'azurerm_key_vault_secret.s.value']],
      ['lookups only', (scope) => ({ stack: { lookups: scope.stack!.lookups } }), ['data.aws_secretsmanager_random_password.g.random_password']],
    ])('%s', (_, scopeOf, found) => {
      for (const [reference, generator] of cases) {
        const ways = waysBehind(resources, `\${${reference}}`, { data, scopeOf });
        expect([reference, typeof ways === 'string' ? ways : ways.generators.length > 0 ? ways.generators : ways.leaves])
          .toEqual([reference, found.includes(reference) ? [generator] : [reference]]);
      }
    });
  });

  describe('what a generator makes: a random_password\'s result or hash; any attribute of another random_* generator', () => {
    const keyed = { random_password: { p: { length: 32, for_each: { ab: 1, 'a.b': 2, '': 3 } } } };
    const counted = { random_password: { p: { length: 32, count: 2 } } };
    test.each<[string, object, string]>([
      ['an instance\'s result by a key of two characters', keyed, '${random_password.p["ab"].result}'],
      ['an instance\'s hash by a key holding a dot', keyed, '${random_password.p["a.b"].bcrypt_hash}'],
      ['an instance\'s result by a key of no character', keyed, '${random_password.p[""].result}'],
      ['an instance\'s result by an index', counted, '${random_password.p[1].result}'],
      ['a splat\'s result', counted, '${random_password.p[*].result[0]}'],
      ['its result as a key', GENERATOR, '${random_password.p[ "result" ]}'],
      ['a random_string\'s id', { random_string: { p: { length: 32 } } }, '${random_string.p.id}'],
      ['a random_string whole', { random_string: { p: { length: 32 } } }, '${random_string.p}'],
    ])('%s', (_, resources, password) => {
      expect(generatorsBehind(resources, password)).toEqual([password.startsWith('${random_string') ? 'random_string.p' : 'random_password.p']);
    });

    // A random_password read whole is no password: a function may pick its public id ("none") or a flag of it (thirteenth pass, stop 66).
    test.each<[string, object, string]>([
      ['an instance\'s id by a key', keyed, '${random_password.p["ab"].id}'],
      ['an instance\'s id by an index', counted, '${random_password.p[0].id}'],
      ['a splat\'s id', counted, '${random_password.p[*].id[0]}'],
      ['the block whole', GENERATOR, '${random_password.p}'],
      ['an instance whole, its key holding a dot', keyed, '${random_password.p["a.b"]}'],
      ['an instance whole by an index', counted, '${random_password.p[1]}'],
      ['its id as a key', GENERATOR, '${random_password.p["id"]}'],
      ['its id looked up', GENERATOR, '${lookup(random_password.p, "id")}'],
      ['one of its values', GENERATOR, '${values(random_password.p)[1]}'],
      ['its result past a key it has no instance of', GENERATOR, '${random_password.p[0].result}'],
    ])('%s is no password it makes', (_, resources, password) => {
      expect(generatorsBehind(resources, password)).toMatch(/^reads .*, which is no password random_password\.p makes$/);
    });
  });
});
