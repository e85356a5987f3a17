import { postgresqlProviders } from '../../lib/checks/database-checks';
import { joinStacks } from '../../lib/checks/other-stacks';

// Joining the app's other stacks to the judged one (fifth review, A5-13, A5-14): their blocks are
// renamed, references inside them follow, and cdktf's cross-stack reads become the producer's reference.

const INPUT = 'data.terraform_remote_state.cross-stack-reference-input-data.outputs';

const data = {
  '//': { 'cdktf-azure-postgres-constructs': ['data/Postgres'] },
  'provider': { azurerm: [{ features: [{}] }] },
  'locals': { prefix: 'orders' },
  'variable': { env: { type: 'string' } },
  'module': { net: { source: './net' } },
  'data': { azurerm_client_config: { current: {} } },
  'resource': {
    azurerm_network_security_group: { nsg: { '//': { metadata: { path: 'data/Postgres/SecurityGroup' } }, 'name': '${local.prefix}-nsg' } },
    azurerm_subnet: { subnet: { name: '${var.env}', virtual_network_name: '${module.net.name}', tenant: '${data.azurerm_client_config.current.tenant_id}' } },
    azurerm_subnet_network_security_group_association: { link: { network_security_group_id: '${azurerm_network_security_group.nsg.id}', subnet_id: '${azurerm_subnet.subnet.id}', depends_on: ['azurerm_subnet.subnet'] } },
  },
  'output': {
    'cross-stack-output-nsg-name': { value: '${azurerm_network_security_group.nsg.name}', sensitive: true },
    'cross-stack-output-joined': { value: '${join("-", [azurerm_network_security_group.nsg.name])}', sensitive: true },
  },
};

const ops = {
  '//': { 'cdktf-azure-postgres-suppressions': [] },
  'data': { terraform_remote_state: { 'cross-stack-reference-input-data': { backend: 'local' } } },
  'resource': {
    azurerm_network_security_rule: {
      open: { network_security_group_name: `\${${INPUT}.cross-stack-output-nsg-name}`, description: 'not azurerm_network_security_group.nsg.name' },
      other: { network_security_group_name: `\${${INPUT}.cross-stack-output-joined}`, resource_group_name: '${upper(local.prefix)}' },
    },
  },
  'output': { 'cross-stack-output-rule-id': { value: '${azurerm_network_security_rule.open.id}' } },
};

function joined(): { roots: any[]; result: ReturnType<typeof joinStacks> } {
  const result = joinStacks(ops, 'ops', [{ path: 'data', terraform: data }]);
  return { roots: result.terraform as any[], result };
}

describe('another stack\'s blocks', () => {
  test('are renamed <stack>__<name>, with every reference inside the stack renamed alike', () => {
    const [, other] = joined().roots;
    expect(other).toEqual({
      locals: [{ data__prefix: 'orders' }],
      variable: [{ data__env: { type: 'string' } }],
      // Called without providers, it is given its own stack's default postgresql configurations: none here, not the judged stack's.
      module: [{ data__net: { source: './net', providers: {} } }],
      // Its azurerm blocks are written through its own azurerm provider, renamed (adversarial run of stop 70, B16).
      provider: { azurerm: [{ alias: 'data__:', features: [{}] }] },
      data: [{ azurerm_client_config: [{ data__current: { provider: 'azurerm.data__:' } }] }],
      resource: [{
        azurerm_network_security_group: [{ data__nsg: { '//': { metadata: { path: 'data/Postgres/SecurityGroup' } }, 'name': '${local.data__prefix}-nsg', 'provider': 'azurerm.data__:' } }],
        azurerm_subnet: [{ data__subnet: { name: '${var.data__env}', virtual_network_name: '${module.data__net.name}', tenant: '${data.azurerm_client_config.data__current.tenant_id}', provider: 'azurerm.data__:' } }],
        azurerm_subnet_network_security_group_association: [{
          data__link: { network_security_group_id: '${azurerm_network_security_group.data__nsg.id}', subnet_id: '${azurerm_subnet.data__subnet.id}', depends_on: ['azurerm_subnet.data__subnet'], provider: 'azurerm.data__:' },
        }],
      }],
      // Its outputs keep their names, their values renamed: a read of its state hands them on (A12b-6).
      output: [{
        'cross-stack-output-joined': { sensitive: true, value: '${join("-", [azurerm_network_security_group.data__nsg.name])}' },
        'cross-stack-output-nsg-name': { sensitive: true, value: '${azurerm_network_security_group.data__nsg.name}' },
      }],
    });
  });

  test('keep out their settings and library entries (their own stack is judged on them); their outputs stay for reads of their state (A12b-6), and their providers of the types the checks tie blocks with', () => {
    const [, other] = joined().roots;
    expect(Object.keys(other).sort()).toEqual(['data', 'locals', 'module', 'output', 'provider', 'resource', 'variable']);
  });

  test('are listed by address with the stack each comes from', () => {
    expect([...joined().result.imported]).toEqual([
      ['azurerm_network_security_group.data__nsg', 'data'],
      ['azurerm_subnet.data__subnet', 'data'],
      ['azurerm_subnet_network_security_group_association.data__link', 'data'],
      ['data.azurerm_client_config.data__current', 'data'],
      ['module.data__net', 'data'],
    ]);
  });
});

