// 70th run, A70b-1, A70b-2, A70b-3. A lookup whose `id` is the ID it was given (azurerm_monitor_diagnostic_categories:
// its resource_id; azurerm_role_assignments: its scope), or a resource whose `id` is another's (a subnet association:
// its subnet's), was read as a block of its own type: a role, a diagnostic setting, an NSG association, a table's
// retention or an exemption written through it passed beside the server it names. An azapi update or action of a
// policy assignment named by a reference (a lookup's id, an azurerm assignment's id) was on no scope. And a listed
// audit-only built-in overridden to a writing effect was said to be off the list. Each case is judged at synth and by
// `check` on the JSON.
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { DataAzurermKeyVaultKey } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-key';
import { DataAzurermKeyVaultSecrets } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secrets';
import { DataAzurermMonitorDiagnosticCategories } from '@cdktf/provider-azurerm/lib/data-azurerm-monitor-diagnostic-categories';
import { DataAzurermPolicyAssignment } from '@cdktf/provider-azurerm/lib/data-azurerm-policy-assignment';
import { DataAzurermRoleAssignments } from '@cdktf/provider-azurerm/lib/data-azurerm-role-assignments';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultAccessPolicyA } from '@cdktf/provider-azurerm/lib/key-vault-access-policy';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { ResourceGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/resource-group-policy-assignment';
import { ResourcePolicyExemption } from '@cdktf/provider-azurerm/lib/resource-policy-exemption';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Fn, TerraformLocal, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerAuthentication, FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, KEY_VAULT_ID, minimalProps, providerStack, SUBSCRIPTION, synthErrors, WORKSPACE_ID } from '../helpers';

const PRINCIPAL = '00000000-0000-0000-0000-000000000001';
const FOREIGN_STORE = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/evil';
const ASSIGNMENT = 'Microsoft.Authorization/policyAssignments@2024-04-01';
const ALLOWED_LOCATIONS = '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c';

type Add = (stack: TerraformStack, server: SecureFlexibleServer) => void;

function stackWith(add: Add): TerraformStack {
  const stack = providerStack('alias');
  add(stack, new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
  return stack;
}

/** The rules that fail at synth and by `check`, each with the messages, beside the construct. */
function judged(add: Add): { synth: string[]; check: string[]; messages: string[] } {
  const lines = synthErrors(stackWith(add));
  const synth = [...new Set(lines.map((line) => /(PG[A-Z]?-[A-Z]+-\d+)/.exec(line)?.[1] ?? ''))].sort();
  const json = JSON.parse(JSON.stringify(stackWith(add).toTerraform())) as object;
  const failed = evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.status === 'fail');
  return { synth, check: [...new Set(failed.map((finding) => finding.ruleId))].sort(), messages: failed.map((finding) => `${finding.ruleId} ${finding.message}`) };
}

/** The rules that fail by `check` on a stack the build makes. */
function failedRules(name: string, build: (stack: TerraformStack) => void): string[] {
  const stack = providerStack(name);
  build(stack);
  return evaluateStack(JSON.parse(JSON.stringify(stack.toTerraform())) as object, ALL_RULES).findings.filter((finding) => finding.status === 'fail').map((finding) => finding.ruleId);
}

/** A diagnostic categories lookup of `resourceId`: its id is that ID (azurerm: d.SetId(NewScopeID(resource_id).ID())). */
const categories = (stack: TerraformStack, resourceId: string) => new DataAzurermMonitorDiagnosticCategories(stack, 'cats', { resourceId }).id;
const owner = (stack: TerraformStack, scope: string) => new RoleAssignment(stack, 'owner', { scope, roleDefinitionName: 'Owner', principalId: PRINCIPAL });

