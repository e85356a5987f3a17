import { DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { checkResourceId, IdPart, parentResourceId, ResourceIdKind, resourceIdPart } from '../../lib/private/resource-id';
import { ValidationError } from '../../lib/private/validation-error';

// Azure resource IDs: each kind's shape as the azurerm provider parses it, and the parts the
// constructs take from an ID, computed at synth for a literal and by Terraform for a token.

const SUBNET = '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sn1';
const WORKSPACE = '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/logs';

describe('ResourceIdKind', () => {
  test.each([
    [ResourceIdKind.SUBNET, SUBNET],
    [ResourceIdKind.VIRTUAL_NETWORK, '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1'],
    [ResourceIdKind.PRIVATE_DNS_ZONE, '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com'],
    [ResourceIdKind.NETWORK_SECURITY_GROUP, '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/networkSecurityGroups/nsg'],
    [ResourceIdKind.LOG_ANALYTICS_WORKSPACE, WORKSPACE],
    [ResourceIdKind.LOG_ANALYTICS_WORKSPACE, '/subscriptions/s1/resourcegroups/rg1/providers/microsoft.operationalinsights/Workspaces/logs'],
    [ResourceIdKind.USER_ASSIGNED_IDENTITY, '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1'],
    [ResourceIdKind.KEY_VAULT, '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1'],
  ])('the %s kind accepts its ID', (kind, id) => {
    expect(kind.matches(id)).toBe(true);
  });

  test('only the Log Analytics workspace is read without regard to case', () => {
    expect(ResourceIdKind.SUBNET.matches(SUBNET.toLowerCase())).toBe(false);
    expect(ResourceIdKind.KEY_VAULT.matches('/subscriptions/s1/resourceGroups/rg1/providers/microsoft.keyvault/vaults/kv1')).toBe(false);
  });

  test.each([
    ['a subnet ID with text before it', `x${SUBNET}`],
    ['a subnet ID with a trailing slash', `${SUBNET}/`],
    ['a subnet ID with a child after it', `${SUBNET}/more`],
    ['a virtual network ID', '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1'],
    ['an empty resource group', '/subscriptions/s1/resourceGroups//providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sn1'],
    ['a resource group with a slash', '/subscriptions/s1/resourceGroups/a/b/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sn1'],
  ])('the subnet kind refuses %s', (_, id) => {
    expect(ResourceIdKind.SUBNET.matches(id)).toBe(false);
  });

  test.each([
    [ResourceIdKind.SUBNET, 'subnet', 'Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>'],
    [ResourceIdKind.VIRTUAL_NETWORK, 'virtual network', 'Microsoft.Network/virtualNetworks/<vnet>'],
    [ResourceIdKind.PRIVATE_DNS_ZONE, 'private DNS zone', 'Microsoft.Network/privateDnsZones/<zone>'],
    [ResourceIdKind.NETWORK_SECURITY_GROUP, 'network security group', 'Microsoft.Network/networkSecurityGroups/<name>'],
    [ResourceIdKind.LOG_ANALYTICS_WORKSPACE, 'Log Analytics workspace', 'Microsoft.OperationalInsights/workspaces/<name>'],
    [ResourceIdKind.USER_ASSIGNED_IDENTITY, 'user-assigned identity', 'Microsoft.ManagedIdentity/userAssignedIdentities/<name>'],
    [ResourceIdKind.KEY_VAULT, 'Key Vault', 'Microsoft.KeyVault/vaults/<name>'],
  ])('the %s kind is named %j with an example ID in messages', (kind, label, tail) => {
    expect(kind.label).toBe(label);
    expect(kind.example).toBe(`/subscriptions/<id>/resourceGroups/<rg>/providers/${tail}`);
  });
});

describe('checkResourceId', () => {
  // 46th run, A46b-2: valid cdktf text, refused as before, but for what it is.
  test.each([
    ['a reference', '${azurerm_subnet.sn.id}'],
    ['a variable', '${var.subnet}'],
    ['an escaped reference', '$${azurerm_subnet.sn.id}'],
    ['a directive', '%{if true}x%{endif}'],
  ])('says that %s written as text is a hand-written expression it does not read', (_, value) => {
    for (const kind of [ResourceIdKind.SUBNET, ResourceIdKind.VIRTUAL_NETWORK, ResourceIdKind.PRIVATE_DNS_ZONE, ResourceIdKind.NETWORK_SECURITY_GROUP,
      ResourceIdKind.LOG_ANALYTICS_WORKSPACE, ResourceIdKind.USER_ASSIGNED_IDENTITY, ResourceIdKind.KEY_VAULT]) {
      let error: unknown;
      try {
        checkResourceId('network.id', value, kind);
      } catch (thrown) {
        error = thrown;
      }
      expect((error as ValidationError).code).toBe('ID-TEMPLATE');
      expect((error as ValidationError).message).toBe(
        `Invalid network.id: ${JSON.stringify(value)} holds a hand-written Terraform expression ("\${" or "%{"), which the library does not read: it reads only cdktf tokens and literal values. `
          + `Fix: pass the attribute as a token instead (e.g. the ${kind.label}'s .id attribute, or variable.stringValue of a TerraformVariable), or the full ID, ${kind.example}.`,
      );
    }
  });

  test('an ID of the kind with a "${" in a segment is refused too (49th run, A49a-6), and a malformed one without is still not an ID', () => {
    expect(() => checkResourceId('network.id', SUBNET.replace('s1', '${var.sub}'), ResourceIdKind.SUBNET)).toThrow(/holds a hand-written Terraform expression/);
    expect(() => checkResourceId('network.id', 'azurerm_subnet.sn.id', ResourceIdKind.SUBNET)).toThrow(/is not a subnet resource ID/);
  });

  test('passes an ID of the kind, an unset value and a token', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    for (const value of [SUBNET, undefined, new TerraformVariable(stack, 'subnet', {}).stringValue]) {
      expect(() => checkResourceId('network.delegatedSubnetId', value, ResourceIdKind.SUBNET)).not.toThrow();
    }
  });

  test('refuses an ID of another kind with the kind and its example', () => {
    let error: unknown;
    try {
      checkResourceId('network.delegatedSubnetId', WORKSPACE, ResourceIdKind.SUBNET);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('RESOURCE-ID-KIND');
    expect((error as ValidationError).message).toBe(
      `Invalid network.delegatedSubnetId: "${WORKSPACE}" is not a subnet resource ID. ` +
        'Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>.',
    );
  });
});

describe('resourceIdPart and parentResourceId', () => {
  test('take the parts of a literal ID at synth', () => {
    expect(IdPart.SUBSCRIPTION).toBe(2);
    expect(resourceIdPart(SUBNET, IdPart.SUBSCRIPTION)).toBe('s1');
    expect(resourceIdPart(SUBNET, IdPart.RESOURCE_GROUP)).toBe('rg1');
    expect(resourceIdPart(SUBNET, IdPart.NAME)).toBe('vnet1');
    expect(resourceIdPart(SUBNET, IdPart.CHILD_NAME)).toBe('sn1');
    expect(parentResourceId(SUBNET)).toBe('/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1');
  });

  test('leave the parts of a token to Terraform', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const id = new TerraformVariable(stack, 'subnet', {}).stringValue;
    const resolve = (value: string) => Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolve(resourceIdPart(id, IdPart.RESOURCE_GROUP))).toBe('${element(split("/", var.subnet), 4)}');
    expect(resolve(parentResourceId(id))).toBe('${join("/", slice(split("/", var.subnet), 0, 9))}');
  });
});