describe('the judged stack', () => {
  test('reads another stack\'s output as the reference the output holds; other text and expressions are kept', () => {
    const [host] = joined().roots;
    expect(host.resource.azurerm_network_security_rule.open).toEqual({
      network_security_group_name: '${azurerm_network_security_group.data__nsg.name}',
      description: 'not azurerm_network_security_group.nsg.name',
    });
    // An output that is not one plain reference stays a read of the output; the judged stack's own locals are not renamed.
    expect(host.resource.azurerm_network_security_rule.other).toEqual(ops.resource.azurerm_network_security_rule.other);
    expect(host['//']).toEqual(ops['//']);
  });

  test('is the first root of the joined JSON, unchanged when it reads no other stack', () => {
    const plain = { resource: { azurerm_resource_group: { rg: { name: 'rg' } } } };
    const result = joinStacks(plain, 'ops', [{ path: 'data', terraform: data }]);
    expect((result.terraform as unknown[])[0]).toEqual(plain);
    expect(result.resolve({ id: `\${${INPUT}.cross-stack-output-nsg-name}` })).toEqual({ id: '${azurerm_network_security_group.data__nsg.name}' });
  });

  test('a read of a stack that is not joined, or of an output the stack does not have, is kept as written', () => {
    const reads = { a: '${data.terraform_remote_state.cross-stack-reference-input-net.outputs.x}', b: `\${${INPUT}.missing}`, c: '${data.terraform_remote_state.state.outputs.x}' };
    expect(joinStacks({}, 'ops', [{ path: 'data', terraform: data }]).resolve(reads)).toEqual(reads);
  });
});

test('another stack reads the judged stack\'s outputs, and a third stack\'s, in the joined naming', () => {
  const net = { resource: { azurerm_subnet: { s: { name: 'snet' } } }, output: { 'cross-stack-output-s': { value: '${azurerm_subnet.s.id}' } } };
  const consumer = {
    data: { terraform_remote_state: { 'cross-stack-reference-input-ops': {}, 'cross-stack-reference-input-net': {}, 'elsewhere': {} } },
    resource: { azurerm_thing: { t: {
      rule: '${data.terraform_remote_state.cross-stack-reference-input-ops.outputs.cross-stack-output-rule-id}',
      subnet: '${data.terraform_remote_state.cross-stack-reference-input-net.outputs.cross-stack-output-s}',
      other: '${data.terraform_remote_state.elsewhere.outputs.x}',
    } } },
  };
  const result = joinStacks(ops, 'ops', [{ path: 'net', terraform: net }, { path: 'consumer', terraform: consumer }]);
  const third = (result.terraform as any[])[2];
  expect(third.resource[0].azurerm_thing[0].consumer__t).toEqual({
    provider: 'azurerm.consumer__:',
    rule: '${azurerm_network_security_rule.open.id}',
    subnet: '${azurerm_subnet.net__s.id}',
    other: '${data.terraform_remote_state.consumer__elsewhere.outputs.x}',
  });
});

