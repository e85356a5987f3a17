import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aspects, IAspect, Lazy, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { SecureFlexibleServer } from '../../lib';
import { EXIT_OK } from '../../lib/cli/check-command';
import * as writtenStacks from '../../lib/checks/written-stacks';
import { check } from '../cli/cli-harness';
import { minimalProps, providerStack, TENANT_ID } from '../helpers';

// Adversarial run of stop 74, H74-1, H74-2: each stack's checker judged what its resources do to another stack's server by
// converting that stack afresh when it judged, not by what cdktf wrote for it: a later stack's aspect, or a token that answers
// otherwise on each resolution, made the two differ, and synth passed on a pair of files `check` refuses.

const NSG = 'orders-db-postgres-nsg';

/** An app whose stack "orders" holds the server and stack "platform" a raw resource of `weakening`; `platformFirst` makes platform first, so synthesized first. */
function ordersAndPlatform(weakening: 'nsg' | 'admin' | 'reader', platformFirst = false, skipValidation = false) {
  const outdir = mkdtempSync(join(tmpdir(), 'written-stacks-'));
  const app = new App({ outdir, skipValidation });
  const first = providerStack(platformFirst ? 'platform' : 'orders', app);
  const second = providerStack(platformFirst ? 'orders' : 'platform', app);
  const [orders, platform] = platformFirst ? [second, first] : [first, second];
  const server = new SecureFlexibleServer(orders, 'Postgres', minimalProps());
  if (weakening === 'nsg') {
    new NetworkSecurityRule(platform, 'Open', {
      name: 'AllowInternetPostgres', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
      sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', resourceGroupName: 'rg-orders', networkSecurityGroupName: NSG,
    });
  } else if (weakening === 'admin') {
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(platform, 'Extra', {
      serverName: 'orders-db', resourceGroupName: 'rg-orders', objectId: '12345678-0000-0000-0000-000000000009', principalName: 'someone-else', principalType: 'User', tenantId: TENANT_ID,
    });
  } else {
    new RoleAssignment(platform, 'Role', { scope: server.serverId, roleDefinitionName: 'Reader', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
  }
  const group = server.node.findAll().find((child) => child instanceof NetworkSecurityGroup) as NetworkSecurityGroup;
  return { app, outdir, orders, platform, server, group };
}

/** Runs `change` once, on the first construct an aspect of `stack` visits: in that stack's synthesize, after the stacks before it were written. */
function onceInSynthOf(stack: TerraformStack, change: () => void): void {
  let done = false;
  const aspect: IAspect = { visit: () => { if (!done) change(); done = true; } };
  Aspects.of(stack).add(aspect);
}

/** The names a stateful token answers, by its resolutions so far: a name that is not the real one on some. */
function flipping(real: string, fake: string, fakeOn: (call: number) => boolean): string {
  let calls = 0;
  return Lazy.stringValue({ produce: () => fakeOn(++calls) ? fake : real });
}

/** Synth fails naming each rule, and `check` does not pass on what it left in the outdir. */
function expectRefused(app: App, outdir: string, rules: readonly string[]): void {
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  for (const rule of rules) expect(message).toMatch(new RegExp(`\\[platform\\] [^\\n]* ${rule} `));
  expect(check('check', outdir).code).not.toBe(EXIT_OK);
}

describe('a stack is judged against the other stacks as written (H74-1)', () => {
  test('an aspect of a later stack that renames the construct\'s network security group leaves an open rule to it failing synth', () => {
    const { app, outdir, platform, group } = ordersAndPlatform('nsg');
    onceInSynthOf(platform, () => { group.name = 'renamed-nsg'; });
    expectRefused(app, outdir, ['PGF-NET-7', 'PGF-NET-11', 'PG-NET-1']);
  });

  test('an aspect of a later stack that renames the server leaves an extra Entra administrator of it failing synth', () => {
    const { app, outdir, platform, server } = ordersAndPlatform('admin');
    onceInSynthOf(platform, () => { server.server.name = 'renamed-db'; });
    expectRefused(app, outdir, ['PG-IAM-3']);
  });
});

describe('a token that resolves otherwise each time cannot show another stack a name it does not write (H74-2)', () => {
  test('orders first: the group\'s name is fake from the third resolution, when platform is judged', () => {
    const { app, outdir, group } = ordersAndPlatform('nsg');
    group.addOverride('name', flipping(NSG, 'renamed-nsg', (call) => call > 2));
    expectRefused(app, outdir, ['PGF-NET-7', 'PGF-NET-11', 'PG-NET-1']);
  });

  test.each([false, true])('platform first: the group\'s name is fake on the second resolution only, platform\'s read before orders is written (skipValidation: %s)', (skipValidation) => {
    const { app, outdir, group } = ordersAndPlatform('nsg', true, skipValidation);
    group.addOverride('name', flipping(NSG, 'renamed-nsg', (call) => call === 2));
    expectRefused(app, outdir, ['PGF-NET-7', 'PGF-NET-11', 'PG-NET-1']);
    // The synth stopped after cdktf wrote the stacks: none of their files is left.
    expect(existsSync(join(outdir, 'stacks', 'orders', 'cdk.tf.json'))).toBe(false);
    const report = JSON.parse(readFileSync(join(outdir, 'stacks', 'platform', 'postgres-security-report.json'), 'utf8')) as { synthFailed: boolean };
    expect(report.synthFailed).toBe(true);
  });

  test('orders first: the server\'s name is fake from the third resolution, and an extra administrator of it fails synth', () => {
    const { app, outdir, server } = ordersAndPlatform('admin');
    server.server.addOverride('name', flipping('orders-db', 'renamed-db', (call) => call > 2));
    expectRefused(app, outdir, ['PG-IAM-3']);
  });
});

// Adversarial run adv74d: J74-2, a server made by an aspect of a later stack, which the stacks judged before it never read; J74-3, an
// app.synth() called inside the synth (by an aspect), whose end ended the outer synth's record of what each stack read.
describe('what a stack did not read, or a synth inside the synth, does not escape the judgement as written', () => {
  const openRule = (platform: TerraformStack) => new NetworkSecurityRule(platform, 'Open', {
    name: 'AllowInternetPostgres', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
    sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', resourceGroupName: 'rg-orders', networkSecurityGroupName: NSG,
  });

  // With no other server in the app from the start, no checker exists when app.synth() starts: cdktf's validation of the app judges.
  test.each([false, true])('a server an aspect of a later stack makes (another server in the app from the start: %s) fails the earlier stack\'s open rule to it', (billing) => {
    const outdir = mkdtempSync(join(tmpdir(), 'written-stacks-'));
    const app = new App({ outdir });
    if (billing) new SecureFlexibleServer(providerStack('billing', app), 'Postgres', { ...minimalProps(), name: 'billing-db' });
    openRule(providerStack('platform', app));
    const orders = providerStack('orders', app);
    onceInSynthOf(orders, () => new SecureFlexibleServer(orders, 'Postgres', minimalProps()));
    expectRefused(app, outdir, ['PGF-NET-7']);
  });

  test('an aspect that calls app.synth() inside the synth, then renames the group, leaves the open rule failing synth', () => {
    const { app, outdir, platform, group } = ordersAndPlatform('nsg');
    let done = false;
    Aspects.of(platform).add({
      visit: () => {
        if (done) return;
        done = true;
        try {
          app.synth();
        } catch {
          // The inner synth's own outcome does not matter: the outer one must still judge the files as written.
        }
        group.name = 'renamed-nsg';
      },
    });
    expectRefused(app, outdir, ['PGF-NET-7']);
  });

  // Adversarial run adv75a, K75-3: the stacks were listed from the tree when judged, so a stack an aspect removed after cdktf wrote it
  // was judged by no one.
  test('a later stack\'s aspect that removes the server\'s stack from the tree after it was written leaves the open rule failing synth', () => {
    const { app, outdir, platform } = ordersAndPlatform('nsg');
    onceInSynthOf(platform, () => app.node.tryRemoveChild('orders'));
    expectRefused(app, outdir, ['PGF-NET-7']);
  });
});

// Adversarial run adv75a, K75-6: two stacks of one id in different scopes share stacks/<id>; the second written replaced the server's
// stack, synth passed, and `check` read a folder with no server (a plan of it destroys the server, prevent_destroy with it).
describe('two stacks written to one folder', () => {
  test.each([false, true])('a stack of the server\'s stack\'s id in another scope fails synth, naming both (skipValidation: %s)', (skipValidation) => {
    const outdir = mkdtempSync(join(tmpdir(), 'written-stacks-'));
    const app = new App({ outdir, skipValidation });
    const stackIn = (scope: string) => {
      const stack = new TerraformStack(new Construct(app, scope), 'orders');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      return stack;
    };
    new SecureFlexibleServer(stackIn('a'), 'Postgres', minimalProps());
    stackIn('b');
    expect(() => app.synth()).toThrow(/The stacks a\/orders and b\/orders are both written to stacks\/orders[^\n]*Fix: give the stacks distinct ids/);
  });
});

describe('an ordinary multi-stack app passes', () => {
  const tagging: IAspect = {
    visit(node: IConstruct) {
      if ('tags' in node && node.node.id !== 'azurerm') (node as unknown as { tags: { [key: string]: string } }).tags = { owner: 'platform-team' };
    },
  };

  test.each([false, true])('a tagging aspect on the server\'s stack, which changes it after platform read it (platform first: %s), is judged again, not refused', (platformFirst) => {
    const { app, outdir, orders } = ordersAndPlatform('reader', platformFirst);
    Aspects.of(orders).add(tagging);
    const judged = jest.spyOn(writtenStacks, 'readOtherwise');
    app.synth();
    expect(judged.mock.results.some((result) => result.value === true)).toBe(platformFirst);
    judged.mockRestore();
    expect(readFileSync(join(outdir, 'stacks', 'orders', 'cdk.tf.json'), 'utf8')).toContain('platform-team');
    expect(check('check', outdir).code).toBe(EXIT_OK);
  });

  // Adversarial run adv74d, J74-1: the stack judged again was read from its cdk.tf.json, whose keys cdktf sorts, and PG-CFG-6
  // compared the pins written there with the constructs' own, key order included: every server of the stack failed.
  test.each([false, true])('two stacks each with a server, a tagging aspect on the second (their ids swapped: %s): synth passes', (secondFirst) => {
    const outdir = mkdtempSync(join(tmpdir(), 'written-stacks-'));
    const app = new App({ outdir });
    const billing = providerStack(secondFirst ? 'orders' : 'billing', app);
    const orders = providerStack(secondFirst ? 'billing' : 'orders', app);
    new SecureFlexibleServer(secondFirst ? orders : billing, 'Postgres', { ...minimalProps(), name: 'billing-db' });
    new SecureFlexibleServer(secondFirst ? billing : orders, 'Postgres', minimalProps());
    Aspects.of(orders).add(tagging);
    app.synth();
    expect(check('check', outdir).code).toBe(EXIT_OK);
  });

  // Adversarial run adv75a, K75-1: the app's validation, meant to end a synth that began before the first construct existed, judged
  // the stacks from an earlier process's files (sorted keys failed PG-CFG-6) and removed them, whenever it was called.
  test('the app\'s validation called outside a synth, beside an earlier synth\'s files, judges nothing and removes nothing', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'written-stacks-'));
    const twoServers = () => {
      const app = new App({ outdir });
      new SecureFlexibleServer(providerStack('billing', app), 'Postgres', { ...minimalProps(), name: 'billing-db' });
      new SecureFlexibleServer(providerStack('orders', app), 'Postgres', minimalProps());
      return app;
    };
    twoServers().synth();
    expect(twoServers().node.validate()).toEqual([]);
    for (const stack of ['billing', 'orders']) expect(existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    expect(check('check', outdir).code).toBe(EXIT_OK);
  });

  test('a single-stack app reads no stack file: it is judged once', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'written-stacks-'));
    const app = new App({ outdir });
    new SecureFlexibleServer(providerStack('orders', app), 'Postgres', minimalProps());
    const read = jest.spyOn(writtenStacks, 'writtenJson');
    app.synth();
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    expect(check('check', outdir).code).toBe(EXIT_OK);
  });
});
