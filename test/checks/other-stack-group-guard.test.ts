import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { SubscriptionTemplateDeployment } from '@cdktf/provider-azurerm/lib/subscription-template-deployment';
import { App, TerraformHclModule, TerraformResource, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check } from '../cli/cli-harness';
import { minimalProps, providerStack } from '../helpers';

// Adversarial run of stop 70 (B40, B42-k05): the guard that keeps a plan from deleting the server's resource group with the server in it
// is that of the provider of the block that manages the group, in whichever stack of the app it is. Another stack that creates or
// adopts the construct's group (rg-orders) with an azurerm provider that turns prevent_deletion_if_contains_resources off, or deploys
// into it in Complete mode, deletes the server past its prevent_destroy; the same provider turning it off for its own groups does not
// (D4, joined-provider-features.test.ts).

const UNGUARDED = { features: [{ resource_group: [{ prevent_deletion_if_contains_resources: false }] }] };
const EMPTY_TEMPLATE = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] });

/** A platform stack whose provider deletes non-empty groups, making `group`, beside stack "data" with the construct in rg-orders. */
function synthApp(group: string, byReference = false, guarded = false): () => void {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'group-guard-')) });
  const platform = new TerraformStack(app, 'platform');
  new AzurermProvider(platform, 'azurerm', { features: [guarded ? {} : { resourceGroup: [{ preventDeletionIfContainsResources: false }] }] });
  const made = new ResourceGroup(platform, 'Orders', { name: group, location: 'westeurope' });
  new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps(byReference ? { resourceGroupName: made.name } : {}));
  return () => app.synth();
}

describe('synth', () => {
  test('a platform stack making the construct\'s group with the guard off fails, by literal name or by reference', () => {
    expect(synthApp('rg-orders')).toThrow(/\[platform\] azurerm_resource_group\.Orders PGF-DEL-1 azurerm_resource_group\.Orders manages the server's resource group with the azurerm provider azurerm, which sets features\.resource_group\.prevent_deletion_if_contains_resources = false/);
    expect(synthApp('rg-orders', true)).toThrow(/azurerm_resource_group\.Orders PGF-DEL-1 /);
  });

  test('the same provider deleting another group of its own, or the construct\'s group kept guarded, passes', () => {
    expect(synthApp('rg-logs')).not.toThrow();
    expect(synthApp('rg-orders', false, true)).not.toThrow();
  });

  // 71st run (B71-11, B71-12): a deployment that empties the group, nested in a subscription deployment's template or sent by azapi.
  const deploymentApp = (group: string, write: (platform: TerraformStack, group: string) => void) => () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'group-guard-')) });
    const platform = new TerraformStack(app, 'platform');
    new AzurermProvider(platform, 'azurerm', { features: [{}] });
    write(platform, group);
    new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    app.synth();
  };
  const nestedComplete = (platform: TerraformStack, group: string) => new SubscriptionTemplateDeployment(platform, 'Cleanup', { name: 'cleanup', location: 'westeurope',
    templateContent: JSON.stringify({ contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'empty', resourceGroup: group, properties: { mode: 'Complete', template: { resources: [] } } }] }) });
  const azapiComplete = (platform: TerraformStack, group: string) => {
    const deployment = new TerraformResource(platform, 'Cleanup', { terraformResourceType: 'azapi_resource' });
    deployment.addOverride('type', 'Microsoft.Resources/deployments@2021-04-01');
    deployment.addOverride('name', 'cleanup');
    deployment.addOverride('parent_id', `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}`);
    deployment.addOverride('body', { properties: { mode: 'Complete', template: { resources: [] } } });
  };

  test('a subscription deployment nesting a Complete deployment, or an azapi Complete deployment, into the construct\'s group fails; into another group passes', () => {
    expect(deploymentApp('rg-orders', nestedComplete)).toThrow(/\[platform\] azurerm_subscription_template_deployment\.Cleanup PGF-DEL-1 .* deploys into the server's resource group in Complete mode, /);
    expect(deploymentApp('rg-orders', azapiComplete)).toThrow(/\[platform\] azapi_resource\.Cleanup PGF-DEL-1 .* deploys into a resource group that may be the server's .* in Complete mode, /);
    expect(deploymentApp('rg-logs', nestedComplete)).not.toThrow();
    expect(deploymentApp('rg-logs', azapiComplete)).not.toThrow();
  });

  // Adversarial run of stop 72, C72-6: another stack's module may hold anything that deletes the group; a review suppresses PGF-DEL-1
  // on it, bound to its source and version as PG-CFG-4's is (module-writers.test.ts), and only for a module pinned to fixed content.
  describe('a module of another stack', () => {
    const REASON = 'network module v1.2.0 reviewed in SEC-90: it deploys nothing in Complete mode';
    const moduleApp = (module: { source: string; version?: string }, review?: (module: TerraformHclModule) => void) => () => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'group-guard-')) });
      const platform = new TerraformStack(app, 'platform');
      new AzurermProvider(platform, 'azurerm', { features: [{}] });
      const network = new TerraformHclModule(platform, 'Network', { ...module, skipAssetCreationFromLocalModules: true, variables: { group: 'rg-network' } });
      review?.(network);
      new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
      app.synth();
    };
    const suppressed = (module: TerraformHclModule) => PostgresSecurityChecks.suppress(module, 'PGF-DEL-1', REASON);

    test('unreviewed: fails synth, naming the module and the fix; reviewed and suppressed at a local path or an exact version: passes', () => {
      expect(moduleApp({ source: './modules/network' })).toThrow(/\[platform\] module\.Network PGF-DEL-1 module\.Network is a module the checks cannot read \(review it, then suppress PGF-DEL-1 on the module with the reason, which covers its module source "\.\/modules\/network" version null only\): it may hold a deployment in Complete mode into any resource group/);
      expect(moduleApp({ source: './modules/network' }, suppressed)).not.toThrow();
      expect(moduleApp({ source: 'acme/network/azurerm', version: '1.2.0' }, suppressed)).not.toThrow();
    });

    test('suppressed, then given another version, or never pinned: still fails', () => {
      expect(moduleApp({ source: 'acme/network/azurerm', version: '1.2.0' }, (module) => { suppressed(module); module.addOverride('version', '1.3.0'); }))
        .toThrow(/module\.Network PGF-DEL-1 .*The justification "network module v1\.2\.0 reviewed in SEC-90: it deploys nothing in Complete mode" covers only module source "acme\/network\/azurerm" version "1\.2\.0"\./);
      expect(moduleApp({ source: 'acme/network/azurerm', version: '~> 1.2' }, suppressed)).toThrow(/module\.Network PGF-DEL-1 module\.Network is a module the checks cannot read \(its content is not pinned: the version "~> 1\.2" is not one exact version; pin it /);
    });
  });
});

