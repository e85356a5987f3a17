// What a plain reference reads back of the configuration (echoed-arguments.ts echoOf), on the stack model directly: the steps of a
// reference (names, quoted keys, indexes, splats), instances, aliases, write-only arguments, dynamic blocks, an item of a for_each
// bound to the blocks it names, and what fails closed. The eighth mutation pass (docs/mutation-testing.md): each case pins a
// behaviour a surviving mutant changed; the echoes are asserted whole (every value, in order), the reasons word for word.
import { Echo, EchoScope, echoOf } from '../../../../lib/checks/echoed-arguments';
import { isUnknown } from '../../../../lib/checks/hcl-expression';
import { buildStackModel, TerraformBlock } from '../../../../lib/checks/stack-model';

/** The scope echoOf reads in a stack: its resources and data sources, and the block that writes the password. */
function scopeOf(terraform: object, block?: TerraformBlock): EchoScope {
  const model = buildStackModel(terraform);
  return { stack: { resources: model.resources, lookups: model.lookups }, block };
}

/** An echo as plain data: each value known only later as `~expression`, inside a list or object as its JSON text. */
function shown(echo: Echo | undefined): unknown {
  if (echo === undefined || 'unreadable' in echo) return echo;
  return echo.values.map((value) => (isUnknown(value) ? `~${value.expression}` : value === null ? null : JSON.parse(JSON.stringify(value))));
}

const echo = (reference: string, terraform: object, block?: TerraformBlock) => shown(echoOf(reference, scopeOf(terraform, block)));
const unreadable = (text: string) => ({ unreadable: text });
const whole = (reference: string, address: string) => unreadable(`${reference === address ? address : `${reference} reads ${address}`} whole or by an attribute known only later, which the checks do not follow`);

const STACK = {
  resource: {
    terraform_data: {
      pw: { input: 's3cret' },
      obj: { input: { a: 'x', b: 'y', '0': 'zero' } },
      list: { input: ['l0', 'l1'] },
      many: { for_each: { a: 'x', b: 'y' }, input: '${each.value}' },
      counted: { count: 2, input: 'c' },
      laterlit: { for_each: '${var.m}', input: 'lit' },
      st: { store: { input: 'w', sensitive: true } },
      wo: { input_wo: 'w' },
      nl: { for_each: { a: 'x' }, input: ['${each.value}', null] },
      ci: { count: '${var.n}', input: '${count.index}' },
      cnt: { count: 2, input: 'n-${count.index}' },
    },
    azurerm_key_vault_secret: { s: { name: 'n', value: 'v', value_wo: 'w', key_vault_id: 'k' } },
    null_resource: { n: { triggers: { password: 'p', other: 'o' } } },
    azurerm_container_group: {
      c: { name: 'c', dynamic: { container: { for_each: ['a'], content: { name: 'a', env: { P: 'dyn' } } } } },
      d: { name: 'd', container: [{ name: 's', env: { P: 'static' } }], dynamic: { container: { for_each: ['a'], content: { name: 'a', env: { P: 'dyn' } } } } },
      ex: { name: 'i', dynamic: { container: { for_each: ['a'], content: '${var.c}' } } },
      lit: { name: 'i', dynamic: { container: { for_each: '${var.m}', content: { name: 'n', env: { P: '${container.value}' } } } } },
      litmix: { name: 'i', dynamic: { container: [{ for_each: '${var.m}', iterator: 'x', content: { name: 'n', env: { P: 'a' } } }, { for_each: '${var.m}', iterator: 'y', content: { name: 'n', env: { P: '${y.value}' } } }] } },
    },
  },
  data: {
    template_file: { t: { template: 'tpl' }, v: { template: '$${p}', vars: { p: 'x' } } },
    terraform_remote_state: { r: { backend: 'local', defaults: { p: 'def' } } },
  },
  module: { m: { source: './m', password: 'lit' } },
  variable: { m: { type: 'map' }, n: {}, c: {} },
};

