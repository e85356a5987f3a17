// A password read back from an argument the stack writes (43rd run, A43b-1): a plain reference to an attribute of a block in the
// stack that gives a written argument back (`terraform_data.pw.output` with `input = "s3cret"`, a Key Vault secret resource's
// `value`, `local_file.f.content`, `null_resource.n.triggers`) is that argument, read with the same reader (echoed-arguments.ts
// echoOf): a literal fails every password rule, a reference is followed again; a computed attribute, a data source's secret, a
// variable and a module's output pass as before.
import { databaseStack, passwordRole } from './database-fixtures';
import { ALL_FAIL, ALL_PASS, modelStatuses } from './password-rule-statuses';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

const SECRET = 'Lit3ralS3cret-9e2a';
const VAULT = '/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v';

/** Blocks that write `written` as the argument each reads back. */
function holders(written: unknown): { [type: string]: object } {
  return {
    terraform_data: {
      pw: { input: written }, obj: { input: { password: written } }, many: { for_each: { a: 'x', b: 'y' }, input: written },
      // Terraform 1.17's store block: its write-only input is copied to the block's output or sensitive_output.
      st: { store: { input: written, sensitive: true } },
    },
    azurerm_key_vault_secret: { s: { name: 'pg', value: written, key_vault_id: VAULT } },
    local_file: { f: { filename: 'pw.txt', content: written } },
    local_sensitive_file: { f: { filename: 'pw.txt', content: written } },
    null_resource: { n: { triggers: { password: written } } },
    random_password: { rp: { length: 32, keepers: { seed: written } } },
  };
}

/** A stack that writes `password` (a reference) as the server's, a role's, its provider's password, an options password and in a conninfo. */
function stackWith(password: string, written: unknown, iteration: object = {}): object {
  const stack = databaseStack({
    postgresql_role: { app: passwordRole('app', { password, ...iteration }) },
    postgresql_user_mapping: { um: { server_name: 'dw', user_name: 'etl', options: { user: 'u', password }, ...iteration } },
    postgresql_subscription: { sub: { name: 'sub', database: 'app', publications: ['p'], conninfo: `host=pub user=repl password=${password}`, ...iteration } },
  }) as { provider: { postgresql: object[] }; resource: { [type: string]: object } };
  return {
    ...stack,
    provider: { postgresql: [{ ...stack.provider.postgresql[0], password }] },
    resource: {
      ...stack.resource,
      ...holders(written),
      [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: password }) },
    },
    variable: { p: { type: 'string', sensitive: true } },
  };
}

const statuses = (stack: object) => modelStatuses(stack, SECRET);

const ECHOES = [
  '${terraform_data.pw.output}',
  '${terraform_data.pw.input}',
  '${terraform_data.obj.output.password}',
  '${terraform_data.obj.output["password"]}',
  '${terraform_data.many["a"].output}',
  '${terraform_data.many[*].output[0]}',
  '${terraform_data.st.store.sensitive_output}',
  '${terraform_data.st.store[0].output}',
  '${azurerm_key_vault_secret.s.value}',
  '${local_file.f.content}',
  '${local_sensitive_file.f.content}',
  '${null_resource.n.triggers.password}',
  '${null_resource.n.triggers["password"]}',
  '${random_password.rp.keepers.seed}',
  '${sensitive(azurerm_key_vault_secret.s.value)}',
  '${var.p}${terraform_data.pw.output}',
];

describe('a reference to an argument the stack writes as a literal fails every password rule', () => {
  test.each(ECHOES)('%s', (password) => {
    expect(statuses(stackWith(password, SECRET))).toEqual(ALL_FAIL);
  });

  test('through a chain of echoes (a Key Vault secret resource whose value is a terraform_data output)', () => {
    const stack = stackWith('${azurerm_key_vault_secret.s2.value}', SECRET) as { resource: { [type: string]: { [name: string]: object } } };
    stack.resource.azurerm_key_vault_secret.s2 = { name: 'pg2', value: '${terraform_data.pw.output}', key_vault_id: VAULT };
    expect(statuses(stack)).toEqual(ALL_FAIL);
  });

  test('each.value.output over a for_each on the echoing block (A43b-1): a role, a user mapping, a subscription', () => {
    const found = statuses(stackWith('${each.value.output}', SECRET, { for_each: '${terraform_data.many}' }));
    expect([found['PGD-IAM-2'], found['PGD-IAM-15']]).toEqual([['fail'], ['fail']]);
  });
});