describe('a lookup or resource whose id is the ID of what it names (A70b-1)', () => {
  test('Owner on the id of a diagnostic categories or role assignments lookup of the server is Owner on the server', () => {
    expect(judged((stack, pg) => owner(stack, categories(stack, pg.serverId)))).toMatchObject({ synth: ['PG-IAM-2'], check: ['PG-IAM-2'] });
    const roles = judged((stack, pg) => owner(stack, new DataAzurermRoleAssignments(stack, 'roles', { scope: pg.serverId }).id));
    expect(roles).toMatchObject({ synth: ['PG-IAM-2'], check: ['PG-IAM-2'] });
    expect(roles.messages.join('\n')).toContain('grants Owner on the server');
  });

  test('Owner on the id of the construct\'s own NSG association is Owner on its delegated subnet', () => {
    const result = judged((stack) => {
      const association = stack.node.findAll().find((each) => each instanceof SubnetNetworkSecurityGroupAssociation) as SubnetNetworkSecurityGroupAssociation;
      owner(stack, association.id);
    });
    expect(result).toMatchObject({ synth: ['PG-IAM-2'], check: ['PG-IAM-2'] });
  });

  test('a second diagnostic setting on the lookup\'s id exports the server\'s logs', () => {
    expect(judged((stack, pg) => new MonitorDiagnosticSetting(stack, 'copy', { name: 'copy', targetResourceId: categories(stack, pg.serverId), storageAccountId: FOREIGN_STORE, enabledLog: [{ categoryGroup: 'allLogs' }] })))
      .toMatchObject({ synth: ['PG-LOG-1'], check: ['PG-LOG-1'] });
  });

  test('an NSG association on the lookup\'s id of the delegated subnet swaps the subnet\'s group', () => {
    const result = judged((stack, pg) => {
      const open = new NetworkSecurityGroup(stack, 'open', { name: 'open', location: 'westeurope', resourceGroupName: 'rg-network', securityRule: [{ name: 'all', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*' }] });
      new SubnetNetworkSecurityGroupAssociation(stack, 'swap', { subnetId: categories(stack, pg.subnetId!), networkSecurityGroupId: open.id });
    });
    expect(result.check).toContain('PGF-NET-7');
    expect(result.synth).toContain('PGF-NET-7');
  });

  test('a 4-day retention on the server\'s log table through the lookup\'s id of the workspace', () => {
    expect(judged((stack) => new LogAnalyticsWorkspaceTable(stack, 'table', { workspaceId: categories(stack, WORKSPACE_ID), name: 'PGSQLServerLogs', retentionInDays: 4, totalRetentionInDays: 4 })))
      .toMatchObject({ synth: ['PG-LOG-1'], check: ['PG-LOG-1'] });
  });

  test('an exemption of the lookup\'s id exempts the server', () => {
    const result = judged((stack, pg) => new ResourcePolicyExemption(stack, 'exempt', { name: 'exempt', resourceId: categories(stack, pg.serverId), exemptionCategory: 'Waiver',
      policyAssignmentId: `${SUBSCRIPTION}/providers/Microsoft.Authorization/policyAssignments/deny-public-pg` }));
    expect(result).toMatchObject({ synth: ['PG-CFG-4'], check: ['PG-CFG-4'] });
    expect(result.messages.join('\n')).toContain('exempts the server');
  });

  test('a firewall rule whose server_id is the lookup\'s id is the construct\'s server\'s, judged with its network', () => {
    const result = judged((stack, pg) => new PostgresqlFlexibleServerFirewallRule(stack, 'fw', { name: 'office', serverId: categories(stack, pg.serverId), startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' }));
    expect(result.check).toContain('PGF-NET-6');
  });

  test('a writer of a type no rule reads, on the lookup\'s id, reaches the server; on another resource\'s it passes', () => {
    const chaos = (target: (stack: TerraformStack, pg: SecureFlexibleServer) => string): Add => (stack, pg) => {
      const block = new TerraformResource(stack, 'chaos', { terraformResourceType: 'azurerm_chaos_studio_target' });
      block.addOverride('location', 'westeurope');
      block.addOverride('target_type', 'Microsoft-Agent');
      block.addOverride('target_resource_id', target(stack, pg));
    };
    const result = judged(chaos((stack, pg) => categories(stack, pg.serverId)));
    // Judged as the same writer on the server's own ID (73rd run: the alias is read as what it points at, pointer-readings.ts).
    expect(result.check).toContain('PG-CFG-3');
    expect(result.messages.join('\n')).toContain('reaches the server; no rule reads what it does there');
    expect(result).toEqual(judged(chaos((_stack, pg) => pg.serverId)));
    expect(judged(chaos((stack) => categories(stack, `${SUBSCRIPTION}/resourceGroups/rg-other/providers/Microsoft.Storage/storageAccounts/other`)))).toMatchObject({ synth: [], check: [] });
  });

  test('a lookup of another resource passes: the id is that resource\'s', () => {
    expect(judged((stack) => owner(stack, categories(stack, `${SUBSCRIPTION}/resourceGroups/rg-other/providers/Microsoft.Storage/storageAccounts/other`)))).toMatchObject({ synth: [], check: [] });
  });
});

/** An azapi write of type `type` on `resourceId`, with `config`. */
function azapi(stack: TerraformStack, kind: string, resourceId: string, config: { [key: string]: unknown }): void {
  const write = new TerraformResource(stack, 'write', { terraformResourceType: kind });
  write.addOverride('type', ASSIGNMENT);
  write.addOverride('resource_id', resourceId);
  for (const [key, value] of Object.entries(config)) write.addOverride(key, value);
}

const platform = (stack: TerraformStack, scopeId = SUBSCRIPTION) => new DataAzurermPolicyAssignment(stack, 'platform', { name: 'platform-deny-public', scopeId }).id;

describe('an azapi write of a policy assignment named by a reference (A70b-2)', () => {
  test.each([
    ['DoNotEnforce', { enforcementMode: 'DoNotEnforce' }],
    ['notScopes with the server\'s group', { notScopes: [`${SUBSCRIPTION}/resourceGroups/rg-orders`] }],
    ['an override to Modify', { overrides: [{ kind: 'policyEffect', value: 'Modify' }] }],
  ])('an update of a looked-up subscription assignment (%s) is a policy write on the subscription', (_name, properties) => {
    const result = judged((stack) => azapi(stack, 'azapi_update_resource', platform(stack), { body: { properties } }));
    expect(result).toMatchObject({ synth: ['PG-CFG-4'], check: ['PG-CFG-4'] });
    expect(result.messages.join('\n')).toContain(`on the subscription "${SUBSCRIPTION}", which contains the server`);
  });

  test('a DELETE of a looked-up assignment removes the guardrail, as an exemption does', () => {
    const result = judged((stack) => azapi(stack, 'azapi_resource_action', platform(stack), { method: 'DELETE' }));
    expect(result).toMatchObject({ synth: ['PG-CFG-4'], check: ['PG-CFG-4'] });
    expect(result.messages.join('\n')).toContain('deletes (or acts on), by an azapi action, a policy assignment');
  });

  test('an update of the stack\'s own assignment is on its scope: on the workspace\'s group it fails PG-LOG-1 too', () => {
    const result = judged((stack) => {
      const own = new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-logs`, policyDefinitionId: ALLOWED_LOCATIONS });
      azapi(stack, 'azapi_update_resource', own.id, { body: { properties: { overrides: [{ kind: 'policyEffect', value: 'Modify' }] } } });
    });
    expect(result.check).toEqual(['PG-LOG-1']);
    expect(result.synth).toEqual(['PG-LOG-1']);
    const elsewhere = judged((stack) => {
      const own = new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-other`, policyDefinitionId: ALLOWED_LOCATIONS });
      azapi(stack, 'azapi_update_resource', own.id, { body: { properties: { enforcementMode: 'DoNotEnforce' } } });
    });
    expect(elsewhere).toMatchObject({ synth: [], check: [] });
  });

  test('an ID that is a reference to no assignment is on any scope: it fails closed', () => {
    const result = judged((stack) => azapi(stack, 'azapi_update_resource', categories(stack, `${SUBSCRIPTION}/resourceGroups/rg-other`), { body: { properties: { enforcementMode: 'DoNotEnforce' } } }));
    expect(result.check).toContain('PG-CFG-4');
  });
});

describe('a listed audit-only built-in overridden to a writing effect (A70b-3)', () => {
  test('the messages name the override, not the list', () => {
    const result = judged((stack) => new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-logs`, policyDefinitionId: ALLOWED_LOCATIONS, overrides: [{ value: 'Modify' }] }));
    const text = result.messages.join('\n');
    expect(text).toContain('a built-in on the audit-only list whose overrides may give it an effect that writes');
    expect(text).not.toContain('not on the audit-only list');
    const onServer = judged((stack) => new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-orders`, policyDefinitionId: ALLOWED_LOCATIONS, overrides: [{ value: 'Modify' }] }));
    expect(onServer.messages.join('\n')).toContain('it is on the pack\'s list of audit-only built-ins, but its overrides may give it an effect that writes');
    expect(onServer.messages.join('\n')).not.toContain('not on the pack\'s list');
  });
});

// 73rd run, A73b-1/2/3: readers that did not resolve aliases (the writers of the NSG, subnet and zone; Key Vault access policies;
// the perimeter's vaults and subnets read through another block's ID argument). One rewrite of the JSON now reads every reference
// to an alias's id, and to a block's ID argument, as what it points at (pointer-readings.ts): each is judged as the direct one.
describe('a pointer reached through an alias or another block\'s ID argument is judged as the object it points at (A73b-1/2/3)', () => {
  /** The failing rules at synth and by `check`, for the write made on `target` and on the direct reference alike. */
  const alike = (write: (stack: TerraformStack, target: string) => void, direct: (stack: TerraformStack, pg: SecureFlexibleServer) => string, reached: (stack: TerraformStack, pg: SecureFlexibleServer) => string, props = minimalProps()) => {
    const judge = (target: (stack: TerraformStack, pg: SecureFlexibleServer) => string) => {
      const build = () => {
        const stack = providerStack('pointer');
        write(stack, target(stack, new SecureFlexibleServer(stack, 'Postgres', props)));
        return stack;
      };
      const synth = [...new Set(synthErrors(build()).map((line) => /(PG[A-Z]?-[A-Z]+-\d+)/.exec(line)?.[1] ?? ''))].sort();
      const failed = evaluateStack(JSON.parse(JSON.stringify(build().toTerraform())) as object, ALL_RULES).findings.filter((finding) => finding.status === 'fail');
      return { synth, check: [...new Set(failed.map((finding) => finding.ruleId))].sort() };
    };
    const expected = judge(direct);
    expect(expected.check.length).toBeGreaterThan(0);
    expect(judge(reached)).toEqual(expected);
  };
  const securityGroupOf = (stack: TerraformStack) => (stack.node.findAll().find((each) => each instanceof NetworkSecurityGroup) as NetworkSecurityGroup).id;
  const associationOf = (stack: TerraformStack) => stack.node.findAll().find((each) => each instanceof SubnetNetworkSecurityGroupAssociation) as SubnetNetworkSecurityGroupAssociation;

  test('an azapi rule allowing all inbound, written into the construct\'s NSG through a role-assignments lookup of it (A73b-1)', () => {
    const allowAll = (stack: TerraformStack, parentId: string) => {
      const rule = new TerraformResource(stack, 'rule', { terraformResourceType: 'azapi_resource' });
      rule.addOverride('type', 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01');
      rule.addOverride('name', 'allow-all');
      rule.addOverride('parent_id', parentId);
      rule.addOverride('body', { properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*' } });
    };
    alike(allowAll, (stack) => securityGroupOf(stack), (stack) => new DataAzurermRoleAssignments(stack, 'roles', { scope: securityGroupOf(stack) }).id);
  });

  test('an access policy reading secrets, on the vault of the administrator password through a Key Vault secrets lookup (A73b-2)', () => {
    const props = minimalProps({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'legacy reporting tool without Entra', keyVaultResourceId: KEY_VAULT_ID }) });
    const policy = (stack: TerraformStack, keyVaultId: string) => new KeyVaultAccessPolicyA(stack, 'Policy', { keyVaultId, tenantId: '00000000-0000-0000-0000-0000000000aa', objectId: PRINCIPAL, secretPermissions: ['Get'] });
    alike(policy, () => KEY_VAULT_ID, (stack) => new DataAzurermKeyVaultSecrets(stack, 'secrets', { keyVaultId: KEY_VAULT_ID }).id, props);
  });

  test('an access policy that may delete the customer-managed key, on its vault through a Key Vault secrets lookup (A73b-2)', () => {
    // The key is looked up in a vault given by a variable, as in examples/flexible-cmk-ha.
    const vaultOf = (stack: TerraformStack) => (stack.node.tryFindChild('vault') as TerraformVariable | undefined ?? new TerraformVariable(stack, 'vault', { type: 'string' })).stringValue;
    const cmk = (write: (stack: TerraformStack, vault: string) => void, target: (stack: TerraformStack) => string) => (stack: TerraformStack) => {
      const key = new DataAzurermKeyVaultKey(stack, 'Key', { name: 'orders-cmk', keyVaultId: vaultOf(stack) });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: key.id, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
      write(stack, target(stack));
    };
    const policy = (stack: TerraformStack, keyVaultId: string) => new KeyVaultAccessPolicyA(stack, 'Policy', { keyVaultId, tenantId: '00000000-0000-0000-0000-0000000000aa', objectId: PRINCIPAL, keyPermissions: ['Delete', 'Purge'] });
    const judge = (build: (stack: TerraformStack) => void) => {
      const stack = providerStack('cmk');
      build(stack);
      return evaluateStack(JSON.parse(JSON.stringify(stack.toTerraform())) as object, ALL_RULES).findings.filter((finding) => finding.status === 'fail').map((finding) => finding.ruleId).sort();
    };
    const direct = judge(cmk(policy, (stack) => vaultOf(stack)));
    expect(direct).toContain('PG-IAM-2');
    expect(judge(cmk(policy, (stack) => new DataAzurermKeyVaultSecrets(stack, 'secrets', { keyVaultId: vaultOf(stack) }).id))).toEqual(direct);
  });

  test('Network Contributor on the NSG read through the construct\'s NSG association (A73b-3)', () => {
    const contributor = (stack: TerraformStack, scope: string) => new RoleAssignment(stack, 'net', { scope, roleDefinitionName: 'Network Contributor', principalId: PRINCIPAL });
    alike(contributor, (stack) => securityGroupOf(stack), (stack) => associationOf(stack).networkSecurityGroupId);
    alike(contributor, (_stack, pg) => pg.subnetId!, (stack) => associationOf(stack).subnetId);
  });
});

// 74th run, A74b-2/3/4: pointers the JSON's rewrite leaves (an expression around the block, a block that ignores changes, a
// function of the expression the vault was given) are read through, or as any object, where the perimeter's grants are judged.
describe('a grant on a pointer the rewrite leaves is judged as on what it points at (A74b-2/3/4)', () => {
  const failing = (build: (stack: TerraformStack) => void) => failedRules('left', build);
  const contributor = (stack: TerraformStack, scope: string) => new RoleAssignment(stack, 'net', { scope, roleDefinitionName: 'Network Contributor', principalId: PRINCIPAL });
  const withServer = (grant: (stack: TerraformStack, association: string) => void, change: (association: SubnetNetworkSecurityGroupAssociation) => void = () => undefined) => (stack: TerraformStack) => {
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const association = stack.node.findAll().find((each) => each instanceof SubnetNetworkSecurityGroupAssociation) as SubnetNetworkSecurityGroupAssociation;
    change(association);
    grant(stack, `azurerm_subnet_network_security_group_association.${association.friendlyUniqueId}`);
  };

  test.each([
    ['in parentheses', (address: string) => `\${(${address}).subnet_id}`],
    ['by lookup()', (address: string) => `\${lookup(${address}, "network_security_group_id")}`],
    ['through a list', (address: string) => `\${[${address}][0].subnet_id}`],
  ])('Network Contributor on the construct\'s association\'s pointer %s fails', (_name, scope) => {
    expect(failing(withServer((stack, address) => contributor(stack, scope(address))))).toContain('PG-IAM-2');
  });

  test('on the pointer of an association that ignores changes (it may hold another subnet, imported), it fails', () => {
    const ignoring = (association: SubnetNetworkSecurityGroupAssociation) => association.addOverride('lifecycle.ignore_changes', ['subnet_id']);
    expect(failing(withServer((stack, address) => contributor(stack, `\${${address}.subnet_id}`), ignoring))).toContain('PG-IAM-2');
    expect(failing(withServer((stack, address) => contributor(stack, `\${${address}.id}`), ignoring))).toContain('PG-IAM-2');
  });

  test('on another subnet\'s association it passes', () => {
    const other = (stack: TerraformStack) => new SubnetNetworkSecurityGroupAssociation(stack, 'app', { subnetId: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`, networkSecurityGroupId: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/app` });
    expect(failing(withServer((stack) => contributor(stack, `\${(azurerm_subnet_network_security_group_association.${other(stack).friendlyUniqueId}).subnet_id}`)))).toEqual([]);
  });

  test('a block that ignores changes to another argument (its tags) is read through; a chain of pointers too long fails closed (A75b-3/4)', () => {
    const APP_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`;
    const endpoint = (ignored: string[]) => (stack: TerraformStack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      const pe = new TerraformResource(stack, 'pe', { terraformResourceType: 'azurerm_private_endpoint' });
      pe.addOverride('subnet_id', APP_SUBNET);
      pe.addOverride('lifecycle.ignore_changes', ignored);
      contributor(stack, `\${azurerm_private_endpoint.${pe.friendlyUniqueId}.subnet_id}`);
    };
    expect(failing(endpoint(['tags']))).toEqual([]);
    expect(failing(withServer((stack, address) => contributor(stack, `\${${address}.subnet_id}`), (association) => association.addOverride('lifecycle.ignore_changes', ['network_security_group_id'])))).toContain('PG-IAM-2');
    const chain = (length: number) => withServer((stack, address) => {
      let scope = `\${${address}.subnet_id}`;
      for (let at = 0; at < length; at++) {
        const link = new RoleAssignment(stack, `reader${at}`, { scope, roleDefinitionName: 'Reader', principalId: PRINCIPAL });
        link.addOverride('count', 1);
        scope = `\${azurerm_role_assignment.${link.friendlyUniqueId}[0].scope}`;
      }
      contributor(stack, scope);
    });
    expect(failing(chain(3))).toContain('PG-IAM-2');
    expect(failing(chain(7))).toContain('PG-IAM-2');
  });

  test('a grant through an attribute that gives back what its block was written is judged as on what was written (A75b-2)', () => {
    const relayed = (attribute: string, input: (association: string) => string) => withServer((stack, address) => {
      const relay = new TerraformResource(stack, 'relay', { terraformResourceType: 'terraform_data' });
      relay.addOverride('input', input(address));
      contributor(stack, `\${terraform_data.${relay.friendlyUniqueId}.${attribute}}`);
    });
    expect(failing(relayed('output', (address) => `\${${address}.subnet_id}`))).toContain('PG-IAM-2');
    expect(failing(relayed('output', (address) => `\${${address}.network_security_group_id}`))).toContain('PG-IAM-2');
    const APP_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`;
    expect(failing(relayed('output', () => APP_SUBNET))).toEqual([]);
  });

  test('an instance of a relay with for_each gives back what that instance was written (A76b-4)', () => {
    const APP_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`;
    const relayed = (key: string) => withServer((stack, address) => {
      const relay = new TerraformResource(stack, 'relay', { terraformResourceType: 'terraform_data' });
      relay.addOverride('for_each', { app: APP_SUBNET, db: `\${${address}.subnet_id}` });
      relay.addOverride('input', '${each.value}');
      contributor(stack, `\${terraform_data.${relay.friendlyUniqueId}["${key}"].output}`);
    });
    expect(failing(relayed('app'))).toEqual([]);
    expect(failing(relayed('db'))).toContain('PG-IAM-2');
  });

  test('a path into what a relay gives back is judged as what it was written, a variable relayed as the variable (A76b-5)', () => {
    const APP_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`;
    const relayed = (path: string, input: (association: string) => unknown) => withServer((stack, address) => {
      const relay = new TerraformResource(stack, 'relay', { terraformResourceType: 'terraform_data' });
      relay.addOverride('input', input(address));
      contributor(stack, `\${terraform_data.${relay.friendlyUniqueId}.output${path}}`);
    });
    // Another subnet, by a member or an item of what the relay was written: not the server's network.
    expect(failing(relayed('.subnet', () => ({ subnet: APP_SUBNET })))).toEqual([]);
    expect(failing(relayed('["subnet"]', () => ({ subnet: APP_SUBNET })))).toEqual([]);
    expect(failing(relayed('[0]', () => [APP_SUBNET]))).toEqual([]);
    // The server's subnet so relayed fails.
    expect(failing(relayed('.subnet', (address) => ({ subnet: `\${${address}.subnet_id}` })))).toContain('PG-IAM-2');
    expect(failing(relayed('["subnet"]', (address) => ({ subnet: `\${${address}.subnet_id}` })))).toContain('PG-IAM-2');
    // A variable relayed may be the server's subnet, as the variable itself may; so may what the checks cannot read of a relay.
    expect(failing(withServer((stack) => contributor(stack, '${var.subnet}')))).toContain('PG-IAM-2');
    expect(failing(relayed('', () => '${var.subnet}'))).toContain('PG-IAM-2');
    expect(failing(relayed('.subnet', () => ({ subnet: '${var.subnet}' })))).toContain('PG-IAM-2');
    expect(failing(relayed('.subnet', () => '${var.settings}'))).toContain('PG-IAM-2');
  });

  test('a path into a block\'s written arguments is judged as what is written there; a computed ID in it may be anything (A76b-5)', () => {
    const APP_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`;
    const onNic = (subnet: (association: string) => string) => withServer((stack, address) => {
      const nic = new TerraformResource(stack, 'nic', { terraformResourceType: 'azurerm_network_interface' });
      nic.addOverride('ip_configuration', [{ name: 'ip', subnet_id: subnet(address), private_ip_address_allocation: 'Dynamic' }]);
      contributor(stack, `\${azurerm_network_interface.${nic.friendlyUniqueId}.ip_configuration[0].subnet_id}`);
    });
    expect(failing(onNic(() => APP_SUBNET))).toEqual([]);
    expect(failing(onNic((address) => `\${${address}.subnet_id}`))).toContain('PG-IAM-2');
    // An inline subnet's `id` is computed, not written, and so is an argument written null: either may be the server's subnet.
    const inline = (path: string) => withServer((stack) => {
      const vnet = new TerraformResource(stack, 'vnet', { terraformResourceType: 'azurerm_virtual_network' });
      vnet.addOverride('subnet', [{ name: 'app', address_prefixes: ['10.0.9.0/28'], security_group: null }]);
      contributor(stack, `\${azurerm_virtual_network.${vnet.friendlyUniqueId}.subnet[0].${path}}`);
    });
    expect(failing(inline('id'))).toContain('PG-IAM-2');
    expect(failing(inline('security_group'))).toContain('PG-IAM-2');
  });

  test('Key Vault Crypto Officer on a function of the variable the customer-managed key\'s vault was given fails (A74b-2)', () => {
    const officer = (scope: (vault: string, stack: TerraformStack) => string) => (stack: TerraformStack) => {
      const vault = new TerraformVariable(stack, 'vault', { type: 'string' }).stringValue;
      const key = new DataAzurermKeyVaultKey(stack, 'Key', { name: 'orders-cmk', keyVaultId: vault });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: key.id, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
      new RoleAssignment(stack, 'officer', { scope: scope(vault, stack), roleDefinitionName: 'Key Vault Crypto Officer', principalId: PRINCIPAL });
    };
    expect(failing(officer((vault) => vault))).toContain('PG-IAM-2');
    expect(failing(officer((vault) => Fn.lower(vault)))).toContain('PG-IAM-2');
    expect(failing(officer((vault) => Fn.try([vault, ''])))).toContain('PG-IAM-2');
    // A path below it is another object (a secret of the vault), judged as before.
    expect(failing(officer((vault) => `${Fn.lower(vault)}/secrets/app`))).not.toContain('PG-IAM-2');
    // Another vault, read through a secret of it that ignores changes to its value only, is that vault (75th run, A75b-4).
    const ownSecret = (ignored: string[]) => officer((_vault, stack) => {
      const secret = new TerraformResource(stack, 'own', { terraformResourceType: 'azurerm_key_vault_secret' });
      secret.addOverride('name', 'app-setting');
      secret.addOverride('value_wo', '${var.setting}');
      secret.addOverride('key_vault_id', `${SUBSCRIPTION}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/app`);
      secret.addOverride('lifecycle.ignore_changes', ignored);
      return `\${azurerm_key_vault_secret.${secret.friendlyUniqueId}.key_vault_id}`;
    });
    expect(failing(ownSecret(['value_wo']))).not.toContain('PG-IAM-2');
    expect(failing(ownSecret(['key_vault_id']))).toContain('PG-IAM-2');
  });
});

// 76th run, A76b-1/2/3: a scope that chooses the expression the vault was given among others, an echoed list read through a
// function, and an echo of a block that ignores changes (imported) were read as no object of the perimeter.
describe('a grant on a choice, an echoed list or an imported echo reaches what it may be (A76b-1/2/3)', () => {
  const failing = (build: (stack: TerraformStack) => void) => failedRules('choices', build);
  const OWN_VAULT = `${SUBSCRIPTION}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/app`;
  const officer = (scope: (vault: string, stack: TerraformStack) => string) => (stack: TerraformStack) => {
    const vault = new TerraformVariable(stack, 'vault', { type: 'string' }).stringValue;
    const key = new DataAzurermKeyVaultKey(stack, 'Key', { name: 'orders-cmk', keyVaultId: vault });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: key.id, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    new RoleAssignment(stack, 'officer', { scope: scope(vault, stack), roleDefinitionName: 'Key Vault Crypto Officer', principalId: PRINCIPAL });
  };
  const flag = (stack: TerraformStack) => new TerraformVariable(stack, 'flag', { type: 'bool' }).booleanValue;
  const relay = (stack: TerraformStack, type: string, argument: string, value: unknown) => {
    const block = new TerraformResource(stack, 'relay', { terraformResourceType: type });
    block.addOverride(argument, value);
    return block;
  };

  test.each([
    ['a conditional', (vault: string, stack: TerraformStack) => Fn.conditional(flag(stack), vault, OWN_VAULT)],
    ['coalesce', (vault: string) => Fn.coalesce([vault, OWN_VAULT])],
    ['element of a list', (vault: string, stack: TerraformStack) => Fn.element([OWN_VAULT, vault], new TerraformVariable(stack, 'at', { type: 'number' }).numberValue)],
    ['a local list', (vault: string, stack: TerraformStack) => {
      stack.addOverride('locals.ids', [OWN_VAULT, vault]);
      new TerraformVariable(stack, 'at', { type: 'number' });
      return '${element(local.ids, var.at)}';
    }],
  ])('Crypto Officer on %s holding the vault\'s variable fails (A76b-1)', (_name, scope) => {
    expect(failing(officer(scope))).toContain('PG-IAM-2');
  });

  test('a choice between other vaults, or a path below the vault\'s variable, is not the vault', () => {
    const OTHER = `${SUBSCRIPTION}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/other`;
    expect(failing(officer((_vault, stack) => Fn.conditional(flag(stack), OTHER, OWN_VAULT)))).not.toContain('PG-IAM-2');
    expect(failing(officer((vault, stack) => Fn.conditional(flag(stack), `${vault}/secrets/app`, OWN_VAULT)))).not.toContain('PG-IAM-2');
  });

  test.each([
    ['one(random_shuffle.result)', (vault: string, stack: TerraformStack) => `\${one(random_shuffle.${relay(stack, 'random_shuffle', 'input', [vault]).friendlyUniqueId}.result)}`],
    ['element(terraform_data.output, 0)', (vault: string, stack: TerraformStack) => `\${element(terraform_data.${relay(stack, 'terraform_data', 'input', [OWN_VAULT, vault]).friendlyUniqueId}.output, 1)}`],
    ['values(terraform_data.output)[0]', (vault: string, stack: TerraformStack) => `\${values(terraform_data.${relay(stack, 'terraform_data', 'input', { a: vault }).friendlyUniqueId}.output)[0]}`],
  ])('Crypto Officer on %s of a list holding the vault\'s variable fails (A76b-2)', (_name, scope) => {
    expect(failing(officer(scope))).toContain('PG-IAM-2');
  });

  // 77th run, A77b-6 f02 (false failure): element's literal index into an echoed list picks that item (wrapping, as element does).
  test('element of an echoed list by a literal index is that item only (A77b-6)', () => {
    const picked = (index: number) => failing(officer((vault, stack) => `\${element(terraform_data.${relay(stack, 'terraform_data', 'input', [OWN_VAULT, vault]).friendlyUniqueId}.output, ${index})}`));
    expect(picked(0)).not.toContain('PG-IAM-2');
    expect(picked(2)).not.toContain('PG-IAM-2');
    expect(picked(1)).toContain('PG-IAM-2');
    expect(picked(3)).toContain('PG-IAM-2');
  });

  test('an echoed list of other vaults is no object of the perimeter', () => {
    expect(failing(officer((_vault, stack) => `\${one(random_shuffle.${relay(stack, 'random_shuffle', 'input', [OWN_VAULT]).friendlyUniqueId}.result)}`))).not.toContain('PG-IAM-2');
  });

  // Found by the property test on the first build of these fixes: the construct's NSG rules read its subnet's prefixes (an echoed
  // list, now read item by item), which a local made "x", the very text the identity was given by another local.
  test('a literal that is no ID names no object: prefixes equal to it attach no identity', () => {
    const stack = providerStack('literal');
    const x = (id: string) => new TerraformLocal(stack, id, 'x').asString;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet`, subnetAddressPrefix: x('prefix') }),
      customerManagedKey: { keyVaultKeyId: 'https://kv.vault.azure.net/keys/k', userAssignedIdentityResourceId: x('identity'), geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID },
    }));
    const findings = evaluateStack(JSON.parse(JSON.stringify(stack.toTerraform())) as object, ALL_RULES).findings;
    expect(findings.filter((finding) => finding.status === 'fail' && finding.ruleId === 'PG-IAM-2').map((finding) => finding.message)).toEqual([]);
  });

  test('an echo of a block that ignores changes to the argument it gives back may be any object (A76b-3)', () => {
    const alert = (ignored: string[]) => officer((_vault, stack) => {
      const block = relay(stack, 'azurerm_monitor_metric_alert', 'scopes', [OWN_VAULT]);
      block.addOverride('lifecycle.ignore_changes', ignored);
      return `\${azurerm_monitor_metric_alert.${block.friendlyUniqueId}.scopes[0]}`;
    });
    expect(failing(alert(['scopes']))).toContain('PG-IAM-2');
    expect(failing(alert(['scopes[0]']))).toContain('PG-IAM-2');
    expect(failing(alert(['all']))).toContain('PG-IAM-2');
    // Other arguments it ignores leave what it gives back as written (a subnet ignoring its delegation's actions is common).
    expect(failing(alert(['criteria']))).not.toContain('PG-IAM-2');
    expect(failing(alert(['tags']))).not.toContain('PG-IAM-2');
  });
});