describe('the steps of a reference', () => {
  test.each<[string, unknown]>([
    ['terraform_data.pw.output', ['s3cret']],
    ['terraform_data.pw.input', ['s3cret']],
    ['terraform_data.pw.sensitive_output', ['s3cret']],
    ['terraform_data.obj.output["b"]', ['y']],
    ['terraform_data.obj.output.b', ['y']],
    // A quoted key JSON does not read is any key; so are a splat, an index known only later and a key the value does not have.
    ['terraform_data.obj.output["\\q"]', ['zero', 'x', 'y']],
    ['terraform_data.obj.output[*]', ['zero', 'x', 'y']],
    ['terraform_data.obj.output.*', ['zero', 'x', 'y']],
    ['terraform_data.obj.output.zz', ['zero', 'x', 'y']],
    // An object with a key "0": [0] is that key, not the object read as a list of one.
    ['terraform_data.obj.output["0"]', ['zero']],
    ['terraform_data.obj.output[0]', ['zero']],
    ['terraform_data.list.output[1]', ['l1']],
    ['terraform_data.list.output[*]', ['l0', 'l1']],
    ['terraform_data.list.output[var.i]', ['l0', 'l1']],
    ['null_resource.n.triggers.password', ['p']],
    ['null_resource.n.triggers["other"]', ['o']],
    // A nested block written as one object is read as its list's first item too.
    ['terraform_data.st.store.output', ['w']],
    ['terraform_data.st.store[0].sensitive_output', ['w']],
    ['terraform_data.st.store.input', ['w']],
    ['data.terraform_remote_state.r.outputs.p', ['def']],
    ['data.terraform_remote_state.r.outputs', [{ p: 'def' }]],
    ['data.template_file.t.rendered', ['tpl']],
  ])('%s', (reference, expected) => {
    expect(echo(reference, STACK)).toEqual(expected);
  });

  test.each([
    ['terraform_data.pw.output["a"', unreadable('terraform_data.pw.output["a" reads terraform_data.pw in a way the checks do not read')],
    ['terraform_data.pw', whole('terraform_data.pw', 'terraform_data.pw')],
    ['terraform_data.pw[*]', whole('terraform_data.pw[*]', 'terraform_data.pw')],
    ['data.template_file.v.rendered', unreadable('data.template_file.v.rendered reads data.template_file.v.rendered, a template with vars the checks do not render')],
  ])('%s fails closed', (reference, expected) => {
    expect(echo(reference, STACK)).toEqual(expected);
  });

  // A name after a block with count or for_each that is none of its keys is its attribute, of every instance: the stack's aliasing
  // writes `m[0].output` as `m.output` (instance-references.ts; 46th run, A46a-1).
  test.each([
    ['terraform_data.many.output', ['x', 'y']],
    ['terraform_data.counted.output', ['c']],
  ])('%s reads the attribute of every instance', (reference, values) => {
    expect(echo(reference, STACK)).toEqual(values);
  });

  test.each([
    'terraform_data.pw.id',
    'var.p',
    'terraform_data.none.output',
    // A write-only argument's resource attribute that is not written (value only is written here).
    'null_resource.n.id',
  ])('%s reads back no argument', (reference) => {
    expect(echo(reference, STACK)).toBeUndefined();
  });

  // A module's output may be any secret it is given (module-inputs.ts; 54th run, A50a-5): of any name, its secret-named inputs.
  test.each(['module.m.password', 'module.m.other', 'module.m'])('%s reads back the secrets the module is given', (reference) => {
    expect(echo(reference, STACK)).toEqual(['lit']);
  });

  test('write-only arguments read as null, whether written or not', () => {
    expect(echo('azurerm_key_vault_secret.s.value_wo', STACK)).toEqual([null]);
    expect(echo('terraform_data.wo.input_wo', STACK)).toEqual([null]);
    expect(echo('terraform_data.pw.input_wo', STACK)).toEqual([null]);
    // `_wo` ends the name: an argument with `_wo` inside is read as any other.
    expect(echo('null_resource.n.triggers', { resource: { null_resource: { n: { triggers: { a: 'b' } } }, x_wo_y: { n: { key_wo_x: 'k' } } } })).toEqual([{ a: 'b' }]);
    expect(echo('x_wo_y.n.key_wo_x', { resource: { x_wo_y: { n: { key_wo_x: 'k' } } } })).toEqual(['k']);
  });

  test('without a stack nothing is read back', () => {
    expect(echoOf('terraform_data.pw.output', undefined)).toBeUndefined();
    expect(echoOf('terraform_data.pw.output', {})).toBeUndefined();
  });

  test('a template with vars is refused only for template_file\'s template', () => {
    const stack = { data: { other: { t: { template: 'tpl', vars: { p: 'x' } } }, template_file: { t: { template: 'tpl', vars: { p: 'x' } } } }, resource: { template_file: { r: { template: 'tpl', vars: { p: 'x' } } } } };
    expect(echo('data.other.t.template', stack)).toEqual(['tpl']);
    expect(echo('data.template_file.t.vars.p', stack)).toEqual(['x']);
    expect(echo('data.template_file.t.template', stack)).toEqual(unreadable('data.template_file.t.template reads data.template_file.t.rendered, a template with vars the checks do not render'));
  });
});