/** The construct's stack "data" as cdktf writes it: the server orders-db in rg-orders. */
let data: { provider: { azurerm: object[] }; [key: string]: unknown };
beforeAll(() => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'group-guard-')) });
  new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
  data = JSON.parse(JSON.stringify((app.node.findChild('data') as TerraformStack).toTerraform()));
});

describe('check on the app\'s cdktf.out', () => {
  const platform = (resource: object, extra: object = {}, provider: object = UNGUARDED) => ({ provider: { azurerm: [provider] }, resource, ...extra });
  const errors = (stack: object) => {
    const result = check('check', cdktfOut({ data, platform: stack }));
    // Every name is shown as its stack writes it, never as the joined JSON renames it (B40-msg).
    expect(result.out.join('\n')).not.toMatch(/__/);
    // The deletion rules' lines; a block in another stack that names the server's group is also PG-CFG-4's (E73-9), asserted apart.
    const lines = result.out.filter((line) => /^ {2}ERROR/.test(line));
    expect(lines.filter((line) => !/^ {2}ERROR +PG[FS]-DEL-1 /.test(line)).every((line) => /^ {2}ERROR +PG-CFG-4 +\S+: .* in another stack and names the server's resource group "rg-orders"/.test(line))).toBe(true);
    return { code: result.code, errors: lines.filter((line) => /^ {2}ERROR +PG[FS]-DEL-1 /.test(line)) };
  };

  test.each<[string, object]>([
    ['creates', platform({ azurerm_resource_group: { g: { name: 'rg-orders', location: 'westeurope' } } })],
    ['adopts with an import block', platform({ azurerm_resource_group: { g: { name: 'rg-orders', location: 'westeurope' } } },
      { import: [{ to: 'azurerm_resource_group.g', id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders' }] })],
  ])('a stack with no server that %s the construct\'s group with the guard off: exit 1, on its block', (_name, stack) => {
    expect(errors(stack)).toEqual({ code: EXIT_FINDINGS, errors: [expect.stringMatching(/^ {2}ERROR +PGF-DEL-1 +azurerm_resource_group\.g: azurerm_resource_group\.g manages the server's resource group with the azurerm provider azurerm, which sets /)] });
  });

  test('a Complete-mode deployment into the construct\'s group from another stack: exit 1', () => {
    const deployment = (group: string, mode: string) => platform({ azurerm_resource_group_template_deployment: { x: { name: 'cleanup', resource_group_name: group, deployment_mode: mode, template_content: EMPTY_TEMPLATE } } }, {}, { features: [{}] });
    expect(errors(deployment('rg-orders', 'Complete'))).toEqual({ code: EXIT_FINDINGS, errors: [expect.stringMatching(/^ {2}ERROR +PGF-DEL-1 +azurerm_resource_group_template_deployment\.x: .* deploys into the server's resource group in Complete mode, /)] });
    // Incremental into the server's group: no deletion, but PG-CFG-4's (what it deploys may reach the server: E73-9).
    expect(errors(deployment('rg-orders', 'Incremental'))).toEqual({ code: EXIT_FINDINGS, errors: [] });
    expect(errors(deployment('rg-other', 'Complete'))).toEqual({ code: EXIT_OK, errors: [] });
  });

  test('a deployment emptying the construct\'s group from another stack, nested in a subscription deployment or sent by azapi (B71-11, B71-12): exit 1', () => {
    const template = (group: string, mode: string) => JSON.stringify({ contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'empty', resourceGroup: group, properties: { mode, template: { resources: [] } } }] });
    const subscription = (group: string, mode: string) => platform({ azurerm_subscription_template_deployment: { x: { name: 'cleanup', location: 'westeurope', template_content: template(group, mode) } } }, {}, { features: [{}] });
    const azapi = (group: string, mode: string) => ({ provider: { azurerm: [{ features: [{}] }], azapi: [{}] }, resource: { azapi_resource: { x: { type: 'Microsoft.Resources/deployments@2021-04-01', name: 'cleanup',
      parent_id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}`, body: { properties: { mode, template: { resources: [] } } } } } } });
    expect(errors(subscription('rg-orders', 'Complete'))).toEqual({ code: EXIT_FINDINGS, errors: [expect.stringMatching(/^ {2}ERROR +PGF-DEL-1 +azurerm_subscription_template_deployment\.x: .* deploys into the server's resource group in Complete mode, /)] });
    expect(errors(azapi('rg-orders', 'complete'))).toEqual({ code: EXIT_FINDINGS, errors: [expect.stringMatching(/^ {2}ERROR +PGF-DEL-1 +azapi_resource\.x: .* in Complete mode, /)] });
    expect(errors(subscription('rg-orders', 'Incremental'))).toEqual({ code: EXIT_FINDINGS, errors: [] });
    expect(errors(subscription('rg-other', 'Complete'))).toEqual({ code: EXIT_OK, errors: [] });
    expect(errors(azapi('rg-other', 'Complete'))).toEqual({ code: EXIT_OK, errors: [] });
  });

  test('a module of another stack (C72-6): exit 1, on the module', () => {
    expect(errors({ provider: { azurerm: [{ features: [{}] }] }, module: { network: { source: './modules/network', group: 'rg-orders' } } }))
      .toEqual({ code: EXIT_FINDINGS, errors: [expect.stringMatching(/^ {2}ERROR +PGF-DEL-1 +module\.network: module\.network is a module the checks cannot read \(review it, then suppress PGF-DEL-1 on the module /)] });
  });

  test('the guard off for a group of another literal name passes (D4)', () => {
    expect(errors(platform({ azurerm_resource_group: { g: { name: 'rg-logs', location: 'westeurope' } } }))).toEqual({ code: EXIT_OK, errors: [] });
  });
});

describe('a group whose name or subscription is known in part', () => {
  const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
  /** PGF-DEL-1's findings in the report of stack "platform", judged with the construct's stack, which names its subscription. */
  const verdicts = (name: string, subscription: string) => {
    const platform = { provider: { azurerm: [{ ...UNGUARDED, subscription_id: subscription }] }, resource: { azurerm_resource_group: { g: { name, location: 'westeurope' } } } };
    const server = { ...data, provider: { ...data.provider, azurerm: [{ ...data.provider.azurerm[0], subscription_id: SUBSCRIPTION_ID }] } };
    const evaluation = evaluateStack(platform, ALL_RULES, { app: { path: 'platform', others: [{ path: 'data', terraform: server }], complete: true } });
    expect(evaluation.problems).toEqual([]);
    return evaluation.findings.filter((f) => f.ruleId === 'PGF-DEL-1').map((f) => `${f.server} ${f.status}: ${f.message ?? ''}`);
  };

  test('a name known only at apply time may be the server\'s group: not judged, which fails the construct', () => {
    expect(verdicts('${var.group}', SUBSCRIPTION_ID)).toEqual([expect.stringMatching(/^azurerm_postgresql_flexible_server\.\w+ \(stack "data"\) fail: azurerm_resource_group\.g manages a resource group that may be the server's .*cannot be judged at synth/)]);
    expect(verdicts('rg-${var.env}', SUBSCRIPTION_ID)).toHaveLength(1);
  });

  test('another literal name, or another literal subscription, is another group', () => {
    expect(verdicts('rg-${var.env}-logs', SUBSCRIPTION_ID)).toEqual([]);
    expect(verdicts('rg-orders', '11111111-1111-1111-1111-111111111111')).toEqual([]);
    expect(verdicts('rg-orders', SUBSCRIPTION_ID)).toHaveLength(1);
  });
});