test('stack paths become distinct names that a reference can start with', () => {
  const stack = { resource: { azurerm_x: { y: {} } } };
  const result = joinStacks({}, 'ops', [{ path: 'my.stack', terraform: stack }, { path: 'my-stack', terraform: stack }, { path: '1st', terraform: stack }]);
  expect([...result.imported.keys()]).toEqual(['azurerm_x.my_stack__y', 'azurerm_x._2_my_stack__y', 'azurerm_x._1st__y']);
});

test('show names a renamed block as its own stack does, and leaves other text alone', () => {
  const { show } = joined().result;
  expect(show('azurerm_network_security_group.data__nsg and data.azurerm_client_config.data__current, not azurerm_x.other__y or mydata__z'))
    .toBe('azurerm_network_security_group.nsg (stack "data") and data.azurerm_client_config.current (stack "data"), not azurerm_x.other__y or mydata__z');
});

test('a prefix that a name of the judged stack, or another prefix, starts with is not used: no renamed block takes another\'s address', () => {
  const stack = { resource: { azurerm_x: { y: {} } } };
  const host = { resource: { azurerm_x: { data__y: {} } }, locals: { _2_data__l: 1 } };
  const result = joinStacks(host, 'ops', [{ path: 'data', terraform: stack }, { path: 'data__b', terraform: stack }, { path: 'data', terraform: stack }]);
  expect([...result.imported.keys()]).toEqual(['azurerm_x._3_data__y', 'azurerm_x.data__b__y', 'azurerm_x._4_data__y']);
});

test('a prefix that another prefix starts with, or that starts another, is changed', () => {
  const stack = { resource: { azurerm_x: { y: {} } } };
  const keys = (paths: string[]) => [...joinStacks({}, 'ops', paths.map((path) => ({ path, terraform: stack }))).imported.keys()];
  expect(keys(['a__b', 'a'])).toEqual(['azurerm_x.a__b__y', 'azurerm_x._2_a__y']);
  expect(keys(['a', 'a__b'])).toEqual(['azurerm_x.a__y', 'azurerm_x._2_a__b__y']);
  expect(keys(['ab', 'a'])).toEqual(['azurerm_x.ab__y', 'azurerm_x.a__y']);
});

test('only an output that is one plain reference is followed', () => {
  const outputs = {
    'plain': '${azurerm_x.y.ips[10]}', 'before': 'x${azurerm_x.y.id}', 'after': '${azurerm_x.y.id}x', 'index': '${azurerm_x.y.ips[k]}', 'list': ['${azurerm_x.y.id}'],
  };
  const producer = { resource: { azurerm_x: { y: {} } }, output: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value }])) };
  const reads = Object.fromEntries(Object.keys(outputs).map((name) => [name, `\${data.terraform_remote_state.cross-stack-reference-input-p.outputs.${name}}`]));
  const result = joinStacks(reads, 'ops', [{ path: 'p', terraform: producer }]);
  expect(result.resolve(reads)).toEqual({ ...reads, plain: '${azurerm_x.p__y.ips[10]}' });
});

test('a stack\'s values of every JSON type are kept, and a section it does not have is not made', () => {
  const stack = { resource: { azurerm_x: { y: { count: 2, enabled: true, tags: null, list: [1, 'a.b', { c: false }] } } } };
  const [, other] = joinStacks({}, 'ops', [{ path: 'p', terraform: stack }]).terraform as any[];
  // An azurerm block names its stack's default azurerm configuration, an empty one where the stack writes none (as Terraform gives it).
  expect(other).toEqual({
    resource: [{ azurerm_x: [{ p__y: { count: 2, enabled: true, tags: null, list: [1, 'a.b', { c: false }], provider: 'azurerm.p__:' } }] }],
    provider: { azurerm: [{ alias: 'p__:' }] },
  });
});

test('bodies that are not objects (a malformed list form) are kept as they are, for the model to report', () => {
  const host = [{ resource: { azurerm_x: { h: {} } } }, null, 5];
  const other = [{ resource: [{ azurerm_x: [{ y: {} }, 'x', null] }, null], module: [7], locals: [{ l: 1 }] }, null];
  const result = joinStacks(host, 'ops', [{ path: 'p', terraform: other }]);
  expect((result.terraform as unknown[]).slice(1)).toEqual([{
    resource: [{ azurerm_x: [{ p__y: { provider: 'azurerm.p__:' } }, 'x', null] }, null], module: [7], locals: [{ p__l: 1 }], provider: { azurerm: [{ alias: 'p__:' }] },
  }]);
  expect([...result.imported.keys()]).toEqual(['azurerm_x.p__y']);
});