describe('instances', () => {
  test.each<[string, unknown]>([
    ['terraform_data.many["a"].output', ['x']],
    ['terraform_data.many.a.output', ['x']],
    ['terraform_data.many[*].output', ['x', 'y']],
    ['terraform_data.counted[0].output', ['c']],
    ['terraform_data.laterlit["a"].output', ['lit']],
    // An instance the evaluator does not know: the block's own configuration.
    ['terraform_data.many["z"].output', ['~each.value']],
    ['terraform_data.nl["a"].output[*]', ['x', null]],
    ['terraform_data.nl["a"].output', [['x', null]]],
  ])('%s', (reference, expected) => {
    expect(echo(reference, STACK)).toEqual(expected);
  });

  test.each([
    ['terraform_data.ci[0].output', 'terraform_data.ci'],
    ['terraform_data.cnt[1].output', 'terraform_data.cnt'],
    ['terraform_data.cnt[*].output', 'terraform_data.cnt'],
  ])('%s reads the count the checks do not read', (reference, address) => {
    expect(echo(reference, STACK)).toEqual(unreadable(`${reference} reads ${address}.input, which reads the block's count or for_each the checks do not read`));
  });
});

describe('dynamic blocks', () => {
  test.each<[string, unknown]>([
    ['azurerm_container_group.c.container[0].env.P', ['dyn']],
    ['azurerm_container_group.c.container.env.P', ['dyn']],
    ['azurerm_container_group.c.container[*].env["P"]', ['dyn']],
    ['azurerm_container_group.c.container[0].name', ['a']],
    ['azurerm_container_group.d.container[0].env.P', ['static', 'dyn']],
    ['azurerm_container_group.lit.container[0]', [{ name: 'n', env: { P: '${container.value}' } }]],
  ])('%s', (reference, expected) => {
    expect(echo(reference, STACK)).toEqual(expected);
  });

  test('a content known only later fails closed', () => {
    expect(echo('azurerm_container_group.ex.container[0].env.P', STACK)).toEqual(
      unreadable('azurerm_container_group.ex.container[0].env.P reads azurerm_container_group.ex: a dynamic "container" block\'s content is known only later'),
    );
  });
});

describe('an item of a for_each that names blocks (each.value) is read as those blocks', () => {
  const terraform = {
    resource: {
      random_password: { many: { for_each: { a: 'x' }, length: 3 } },
      terraform_data: { echo: { for_each: { a: 'x' }, input: 's3cret' } },
      azurerm_key_vault_secret: {
        kv: { for_each: '${random_password.many}', name: '${each.key}', value: '${each.value.result}', key_vault_id: 'k' },
        kw: { for_each: '${random_password.many}', name: '${each.key}', value: 'p-${each.value.result}', key_vault_id: 'k' },
        ke: { for_each: '${terraform_data.echo}', name: '${each.key}', value: '${each.value.output}', key_vault_id: 'k' },
      },
    },
  };
  test.each<[string, unknown]>([
    ['azurerm_key_vault_secret.kv["a"].value', ['~random_password.many[*].result']],
    ['azurerm_key_vault_secret.kv[*].value', ['~random_password.many[*].result']],
    ['azurerm_key_vault_secret.kw["a"].value', ['~p-${each.value.result}']],
    ['azurerm_key_vault_secret.ke["a"].value', ['~terraform_data.echo[*].output']],
  ])('%s', (reference, expected) => {
    expect(echo(reference, terraform)).toEqual(expected);
  });

  test('each.value read in the block that writes the password', () => {
    const model = buildStackModel(terraform);
    const scope = (name: string) => ({ stack: { resources: model.resources, lookups: model.lookups }, block: model.resources.get(`azurerm_key_vault_secret.${name}`)!.config });
    expect(shown(echoOf('each.value.output', scope('ke')))).toEqual(['s3cret']);
    expect(shown(echoOf('each.value.result', scope('kv')))).toBeUndefined();
    // A generator read whole gives its keepers only, none here (60th run, A60a-6); another block read whole is unreadable.
    expect(shown(echoOf('each.value', scope('kv')))).toBeUndefined();
    expect(shown(echoOf('each.value', scope('ke')))).toEqual(whole('each.value', 'terraform_data.echo'));
    // Without the block, or over a for_each that is no plain reference, each.value is no block.
    expect(shown(echoOf('each.value.output', { stack: scope('ke').stack }))).toBeUndefined();
    expect(shown(echoOf('each.value.output', { ...scope('ke'), block: { for_each: { a: 'x' } } }))).toBeUndefined();
  });
});

