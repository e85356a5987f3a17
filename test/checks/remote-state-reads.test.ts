import { misreadStates, StackSettings, stacksRead, unfollowedReads } from '../../lib/checks/remote-state-reads';

// A cross-stack read must read the state of the stack it is named after: the backend settings that
// stack writes, as cdktf 0.21 turns them into a `terraform_remote_state` (sixth review, A6-12). The
// readers and backends below are what cdktf writes (an app of each backend kind, synthesized).

const LOCAL_PATH = '/work/app/terraform.net.tfstate';
const AZURERM = { access_key: 'SECRET-KEY', container_name: 'tf', key: 'net.tfstate', resource_group_name: 'rg', storage_account_name: 'sa' };
const CLOUD = { organization: 'org', token: 'SECRET-TOKEN', workspaces: { name: 'net' } };

const withBackend = (path: string, settings: object): StackSettings => ({ path, terraform: { terraform: settings } });
const local = (path: string, file = LOCAL_PATH) => withBackend(path, { backend: { local: { path: file } } });
const reader = (name: string, body: object) => ({ data: { terraform_remote_state: { [`cross-stack-reference-input-${name}`]: body } } });
const localRead = (file = LOCAL_PATH) => ({ backend: 'local', config: { path: file }, workspace: '${terraform.workspace}' });

describe('what cdktf writes passes', () => {
  test.each<[string, StackSettings, object, string]>([
    ['local', local('net'), localRead(), 'net'],
    ['local with a workspace folder', withBackend('net', { backend: { local: { path: 'state/net.tfstate', workspace_dir: 'wsd' } } }),
      { backend: 'local', config: { path: 'state/net.tfstate', workspace_dir: 'wsd' }, workspace: '${terraform.workspace}' }, 'net'],
    ['a stack nested in a construct', local('Group/net'), localRead(), 'Group--net'],
    ['a stack id with a dot', local('net.v2'), localRead(), 'netv2'],
    ['azurerm', withBackend('net', { backend: { azurerm: AZURERM } }), { backend: 'azurerm', config: AZURERM, workspace: '${terraform.workspace}' }, 'net'],
    ['s3', withBackend('net', { backend: { s3: { bucket: 'b', key: 'k', region: 'eu' } } }), { backend: 's3', config: { bucket: 'b', key: 'k', region: 'eu' }, workspace: '${terraform.workspace}' }, 'net'],
    ['remote (no workspace argument)', withBackend('net', { backend: { remote: CLOUD } }), { backend: 'remote', config: CLOUD }, 'net'],
    ['Terraform Cloud, read through the remote backend', withBackend('net', { cloud: CLOUD }), { backend: 'remote', config: CLOUD }, 'net'],
    ['Terraform Cloud with a workspace in a project (cdktf reads it by name only)', withBackend('net', { cloud: { ...CLOUD, workspaces: { name: 'net', project: 'platform' } } }), { backend: 'remote', config: CLOUD }, 'net'],
    ['Terraform Cloud with a host name', withBackend('net', { cloud: { ...CLOUD, hostname: 'tfe.example.com' } }), { backend: 'remote', config: { ...CLOUD, hostname: 'tfe.example.com' } }, 'net'],
  ])('%s', (_name, stack, body, name) => {
    expect(misreadStates(reader(name, body), [local('other', '/work/app/terraform.other.tfstate'), stack], true)).toEqual([]);
  });

  test('a sign-in option an escape hatch added to either side is not compared: it does not say which state is read (A8-3)', () => {
    const azurerm = { backend: 'azurerm', config: AZURERM, workspace: '${terraform.workspace}' };
    const overridden = withBackend('net', { backend: { azurerm: { ...AZURERM, use_cli: true, client_id: 'c', oidc_token_file_path: '/t', sas_token: 'S' } } });
    expect(misreadStates(reader('net', azurerm), [overridden], false)).toEqual([]);
    expect(misreadStates(reader('net', { ...azurerm, config: { ...AZURERM, use_oidc: true, access_key: 'OTHER' } }), [withBackend('net', { backend: { azurerm: AZURERM } })], false)).toEqual([]);
    const s3 = { bucket: 'b', key: 'k', region: 'eu' };
    const signIn = { profile: 'ci', assume_role_with_web_identity: { role_arn: 'r' }, dynamodb_table: 'l', encrypt: true, impersonate_service_account_delegates: ['d'], http_proxy: 'p' };
    expect(misreadStates(reader('net', { backend: 's3', config: s3, workspace: '${terraform.workspace}' }), [withBackend('net', { backend: { s3: { ...s3, ...signIn } } })], false)).toEqual([]);
    expect(misreadStates(reader('net', { backend: 'remote', config: { ...CLOUD, token: 'OTHER-TOKEN' } }), [withBackend('net', { cloud: CLOUD })], false)).toEqual([]);
  });

  test('a key that only starts or ends like a sign-in option is compared: it may say where the state is', () => {
    const s3 = { bucket: 'b', key: 'k', region: 'eu' };
    const read = { backend: 's3', config: s3, workspace: '${terraform.workspace}' };
    for (const key of ['workspace_key_prefix', 'profile_path', 'state_token', 'prefix_use_x']) {
      expect(misreadStates(reader('net', read), [withBackend('net', { backend: { s3: { ...s3, [key]: 'x' } } })], false)).toEqual([
        { address: 'data.terraform_remote_state.cross-stack-reference-input-net', problem: expect.stringContaining(`its config.${key} is not`) },
      ]);
    }
  });

  test('a remote state that is not cdktf\'s cross-stack read, or a data source of another type under that name, is not compared', () => {
    expect(misreadStates({ data: { terraform_remote_state: { shared: { backend: 'local', config: { path: '/elsewhere' } } } } }, [], true)).toEqual([]);
    expect(misreadStates({ data: { azurerm_resource_group: { 'cross-stack-reference-input-ghost': { name: 'rg' } } } }, [], true)).toEqual([]);
  });

  test('a stack whose JSON holds a body that is not an object beside its settings is read without a crash', () => {
    expect(misreadStates(reader('net', localRead()), [{ path: 'net', terraform: [null, { terraform: { backend: { local: { path: LOCAL_PATH } } } }] }], true)).toEqual([]);
  });
});