test('show names the blocks of every joined stack', () => {
  const stack = { resource: { azurerm_x: { y: {} } } };
  const { show } = joinStacks({}, 'ops', [{ path: 'one', terraform: stack }, { path: 'two', terraform: stack }]);
  expect(show('azurerm_x.one__y, azurerm_x.two__y')).toBe('azurerm_x.y (stack "one"), azurerm_x.y (stack "two")');
});

describe('a read of a stack whose name is not spelled as cdktf spells it (a folder without its manifest, renamed, or of a nested stack)', () => {
  const producer = { resource: { azurerm_x: { y: {} } }, output: { 'cross-stack-output-y': { value: '${azurerm_x.y.id}' } } };
  const read = { id: '${data.terraform_remote_state.cross-stack-reference-input-Group--data.outputs.cross-stack-output-y}' };

  test('cdktf\'s spelling of a nested stack\'s path, or of one with other characters, is matched', () => {
    expect(joinStacks(read, 'ops', [{ path: 'Group/data', terraform: producer }]).resolve(read)).toEqual({ id: '${azurerm_x.Group_data__y.id}' });
    const dotted = { id: '${data.terraform_remote_state.cross-stack-reference-input-datav2.outputs.cross-stack-output-y}' };
    expect(joinStacks(dotted, 'ops', [{ path: 'data.v2', terraform: producer }]).resolve(dotted)).toEqual({ id: '${azurerm_x.data_v2__y.id}' });
  });

  test('reads the only stack that has the output', () => {
    expect(joinStacks(read, 'ops', [{ path: 'database', terraform: producer }, { path: 'net', terraform: {} }]).resolve(read)).toEqual({ id: '${azurerm_x.database__y.id}' });
  });

  test('is kept as written when two stacks have the output', () => {
    expect(joinStacks(read, 'ops', [{ path: 'one', terraform: producer }, { path: 'two', terraform: producer }]).resolve(read)).toEqual(read);
  });
});

describe('another stack\'s postgresql providers (37th run, A37a-3)', () => {
  const other = {
    terraform: { required_providers: { pg2: { source: 'cyrilgdn/postgresql' }, fork: { source: 'someone/postgresql' } } },
    provider: { postgresql: [{ host: 'h-default' }, { alias: 'a', host: 'h-a' }], pg2: [{ host: 'h-pg2' }, { alias: 'a', host: 'h-pg2-a' }], fork: [{ host: 'h-fork' }] },
    resource: { postgresql_role: {
      d: { name: 'd' }, da: { provider: 'postgresql.a', name: 'da' }, p: { provider: 'pg2', name: 'p' }, pa: { provider: 'pg2.a', name: 'pa' }, f: { provider: 'fork', name: 'f' },
    } },
  };
  const roots = () => joinStacks(ops, 'ops', [{ path: 'data', terraform: other }]).terraform as any[];

  test('keep every local name required from cyrilgdn/postgresql apart, renamed to postgresql aliases; a name not read has no block', () => {
    const joinedRoot = roots()[1];
    const hosts = Object.fromEntries((joinedRoot.provider.postgresql as any[]).map((config) => [config.alias, config.host]));
    expect(hosts).toEqual({ 'data__:': 'h-default', 'data__a': 'h-a', 'data__pg2:': 'h-pg2', 'data__pg2:a': 'h-pg2-a' });
    const roles = joinedRoot.resource[0].postgresql_role[0];
    const providerOf = (name: string) => roles[`data__${name}`].provider;
    expect(['d', 'da', 'p', 'pa', 'f'].map(providerOf)).toEqual(['postgresql.data__:', 'postgresql.data__a', 'postgresql.data__pg2:', 'postgresql.data__pg2:a', 'postgresql.data__fork:']);
    const read = postgresqlProviders(roots());
    expect(['d', 'da', 'p', 'pa', 'f'].map((name) => read.get(providerOf(name))?.host)).toEqual(['h-default', 'h-a', 'h-pg2', 'h-pg2-a', undefined]);
  });
});