describe('arguments that read the block\'s count, for_each or self fail closed, wherever the reference is in them', () => {
  const terraform = {
    resource: {
      terraform_data: {
        se: { count: 1, input: '${self.triggers_replace}' },
        two: { count: '${var.n}', input: 'n-${count.index}-${var.p}' },
        arr: { count: '${var.n}', input: ['x', '${count.index}'] },
        ob: { count: '${var.n}', input: { a: 'x', b: '${count.index}' } },
        fine: { count: '${var.n}', input: ['x', { a: '${var.p}' }] },
      },
    },
    variable: { n: {}, p: {} },
  };
  test.each(['se', 'two', 'arr', 'ob'])('%s', (name) => {
    expect(echo(`terraform_data.${name}[0].output`, terraform)).toEqual(
      unreadable(`terraform_data.${name}[0].output reads terraform_data.${name}.input, which reads the block's count or for_each the checks do not read`),
    );
  });
  test('an argument of a counted block that reads none of them is read', () => {
    expect(echo('terraform_data.fine[0].output', terraform)).toEqual([['x', { a: '${var.p}' }]]);
    expect(echo('terraform_data.fine[0].output[1].a', terraform)).toEqual(['~var.p']);
  });
});

describe('a dynamic block inside a dynamic block whose content reads its own iterator fails closed', () => {
  const group = (volume: object) => ({ resource: { azurerm_container_group: { g: { name: 'i', dynamic: { container: { for_each: '${var.m}', content: { name: 'n', dynamic: { volume } } } } } } }, variable: { m: {} } });
  const reference = 'azurerm_container_group.g.container[0].volume[0].secret.s';
  const reads = unreadable(`${reference} reads azurerm_container_group.g: a dynamic "volume" block's content reads its iterator, which the checks do not bind`);
  test.each<[string, object, unknown]>([
    ['its default iterator', { for_each: '${container.value.vols}', content: { secret: { s: '${volume.value}' } } }, reads],
    ['a named iterator', { for_each: '${container.value.vols}', iterator: 'vol', content: { secret: { s: '${vol.value}' } } }, reads],
    ['a named iterator, in HCL JSON\'s list form', [{ for_each: '${container.value.vols}', iterator: 'vol', content: { secret: { s: '${vol.value}' } } }], reads],
    ['a variable', { for_each: '${container.value.vols}', content: { secret: { s: '${var.m}' } } }, ['~var.m']],
  ])('%s', (_name, volume, expected) => {
    expect(echo(reference, group(volume))).toEqual(expected);
  });
});

test('each.value of another block is not read through the block that writes the password', () => {
  const model = buildStackModel({ resource: { terraform_data: { pw: { input: 's3cret' } }, random_password: { many: { for_each: { a: 'x' }, length: 3 } }, azurerm_key_vault_secret: { kv: { for_each: '${random_password.many}', name: 'n', value: '${terraform_data.pw.output}', key_vault_id: 'k' } } } });
  const scope = { stack: { resources: model.resources, lookups: model.lookups }, block: model.resources.get('azurerm_key_vault_secret.kv')!.config };
  expect(shown(echoOf('terraform_data.pw.output', scope))).toEqual(['s3cret']);
});

describe('more steps', () => {
  const terraform = {
    resource: {
      terraform_data: {
        list: { input: ['l0', 'l1'] },
        empty: { input: [] },
        deep: { input: { a: { b: 'x', c: 'y' } } },
        nl: { for_each: { a: 'x' }, input: ['${each.value}', null] },
        self: { input: '${self.triggers_replace}' },
        selfs: { for_each: { a: 'x' }, input: '${self.triggers_replace}' },
      },
      null_resource: { n: { triggers: { password: 'p', other: 'o' } } },
    },
  };
  test.each<[string, unknown]>([
    ['terraform_data.list.output[0]', ['l0']],
    ['terraform_data.empty.output[0]', undefined],
    ['terraform_data.deep.output.a.b', ['x']],
    ['terraform_data.deep.output["a"]["c"]', ['y']],
    // `.0` is a key of a map (any of its values when it has no such key); `[0]` of a block written as one object is that object.
    ['null_resource.n.triggers.0', ['p', 'o']],
    ['null_resource.n.triggers[0]', [{ password: 'p', other: 'o' }]],
    ['terraform_data.nl["a"].output[*].x', ['x', null]],
    // self is read as written outside count and for_each, and in an instance of a for_each the checks know.
    ['terraform_data.self.output', ['~self.triggers_replace']],
    ['terraform_data.selfs["a"].output', ['~self.triggers_replace']],
  ])('%s', (reference, expected) => {
    expect(echo(reference, terraform)).toEqual(expected);
  });
});

