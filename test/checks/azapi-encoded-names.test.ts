import { evaluateStack } from '../../lib/checks/evaluate';
import { withAzapiUrlRead, withDotSegmentsRead } from '../../lib/checks/dot-segments';
import { ANYTHING, expressionReadings } from '../../lib/checks/expression-readings';
import { evaluateTemplate, isAnyText, NO_LOCALS, Unknown } from '../../lib/checks/hcl-expression';
import { maySpellName } from '../../lib/checks/later-parents';
import { mayBeName } from '../../lib/checks/unknown-names';
import { ALL_RULES } from '../../lib/checks/rules';
import { rule as roleGrants } from '../../lib/checks/rules/PG-IAM-2';
import { buildStackModel } from '../../lib/checks/stack-model';
import { exampleJson } from '../support/example-stacks';
import { CONSTRUCT, forwarderVerdicts, PASSWORD_VAULT, roleGrantStack, verdictsBeside } from './beside-fixtures';
import { Resources } from './rule-harness';

// Stop 35, after A24b-1: azapi puts a block's name (and the segments of its IDs) into the request URL as written, and ARM decodes a
// "%XX" in it, so "lb%2Dy" is the balancer lb-y and "Heartbea%74" the table Heartbeat. Such a name may be any name. It was read so
// only by the readers that went through azapiName; three read `config.name` as written (the load balancers a Private Link service
// fronts, an azapi Key Vault's name, a Log Analytics table's name). The model now reads the name and IDs of every azapi block as
// azapi sends them (dot-segments.ts withAzapiUrlRead): whatever a reader reads, it reads the name so.

type Json = { resource: { [type: string]: { [name: string]: object } } };
const HUB = '/subscriptions/0/resourceGroups/rg-hub';
const HUB_SUBNET = `${HUB}/providers/Microsoft.Network/virtualNetworks/hub/subnets/lb`;
const PRINCIPAL = '00000000-0000-0000-0000-000000000077';

/** The failures (status fail or unknown) of the forwarders beside a construct's server in subnet 10.0.1.0/28. */
function forwards(extra: Resources): string[] {
  return forwarderVerdicts(extra).filter((verdict) => verdict.status !== 'pass').map((verdict) => verdict.status);
}

/** The rules that fail beside the flexible-vnet-integration example with the blocks added. */
function exampleFailures(blocks: Resources): string[] {
  const json = exampleJson<Json>('flexible-vnet-integration');
  for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...(each as object) };
  return evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.status === 'fail').map((finding) => `${finding.ruleId} ${finding.address ?? ''}`);
}

const grants = (blocks: Resources): string[] => verdictsBeside(roleGrants, roleGrantStack(blocks), [CONSTRUCT]).filter((verdict) => verdict.status === 'fail' || verdict.status === 'unknown').map((verdict) => verdict.status);
const readSecrets = { properties: { accessPolicies: [{ tenantId: 't', objectId: PRINCIPAL, permissions: { secrets: ['get'] } }] } };

/**
 * Each reader of an azapi block's name: the blocks with the name given, a name that passes (no object of the server's), and the
 * failures. The encoded spelling of the passing name may be any name: it fails closed.
 */