// 77th run, A77b-1..7: the same vault or key named by another spelling of the expression it was given, or by another lookup.
describe('a grant on another spelling of the customer-managed key or its vault reaches it (A77b)', () => {
  const failing = (build: (stack: TerraformStack) => void) => {
    const stack = providerStack('spellings');
    build(stack);
    return evaluateStack(JSON.parse(JSON.stringify(stack.toTerraform())) as object, ALL_RULES).findings.filter((finding) => finding.status === 'fail').map((finding) => finding.ruleId);
  };
  const OWN_VAULT = `${SUBSCRIPTION}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/app`;
  /** The key looked up by name in the vault `vault` gives (a variable's text by default), and Crypto Officer on `scope`. */
  const officer = (scope: (stack: TerraformStack) => string, vault: (stack: TerraformStack) => string = (stack) => new TerraformVariable(stack, 'vault', { type: 'string' }).stringValue) => (stack: TerraformStack) => {
    const key = new DataAzurermKeyVaultKey(stack, 'Key', { name: 'orders-cmk', keyVaultId: vault(stack) });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: key.id, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    new RoleAssignment(stack, 'officer', { scope: scope(stack), roleDefinitionName: 'Key Vault Crypto Officer', principalId: PRINCIPAL });
  };
  const list = (stack: TerraformStack) => {
    new TerraformVariable(stack, 'vaults', { type: 'list(string)' });
    return '${var.vaults[0]}';
  };

  test.each([
    ['element(var.vaults, 0) for var.vaults[0]', () => '${element(var.vaults, 0)}', list],
    ['var.vaults[var.at] for var.vaults[0]', () => '${var.vaults[var.at]}', list],
    ['var.vaults[0] for element(var.vaults, 0)', () => '${var.vaults[0]}', (stack: TerraformStack) => {
      new TerraformVariable(stack, 'vaults', { type: 'list(string)' });
      return '${element(var.vaults, 0)}';
    }],
  ])('an item of the same variable, another way (%s), fails (A77b-1)', (_name, scope, vault) => {
    expect(failing(officer(scope, vault))).toContain('PG-IAM-2');
  });

  test.each([
    ['a conditional holding the key\'s path', `\${var.flag ? "\${var.vault}/keys/orders-cmk" : "${OWN_VAULT}"}`],
    ['format()', '${format("%s/keys/orders-cmk", var.vault)}'],
    ['another case', '${var.vault}/keys/ORDERS-CMK'],
    ['a doubled slash', '${var.vault}//keys/orders-cmk'],
    ['a trailing slash', '${var.vault}/'],
    ['a blank and a slash', '${var.vault} /'],
    ['a "." segment', '${var.vault}/.'],
    ['a ".." segment', '${var.vault}/keys/..'],
  ])('the key or its vault spelled with %s fails (A77b-2/3/7)', (_name, scope) => {
    expect(failing(officer((stack) => {
      new TerraformVariable(stack, 'flag', { type: 'bool' });
      return scope;
    }))).toContain('PG-IAM-2');
  });

  test('a path to another object of the vault, or an element picked by its literal index, is not the vault (A77b-6)', () => {
    expect(failing(officer(() => '${var.vault}/secrets/orders-cmk'))).not.toContain('PG-IAM-2');
    expect(failing(officer((stack) => {
      stack.addOverride('locals.ids', [OWN_VAULT, '${var.vault}']);
      return '${element(local.ids, 0)}';
    }))).not.toContain('PG-IAM-2');
  });

  test('another lookup of the vault or of the key, written alike or by names known only later, is or may be it (A77b-4/5)', () => {
    const byNames = (stack: TerraformStack) => {
      const [name, group] = ['n', 'rg'].map((id) => new TerraformVariable(stack, id, { type: 'string' }).stringValue);
      new DataAzurermKeyVault(stack, 'Second', { name, resourceGroupName: group });
      return new DataAzurermKeyVault(stack, 'First', { name, resourceGroupName: group }).id;
    };
    expect(failing(officer(() => '${data.azurerm_key_vault.Second.id}', byNames))).toContain('PG-IAM-2');
    // A lookup of a vault by names known only later may be the vault the variable gives; one by literal names is that vault.
    // (The geo-backup key's vault, known by name only, is any vault of that name: only the CMK's vault is looked for here.)
    const lookedUp = (name: (stack: TerraformStack) => string) => {
      const stack = providerStack('spellings');
      officer((each) => new DataAzurermKeyVault(each, 'Other', { name: name(each), resourceGroupName: 'rg-app' }).id)(stack);
      return evaluateStack(JSON.parse(JSON.stringify(stack.toTerraform())) as object, ALL_RULES).findings.filter((finding) => finding.status === 'fail')
        .some((finding) => (finding.message ?? '').includes('which may be the Key Vault of the customer-managed key ${data.azurerm_key_vault_key.Key.id}'));
    };
    expect(lookedUp((stack) => new TerraformVariable(stack, 'other', { type: 'string' }).stringValue)).toBe(true);
    expect(lookedUp(() => '${element(split("/", var.vault), 8)}')).toBe(true);
    expect(lookedUp(() => 'app')).toBe(false);
    const secondKey = (keyName: string) => officer((stack) => new DataAzurermKeyVaultKey(stack, 'Again', { name: keyName, keyVaultId: '${var.vault}' }).resourceId);
    expect(failing(secondKey('orders-cmk'))).toContain('PG-IAM-2');
    expect(failing(secondKey('other-key'))).not.toContain('PG-IAM-2');
  });
});