describe('a reference read back from an argument that is itself a reference, or computed, passes', () => {
  test.each([
    ['${var.p}'],
    ['${random_password.rp.result}'],
    ['${sensitive(data.azurerm_key_vault_secret.kv.value)}'],
  ])('the written argument is %s', (written) => {
    for (const password of ['${terraform_data.pw.output}', '${terraform_data.st.store.sensitive_output}', '${terraform_data.st.store[0].output}', '${azurerm_key_vault_secret.s.value}', '${local_file.f.content}', '${null_resource.n.triggers.password}']) {
      expect({ password, ...statuses(stackWith(password, written)) }).toEqual({ password, ...ALL_PASS });
    }
  });

  test.each([
    ['${random_password.rp.result}'],
    ['${data.azurerm_key_vault_secret.kv.value}'],
    ['${module.secrets.password}'],
    ['${var.p}'],
    ['${azurerm_key_vault_secret.s.value_wo}'],
  ])('%s beside blocks that write literals', (password) => {
    expect(statuses(stackWith(password, SECRET))).toEqual(ALL_PASS);
  });
  // 85th run, A85c-2: a block's ID is no secret (the plan shows it), so a password read from one fails.
  test('${terraform_data.pw.id} beside blocks that write literals fails: an ID is no secret', () => {
    expect(statuses(stackWith('${terraform_data.pw.id}', SECRET))).toEqual(ALL_FAIL);
  });
});

describe('an argument written from the item of a for_each known only later is read as the collection\'s items (50th run, A50a-6)', () => {
  test('over a variable: an item of the variable, which writes no text', () => {
    const stack = stackWith('${terraform_data.later["a"].output}', SECRET) as { resource: { [type: string]: { [name: string]: object } } };
    stack.resource.terraform_data.later = { for_each: '${var.m}', input: '${each.value}' };
    expect(statuses(stack)).toEqual(ALL_PASS);
  });
  test('over a block that writes literal text: that text', () => {
    const stack = stackWith('${terraform_data.later["a"].output}', SECRET) as { resource: { [type: string]: { [name: string]: object } } };
    stack.resource.terraform_data.src = { input: { a: SECRET } };
    stack.resource.terraform_data.later = { for_each: '${terraform_data.src.output}', input: '${each.value}' };
    expect(statuses(stack)).toEqual(ALL_FAIL);
  });
});

// 44th run (A44b-1, A44b-2): arguments written in a dynamic block, and data sources that give a written argument back under another
// name (terraform_remote_state `outputs` are its `defaults` where the state lacks them; null_data_source `outputs` copy `inputs`).
type Raw = { resource: { [type: string]: { [name: string]: object } }; data?: { [type: string]: { [name: string]: object } } };

/** A container group that writes `env` (secure environment variables) in the dynamic block `dynamic`, beside `extra` arguments. */
function containerGroup(dynamic: object, extra: object = {}): object {
  return { name: 'c', location: 'westeurope', resource_group_name: 'r', os_type: 'Linux', dynamic: { container: dynamic }, ...extra };
}

function withContainer(password: string, group: object): object {
  const stack = stackWith(password, SECRET) as Raw;
  stack.resource.azurerm_container_group = { c: group };
  return stack;
}

const content = (env: unknown) => ({ name: 'a', image: 'i', cpu: 1, memory: 1, secure_environment_variables: { P: env } });