describe('a read that is not what the stack it is named after writes fails', () => {
  const ADDRESS = 'data.terraform_remote_state.cross-stack-reference-input-net';
  test.each<[string, object, string]>([
    ['its path re-pointed to another stack\'s state', localRead('/work/app/terraform.data.tfstate'), 'config.path is'],
    ['another backend', { ...localRead(), backend: 'azurerm' }, 'backend is'],
    ['a config key added', { ...localRead(), config: { path: LOCAL_PATH, workspace_dir: '/x' } }, 'config.workspace_dir is'],
    ['a config key removed', { ...localRead(), config: {} }, 'config.path is'],
    ['no config at all', { backend: 'local' }, 'config.path is'],
    ['a config that is not an object', { ...localRead(), config: 'x' }, 'config.path is'],
    ['a config that is a list', { ...localRead(), config: [LOCAL_PATH] }, 'config.path is'],
    ['another workspace', { ...localRead(), workspace: 'prod' }, 'workspace is'],
    ['defaults, which answer where the state lacks an output', { ...localRead(), defaults: { x: 1 } }, 'defaults is'],
    ['two things at once', { ...localRead('/x'), backend: 's3' }, 'backend, config.path are'],
    ['a key that names where the state is, beside a sign-in option', { ...localRead(), config: { path: LOCAL_PATH, use_cli: true, workspace_dir: '/x' } }, 'config.workspace_dir is'],
  ])('%s', (_name, body, differs) => {
    const misread = misreadStates(reader('net', body), [local('net')], false);
    expect(misread).toEqual([{ address: ADDRESS, problem: expect.stringContaining(`stack "net", but its ${differs} not what that stack's backend settings make cdktf write`) }]);
  });

  test('a Terraform Cloud read of another workspace name fails, and a cloud block whose workspaces is no object is compared as written', () => {
    const cloud = withBackend('net', { cloud: CLOUD });
    expect(misreadStates(reader('net', { backend: 'remote', config: { ...CLOUD, workspaces: { name: 'data' } } }), [cloud], false)).toHaveLength(1);
    expect(misreadStates(reader('net', { backend: 'remote', config: { ...CLOUD, workspaces: 'net' } }), [withBackend('net', { cloud: { ...CLOUD, workspaces: 'net' } })], false)).toEqual([]);
  });

  test('a stack without backend settings: no read of it is what cdktf writes', () => {
    expect(misreadStates(reader('net', localRead()), [{ path: 'net', terraform: { resource: {} } }], false)).toEqual([
      { address: ADDRESS, problem: expect.stringContaining('its backend is not') },
    ]);
  });

  test('a stack with two backends: Terraform takes neither, and the read is refused', () => {
    const two = withBackend('net', { backend: { local: { path: LOCAL_PATH }, s3: { bucket: 'b' } } });
    expect(misreadStates(reader('net', localRead()), [two], false)).toHaveLength(1);
  });

  test('a secret of the backend is never shown: the keys that differ are named, not their values', () => {
    const read = { backend: 'azurerm', config: { ...AZURERM, key: 'data.tfstate' }, workspace: '${terraform.workspace}' };
    const [misread] = misreadStates(reader('net', read), [withBackend('net', { backend: { azurerm: AZURERM } })], false);
    expect(misread.problem).toContain('config.key is not');
    expect(misread.problem).not.toMatch(/SECRET|data\.tfstate/);
  });
});