// 79th run, A79b-1/2/3: a customer-managed key given by a variable may be any key of any vault: one in a vault the stack makes (its
// ID is spelled from names a variable can carry), and an access policy that may delete or purge it on any vault; and beside a
// known key, an access policy on a vault known only at apply time may be on its vault.
describe('a key given by a variable, or a vault known only later, and the grants on vaults (A79b)', () => {
  const failing = (build: (stack: TerraformStack) => void) => failedRules('later-keys', build);
  const APP_VAULT = `${SUBSCRIPTION}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/app`;
  const server = (stack: TerraformStack, keyVaultKeyId: string) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    customerManagedKey: { keyVaultKeyId, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID },
  }));
  const variableKey = (stack: TerraformStack) => server(stack, new TerraformVariable(stack, 'key', { type: 'string' }).stringValue);
  const madeVault = (stack: TerraformStack) => new KeyVault(stack, 'app', { name: 'kv-app', resourceGroupName: 'rg-app', location: 'westeurope', tenantId: PRINCIPAL, skuName: 'premium', purgeProtectionEnabled: true });
  const policy = (stack: TerraformStack, keyVaultId: string, keyPermissions: string[]) => new KeyVaultAccessPolicyA(stack, 'policy', { keyVaultId, tenantId: PRINCIPAL, objectId: PRINCIPAL, keyPermissions });

  test('Crypto Officer on a vault the stack makes may be on the key a variable gives (A79b-1)', () => {
    const officer = (role: string) => failing((stack) => {
      variableKey(stack);
      new RoleAssignment(stack, 'officer', { scope: madeVault(stack).id, roleDefinitionName: role, principalId: PRINCIPAL });
    });
    expect(officer('Key Vault Crypto Officer')).toContain('PG-IAM-2');
    expect(officer('Key Vault Crypto Service Encryption User')).not.toContain('PG-IAM-2');
    // A resource group the stack makes holds no object given before it (A19b-3, decided).
    expect(failing((stack) => {
      variableKey(stack);
      new RoleAssignment(stack, 'officer', { scope: new ResourceGroup(stack, 'rg', { name: 'rg-app', location: 'westeurope' }).id, roleDefinitionName: 'Key Vault Crypto Officer', principalId: PRINCIPAL });
    })).not.toContain('PG-IAM-2');
  });

  test('an access policy that may delete or purge keys, on any vault, may be on the key a variable gives (A79b-2)', () => {
    const granted = (vault: (stack: TerraformStack) => string, permissions: string[]) => failing((stack) => {
      variableKey(stack);
      policy(stack, vault(stack), permissions);
    });
    expect(granted(() => APP_VAULT, ['Delete', 'Purge'])).toContain('PG-IAM-2');
    expect(granted((stack) => madeVault(stack).id, ['Delete'])).toContain('PG-IAM-2');
    expect(granted((stack) => new DataAzurermKeyVault(stack, 'v', { name: 'app', resourceGroupName: 'rg-app' }).id, ['Purge'])).toContain('PG-IAM-2');
    expect(granted(() => APP_VAULT, ['Get', 'WrapKey', 'UnwrapKey'])).not.toContain('PG-IAM-2');
    // The access_policy blocks of a vault the stack makes too.
    const inline = (keyPermissions: string[]) => failing((stack) => {
      variableKey(stack);
      madeVault(stack).addOverride('access_policy', [{ tenant_id: PRINCIPAL, object_id: PRINCIPAL, key_permissions: keyPermissions }]);
    });
    expect(inline(['Delete'])).toContain('PG-IAM-2');
    expect(inline(['Get', 'UnwrapKey'])).not.toContain('PG-IAM-2');
  });

  test('beside a known key, an access policy on a vault known only at apply time may be on its vault (A79b-3)', () => {
    const granted = (permissions: string[]) => failing((stack) => {
      server(stack, 'https://kv-orders.vault.azure.net/keys/cmk');
      policy(stack, new TerraformVariable(stack, 'vault', { type: 'string' }).stringValue, permissions);
    });
    expect(granted(['Delete', 'Purge'])).toContain('PG-IAM-2');
    expect(granted(['Get', 'WrapKey', 'UnwrapKey'])).not.toContain('PG-IAM-2');
  });
});