describe('an argument written in a dynamic block is read as the blocks it makes (A44b-1)', () => {
  test.each([
    ['a literal for_each', { for_each: ['a'], content: content(SECRET) }, '${azurerm_container_group.c.container[0].secure_environment_variables["P"]}'],
    ['a for_each known only later', { for_each: '${var.m}', content: content(SECRET) }, '${azurerm_container_group.c.container[0].secure_environment_variables.P}'],
    ['a splat', { for_each: ['a', 'b'], content: content(SECRET) }, '${azurerm_container_group.c.container[*].secure_environment_variables["P"]}'],
    ['a second index', { for_each: ['a', 'b'], content: content(SECRET) }, '${azurerm_container_group.c.container[1].secure_environment_variables["P"]}'],
    ['HCL JSON list forms', [{ for_each: ['a'], content: [content(SECRET)] }], '${azurerm_container_group.c.container[0].secure_environment_variables["P"]}'],
  ])('%s', (_name, dynamic, password) => {
    expect(statuses(withContainer(password, containerGroup(dynamic)))).toEqual(ALL_FAIL);
  });

  test('a dynamic block in a nested block, and a dynamic block beside a static one', () => {
    const nested = { name: 'c', dynamic: { container: { for_each: ['a'], content: { name: 'a', dynamic: { volume: { for_each: ['v'], content: { name: 'v', secret: { s: SECRET } } } } } } } };
    expect(statuses(withContainer('${azurerm_container_group.c.container[0].volume[0].secret.s}', nested))).toEqual(ALL_FAIL);
    const both = containerGroup({ for_each: ['a'], content: content(SECRET) }, { container: [content('${random_password.rp.result}')] });
    expect(statuses(withContainer('${azurerm_container_group.c.container[0].secure_environment_variables["P"]}', both))).toEqual(ALL_FAIL);
  });

  test.each([
    ['its default iterator', { for_each: { a: SECRET }, content: content('${container.value}') }],
    ['a named iterator', { for_each: { a: SECRET }, iterator: 'it', content: content('${it.value}') }],
    ['a content known only later', { for_each: ['a'], content: '${var.c}' }],
  ])('content reading %s fails closed', (_name, dynamic) => {
    expect(statuses(withContainer('${azurerm_container_group.c.container[0].secure_environment_variables["P"]}', containerGroup(dynamic)))).toEqual(ALL_FAIL);
  });

  test.each([
    ['a computed secret', content('${random_password.rp.result}')],
    ['a variable, the iterator read elsewhere in the content', { ...content('${var.p}'), name: '${container.value}' }],
  ])('passes when the content writes %s', (_name, written) => {
    expect(statuses(withContainer('${azurerm_container_group.c.container[0].secure_environment_variables["P"]}', containerGroup({ for_each: ['a'], content: written })))).toEqual(ALL_PASS);
  });

  // 85th run, A85c-2: its ID is computed, but no secret: it fails as such, not as the literal in the dynamic block.
  test('the ID of a block with dynamic blocks fails as no secret', () => {
    expect(statuses(withContainer('${azurerm_container_group.c.id}', containerGroup({ for_each: ['a'], content: content('${var.p}') })))).toEqual(ALL_FAIL);
  });
});

describe('data sources that give a written argument back under another name (A44b-2)', () => {
  function withData(password: string, data: { [type: string]: { [name: string]: object } }): object {
    const stack = stackWith(password, SECRET) as Raw;
    stack.data = { ...stack.data, ...data };
    return stack;
  }
  const remote = (defaults: unknown) => ({ terraform_remote_state: { r: { backend: 'local', config: { path: 'x.tfstate' }, defaults } } });
  const nullData = (inputs: unknown) => ({ null_data_source: { d: { inputs } } });
  const template = (body: object) => ({ template_file: { t: body } });

  test.each([
    ['${data.terraform_remote_state.r.outputs.p}', remote({ p: SECRET })],
    ['${data.terraform_remote_state.r.outputs["p"]}', remote({ p: SECRET })],
    ['${data.null_data_source.d.outputs["p"]}', nullData({ p: SECRET })],
    ['${data.null_data_source.d.outputs.p}', nullData({ p: SECRET })],
    ['${data.template_file.t.rendered}', template({ template: SECRET })],
    ['${data.template_file.t.rendered}', template({ template: '$${p}', vars: { p: SECRET } })],
    ['${data.template_file.t.rendered}', template({ template: '$${p}', vars: { p: '${random_password.rp.result}' } })],
  ])('%s fails', (password, data) => {
    expect(statuses(withData(password, data))).toEqual(ALL_FAIL);
  });

  test.each([
    ['${data.terraform_remote_state.r.outputs.p}', remote({ p: '${random_password.rp.result}' })],
    ['${data.terraform_remote_state.r.outputs.p}', { terraform_remote_state: { r: { backend: 'local', config: { path: 'x.tfstate' } } } }],
    ['${data.null_data_source.d.outputs["p"]}', nullData({ p: '${var.p}' })],
    ['${data.null_data_source.d.random}', nullData({ p: SECRET })],
    ['${data.template_file.t.rendered}', template({ template: '${var.p}' })],
  ])('%s passes', (password, data) => {
    expect(statuses(withData(password, data))).toEqual(ALL_PASS);
  });
});