const READERS: readonly { reader: string; passing: string; failures: (name: string) => string[] }[] = [
  {
    reader: 'an azapi load balancer whose private frontend a Private Link service publishes (forwarding-paths.ts)',
    passing: 'lb-y',
    failures: (name) => forwards({
      azapi_resource: { f: { type: 'Microsoft.Network/loadBalancers@2023-09-01', name, parent_id: HUB, body: { properties: {
        frontendIPConfigurations: [{ name: 'fe', properties: { subnet: { id: HUB_SUBNET } } }],
        backendAddressPools: [{ name: 'p', properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: '10.0.1.4' } }] } }],
        loadBalancingRules: [{ name: 'r', properties: { frontendPort: 5432, backendPort: 5432, protocol: 'Tcp' } }],
      } } } },
      azurerm_private_link_service: { pls: { name: 'pls', load_balancer_frontend_ip_configuration_ids: [`${HUB}/providers/Microsoft.Network/loadBalancers/lb-x/frontendIPConfigurations/fe`], nat_ip_configuration: [{ name: 'n', subnet_id: HUB_SUBNET, primary: true }] } },
    }),
  },
  {
    reader: 'the kind of an azapi accessPolicies write on the password\'s vault: add, replace or remove (role-grants.ts policyVault)',
    passing: 'remove',
    failures: (name) => grants({ azapi_resource: { p: { type: 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01', name, parent_id: PASSWORD_VAULT, body: readSecrets } } }),
  },
  {
    reader: 'an azapi Key Vault with access policies, by its name (role-grants.ts vaultOf)',
    passing: 'kv-other',
    failures: (name) => grants({ azapi_resource: { v: { type: 'Microsoft.KeyVault/vaults@2023-07-01', name, parent_id: PASSWORD_VAULT.replace(/\/providers\/.*$/, ''), body: readSecrets } } }),
  },
  {
    reader: 'an azapi Log Analytics table of the server\'s workspace kept 4 days (workspace-writers.ts)',
    passing: 'Heartbeat',
    failures: (name) => exampleFailures({ azapi_resource: { t: { type: 'Microsoft.OperationalInsights/workspaces/tables@2022-10-01', name, parent_id: '${azurerm_log_analytics_workspace.Logs.id}', body: { properties: { retentionInDays: 4 } } } } }),
  },
  {
    reader: 'an azapi Defender plan on the Free tier (defender-plans.ts)',
    passing: 'VirtualMachines',
    failures: (name) => exampleFailures({ azapi_resource: { p: { type: 'Microsoft.Security/pricings@2024-01-01', name, parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000', body: { properties: { pricingTier: 'Free' } } } } }),
  },
];

/** One character of a name percent-encoded: its last letter, or its first "-" ("lb%2Dy", "Heartbea%74", "rem%6Fve"). */
function encoded(name: string): string {
  if (name.includes('-')) return name.replace('-', '%2D');
  const last = name[name.length - 1];
  return `${name.slice(0, -1)}%${last.charCodeAt(0).toString(16).toUpperCase()}`;
}

describe('every reader of an azapi block\'s name reads one with a percent-encoded character as any name', () => {
  test.each(READERS.map(({ reader, passing, failures }) => [reader, passing, failures] as const))('%s: %s passes, its encoded spelling fails closed', (_reader, passing, failures) => {
    expect(failures(passing)).toEqual([]);
    expect(failures(encoded(passing)).length).toBeGreaterThan(0);
  });
});

describe('the model reads every azapi block\'s name and IDs as azapi sends them (withAzapiUrlRead)', () => {
  const config = (type: string, body: object) => buildStackModel({ resource: { [type]: { w: body } } }).resources.get(`${type}.w`)!.config;
  test.each(['azapi_resource', 'azapi_update_resource'])('%s: a name with a percent-encoded character may be any text; a plain one, or one with a "%%" that encodes nothing, stays', (type) => {
    expect(isAnyText(config(type, { type: 'Microsoft.Network/loadBalancers@2023-09-01', name: 'lb%2dy', parent_id: HUB }).name)).toBe(true);
    expect(isAnyText(config(type, { type: 'Microsoft.Network/loadBalancers@2023-09-01', name: '${var.prefix}%2Dy', parent_id: HUB }).name)).toBe(true);
    expect(config(type, { type: 'Microsoft.Network/loadBalancers@2023-09-01', name: 'lb-y', parent_id: HUB }).name).toBe('lb-y');
    expect(isAnyText(config(type, { type: 'Microsoft.Network/loadBalancers@2023-09-01', name: '${var.prefix}-y', parent_id: HUB }).name)).toBe(false);
    expect(config(type, { type: 'Microsoft.Network/loadBalancers@2023-09-01', name: '100%', parent_id: HUB }).name).toBe('100%');
  });
  test.each(['resource_id', 'parent_id'])('an ID in %s with a percent-encoded character may be any text, though its text shows no scope ("${var.p}/x%%2Dy")', (argument) => {
    expect(isAnyText(config('azapi_update_resource', { type: 'Microsoft.Network/loadBalancers@2023-09-01', [argument]: '${var.prefix}/lb%2Dy', ...(argument === 'parent_id' ? { name: 'lb' } : {}) })[argument])).toBe(true);
    expect(isAnyText(config('azapi_update_resource', { type: 'Microsoft.Network/loadBalancers@2023-09-01', [argument]: '${var.prefix}/lb-y', ...(argument === 'parent_id' ? { name: 'lb' } : {}) })[argument])).toBe(false);
  });
  test('an azapi action: a percent-encoded segment of its action makes the ID it writes any text; an azurerm block\'s name stays as written', () => {
    expect(isAnyText(config('azapi_resource_action', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: PASSWORD_VAULT, action: 'accessPolicies/rem%6Fve', method: 'PUT', body: readSecrets }).resource_id)).toBe(true);
    expect(config('azapi_resource_action', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: PASSWORD_VAULT, action: 'accessPolicies/remove', method: 'PUT', body: readSecrets }).resource_id).toBe(`${PASSWORD_VAULT}/accessPolicies/remove`);
    expect(config('azurerm_lb', { name: 'lb%2Dy' }).name).toBe('lb%2Dy');
  });
});

describe('a value that may be any text is so to every shared reader, by what it is, not by its text (stop 35)', () => {
  const unreadable = [
    withDotSegmentsRead(`${PASSWORD_VAULT}/x/..`),
    withDotSegmentsRead(PASSWORD_VAULT.replace('kv-postgres', 'kv%2Dpostgres')),
    evaluateTemplate('${azurerm_resource_group.g.id}/../rg-x', NO_LOCALS),
    withAzapiUrlRead({ name: 'rem%6Fve' }).name,
  ];
  test.each(unreadable.map((value) => [String(value), value] as const))('%s', (_shown, value) => {
    expect(isAnyText(value)).toBe(true);
    expect(expressionReadings(value, undefined)).toEqual([ANYTHING]);
    expect(mayBeName(value, 'kv-postgres')).toBe(true);
    expect(maySpellName(value, 'remove', undefined)).toBe(true);
    // The message still says what could not be read.
    expect(String(value)).toMatch(/\(an ID with a "\.\." segment, a percent-encoded character or a letter whose case Azure may fold otherwise, which may be any scope: |\(a name with a percent-encoded character or a letter whose case Azure may fold otherwise, which may be any name: rem%6Fve\)/);
  });
  test('control: a plain ID and a variable are no AnyText; a variable reads as a part known only later', () => {
    expect(withDotSegmentsRead(PASSWORD_VAULT)).toBe(PASSWORD_VAULT);
    expect(expressionReadings(new Unknown('var.vault', ['var.vault']), undefined)).toEqual(['*']);
    expect(isAnyText(new Unknown('var.vault', ['var.vault']))).toBe(false);
  });
});