describe('a read named after no stack of the app', () => {
  const body = localRead('/work/app/terraform.data.tfstate');
  test('fails when the stacks given are the whole app (synth, check with its manifest)', () => {
    expect(misreadStates(reader('ghost', body), [local('net')], true)).toEqual([{
      address: 'data.terraform_remote_state.cross-stack-reference-input-ghost',
      problem: expect.stringContaining('no stack of the app has that name'),
    }]);
  });

  test('is left alone when only part of the app is known (check on some stacks)', () => {
    expect(misreadStates(reader('ghost', body), [local('net')], false)).toEqual([]);
  });
});

describe('stacksRead: the stacks a stack reads outputs of, and those they read in turn (seventh review, A7-4)', () => {
  const stack = (path: string, ...reads: string[]) => ({ path, terraform: { data: { terraform_remote_state: Object.fromEntries(reads.map((read) => [`cross-stack-reference-input-${read}`, localRead()])) } } });
  const paths = (found: { path: string }[]) => found.map((s) => s.path);

  test('follows chains, names as cdktf spells them, and each stack once (cycles end)', () => {
    const stacks = [stack('net', 'Group--data'), stack('Group/data', 'net'), stack('unread'), stack('other', 'unread')];
    expect(paths(stacksRead(stack('ops', 'net').terraform, stacks, (s) => s.path, (s) => s.terraform))).toEqual(['net', 'Group/data']);
  });

  test('a read named after no stack is left, and a stack that reads nothing reaches nothing', () => {
    expect(stacksRead(stack('ops', 'ghost').terraform, [stack('net')], (s) => s.path, (s) => s.terraform)).toEqual([]);
    expect(stacksRead(stack('ops').terraform, [stack('net')], (s) => s.path, (s) => s.terraform)).toEqual([]);
  });
});

describe('a cross-stack read used other than by one output\'s name fails (the join follows names only)', () => {
  const READ = 'data.terraform_remote_state.cross-stack-reference-input-net';
  const NAMED = `\${${READ}.outputs.cross-stack-output-azurerm_subnetsnetid}`;

  test('cdktf\'s own reads of an output by name, followed by an index or attribute, and the read\'s own body pass', () => {
    expect(unfollowedReads({
      data: { terraform_remote_state: { 'cross-stack-reference-input-net': localRead() } },
      resource: { azurerm_x: { a: { id: NAMED, list: `\${${READ}.outputs.cross-stack-output-list[0]}`, text: `pre-\${${READ}.outputs.o.name}` } } },
      output: { o: { value: NAMED } },
    })).toEqual([]);
  });

  test.each<[string, object, string]>([
    ['its whole outputs in a local', { locals: { all: `\${${READ}.outputs}` } }, 'local.all'],
    ['a lookup in its outputs', { resource: { azurerm_role_assignment: { owner: { scope: `\${lookup(${READ}.outputs, "x", "")}` } } } }, 'azurerm_role_assignment.owner'],
    ['values() of its outputs', { output: { o: { value: `\${values(${READ}.outputs)[0]}` } } }, 'output.o'],
    ['an output by a computed name', { module: { m: { scope: `\${${READ}.outputs[local.k]}` } } }, 'module.m'],
    ['the read as a whole, in a data source', { data: { azurerm_resources: { r: { name: `\${${READ}}` } } } }, 'data.azurerm_resources.r'],
    ['an ephemeral resource', { ephemeral: { azurerm_key_vault_secret: { s: { name: `\${${READ}.outputs[0]}` } } } }, 'ephemeral.azurerm_key_vault_secret.s'],
    ['another remote state that reads where to look from it', { data: { terraform_remote_state: { other: { backend: 'local', config: { path: `\${${READ}.outputs}` } } } } }, 'data.terraform_remote_state.other'],
  ])('%s', (_name, terraform, address) => {
    expect(unfollowedReads(terraform)).toEqual([{ address, problem: expect.stringContaining(`reads ${READ} other than by one output's name`) }]);
  });

  test('a hand-written remote state of another name is not cdktf\'s read: not judged here', () => {
    expect(unfollowedReads({ locals: { all: '${data.terraform_remote_state.shared.outputs}' } })).toEqual([]);
  });
});