// 80th run, A80b-1: another lookup of the customer-managed key, spelled another way (its name in another case, its vault through
// trimspace), is that key: a grant on its ARM ID is on the key.
describe('a second lookup of the customer-managed key spelled another way (A80b-1)', () => {
  const officer = (name: string, vaultOf: (vault: string) => string, attribute: 'resourceVersionlessId' | 'resourceId' = 'resourceVersionlessId') => failedRules('second-key', (stack) => {
    const vault = new TerraformVariable(stack, 'vault', { type: 'string' }).stringValue;
    const key = new DataAzurermKeyVaultKey(stack, 'Key', { name: 'orders-cmk', keyVaultId: vault });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: key.id, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    const again = new DataAzurermKeyVaultKey(stack, 'Again', { name, keyVaultId: vaultOf(vault) });
    new RoleAssignment(stack, 'officer', { scope: again[attribute], roleDefinitionName: 'Key Vault Crypto Officer', principalId: PRINCIPAL });
  });
  test('its name in another case, or its vault through a function that keeps the text, is the key', () => {
    expect(officer('ORDERS-CMK', (vault) => vault)).toContain('PG-IAM-2');
    expect(officer('orders-cmk', (vault) => Fn.trimspace(vault))).toContain('PG-IAM-2');
    expect(officer('Orders-Cmk', (vault) => Fn.lower(vault), 'resourceId')).toContain('PG-IAM-2');
    // Another key of the vault is another object.
    expect(officer('other-key', (vault) => vault)).not.toContain('PG-IAM-2');
  });
});

