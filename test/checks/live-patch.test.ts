import { isUnknown } from '../../lib/checks/hcl-expression';
import { afterWrite, patchesLive } from '../../lib/checks/live-patch';
import { requestBody } from '../../lib/checks/azapi-writes';
import { Rule } from '../../lib/checks/rule';
import { rule as pgLog1 } from '../../lib/checks/rules/PG-LOG-1';
import { rule as pgNet1 } from '../../lib/checks/rules/PG-NET-1';
import { rule as pgfNet7 } from '../../lib/checks/rules/PGF-NET-7';
import { buildStackModel, ResourceView, TerraformBlock } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Seventeenth review, A17a-2; eighteenth, A18b-1, A18b-2: a partial write of an existing object leaves the live object's
// value of every property it does not write; the one function every table reads such a write through.

const block = (type: string, config: TerraformBlock): ResourceView => buildStackModel({ resource: { [type]: { w: { type: 'Microsoft.Network/x@2024-05-01', ...config } } } }).resources.get(`${type}.w`)!;

test('an update, a PATCH or an action by a method known only later merges into the live object; a resource or a PUT sends it whole', () => {
  expect(patchesLive(block('azapi_update_resource', {}))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: 'PATCH' }))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: ' patch ' }))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: '${var.m}' }))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: 'PUT' }))).toBe(false);
  expect(patchesLive(block('azapi_resource_action', { method: ' put ' }))).toBe(false);
  expect(patchesLive(block('azapi_resource', {}))).toBe(false);
});

test('a partial write: each judged property it writes in no spelling is the live one, known only at apply time; what it writes stays', () => {
  const update = block('azapi_update_resource', {});
  const after: TerraformBlock = afterWrite(update, { a: 1, c: 'x' }, ['a', ['b', 'b2'], ['c2', 'c']], 'the rule');
  expect(after.a).toBe(1);
  expect(after.c).toBe('x');
  expect(after.c2).toBeUndefined();
  expect(isUnknown(after.b)).toBe(true);
  expect(String(after.b)).toContain('the live b of the rule azapi_update_resource.w updates');
  // Every property written: the write as it is.
  const whole = { a: 1, b2: 2, c: 3 };
  expect(afterWrite(update, whole, ['a', ['b', 'b2'], 'c'], 'the rule')).toBe(whole);
  // A whole write: what it leaves out is absent.
  expect(afterWrite(block('azapi_resource', {}), { a: 1 }, ['a', 'b'], 'the rule')).toEqual({ a: 1 });
});

test('an ARM body read after a partial write keeps reading its property names in any case', () => {
  const update = block('azapi_update_resource', { body: { properties: { SourceAddresses: ['*'] } } });
  const properties = (requestBody(update) as { properties: TerraformBlock }).properties;
  const after = afterWrite(update, properties, ['sourceAddresses', 'translatedAddress'], 'the rule') as TerraformBlock;
  expect(after.sourceAddresses).toEqual(['*']);
  expect(after.SOURCEADDRESSES).toEqual(['*']);
  expect(isUnknown(after.translatedAddress)).toBe(true);
});

