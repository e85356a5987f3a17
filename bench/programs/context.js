'use strict';
// What both sides of every synth comparison share: the surroundings a user's stack has (provider,
// variables, resource group, virtual network, Log Analytics workspace), built with deep imports,
// and the per-server inputs. Only the PostgreSQL part differs between the library program and the
// hand-written baseline.
const { TerraformStack, TerraformVariable } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
const { VirtualNetwork } = require('@cdktf/provider-azurerm/lib/virtual-network');
const { LogAnalyticsWorkspace } = require('@cdktf/provider-azurerm/lib/log-analytics-workspace');

const STACK_ID = 'bench';

/** Reads `--servers N --outdir DIR [--mode M] [--roles R]` from argv. */
function parseArgs(argv) {
  const args = { servers: 1, outdir: undefined, mode: 'checks', roles: 5 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    args[key] = key === 'servers' || key === 'roles' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!Number.isInteger(args.roles) || args.roles < 0 || args.roles > 50) throw new Error('--roles must be 0..50');
  if (!args.outdir) throw new Error('--outdir is required');
  if (!Number.isInteger(args.servers) || args.servers < 1 || args.servers > 4096) throw new Error('--servers must be 1..4096');
  return args;
}

/** The stack and the resources every server points at. */
function createStack(app) {
  const stack = new TerraformStack(app, STACK_ID);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const tenantId = new TerraformVariable(stack, 'tenant_id', { type: 'string' });
  const adminGroupObjectId = new TerraformVariable(stack, 'admin_group_object_id', { type: 'string' });
  const adminGroupName = new TerraformVariable(stack, 'admin_group_name', { type: 'string' });
  const resourceGroup = new ResourceGroup(stack, 'ResourceGroup', { name: 'rg-orders-db', location: 'westeurope' });
  const network = new VirtualNetwork(stack, 'Network', {
    name: 'vnet-orders',
    resourceGroupName: resourceGroup.name,
    location: resourceGroup.location,
    addressSpace: ['10.20.0.0/16'],
  });
  const logs = new LogAnalyticsWorkspace(stack, 'Logs', {
    name: 'log-orders-db',
    resourceGroupName: resourceGroup.name,
    location: resourceGroup.location,
    sku: 'PerGB2018',
    retentionInDays: 90,
  });
  return {
    stack,
    tenantId: tenantId.stringValue,
    adminGroupObjectId: adminGroupObjectId.stringValue,
    adminGroupName: adminGroupName.stringValue,
    resourceGroupName: resourceGroup.name,
    location: resourceGroup.location,
    virtualNetworkId: network.id,
    virtualNetworkName: network.name,
    virtualNetworkResourceGroupName: network.resourceGroupName,
    workspaceId: logs.id,
  };
}

/** Inputs of server i: a unique name and its own /28 inside 10.20.0.0/16 (up to 4096 servers). */
function serverInputs(i) {
  return {
    id: `Postgres${i}`,
    name: `orders-db-${i}`,
    subnetAddressPrefix: `10.20.${Math.floor(i / 16)}.${(i % 16) * 16}/28`,
    tags: { environment: 'production', workload: 'orders' },
  };
}

/** The database every server of the roles programs gets, and its access levels in the order of the roles. */
const ROLES_DATABASE = 'orders';
const ROLE_LEVELS = ['readwrite', 'readonly', 'owner'];
const PRINCIPAL_TYPES = ['ServicePrincipal', 'Group', 'User'];

/** Login role j of server i: an Entra principal with its own object ID, cycling through the levels. */
function roleInputs(i, j) {
  const hex = (n, width) => n.toString(16).padStart(width, '0');
  return {
    name: `orders_member_${j}`,
    level: ROLE_LEVELS[j % ROLE_LEVELS.length],
    principalType: PRINCIPAL_TYPES[j % PRINCIPAL_TYPES.length],
    objectId: `${hex(i, 8)}-0000-4000-8000-${hex(j, 12)}`,
  };
}

module.exports = { STACK_ID, parseArgs, createStack, serverInputs, ROLES_DATABASE, roleInputs };