// 80th run, A80b-4 (false failure): a key URL whose vault is literal and whose key name is known only later names that vault.
test('a key URL with a literal vault and a key name known only later is a key of that vault only (A80b-4)', () => {
  const officer = (scope: (stack: TerraformStack) => string) => failedRules('url-key', (stack) => {
    const name = new TerraformVariable(stack, 'key_name', { type: 'string' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: `https://kv-orders.vault.azure.net/keys/${name}`, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    new RoleAssignment(stack, 'officer', { scope: scope(stack), roleDefinitionName: 'Key Vault Crypto Officer', principalId: PRINCIPAL });
  });
  const vaultId = (name: string) => `${SUBSCRIPTION}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/${name}`;
  expect(officer(() => vaultId('kv-app'))).not.toContain('PG-IAM-2');
  expect(officer(() => vaultId('kv-orders'))).toContain('PG-IAM-2');
  expect(officer(() => `${vaultId('kv-orders')}/keys/any`)).toContain('PG-IAM-2');
  const made = (name: string) => (stack: TerraformStack) => new KeyVault(stack, 'made', { name, resourceGroupName: 'rg-app', location: 'westeurope', tenantId: PRINCIPAL, skuName: 'premium', purgeProtectionEnabled: true }).id;
  expect(officer(made('kv-app'))).not.toContain('PG-IAM-2');
  expect(officer(made('kv-orders'))).toContain('PG-IAM-2');
});