describe('which blocks of a dynamic block an index reads: every one, whatever the index', () => {
  const terraform = { resource: { azurerm_container_group: { c: { name: 'c', dynamic: { container: { for_each: ['a'], content: { name: 'a', env: { P: 'dyn' } } } } } } } };
  test.each<[string, unknown]>([
    ['azurerm_container_group.c.container[10].env.P', ['dyn']],
    // A quoted key is no index: it is read in the block, whose values are all read when it has no such key.
    ['azurerm_container_group.c.container["a"].env.P', ['a', 'dyn']],
    ['azurerm_container_group.c.container["1x"].env.P', ['a', 'dyn']],
    ['azurerm_container_group.c.container["x1"].env.P', ['a', 'dyn']],
    ['azurerm_container_group.c.container', [{ name: 'a', env: { P: 'dyn' } }]],
  ])('%s', (reference, expected) => {
    expect(echo(reference, terraform)).toEqual(expected);
  });

  test('an instance of a block with dynamic blocks, and a count read outside the dynamic block', () => {
    const blocks = {
      resource: {
        azurerm_container_group: {
          fe: { for_each: { a: 'x' }, name: 'n', dynamic: { container: { for_each: ['a'], content: { name: 'a', env: { P: 'dyn' } } } } },
          cg: { count: '${var.n}', name: 'g-${count.index}', dynamic: { container: { for_each: ['a'], content: { name: 'a', env: { P: 'dyn' } } } } },
          cd: { count: '${var.n}', name: 'g', dynamic: { container: { for_each: ['a'], content: { name: 'a', env: { P: '${count.index}' } } } } },
        },
      },
      variable: { n: {} },
    };
    expect(echo('azurerm_container_group.fe["a"].container[0].env.P', blocks)).toEqual(['dyn']);
    expect(echo('azurerm_container_group.cg[0].container[0].env.P', blocks)).toEqual(['dyn']);
    expect(echo('azurerm_container_group.cd[0].container[0].env.P', blocks)).toEqual(
      unreadable('azurerm_container_group.cd[0].container[0].env.P reads azurerm_container_group.cd.container, which reads the block\'s count or for_each the checks do not read'),
    );
  });

  test('an iterator read beside a block that reads none still fails closed', () => {
    const content = { name: 'n', volume: [{ secret: { s: 'x' } }], dynamic: { volume: { for_each: '${container.value.vols}', content: { secret: { s: '${volume.value}' } } } } };
    const terraform2 = { resource: { azurerm_container_group: { g: { name: 'i', dynamic: { container: { for_each: '${var.m}', content } } } } }, variable: { m: {} } };
    const reference = 'azurerm_container_group.g.container[0].volume[0].secret.s';
    expect(echo(reference, terraform2)).toEqual(unreadable(`${reference} reads azurerm_container_group.g: a dynamic "volume" block's content reads its iterator, which the checks do not bind`));
  });
});

test('a value of an instance that is the for_each itself stays as written', () => {
  const terraform = { resource: { random_password: { many: { for_each: { a: 'x' }, length: 3 } }, terraform_data: { t: { for_each: '${random_password.many}', input: '${random_password.many}' } } } };
  expect(echo('terraform_data.t["a"].output', terraform)).toEqual(['~random_password.many']);
});

test('an instance of a literal for_each that writes a reference gives it as it is', () => {
  const terraform = { resource: { terraform_data: { many: { for_each: { a: 'x' }, input: '${var.p}' } } }, variable: { p: {} } };
  expect(echo('terraform_data.many["a"].output', terraform)).toEqual(['~var.p']);
});

test('a block with instance keys but no reader of its instances is read as its own configuration', () => {
  const config = { for_each: { a: 'x' }, input: 'own' };
  const resources = new Map([['terraform_data.h', { type: 'terraform_data', name: 'h', address: 'terraform_data.h', config, certain: true, instanceKeys: ['a'] }]]);
  expect(shown(echoOf('terraform_data.h["a"].output', { stack: { resources } }))).toEqual(['own']);
});