describe('another stack\'s azurerm blocks are written through its own azurerm providers (adversarial run of stop 70, B16)', () => {
  const other = {
    terraform: { required_providers: { arm: { source: 'hashicorp/azurerm' }, fork: { source: 'someone/azurerm' } } },
    provider: { azurerm: [{ features: [{}], subscription_id: 'one' }, { alias: 'two', features: [{}], subscription_id: 'two' }], arm: { alias: 'three', subscription_id: 'three' } },
    resource: { azurerm_x: {
      plain: {}, aliased: { provider: 'azurerm.two' }, local: { provider: 'arm.three' }, forked: { provider: 'fork' }, unread: { provider: 'azurerm[0]' },
    }, azapi_resource: { a: {} } },
  };
  const [, joinedOther] = joinStacks({ provider: { azurerm: [{ subscription_id: 'judged' }] } }, 'ops', [{ path: 'p', terraform: other }]).terraform as any[];

  test('each configuration renamed, another local name of hashicorp/azurerm kept apart', () => {
    expect(joinedOther.provider.azurerm).toEqual([
      { alias: 'p__:', features: [{}], subscription_id: 'one' },
      { alias: 'p__two', features: [{}], subscription_id: 'two' },
      { alias: 'p__arm:three', subscription_id: 'three' },
    ]);
  });

  test('each block names its renamed configuration; a provider of another source, a reference the checks do not read, another type: as written', () => {
    expect(Object.fromEntries(Object.entries(joinedOther.resource[0].azurerm_x[0]).map(([name, body]: [string, any]) => [name, body.provider]))).toEqual({
      p__plain: 'azurerm.p__:', p__aliased: 'azurerm.p__two', p__local: 'azurerm.p__arm:three', p__forked: 'fork', p__unread: 'azurerm[0]',
    });
    expect(joinedOther.resource[0].azapi_resource[0].p__a).toEqual({});
  });

  test('a stack that writes its default configuration gets no empty one', () => {
    expect(joinedOther.provider.azurerm.filter((config: any) => config.alias === 'p__:')).toHaveLength(1);
  });
});

// Stop 72's review: an azurerm reference with blanks or in an interpolation was kept as written, and the checks, which read such
// spellings in the judged stack's own azurerm blocks, read it as the judged stack's configuration of that alias (another subscription).
test('another stack\'s azurerm block naming its provider with blanks or in an interpolation names its own renamed configuration (a postgresql one stays unread)', () => {
  const other = {
    provider: { azurerm: [{ features: [{}] }, { alias: 'two', features: [{}], subscription_id: 'two' }], postgresql: [{ alias: 'db', host: 'h' }] },
    resource: {
      azurerm_x: { blanks: { provider: 'azurerm . two' }, interpolated: { provider: '${azurerm.two}' }, padded: { provider: ' azurerm ' } },
      postgresql_role: { role: { name: 'r', provider: 'postgresql .db' } },
    },
  };
  const [, joinedOther] = joinStacks({ provider: { azurerm: [{ features: [{}] }, { alias: 'two', subscription_id: 'judged' }] } }, 'ops', [{ path: 'p', terraform: other }]).terraform as any[];
  const providers = (type: string) => Object.fromEntries(Object.entries(joinedOther.resource[0][type][0]).map(([name, body]: [string, any]) => [name, body.provider]));
  expect(providers('azurerm_x')).toEqual({ p__blanks: 'azurerm.p__two', p__interpolated: 'azurerm.p__two', p__padded: 'azurerm.p__:' });
  expect(providers('postgresql_role')).toEqual({ p__role: 'postgresql .db' });
});

test('show names a renamed provider configuration as its stack names it (adversarial run of stop 70, B40)', () => {
  const { show } = joinStacks({}, 'ops', [{ path: 'platform', terraform: { resource: { azurerm_x: { y: {} } } } }]);
  expect(show('the azurerm provider azurerm.platform__: sets it; azurerm.platform__two, azurerm.platform__arm:x and postgresql.platform__pg:, and azurerm_x.platform__y: its rule'))
    .toBe('the azurerm provider azurerm (stack "platform") sets it; azurerm.two (stack "platform"), arm.x (stack "platform") and pg (stack "platform"), and azurerm_x.y (stack "platform"): its rule');
});