// The class test (eighteenth review, A18b-1, A18b-2): every table that reads a partial write of an object the stack does not
// define, × a partial write of a list item or of the object itself, fails (or is unknown: closed) when what it writes may
// complete an open path with the live rest, and passes when what it writes alone narrows. Each writer is an
// azapi_update_resource and an action by PATCH (patchesLive).
describe('every table of partial writes judges the object after the write', () => {
  const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
  const NSG_ID = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-shared`;
  const WORKSPACE = `${SUB}/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/central`;
  const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
  const stack: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet-postgres', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_subnet_network_security_group_association: { db: { ...madeAt(`${CONSTRUCT}/SecurityGroupAssociation`), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: NSG_ID } },
    azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg' } },
    azurerm_monitor_diagnostic_setting: { own: { ...madeAt(`${CONSTRUCT}/DiagnosticSetting`), name: 'diag', target_resource_id: `\${${FLEXIBLE}.db.id}`, log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category_group: 'allLogs' }] } },
  };
  /**
   * `clearable`: members of `narrow` whose clearing with a null leaves nothing that may widen (Azure's default for it is none).
   * `calm`: the status when nothing may widen: a pass, or not applicable where the object's own settings are its owner's to judge
   * (a group the stack does not define: 62nd and 63rd runs, A62a-5, A63a-2).
   */
  type Row = { readonly rule: Rule; readonly type: string; readonly id: string; readonly weak: object; readonly narrow: object; readonly clearable?: readonly string[]; readonly calm?: string };
  const ROWS: { readonly [table: string]: Row } = {
    'given-groups.ts, one rule': { rule: pgfNet7, type: 'Microsoft.Network/networkSecurityGroups/securityRules', id: `${NSG_ID}/securityRules/app`, weak: { sourceAddressPrefix: '*' }, narrow: { access: 'Deny' }, calm: 'not-applicable' },
    'given-groups.ts, an item of the group\'s list': { rule: pgfNet7, type: 'Microsoft.Network/networkSecurityGroups', id: NSG_ID, weak: { securityRules: [{ properties: { sourceAddressPrefix: '*' } }] }, narrow: { securityRules: [{ name: 'app', properties: { sourceAddressPrefix: '10.20.0.0/24' } }] }, clearable: ['securityRules'], calm: 'not-applicable' },
    'forwarding-paths.ts, an item of a rule collection group': { rule: pgNet1, type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups', id: `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw/ruleCollectionGroups/g`, weak: { ruleCollections: [{ rules: [{ sourceAddresses: ['*'] }] }] }, narrow: { ruleCollections: [{ rules: [{ sourceAddresses: ['10.8.0.0/16'] }] }] }, clearable: ['ruleCollections'] },
    'forwarding-paths.ts, a classic firewall\'s item': { rule: pgNet1, type: 'Microsoft.Network/azureFirewalls', id: `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw`, weak: { natRuleCollections: [{ properties: { rules: [{ sourceAddresses: ['*'] }] } }] }, narrow: { natRuleCollections: [{ properties: { rules: [{ translatedAddress: '10.9.0.4' }] } }] }, clearable: ['natRuleCollections'] },
    'forwarding-paths.ts, a load balancer': { rule: pgNet1, type: 'Microsoft.Network/loadBalancers', id: `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/lb`, weak: { frontendIPConfigurations: [{ name: 'fe', properties: { publicIPAddress: { id: 'pip' } } }] }, narrow: { frontendIPConfigurations: [{ name: 'fe', properties: { subnet: { id: 'hub' } } }] }, clearable: ['frontendIPConfigurations'] },
    'dns-forwarding-rules.ts, a forwarding rule': { rule: pgNet1, type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules', id: `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/rs/forwardingRules/all`, weak: { forwardingRuleState: 'Enabled' }, narrow: { forwardingRuleState: 'Disabled' } },
    'security-admin-rules.ts, an admin rule': { rule: pgNet1, type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules', id: `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/m/securityAdminConfigurations/c/ruleCollections/rc/rules/r`, weak: { sources: [{ addressPrefix: '*' }] }, narrow: { access: 'Deny' } },
    'workspace-writers.ts, an item of a data collection rule\'s flows': { rule: pgLog1, type: 'Microsoft.Insights/dataCollectionRules', id: `${SUB}/resourceGroups/central/providers/Microsoft.Insights/dataCollectionRules/d`, weak: { destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: WORKSPACE }] }, dataFlows: [{ streams: ['Microsoft-Table-AzureDiagnostics'] }] }, narrow: { destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: WORKSPACE }] }, dataFlows: [{ transformKql: 'source' }] }, clearable: ['destinations', 'dataFlows'] },
  };
  const WRITERS: { readonly [writer: string]: (row: Row, properties: object) => Resources } = {
    azapi_update_resource: (row, properties) => ({ azapi_update_resource: { w: { type: `${row.type}@2024-05-01`, resource_id: row.id, body: { properties } } } }),
    'azapi_resource_action PATCH': (row, properties) => ({ azapi_resource_action: { w: { type: `${row.type}@2024-05-01`, resource_id: row.id, method: 'PATCH', body: { properties } } } }),
  };
  const statuses = (row: Row, extra: Resources) => [...new Set(verdictsBeside(row.rule, { ...stack, ...extra }, [CONSTRUCT, ZONES]).map((verdict) => verdict.status))];
  describe.each(Object.keys(ROWS))('%s', (table) => {
    test.each(Object.keys(WRITERS))('by %s: a write that may widen over the live rest fails closed; one that alone narrows passes', (writer) => {
      const row = ROWS[table];
      expect(statuses(row, {})).toEqual([row.calm ?? 'pass']);
      expect(statuses(row, WRITERS[writer](row, row.weak))).not.toContain(row.calm ?? 'pass');
      expect(statuses(row, WRITERS[writer](row, row.narrow))).toEqual([row.calm ?? 'pass']);
    });
    // A null member clears the live property (azapi sends it as JSON null, in body or over body's member from sensitive_body): it
    // is then Azure's default, neither the narrowing it replaces nor the live value. Clearing a list of rules, frontends or flows
    // leaves none (passes); clearing a setting whose default opens (a rule's access, a forwarding rule's state) fails or is unknown.
    test.each(Object.keys(WRITERS))('by %s: a null in sensitive_body or body that clears what the narrowing write holds is judged as Azure\'s default', (writer) => {
      const row = ROWS[table];
      for (const member of Object.keys(row.narrow)) {
        const written = WRITERS[writer](row, row.narrow);
        const block = Object.values(written)[0].w as TerraformBlock;
        const overSensitive = { [Object.keys(written)[0]]: { w: { ...block, sensitive_body: { properties: { [member]: null } } } } };
        const inBody = { [Object.keys(written)[0]]: { w: { ...block, body: { properties: { ...row.narrow, [member]: null } } } } };
        const expected = (row.clearable ?? []).includes(member) ? [row.calm ?? 'pass'] : expect.not.arrayContaining([row.calm ?? 'pass']);
        expect([member, statuses(row, overSensitive)]).toEqual([member, expected]);
        expect([member, statuses(row, inBody)]).toEqual([member, expected]);
      }
    });
  });
});
