import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, Lazy, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  DiagnosticSettings,
  EntraAdministrator,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  FlexibleServerSku,
  HighAvailabilityMode,
  PgAuditLogClass,
  PostgresSecurityChecks,
  PostgresVersion,
  RequiredTerraformVersion,
  RoleDefinition,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  SecureSingleServerProps,
  SecurityRuleDirection,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
  StorageTier,
  TlsVersion,
} from '../lib';
import { runCheck } from '../lib/cli/check-command';
import { ERROR_CODES } from '../lib/private/error-codes';
import { ValidationError } from '../lib/private/validation-error';
import { ADMIN_OBJECT_ID, GEO_KEY_ID, IDENTITY_ID, KEY_ID, minimalProps, minimalPropsOf, minimalSingleProps, MONITORING_SECURITY_RULE, SUBNET_ID, SUBSCRIPTION, TENANT_ID, VNET_ID, VNET_ZONE_ID, WORKSPACE_ID } from './helpers';
import { AUDIT_ROLES_ERRORS, runAuditEntry, writeAuditFixtures } from './support/audit-roles-errors';
import { ThrownEntry } from './support/catalogue-entry';
import { DATABASE_ACCESS_ERRORS } from './support/database-access-errors';

// The error catalogue: every bad input a user can give the library, with its whole message. Each
// entry's id is also a "### <id>" heading of docs/errors.md, which says when the error happens,
// shows the message and the fix; the tests below keep the two in step. The entries of
// DatabaseAccess and of the audit-roles command are in test/support/.

const REASON = 'SEC-123: accepted by the security team until 2027-03';
const ADMIN: EntraAdministrator = { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP };
const LIVE_SERVER_ID = `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`;
const OFFICE = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };

/** A sparse list whose length says 2^32-1: a JavaScript caller's list too long to copy. */
function longList(): unknown[] {
  const list: unknown[] = [];
  list.length = 2 ** 32 - 1;
  return list;
}

/** A string inside lists nested `depth` deep: [[["x"]]] is 3. */
function nestedList(depth: number): unknown {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

function flexible(overrides: Partial<SecureFlexibleServerProps>, stack?: TerraformStack): () => void {
  return () => {
    new SecureFlexibleServer(stack ?? new TerraformStack(Testing.app(), 'orders'), 'Postgres', minimalProps(overrides));
  };
}

/** An entry whose props need the stack, e.g. for a variable: built when the entry runs. */
function withStack(entry: (stack: TerraformStack) => () => void): () => void {
  return () => entry(new TerraformStack(Testing.app(), 'orders'))();
}

function single(overrides: Partial<SecureSingleServerProps>): () => void {
  return () => {
    new SecureSingleServer(new TerraformStack(Testing.app(), 'legacy'), 'Legacy', {
      name: 'legacy-db',
      resourceGroupName: 'rg-legacy',
      location: 'westeurope',
      tenantId: TENANT_ID,
      network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }),
      entraAdministrator: ADMIN,
      diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID),
      administratorLogin: 'pgadmin_ops',
      ...overrides,
    });
  };
}

const HUB_VNET_ID = '/subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-spoke-db`;
const READER_ASSIGNMENT = { role: RoleDefinition.MONITORING_READER, principalId: ADMIN_OBJECT_ID, principalType: EntraPrincipalType.SERVICE_PRINCIPAL };

function securityRule(overrides: object): FlexibleServerNetwork {
  return vnet({ additionalSecurityRules: [{ ...MONITORING_SECURITY_RULE, ...overrides }] });
}

function publicAccess(overrides: object): FlexibleServerNetwork {
  return FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON, ...overrides });
}

function vnet(overrides: object): FlexibleServerNetwork {
  return FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', ...overrides });
}

function adopting(adoption: object, overrides: Partial<SecureSingleServerProps> = {}): Partial<SecureSingleServerProps> {
  return {
    adoption: { serverResourceId: LIVE_SERVER_ID, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true, ...adoption },
    sku: SingleServerSku.GP_GEN5_2,
    version: SingleServerVersion.V11,
    storageMb: 102400,
    ...overrides,
  };
}

const VALIDATION_ERRORS: ThrownEntry[] = [
  {
    id: 'LIBRARY-PROVIDER-ID-RESERVED',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      new Construct(stack, 'cdktf-azure-postgres-random');
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON }) }));
    },
    message: 'Invalid construct id: "cdktf-azure-postgres-random" is reserved for the provider cdktf-azure-postgres adds. Fix: rename the construct that uses it.',
  },
  {
    id: 'PRIVATE-DNS-ZONES-ID-RESERVED',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      new Construct(stack, 'cdktf-azure-postgres-private-dns-zones');
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }) }));
    },
    message: 'Invalid construct id: "cdktf-azure-postgres-private-dns-zones" is reserved for the private DNS zones cdktf-azure-postgres shares between servers. Fix: rename the construct that uses it.',
  },
  {
    id: 'CHECKS-ID-RESERVED',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      Object.assign(new Construct(stack, 'PostgresSecurityChecks'), { include: () => undefined });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    },
    message: 'Invalid construct id: "PostgresSecurityChecks" is reserved for the security checks cdktf-azure-postgres adds to each stack. Fix: rename the construct that uses it.',
  },
  {
    // Adversarial run of stop 72, C72-18: a directory where the report goes failed synth with Node's EISDIR. Run in a folder of its
    // own, so that the outdir, and the path the message shows, is relative.
    id: 'CHECKS-OUTPUT-PATH',
    run: () => {
      const cwd = process.cwd();
      process.chdir(mkdtempSync(join(tmpdir(), 'errors-catalog-')));
      try {
        mkdirSync(join('cdktf.out', 'stacks', 'orders', 'postgres-security-report.json'), { recursive: true });
        const app = new App({ outdir: 'cdktf.out' });
        const stack = new TerraformStack(app, 'orders');
        new AzurermProvider(stack, 'azurerm', { features: [{}] });
        new SecureFlexibleServer(stack, 'Postgres', minimalProps());
        app.synth();
      } finally {
        process.chdir(cwd);
      }
    },
    message: 'Invalid stack folder entry: "cdktf.out/stacks/orders/postgres-security-report.json" is a directory, where the PostgreSQL security checks write or remove a file of the stack (its report, or the cdk.tf.json of an earlier synth). Fix: remove the directory, then synth again.',
  },
  // Types and literals
  { id: 'REQUIRED', run: single({ name: '' }), message: 'Invalid name: "" is required. Fix: give a globally unique name, e.g. "orders-prod-pg".' },
  { id: 'PROP-TYPE', run: flexible({ deletionProtection: { preventDestroy: 'false' as never } }), message: 'Invalid deletionProtection.preventDestroy: "false" is not true or false. Fix: give true or false, as a boolean.' },
  { id: 'PROPS-TOO-LONG', run: flexible({ databases: longList() as never }), message: 'Invalid databases: (a list of 4294967295 items) is longer than any list of this library takes (at most 10000 items). Fix: give databases only the items it needs.' },
  { id: 'PROPS-TOO-DEEP', run: flexible({ tags: { a: nestedList(100) } as never }), message: 'Invalid tags: (a value nested more than 64 levels deep) is nested deeper than any prop of this library. Fix: give tags the shape its type declares; no prop nests more than a few levels.' },
  { id: 'CONSTRUCT-PATH-TEMPLATE', run: () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 'orders'), '${x}', minimalProps()), message: 'Invalid id: "orders/${x}" is a construct path holding "${" or "%{", which Terraform JSON reads as an expression: the library could not read back what it records of this construct. Fix: give the construct, and those above it, ids without "${" or "%{".' },
  {
    id: 'CONSTRUCT-NODE-OVERRIDDEN',
    run: () => {
      const Sub = class extends SecureFlexibleServer {};
      Object.defineProperty(Sub.prototype, 'node', { configurable: true, set() { /* keeps the real node to itself */ }, get() { return undefined; } });
      return new Sub(new TerraformStack(Testing.app(), 'orders'), 'Postgres', minimalProps());
    },
    message: 'Invalid node: (an accessor) is not the node that constructs made for this SecureFlexibleServer: a subclass that redefines node could hide the construct\'s resources from its checks and from the JSON. Fix: remove node from the subclass of SecureFlexibleServer.',
  },
  {
    id: 'CONSTRUCT-FIELD-OVERRIDDEN',
    run: () => {
      const Sub = class extends SecureFlexibleServer {};
      Object.defineProperty(Sub.prototype, 'databaseNames', { configurable: true, set() { /* keeps another list */ }, get() { return ['orders', 'other']; } });
      return new Sub(new TerraformStack(Testing.app(), 'orders'), 'Postgres', minimalProps());
    },
    message: 'Invalid databaseNames: (an accessor) is not a field of this SecureFlexibleServer: the library\'s other constructs read the value it sets, which such a definition could replace or refuse. Fix: remove databaseNames from the subclass of SecureFlexibleServer (or from the code that defines it on the construct while it is built); read the field, or add fields of other names.',
  },
  { id: 'CONSTRUCT-SCOPE', run: () => new SecureFlexibleServer(null as unknown as Construct, 'Postgres', minimalProps()), message: 'Invalid scope: null is not a construct. Fix: pass the stack, or the construct in a stack, that the SecureFlexibleServer belongs to.' },
  { id: 'CONSTRUCT-SCOPE-NO-STACK', run: () => new SecureSingleServer(Testing.app(), 'Legacy', minimalSingleProps()), message: 'Invalid scope: the app is not in a stack. Fix: pass the stack, or the construct in a stack, that the SecureSingleServer belongs to.' },
  { id: 'CONSTRUCT-ID', run: () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 'orders'), 42 as unknown as string, minimalProps()), message: 'Invalid id: 42 is not a non-empty string. Fix: give the SecureFlexibleServer an id: text that stays the same across deployments, e.g. "Postgres".' },
  { id: 'PROPS-SYMBOL-KEY', run: flexible({ tags: { [Symbol('cost-center')]: 'cc-1' } as never }), message: 'Invalid tags: Symbol(cost-center) is a Symbol key, which no prop of this library has. Fix: give tags text keys only.' },
  {
    id: 'PROPS-PROTOTYPE-POLLUTED',
    run: () => {
      (Object.prototype as { keyVaultResourceId?: string }).keyVaultResourceId = '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/elsewhere';
      try {
        flexible({})();
      } finally {
        delete (Object.prototype as { keyVaultResourceId?: string }).keyVaultResourceId;
      }
    },
    message: 'Invalid props: (Object.prototype holds "keyVaultResourceId") would read those names from Object.prototype for every optional prop not given: code in this process added enumerable properties to it (prototype pollution, e.g. a deep merge of untrusted JSON with a "__proto__" key). Fix: find and remove what writes to Object.prototype; no construct of this library is built while it holds enumerable properties.',
  },
  { id: 'PROP-UNKNOWN', run: flexible({ backup: { geoRedundantBackup: false, justificaton: REASON } as never }), message: 'Invalid backup.justificaton: (a string) is not a prop of BackupOptions. Fix: did you mean "justification"? Remove or rename it.' },
  {
    id: 'SECURITY-SETTING-TOKEN',
    run: withStack((stack) => flexible({ tls: { minVersion: new TerraformVariable(stack, 'tls_min', {}).stringValue as TlsVersion } }, stack)),
    message: 'Invalid tls.minVersion: "${…}" is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy). Fix: give a TlsVersion member as a literal, e.g. TlsVersion.TLS1_2; choose per environment in your code, not in a Terraform variable.',
  },
  {
    id: 'SECURITY-SETTING-TEMPLATE',
    run: flexible({ network: vnet({ privateDnsZoneName: 'orders-db.${var.env}.postgres.database.azure.com' }) }),
    message: 'Invalid network.vnetIntegration.privateDnsZoneName: "orders-db.${var.env}.postgres.database.azure.com" holds a Terraform template sequence ("${" or "%{"): cdktf writes it as it is and Terraform evaluates it at apply time, so a security setting known only then could weaken the server with no justification and no warning. Fix: give a private DNS zone name as plain text, e.g. "orders-db.private.postgres.database.azure.com", without "${" or "%{".',
  },
  {
    id: 'LIST-TOKEN',
    run: withStack((stack) => flexible({ databases: new TerraformVariable(stack, 'databases', {}).listValue as never }, stack)),
    message: 'Invalid databases: ["${…}"] is a Terraform token, known only at apply time: the construct makes one resource per item, so it must know the items at synth. Fix: list the items in your code (an item may still hold references).',
  },
  // Justifications
  { id: 'JUSTIFICATION-MISSING', run: flexible({ network: publicAccess({ justification: undefined }) }), message: 'Invalid network.publicAccess.justification: (not set) is required to open the server to public network access. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".' },
  {
    id: 'JUSTIFICATION-SHORT',
    run: single({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: 'partners' }) }),
    message: 'Invalid network.publicAccess.justification: "partners" is too short to justify the choice to open the server to public network access. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
  },
  {
    id: 'JUSTIFICATION-TOKEN',
    run: flexible({ backup: { geoRedundantBackup: false, justification: Lazy.stringValue({ produce: () => '' }) } }),
    message: 'Invalid backup.justification: "${…}" is a Terraform token, known only at apply time, not text a reviewer can read at synth. Fix: write the reason as literal text of at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
  },
  {
    id: 'JUSTIFICATION-TEMPLATE',
    run: flexible({ deletionProtection: { preventDestroy: false, justification: 'approved in ${var.ticket}' } }),
    message: 'Invalid deletionProtection.justification: "approved in ${var.ticket}" holds a Terraform expression ("${" or "%{"), which the warning and the security report would show unresolved. Fix: write the reason as plain text, e.g. "SEC-123: accepted by the security team until 2027-03".',
  },
  {
    id: 'JUSTIFICATION-UNREADABLE',
    run: flexible({ deletionProtection: { preventDestroy: false, justification: 'ticket SEC-123\u001b[2K approved' } }),
    message: 'Invalid deletionProtection.justification: "ticket SEC-123\\u001b[2K approved" holds U+001B, a control, line break or invisible character, which would hide or forge text in the warning and the security report. Fix: write the reason on one line in characters a reader sees, e.g. "SEC-123: accepted by the security team until 2027-03".',
  },
  {
    id: 'JUSTIFICATION-LONG',
    run: flexible({ deletionProtection: { preventDestroy: false, justification: `SEC-123: accepted by the data owner. ${'The review board met and agreed. '.repeat(9)}` } }),
    message: 'Invalid deletionProtection.justification: "SEC-123: accepted by the data owner. The review board met and agreed. The review board met and agreed. The review board met and agreed. The review board met and agreed. The review board met and agreed. The review board met and agreed. The review board met and agreed. The review board met and agreed…" has 334 characters, more than the 300 a justification may have: printed on one line, the rest would be out of sight. Fix: say why in one or two sentences and link a ticket for the rest, e.g. "SEC-123: accepted by the security team until 2027-03".',
  },
  // Server identity
  { id: 'NAME-FORMAT', run: flexible({ name: 'Orders_DB' }), message: 'Invalid name: "Orders_DB" is not a valid server name. Fix: use 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen.' },
  {
    id: 'SERVER-NAME-TAKEN',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'one');
      new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db' }));
      new SecureFlexibleServer(stack, 'Orders2', minimalProps({ name: 'orders-db', resourceGroupName: 'rg-other', network: vnet({ subnetAddressPrefix: '10.0.2.0/28' }) }));
    },
    message: 'Invalid name: "orders-db" is the name of one/Orders too; server names are global in Azure (<name>.postgres.database.azure.com), in any resource group. Fix: give each server its own name.',
  },
  { id: 'RESOURCE-GROUP-FORMAT', run: flexible({ resourceGroupName: 'rg-orders.' }), message: 'Invalid resourceGroupName: "rg-orders." is not a valid resource group name. Fix: use 1-90 letters, digits, "_", "-", ".", "(" or ")", not ending with ".".' },
  { id: 'LOCATION-FORMAT', run: flexible({ location: '   ' }), message: 'Invalid location: "   " is not an Azure region name. Fix: give a region such as "westeurope" or "West Europe": letters, digits and spaces.' },
  { id: 'TENANT-ID-FORMAT', run: single({ tenantId: 'contoso.onmicrosoft.com' }), message: 'Invalid tenantId: "contoso.onmicrosoft.com" is not a UUID. Fix: give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000".' },
  { id: 'ENTRA-ADMIN-TENANT', run: flexible({ entraAdministrators: [{ ...ADMIN, tenantId: '99999999-2222-3333-4444-555555555555' }] }), message: 'Invalid entraAdministrators[0].tenantId: "99999999-2222-3333-4444-555555555555" is not the server\'s tenantId "11111111-2222-3333-4444-555555555555". Fix: leave it out (it defaults to the server\'s tenantId); a principal of another tenant administers the server as a guest of the server\'s tenant.' },
  { id: 'ZONE-INVALID', run: flexible({ zone: '4' }), message: 'Invalid zone: "4" is not an availability zone. Fix: use "1", "2" or "3".' },
  { id: 'RESOURCE-ID-KIND', run: flexible({ network: vnet({ virtualNetworkResourceId: SUBNET_ID }) }), message: 'Invalid network.vnetIntegration.virtualNetworkResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-postgres" is not a virtual network resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>.' },
  {
    id: 'ID-TEMPLATE',
    run: flexible({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: '${azurerm_subnet.postgres.id}', privateDnsZoneResourceId: VNET_ZONE_ID }) }),
    message: 'Invalid network.existingVnetIntegration.delegatedSubnetResourceId: "${azurerm_subnet.postgres.id}" holds a hand-written Terraform expression ("${" or "%{"), which the library does not read: it reads only cdktf tokens and literal values. Fix: pass the attribute as a token instead (e.g. the subnet\'s .id attribute, or variable.stringValue of a TerraformVariable), or the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>.',
  },
  // Network: Flexible Server
  { id: 'SUBNET-PREFIX-MALFORMED', run: flexible({ network: vnet({ subnetAddressPrefix: '10.0.1.0' }) }), message: 'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.0" is not an IPv4 CIDR range. Fix: write it as address/length, e.g. "10.0.2.0/28".' },
  { id: 'SUBNET-PREFIX-TOO-SMALL', run: flexible({ network: vnet({ subnetAddressPrefix: '10.0.1.0/29' }) }), message: 'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.0/29" is smaller than /28, the least a Flexible Server subnet needs. Fix: use /28 or larger, e.g. "10.0.1.0/28".' },
  { id: 'SUBNET-PREFIX-HOST-BITS', run: flexible({ network: vnet({ subnetAddressPrefix: '10.0.1.16/27' }) }), message: 'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.16/27" has host bits set. Fix: start the range at its network address, "10.0.1.0/27".' },
  {
    id: 'SUBNET-PREFIX-RESERVED',
    run: flexible({ network: vnet({ subnetAddressPrefix: '169.254.0.0/24' }) }),
    message: 'Invalid network.vnetIntegration.subnetAddressPrefix: "169.254.0.0/24" overlaps 169.254.0.0/16 (link-local), which Azure does not allow in a virtual network. Fix: use a private range such as "10.0.2.0/28" (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16).',
  },
  { id: 'SUBNET-NAME-FORMAT', run: flexible({ network: vnet({ subnetName: 'postgres.' }) }), message: 'Invalid network.vnetIntegration.subnetName: "postgres." is not a valid subnet name. Fix: use 1-80 letters, digits, ".", "-" or "_", starting with a letter or digit and ending with a letter, digit or "_".' },
  { id: 'SUBNET-NAME-RESERVED', run: flexible({ network: vnet({ subnetName: 'GatewaySubnet' }) }), message: 'Invalid network.vnetIntegration.subnetName: "GatewaySubnet" is reserved by Azure for another service. Fix: choose another name, e.g. "postgres".' },
  {
    id: 'SUBNET-TAKEN',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'one');
      new SecureFlexibleServer(stack, 'A', minimalProps({ name: 'orders-a' }));
      new SecureFlexibleServer(stack, 'B', minimalProps({ name: 'orders-b', network: vnet({ subnetAddressPrefix: '10.0.1.0/27' }) }));
    },
    message: 'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.0/27" overlaps 10.0.1.0/28, the range of the subnet one/A makes in the same virtual network; Azure refuses overlapping subnets. Fix: give each server\'s subnet a range of its own in the virtual network.',
  },
  { id: 'VNET-ZONE-SUFFIX', run: flexible({ network: vnet({ privateDnsZoneName: 'orders.internal.contoso.com' }) }), message: 'Invalid network.vnetIntegration.privateDnsZoneName: "orders.internal.contoso.com" is not a zone ending in ".postgres.database.azure.com". Fix: use a name such as "orders-db.private.postgres.database.azure.com".' },
  { id: 'VNET-ZONE-PRIVATE-LINK', run: flexible({ network: vnet({ privateDnsZoneName: 'privatelink.postgres.database.azure.com' }) }), message: 'Invalid network.vnetIntegration.privateDnsZoneName: "privatelink.postgres.database.azure.com" is the zone of PostgreSQL private endpoints: linked to this VNet for the server, it would answer for every private-endpoint server\'s name there. Fix: use a name such as "orders-db.private.postgres.database.azure.com".' },
  { id: 'VNET-ZONE-HOST-NAME', run: flexible({ network: vnet({ privateDnsZoneName: 'orders-db.postgres.database.azure.com' }) }), message: 'Invalid network.vnetIntegration.privateDnsZoneName: "orders-db.postgres.database.azure.com" equals the server\'s own public host name, which Azure refuses. Fix: use a name such as "orders-db.private.postgres.database.azure.com", with two labels before the suffix.' },
  {
    id: 'PRIVATE-MODE-FIREWALL',
    // Only a JavaScript caller (or a cast) can pass ranges to a private mode.
    run: flexible({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, allowedIpRanges: [] } as never) }),
    message: 'Invalid network.privateEndpoint.allowedIpRanges: [] is not allowed: a server with private access has no firewall rules. Fix: remove the ranges, or use FlexibleServerNetwork.publicAccess({ allowedIpRanges, justification }).',
  },
  {
    id: 'PRIVATE-LINK-ZONE-NAME',
    run: single({
      network: SingleServerNetwork.privateEndpoint({
        subnetResourceId: SUBNET_ID,
        privateDnsZoneResourceId: `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/legacy.postgres.database.azure.com`,
      }),
    }),
    message: 'Invalid network.privateEndpoint.privateDnsZoneResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/legacy.postgres.database.azure.com" names zone "legacy.postgres.database.azure.com", which Private Link does not resolve PostgreSQL servers in. Fix: give the ID of a "privatelink.postgres.database.azure.com" zone, or leave it out to create one.',
  },
  {
    id: 'VNET-OTHER-SUBSCRIPTION',
    run: withStack((stack) => {
      new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000000' });
      return flexible({ network: vnet({ virtualNetworkResourceId: HUB_VNET_ID }) }, stack);
    }),
    message: 'Invalid network.vnetIntegration.virtualNetworkResourceId: "/subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub" is in subscription "99999999-8888-7777-6666-555555555555", not in "00000000-0000-0000-0000-000000000000" of the stack\'s azurerm provider, where vnetIntegration would create the subnet. Fix: ask the network\'s owner for a delegated subnet and a private DNS zone in that subscription, and use FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).',
  },
  // Network: the delegated subnet's network security group
  { id: 'NSG-SOURCES-COUNT', run: flexible({ network: vnet({ allowedSources: [] }) }), message: 'Invalid network.vnetIntegration.allowedSources: [] is empty, so no client could reach the server. Fix: list 1 to 80 sources, e.g. ["VirtualNetwork"]; group address ranges into wider CIDR ranges.' },
  { id: 'NSG-SOURCE-FORMAT', run: flexible({ network: vnet({ allowedSources: ['10.1.0.0/33'] }) }), message: 'Invalid network.vnetIntegration.allowedSources[0]: "10.1.0.0/33" is not an address prefix. Fix: give an IPv4 address, a CIDR range such as "10.1.0.0/16", a service tag such as "VirtualNetwork", or "*".' },
  { id: 'NSG-SOURCE-OPEN', run: flexible({ network: vnet({ allowedSources: ['VirtualNetwork', 'Internet'] }) }), message: 'Invalid network.vnetIntegration.allowedSources[1]: "Internet" means any address, the internet included, and would open PostgreSQL to the internet. Fix: list the address ranges or service tags your clients are in, e.g. "VirtualNetwork" or "10.1.0.0/16".' },
  { id: 'NSG-SOURCE-DUPLICATE', run: flexible({ network: vnet({ allowedSources: ['VirtualNetwork', 'virtualnetwork'] }) }), message: 'Invalid network.vnetIntegration.allowedSources[1]: "virtualnetwork" is listed twice (service tags ignore case). Fix: list each source once.' },
  {
    id: 'NSG-SOURCES-TOO-WIDE',
    run: flexible({ network: vnet({ allowedSources: ['VirtualNetwork', 'AzureCloud'] }) }),
    message: 'Invalid network.vnetIntegration: ["VirtualNetwork","AzureCloud"] (allowedSources and the inbound PostgreSQL rules of additionalSecurityRules) let PostgreSQL in from the service tag(s) "AzureCloud", which hold other Azure tenants\' addresses. Fix: allow only your clients\' address ranges or "VirtualNetwork", or state the need with network.vnetIntegration.wideSources: { justification }.',
  },
  { id: 'NSG-RULES-ON-EXISTING', run: flexible({ network: vnet({ networkSecurityGroupResourceId: NSG_ID, additionalSecurityRules: [MONITORING_SECURITY_RULE] }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules: [{"name":"AllowAzureMonitorOut","priority":200,"direction":"Outbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"10.0.1.0/28","destinationAddressPrefix":"AzureMonitor","destinationPortRange":"443"}] has no effect next to networkSecurityGroupResourceId: the construct adds no rules to a group it does not own. Fix: add the rules to the existing group where it is managed, or leave out networkSecurityGroupResourceId to let the construct create one.' },
  { id: 'NSG-RULE-NAME-FORMAT', run: flexible({ network: securityRule({ name: 'allow monitoring' }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].name: "allow monitoring" is not a valid security rule name. Fix: use 1-80 letters, digits, ".", "-" or "_", starting with a letter or digit and ending with a letter, digit or "_".' },
  { id: 'NSG-RULE-NAME-DUPLICATE', run: flexible({ network: securityRule({ name: 'DenyAllInbound' }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].name: "DenyAllInbound" is the name of a rule the construct writes. Fix: give each rule its own name.' },
  { id: 'NSG-RULE-MEMBER', run: flexible({ network: securityRule({ direction: 'Both' as SecurityRuleDirection }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].direction: "Both" is not supported. Fix: use SecurityRuleDirection.INBOUND or OUTBOUND.' },
  { id: 'NSG-RULE-PRIORITY', run: flexible({ network: securityRule({ priority: 1050 }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].priority: 1050 is taken by the rules the construct writes. Fix: use 100-999 to take precedence over the construct\'s rules, or 1100-4095 to come after them.' },
  {
    id: 'NSG-RULE-PRIORITY-DUPLICATE',
    run: flexible({ network: vnet({ additionalSecurityRules: [MONITORING_SECURITY_RULE, { ...MONITORING_SECURITY_RULE, name: 'AllowKeyVaultOut', destinationAddressPrefix: 'AzureKeyVault' }] }) }),
    message: 'Invalid network.vnetIntegration.additionalSecurityRules[1].priority: 200 is used by another outbound rule. Fix: give each rule of a direction its own priority.',
  },
  { id: 'NSG-RULE-PREFIX', run: flexible({ network: securityRule({ destinationAddressPrefix: '10.0.1.5/24' }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].destinationAddressPrefix: "10.0.1.5/24" has host bits set, which Azure refuses. Fix: start the range at its network address, "10.0.1.0/24".' },
  { id: 'NSG-RULE-PORT', run: flexible({ network: securityRule({ destinationPortRange: '443-80' }) }), message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].destinationPortRange: "443-80" is not a port range. Fix: give "*", a port such as "443", or a range such as "1024-65535" (0-65535, low to high).' },
  {
    id: 'NSG-RULE-OPEN',
    run: flexible({ network: securityRule({ direction: SecurityRuleDirection.INBOUND, sourceAddressPrefix: '*', destinationAddressPrefix: '10.0.1.0/28', destinationPortRange: '5432' }) }),
    message: 'Invalid network.vnetIntegration.additionalSecurityRules[0].sourceAddressPrefix: "*" means any address, the internet included: an inbound allow from it would open the delegated subnet to the internet. Fix: allow only the address ranges or service tags your clients are in, e.g. "VirtualNetwork" or "10.1.0.0/16".',
  },
  // Network: public access
  { id: 'PUBLIC-NO-RANGES', run: flexible({ network: publicAccess({ allowedIpRanges: [] }) }), message: 'Invalid network.publicAccess.allowedIpRanges: [] is empty, so public access would let no one in. Fix: list the public ranges of your clients, or use vnetIntegration or privateEndpoint.' },
  { id: 'SINGLE-PUBLIC-NO-RANGES', run: single({ network: SingleServerNetwork.publicAccess({ justification: REASON }) }), message: 'Invalid network.publicAccess.allowedIpRanges: [] is empty and so is virtualNetworkRules, so public access would let no one in. Fix: list the public ranges or subnets of your clients, or use SingleServerNetwork.privateEndpoint.' },
  {
    id: 'VNET-RULE-NAME',
    run: single({ network: SingleServerNetwork.publicAccess({ virtualNetworkRules: [{ name: 'app_subnet', subnetResourceId: SUBNET_ID }], justification: REASON }) }),
    message: 'Invalid network.publicAccess.virtualNetworkRules[0].name: "app_subnet" is not a valid VNet rule name. Fix: use 1-128 letters, digits or "-", starting with a letter and not ending with "-".',
  },
  {
    id: 'VNET-RULE-NAME-DUPLICATE',
    run: single({ network: SingleServerNetwork.publicAccess({ virtualNetworkRules: [{ name: 'app', subnetResourceId: SUBNET_ID }, { name: 'App', subnetResourceId: SUBNET_ID }], justification: REASON }) }),
    message: 'Invalid network.publicAccess.virtualNetworkRules[1].name: "App" is used twice (names ignore case). Fix: give each rule its own name.',
  },
  // Firewall ranges
  {
    id: 'RANGE-NAME-FORMAT',
    run: flexible({ network: publicAccess({ allowedIpRanges: [{ ...OFFICE, name: 'head office' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0].name: "head office" is not a valid firewall rule name. Fix: use 1-128 letters, digits, "-" or "_".',
  },
  {
    id: 'RANGE-NAME-RESERVED',
    run: flexible({ network: publicAccess({ allowedIpRanges: [{ ...OFFICE, name: 'AllowAllAzureServicesAndResourcesWithinAzureIps' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0].name: "AllowAllAzureServicesAndResourcesWithinAzureIps" is the name of the "allow Azure services" rule. Fix: choose another name; set allowAzureServices: true for that rule.',
  },
  {
    id: 'RANGE-NAME-DUPLICATE',
    run: flexible({ network: publicAccess({ allowedIpRanges: [OFFICE, { name: 'Office', startIpAddress: '198.51.100.1', endIpAddress: '198.51.100.1' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[1].name: "Office" is used twice (names ignore case). Fix: give each range its own name.',
  },
  {
    id: 'RANGE-NOT-IPV4',
    run: flexible({ network: publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.0/24', endIpAddress: '203.0.113.255' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0].startIpAddress: "203.0.113.0/24" is not an IPv4 address. Fix: write a single address such as "203.0.113.10" (no CIDR suffix).',
  },
  {
    id: 'RANGE-REVERSED',
    run: flexible({ network: publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.20', endIpAddress: '203.0.113.10' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0]: "203.0.113.20-203.0.113.10" starts after it ends. Fix: swap the addresses: "203.0.113.10" to "203.0.113.20".',
  },
  {
    id: 'RANGE-AZURE-SERVICES',
    run: single({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'azure', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }], justification: REASON }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0]: "0.0.0.0-0.0.0.0" is the "allow Azure services" rule. Fix: remove it and set allowAzureServices: true if every Azure tenant must reach the server.',
  },
  {
    id: 'RANGE-OPEN-TO-INTERNET',
    run: flexible({ network: publicAccess({ allowedIpRanges: [{ name: 'everyone', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0]: "0.0.0.0-255.255.255.255" starts at 0.0.0.0 or ends at 255.255.255.255, which opens the server to a large part of the internet. Fix: list only the public addresses of your clients.',
  },
  {
    id: 'RANGE-NOT-PUBLIC',
    run: flexible({ network: publicAccess({ allowedIpRanges: [{ name: 'vpn', startIpAddress: '10.8.0.1', endIpAddress: '10.8.0.254' }] }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges[0]: "10.8.0.1-10.8.0.254" overlaps 10.0.0.0/8 (private, RFC 1918), which no client reaches a public endpoint from. Fix: list the public addresses your clients connect from; for clients in a private network use VNet integration or a private endpoint.',
  },
  {
    id: 'RANGES-TOO-WIDE',
    run: single({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'partner', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' }], justification: REASON }) }),
    message: 'Invalid network.publicAccess.allowedIpRanges: ["198.51.100.0-198.51.101.255"] open 512 addresses together (overlaps counted once), more than the 256 (a /24) the library allows unstated. Fix: narrow them to the addresses your clients connect from, or state the need with network.publicAccess.wideRanges: { justification }.',
  },
  // Entra administrators
  { id: 'ENTRA-ADMINS-EMPTY', run: flexible({ entraAdministrators: [] }), message: 'Invalid entraAdministrators: [] must list at least one Entra administrator. Fix: add { objectId, principalName, principalType: EntraPrincipalType.GROUP } for the group that administers the server.' },
  { id: 'ENTRA-OBJECT-ID-FORMAT', run: single({ entraAdministrator: { ...ADMIN, objectId: 'db-admins' } }), message: 'Invalid entraAdministrator.objectId: "db-admins" is not a UUID. Fix: give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000".' },
  {
    id: 'ENTRA-OBJECT-ID-DUPLICATE',
    run: flexible({ entraAdministrators: [ADMIN, { ...ADMIN, principalName: 'db-admins-2', objectId: ADMIN_OBJECT_ID.toUpperCase() }] }),
    message: 'Invalid entraAdministrators[1].objectId: "66666666-7777-8888-9999-000000000000" is listed twice. Fix: list each administrator once.',
  },
  {
    id: 'ENTRA-PRINCIPAL-NAME-FORMAT',
    run: flexible({ entraAdministrators: [{ ...ADMIN, principalName: 'db-admins\u200b' }] }),
    message: 'Invalid entraAdministrators[0].principalName: "db-admins\\u{200b}" holds U+200B, an invisible or bidirectional character, with which the name reads like another. Fix: give the principal\'s display name, which Azure makes the name of its PostgreSQL role: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
  },
  { id: 'ENTRA-PRINCIPAL-NAME-BLANK', run: flexible({ entraAdministrators: [{ ...ADMIN, principalName: ' \t ' }] }), message: 'Invalid entraAdministrators[0].principalName: " \\t " is blank. Fix: give the display name of the user, group or application.' },
  { id: 'ENTRA-PRINCIPAL-TYPE', run: flexible({ entraAdministrators: [{ ...ADMIN, principalType: 'Group ' as EntraPrincipalType }] }), message: 'Invalid entraAdministrators[0].principalType: "Group " is not supported. Fix: use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL.' },
  { id: 'ENTRA-PRINCIPAL-RESERVED', run: single({ entraAdministrator: { ...ADMIN, principalName: 'admin' } }), message: 'Invalid entraAdministrator.principalName: "admin" is reserved by Azure. Fix: choose another name: not admin, administrator, root, guest, public, azure_superuser, azure_pg_admin, nor one starting with pg_.' },
  // Role assignments
  { id: 'ROLE-NAME-FORMAT', run: flexible({ roleAssignments: [{ ...READER_ASSIGNMENT, role: RoleDefinition.builtIn('Reader;Owner') }] }), message: 'Invalid roleAssignments[0].role.name: "Reader;Owner" is not a role name. Fix: write the built-in role\'s name as Azure lists it, e.g. "Monitoring Reader", or use RoleDefinition.fromResourceId for a custom role.' },
  { id: 'ROLE-DEFINITION-ID', run: flexible({ roleAssignments: [{ ...READER_ASSIGNMENT, role: RoleDefinition.fromResourceId('acdd72a7-3385-48ef-bd42-f606fba81ae7') }] }), message: 'Invalid roleAssignments[0].role.resourceId: "acdd72a7-3385-48ef-bd42-f606fba81ae7" is not a role definition resource ID. Fix: give "/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>", the same at another scope (a resource group, a management group) or without a scope.' },
  { id: 'ROLE-PRINCIPAL-ID', run: flexible({ roleAssignments: [{ ...READER_ASSIGNMENT, principalId: 'grafana' }] }), message: 'Invalid roleAssignments[0].principalId: "grafana" is not a UUID. Fix: give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000".' },
  { id: 'ROLE-PRINCIPAL-TYPE', run: flexible({ roleAssignments: [{ ...READER_ASSIGNMENT, principalType: 'ManagedIdentity' as EntraPrincipalType }] }), message: 'Invalid roleAssignments[0].principalType: "ManagedIdentity" is not supported. Fix: use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL.' },
  { id: 'ROLE-ASSIGNMENT-DUPLICATE', run: flexible({ roleAssignments: [READER_ASSIGNMENT, READER_ASSIGNMENT] }), message: 'Invalid roleAssignments[1].principalId: "66666666-7777-8888-9999-000000000000" is given Monitoring Reader twice. Fix: list each role of a principal once.' },
  // Local administrator and password
  { id: 'LOGIN-FORMAT', run: single({ administratorLogin: 'pg-admin' }), message: 'Invalid administratorLogin: "pg-admin" is not a valid login. Fix: use 1-63 letters, digits or "_", starting with a letter or "_".' },
  {
    id: 'LOGIN-RESERVED',
    run: flexible({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'Admin', justification: REASON }) }),
    message: 'Invalid authentication.entraAndPassword.administratorLogin: "Admin" is reserved by Azure. Fix: choose another name: not admin, administrator, root, guest, public, azure_superuser, azure_pg_admin, nor one starting with pg_.',
  },
  { id: 'PASSWORD-VERSION', run: single({ passwordVersion: 0 }), message: 'Invalid passwordVersion: 0 is not a whole number of at least 1. Fix: use a whole number such as 1, 2 or 3.' },
  {
    id: 'PASSWORD-VERSION-TOO-LARGE',
    run: flexible({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, passwordVersion: 2 ** 31 }) }),
    message: 'Invalid authentication.entraAndPassword.passwordVersion: 2147483648 is above 2147483647, the largest version the provider accepts on every platform (a 32-bit integer). Fix: count versions up from 1: raise it by one to rotate the password.',
  },
  // Compute, version and storage
  { id: 'FLEXIBLE-SKU', run: flexible({ sku: FlexibleServerSku.of('Standard_D2ds_v5') }), message: 'Invalid sku: "Standard_D2ds_v5" is not a Flexible Server SKU. Fix: use a FlexibleServerSku constant or a name such as "GP_Standard_D2ds_v5" (tier prefix B_, GP_ or MO_, exact case).' },
  { id: 'FLEXIBLE-VERSION', run: flexible({ version: '12' as PostgresVersion }), message: 'Invalid version: "12" is not supported. Fix: use a PostgresVersion member, e.g. PostgresVersion.V17.' },
  { id: 'STORAGE-SIZE', run: flexible({ storage: { sizeMb: 50000 } }), message: 'Invalid storage.sizeMb: 50000 is not a Flexible Server storage size. Fix: use one of 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408 (MiB).' },
  { id: 'STORAGE-TIER', run: flexible({ storage: { tier: 'p10' as StorageTier } }), message: 'Invalid storage.tier: "p10" is not supported. Fix: use a StorageTier member, e.g. StorageTier.P10.' },
  { id: 'STORAGE-TIER-SIZE', run: flexible({ storage: { sizeMb: 131072, tier: StorageTier.P6 } }), message: 'Invalid storage.tier: "P6" does not suit 131072 MiB of storage. Fix: use one of P10, P15, P20, P30, P40, P50, or change sizeMb.' },
  { id: 'SINGLE-SKU', run: single({ sku: SingleServerSku.of('GP_Gen5_3') }), message: 'Invalid sku: "GP_Gen5_3" is not supported. Fix: use a SingleServerSku constant or a name such as "GP_Gen5_2" (exact case).' },
  { id: 'SINGLE-SKU-BASIC', run: single({ sku: SingleServerSku.of('B_Gen5_2') }), message: 'Invalid sku: "B_Gen5_2" is a Basic SKU, which has no geo-redundant backup, no Private Link and no threat detection. Fix: use a General Purpose or Memory Optimized SKU, e.g. SingleServerSku.GP_GEN5_2.' },
  { id: 'SINGLE-VERSION', run: single({ version: '12' as SingleServerVersion }), message: 'Invalid version: "12" is not supported. Fix: use a SingleServerVersion member, e.g. SingleServerVersion.V11.' },
  { id: 'SINGLE-STORAGE', run: single({ storageMb: 51000 }), message: 'Invalid storageMb: 51000 is not a Single Server storage size. Fix: use 5120 to 16777216 MiB in steps of 1024, e.g. 51200.' },
  // TLS, audit logging, extensions
  { id: 'TLS-MIN-VERSION', run: flexible({ tls: { minVersion: 'TLSv1.1' as TlsVersion } }), message: 'Invalid tls.minVersion: "TLSv1.1" is not supported. Fix: use TlsVersion.TLS1_2 or TlsVersion.TLS1_3; TLS 1.0 and 1.1 are not offered.' },
  { id: 'TLS-MAX-VERSION', run: flexible({ tls: { maxVersion: 'TLSv1.4' as TlsVersion } }), message: 'Invalid tls.maxVersion: "TLSv1.4" is not supported. Fix: use TlsVersion.TLS1_2 or TlsVersion.TLS1_3.' },
  { id: 'TLS-MAX-BELOW-MIN', run: flexible({ tls: { minVersion: TlsVersion.TLS1_3, maxVersion: TlsVersion.TLS1_2 } }), message: 'Invalid tls.maxVersion: "TLSv1.2" is lower than minVersion "TLSv1.3". Fix: raise maxVersion or leave it out.' },
  { id: 'PGAUDIT-EMPTY', run: single({ auditLogging: { pgauditLogClasses: [] } }), message: 'Invalid auditLogging.pgauditLogClasses: [] is empty, which would turn auditing off. Fix: list at least one class, e.g. [PgAuditLogClass.DDL, PgAuditLogClass.ROLE].' },
  { id: 'PGAUDIT-CLASS', run: flexible({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL, 'none' as PgAuditLogClass] } }), message: 'Invalid auditLogging.pgauditLogClasses[1]: "none" is not a pgaudit class. Fix: use PgAuditLogClass members (read, write, function, role, ddl, misc, all); "none" and "-class" exclusions are not accepted.' },
  { id: 'PGAUDIT-DUPLICATE', run: flexible({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL, PgAuditLogClass.ROLE, PgAuditLogClass.DDL] } }), message: 'Invalid auditLogging.pgauditLogClasses: ["ddl","role","ddl"] lists "ddl" twice. Fix: list each class once.' },
  { id: 'EXTENSION-NAME', run: flexible({ allowedExtensions: ['PG_TRGM'] }), message: 'Invalid allowedExtensions[0]: "PG_TRGM" is not an extension name. Fix: write it as Azure lists it, in lower case, e.g. "pg_trgm" or "uuid-ossp".' },
  {
    id: 'EXTENSION-UNKNOWN',
    run: flexible({ allowedExtensions: ['pg_trgmm'] }),
    message: 'Invalid allowedExtensions[0]: "pg_trgmm" is not an extension Azure offers, so applying the server would fail. Fix: check the name against the list in azure.extensions\' allowed values (az postgres flexible-server parameter show --name azure.extensions), e.g. "pg_trgm".',
  },
  // Backup and high availability
  { id: 'BACKUP-RETENTION', run: flexible({ backup: { retentionDays: 90 } }), message: 'Invalid backup.retentionDays: 90 is outside 7..35. Fix: use a whole number from 7 to 35.' },
  { id: 'HA-MODE', run: flexible({ highAvailability: { mode: 'Enabled' as HighAvailabilityMode, justification: REASON } }), message: 'Invalid highAvailability.mode: "Enabled" is not supported. Fix: use a HighAvailabilityMode member.' },
  {
    id: 'HA-MODE-BURSTABLE',
    run: flexible({ sku: FlexibleServerSku.B_STANDARD_B2MS, highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT } }),
    message: 'Invalid highAvailability.mode: "ZoneRedundant" is not available on Burstable SKUs. Fix: choose a General Purpose or Memory Optimized SKU, or HighAvailabilityMode.DISABLED.',
  },
  {
    id: 'HA-STANDBY-PRIMARY-ZONE',
    run: flexible({ zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '1' } }),
    message: 'Invalid highAvailability.standbyAvailabilityZone: "1" is the primary\'s zone. Fix: pick another zone, or use HighAvailabilityMode.SAME_ZONE.',
  },
  {
    id: 'HA-STANDBY-NOT-PRIMARY-ZONE',
    run: flexible({ zone: '1', highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, standbyAvailabilityZone: '2', justification: REASON } }),
    message: 'Invalid highAvailability.standbyAvailabilityZone: "2" differs from the primary\'s zone "1", which SAME_ZONE keeps the standby in. Fix: leave it out, or use HighAvailabilityMode.ZONE_REDUNDANT.',
  },
  {
    id: 'HA-STANDBY-WITHOUT-HA',
    run: flexible({ highAvailability: { mode: HighAvailabilityMode.DISABLED, standbyAvailabilityZone: '2', justification: REASON } }),
    message: 'Invalid highAvailability.standbyAvailabilityZone: "2" has no standby to place. Fix: remove it, or choose a high-availability mode.',
  },
  // Customer-managed keys
  {
    id: 'CMK-KEY-ID',
    run: flexible({ customerManagedKey: { keyVaultKeyId: 'https://kv-postgres.vault.azure.net/secrets/postgres-cmk', userAssignedIdentityResourceId: IDENTITY_ID } }),
    message: 'Invalid customerManagedKey.keyVaultKeyId: "https://kv-postgres.vault.azure.net/secrets/postgres-cmk" is not a Key Vault key ID. Fix: give the key ID, https://<vault>.vault.azure.net/keys/<name>[/<version>] (versionless keys rotate automatically).',
  },
  { id: 'CMK-GEO-KEY-MISSING', run: flexible({ customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID } }), message: 'Invalid customerManagedKey.geoBackupKeyVaultKeyId: (not set) is required: geo-redundant backups are encrypted with a key and identity in the paired region. Fix: give a key and a second user-assigned identity in the geo-backup region.' },
  {
    id: 'CMK-GEO-SAME-IDENTITY',
    run: flexible({
      customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: IDENTITY_ID },
    }),
    message: 'Invalid customerManagedKey.geoBackupUserAssignedIdentityResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-postgres" is the primary identity; Azure requires a separate identity in the geo-backup region. Fix: create a second user-assigned identity in the paired region.',
  },
  { id: 'SINGLE-CMK-VERSIONLESS', run: single({ customerManagedKey: { keyVaultKeyId: KEY_ID } }), message: 'Invalid customerManagedKey.keyVaultKeyId: "https://kv-postgres.vault.azure.net/keys/postgres-cmk" has no key version, which this server needs. Fix: give the versioned key ID, https://<vault>.vault.azure.net/keys/<name>/<version>.' },
  // Maintenance window and databases
  { id: 'MAINTENANCE-WINDOW', run: flexible({ maintenanceWindow: { dayOfWeek: 7 } }), message: 'Invalid maintenanceWindow.dayOfWeek: 7 is outside 0..6. Fix: use a whole number from 0 to 6.' },
  { id: 'DATABASE-NAME-FORMAT', run: flexible({ databases: [{ name: '1app' }] }), message: 'Invalid databases[0].name: "1app" is not a valid database name. Fix: use 1-63 letters, digits, "-" or "_", not starting with a digit.' },
  { id: 'DATABASE-NAME-RESERVED', run: flexible({ databases: [{ name: 'postgres' }] }), message: 'Invalid databases[0].name: "postgres" is a database Azure creates and manages itself. Fix: choose another name.' },
  { id: 'DATABASE-NAME-DUPLICATE', run: flexible({ databases: [{ name: 'app' }, { name: 'app' }] }), message: 'Invalid databases[1].name: "app" is listed twice. Fix: list each database once.' },
  { id: 'DATABASE-CHARSET', run: flexible({ databases: [{ name: 'app', charset: 'SJIS', collation: 'C' }] }), message: 'Invalid databases[0].charset: "SJIS" is not a PostgreSQL server encoding. Fix: use one such as "UTF8", "LATIN1" or "WIN1252" (any case).' },
  { id: 'DATABASE-COLLATION', run: flexible({ databases: [{ name: 'app', collation: 'en_US.UTF-8' }] }), message: 'Invalid databases[0].collation: "en_US.UTF-8" is not a collation Flexible Server knows. Fix: write it as Azure names it, e.g. "en_US.utf8", "C" or "de-DE-x-icu" (not "en_US.UTF-8").' },
  {
    id: 'DATABASE-CHARSET-COLLATION',
    run: flexible({ databases: [{ name: 'app', charset: 'LATIN1', collation: 'de_DE.utf8' }] }),
    message: 'Invalid databases[0].charset: "LATIN1" does not suit collation "de_DE.utf8": PostgreSQL refuses a database whose encoding does not match the collation\'s code set (UTF8). Fix: use charset "UTF8", or another collation.',
  },
  // Threat detection
  { id: 'THREAT-NO-RECIPIENT', run: single({ threatDetection: { emailAccountAdmins: false } }), message: 'Invalid threatDetection.emailAccountAdmins: false leaves no one to receive threat alerts. Fix: list emailAddresses, or keep emailAccountAdmins true.' },
  { id: 'THREAT-EMAIL', run: single({ threatDetection: { emailAddresses: ['dba-team'] } }), message: 'Invalid threatDetection.emailAddresses[0]: "dba-team" is not an e-mail address. Fix: write it as name@example.com.' },
  // Adoption
  {
    id: 'ADOPTION-ID-FORMAT',
    run: single(adopting({ serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-db` })),
    message: 'Invalid adoption.serverResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-db" is not a Single Server resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/servers/<name>.',
  },
  {
    id: 'ADOPTION-NAME-MISMATCH',
    run: single(adopting({ serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db-2` })),
    message: 'Invalid adoption.serverResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db-2" names server "legacy-db-2", not "legacy-db". Fix: set name to "legacy-db-2", or correct the ID.',
  },
  {
    id: 'ADOPTION-RESOURCE-GROUP-MISMATCH',
    run: single(adopting({ serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-old/providers/Microsoft.DBforPostgreSQL/servers/legacy-db` })),
    message: 'Invalid adoption.serverResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-old/providers/Microsoft.DBforPostgreSQL/servers/legacy-db" is in resource group "rg-old", not "rg-legacy". Fix: set resourceGroupName to "rg-old", or correct the ID.',
  },
  { id: 'ADOPTION-EXPLICIT-PROP', run: single(adopting({}, { storageMb: undefined })), message: 'Invalid storageMb: (not set) is required when adopting. Fix: state it as the live server has it: a default that differs would change or replace the server.' },
  { id: 'ADOPTION-PASSWORD-IGNORED', run: single(adopting({}, { passwordVersion: 2 })), message: 'Invalid passwordVersion: 2 has no effect: an adopted server keeps its live password. Fix: set adoption.rotateAdministratorPassword: true to generate and store a new one, or remove it.' },
  {
    id: 'ADOPTION-GEO-CONTRADICTION',
    run: single(adopting({}, { backup: { geoRedundantBackup: false, justification: REASON } })),
    message: 'Invalid backup.geoRedundantBackup: false contradicts adoption.geoRedundantBackupEnabled (true). Fix: leave it out when adopting: the live server decides.',
  },
  // Tags
  { id: 'TAGS-TOO-MANY', run: single({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`tag${i}`, 'x'])) }), message: 'Invalid tags: 51 tags are more than Azure allows (50). Fix: keep at most 50 tags.' },
  { id: 'TAGS-KEY', run: flexible({ tags: { 'cost/center': '4711' } }), message: 'Invalid tags key: "cost/center" holds "/", which Azure does not allow in a tag name. Fix: name the tag with 1-512 characters, none of < > % & \\ ? /.' },
  { id: 'TAGS-VALUE-LENGTH', run: flexible({ tags: { owner: 'v'.repeat(257) } }), message: `Invalid tags.owner: "${'v'.repeat(257)}" is longer than 256 characters. Fix: shorten the value.` },
  // Security checks: suppressions
  { id: 'SUPPRESS-SCOPE', run: () => PostgresSecurityChecks.suppress('stack/Postgres' as unknown as TerraformStack, 'PGF-NET-1', REASON), message: 'Invalid scope: "stack/Postgres" is not a construct. Fix: pass the construct the suppression covers: a resource, a server construct or a stack.' },
  {
    id: 'SUPPRESS-SCOPE-NO-STACK',
    run: () => PostgresSecurityChecks.suppress(Testing.app(), 'PGF-NET-1', REASON),
    message: 'Invalid scope: the app is not in a stack. Fix: pass the construct the suppression covers: a resource, a server construct or a stack.',
  },
  {
    id: 'LIBRARY-COPIES',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      let other: typeof import('../lib') | undefined;
      // A second copy of the package, as npm installs one for a construct library pinned to another version.
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        other = require('../lib');
      });
      new other!.SecureFlexibleServer(stack, 'Platform', minimalPropsOf(other!));
      new SecureFlexibleServer(stack, 'Orders', minimalProps());
    },
    message: 'Invalid scope: stack "orders" is in an app that holds constructs of two copies of cdktf-azure-postgres (loaded from lib/checks and from lib/checks), whose security checks would write over each other\'s lists and would not enforce each other\'s servers. Fix: install one copy: find both with npm ls cdktf-azure-postgres and align the versions that depend on it, then npm dedupe.',
  },
  { id: 'SUPPRESS-RULE-ID', run: () => PostgresSecurityChecks.suppress(new TerraformStack(Testing.app(), 'orders'), 'PGF-NET-99', REASON), message: 'Invalid ruleId: "PGF-NET-99" is not a rule of the pack. Fix: use an id listed in the security report or in docs/security-rules.md (https://github.com/cdktf-azure-postgres/cdktf-azure-postgres/blob/main/docs/security-rules.md), e.g. "PGF-NET-1".' },
  {
    id: 'SUPPRESS-REASON-TOKEN',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      PostgresSecurityChecks.suppress(stack, 'PGF-NET-1', Lazy.stringValue({ produce: () => '' }));
    },
    message: 'Invalid reason: "${…}" is a Terraform token, known only at apply time, so a reviewer cannot read why PGF-NET-1 is suppressed. Fix: write the reason as literal text.',
  },
  { id: 'SUPPRESS-REASON', run: () => PostgresSecurityChecks.suppress(new TerraformStack(Testing.app(), 'orders'), 'PGF-NET-1', 'temporary'), message: 'Invalid reason: "temporary" has fewer than 10 letters or digits, so it does not explain the suppression of PGF-NET-1. Fix: say why in at least 10 letters or digits; the reason is printed in the security report.' },
  { id: 'CHECK-OPTIONS', run: () => PostgresSecurityChecks.applyTo(new TerraformStack(Testing.app(), 'orders'), { failOnWarnings: 'true' as unknown as boolean }), message: 'Invalid options.failOnWarnings: "true" is not a boolean. Fix: use true or false.' },
  { id: 'CHECK-SCOPE', run: () => PostgresSecurityChecks.applyTo({ node: {} } as unknown as TerraformStack), message: 'Invalid scope: {"node":{}} is not a construct. Fix: pass the app, a stack, or a construct in a stack.' },
  { id: 'CHECK-SCOPE-NO-STACK', run: () => PostgresSecurityChecks.applyTo(new Construct(Testing.app(), 'Loose')), message: 'Invalid scope: "Loose" is not in a stack. Fix: pass the app, a stack, or a construct in a stack.' },
  ...DATABASE_ACCESS_ERRORS,
  // Terraform version
  { id: 'TERRAFORM-VERSION-SCOPE', run: () => RequiredTerraformVersion.addTo(Testing.app()), message: 'Invalid scope: the app is not in a stack. Fix: pass the stack, or any construct in it (call addTo once per stack of an app).' },
];

/** An escape-hatch override that weakens a construct's server: the rule pack fails synth. */
const SYNTH_ERRORS: ThrownEntry[] = [
  {
    id: 'VNET-SUBSCRIPTION-CHANGED',
    run: withStack((stack) => () => {
      const provider = new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000000' });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      provider.subscriptionId = '22222222-0000-0000-0000-000000000000';
      Testing.synth(stack, true);
    }),
    message: 'Validation failed with the following errors:\n  [orders/Postgres] Invalid network.vnetIntegration.virtualNetworkResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub" is in subscription "00000000-0000-0000-0000-000000000000", where the stack\'s azurerm provider was when the construct was made; its subscription is now "22222222-0000-0000-0000-000000000000", so vnetIntegration would create the subnet in another subscription\'s virtual network of that name. Fix: set the azurerm provider\'s subscription before making the construct, and keep it; or ask the network\'s owner for a delegated subnet and a private DNS zone in that subscription, and use FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).\n\nIf you wish to ignore these validations, pass \'skipValidation: true\' to your App configuration.\n',
  },
  {
    id: 'CHECK-FAILED-AT-SYNTH',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      postgres.server.addOverride('public_network_access_enabled', true);
      Testing.synth(stack, true);
    },
    message: 'Validation failed with the following errors:\n  [orders] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-1 public_network_access_enabled is true, not false. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.\n'
      + '  [orders] skipValidation: true does not switch off the PostgreSQL security checks of cdktf-azure-postgres. Fix: undo the weakening, choose it through the construct\'s props with a justification, or waive the rule with PostgresSecurityChecks.suppress(scope, ruleId, reason).\n\nIf you wish to ignore these validations, pass \'skipValidation: true\' to your App configuration.\n',
  },
  {
    id: 'CHECK-FAILED-SKIP-VALIDATION',
    run: () => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'errors-catalog-')), skipValidation: true });
      const stack = new TerraformStack(app, 'orders');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      postgres.server.addOverride('public_network_access_enabled', true);
      app.synth();
    },
    message: 'Validation failed with the following errors:\n  [orders] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-1 public_network_access_enabled is true, not false. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.\n'
      + '  [orders] skipValidation: true does not switch off the PostgreSQL security checks of cdktf-azure-postgres. Fix: undo the weakening, choose it through the construct\'s props with a justification, or waive the rule with PostgresSecurityChecks.suppress(scope, ruleId, reason).\n',
  },
];

/** Runs `build` with a fresh copy of the library in which `module` fails to load as Node reports a missing module. */
function withMissingModule(module: string, message: string, build: (library: typeof import('../lib')) => void): void {
  const missing = Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
  jest.doMock(module, () => {
    throw missing;
  });
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      build(require('../lib') as typeof import('../lib'));
    });
  } finally {
    jest.dontMock(module);
  }
}

/** The installation or the stack around a construct is wrong, not a prop: an Error with this whole message. */
const SETUP_ERRORS: ThrownEntry[] = [
  {
    id: 'RANDOM-PROVIDER-MISSING',
    run: () => withMissingModule('@cdktf/provider-random/lib/password', "Cannot find module '@cdktf/provider-random/lib/password'", (library) => {
      const authentication = library.FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON });
      new library.SecureFlexibleServer(new TerraformStack(Testing.app(), 'orders'), 'Postgres', minimalPropsOf(library, { authentication }));
    }),
    message: 'cdktf-azure-postgres: a generated administrator password needs @cdktf/provider-random, an optional peer dependency that is not installed. Fix: npm install @cdktf/provider-random (stacks whose servers use Entra ID only do not need it).',
  },
  {
    id: 'POSTGRESQL-PROVIDER-MISSING',
    run: () => withMissingModule('@cdktf/provider-postgresql/lib/provider', "Cannot find module '@cdktf/provider-postgresql/lib/provider'", (library) => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      const server = new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library, { databases: [{ name: 'orders' }] }));
      new library.DatabaseAccess(stack, 'OrdersAccess', { server, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
    }),
    message: 'cdktf-azure-postgres: a DatabaseAccess needs @cdktf/provider-postgresql, an optional peer dependency that is not installed. Fix: npm install @cdktf/provider-postgresql (stacks without a DatabaseAccess do not need it).',
  },
  {
    id: 'TIME-PROVIDER-MISSING',
    run: () => withMissingModule('@cdktf/provider-time/lib/rotating', "Cannot find module '@cdktf/provider-time/lib/rotating'", (library) => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      const authentication = library.FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON });
      const server = new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library, { databases: [{ name: 'orders' }], authentication }));
      const member = library.DatabasePrincipal.password({ rotateEveryDays: 90, justification: REASON });
      new library.DatabaseAccess(stack, 'OrdersAccess', { server, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [{ name: 'vendor', database: 'orders', access: library.AccessLevel.READ_ONLY, member }] });
    }),
    message: 'cdktf-azure-postgres: a DatabaseAccess password member needs @cdktf/provider-time, an optional peer dependency that is not installed. Fix: npm install @cdktf/provider-time (members that sign in with Entra ID do not need it).',
  },
  {
    id: 'CDKTN-PROVIDER-UNPUBLISHED',
    // cdktn-azure-postgres as npm run build:cdktn makes it: the package name reads @cdktn/provider-postgresql, which is not on npm.
    run: () => {
      const cdktnPeer = { packageName: '@cdktn/provider-postgresql', publishedForCdktn: false };
      jest.doMock('../lib/private/optional-peer', () => ({ ...jest.requireActual('../lib/private/optional-peer'), POSTGRESQL_PROVIDER: cdktnPeer }));
      try {
        withMissingModule('@cdktf/provider-postgresql/lib/provider', "Cannot find module '@cdktn/provider-postgresql/lib/provider'", (library) => {
          const stack = new TerraformStack(Testing.app(), 'orders');
          const server = new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library, { databases: [{ name: 'orders' }] }));
          new library.DatabaseAccess(stack, 'OrdersAccess', { server, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
        });
      } finally {
        jest.dontMock('../lib/private/optional-peer');
      }
    },
    message: 'cdktf-azure-postgres: a DatabaseAccess needs @cdktn/provider-postgresql, a CDK Terrain provider package that is not published on npm yet, so cdktn-azure-postgres cannot create it today. Fix: build this stack with cdktf and cdktf-azure-postgres until @cdktn/provider-postgresql is published (docs/cdk-terrain.md).',
  },
];

/** A bad invocation of `cdktf-azure-postgres check`: exit code 2 and this one line on stderr. */
interface CliEntry {
  readonly id: string;
  /** The arguments, given the fixture folder (see beforeAll). */
  readonly args: (root: string) => string[];
  /** The line, with the fixture folder written as <dir>. */
  readonly message: string;
  /** A smaller limit of folders to search than the command's (50,000), for a fixture of a few. */
  readonly maxFolders?: number;
}

const USAGE = 'usage: cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json> [--report <directory>]';
const CLI_ERRORS: CliEntry[] = [
  { id: 'CLI-USAGE', args: () => ['check'], message: `cdktf-azure-postgres: ${USAGE}` },
  { id: 'CLI-UNKNOWN-COMMAND', args: () => ['synth', 'cdktf.out'], message: `cdktf-azure-postgres: ${USAGE}` },
  { id: 'CLI-REPORT-WITHOUT-DIRECTORY', args: () => ['check', 'cdktf.out', '--report'], message: `cdktf-azure-postgres: --report needs a directory. ${USAGE}` },
  { id: 'CLI-UNEXPECTED-ARGUMENT', args: () => ['check', 'cdktf.out', 'stacks/orders'], message: `cdktf-azure-postgres: unexpected argument "stacks/orders". ${USAGE}` },
  { id: 'CLI-NO-SUCH-PATH', args: (root) => ['check', join(root, 'missing')], message: 'cdktf-azure-postgres: <dir>/missing: no such file or directory' },
  {
    id: 'CLI-NO-STACKS',
    args: (root) => ['check', join(root, 'empty')],
    message: 'cdktf-azure-postgres: <dir>/empty: no stacks found (no cdk.tf.json in it or in any folder below it, node_modules, .git and .terraform not searched)',
  },
  {
    id: 'CLI-UNREADABLE',
    args: (root) => ['check', join(root, 'unreadable')],
    message: 'cdktf-azure-postgres: <dir>/unreadable/cdk.tf.json: cannot be read (EISDIR: illegal operation on a directory, read)',
  },
  { id: 'CLI-INVALID-JSON', args: (root) => ['check', join(root, 'list.json')], message: 'cdktf-azure-postgres: <dir>/list.json: invalid JSON (not a JSON object)' },
  {
    id: 'CLI-REPEATED-RECORD',
    args: (root) => ['check', join(root, 'repeated.json')],
    message: 'cdktf-azure-postgres: <dir>/repeated.json: the top-level "//" comment object holds "cdktf-azure-postgres-suppressions" more than once, where cdktf writes each of its properties once: JSON readers such as jq keep only the last, so a reviewer would not see what the checks would read in the others; synthesize the stack again',
  },
  {
    id: 'CLI-INEXACT-NUMBER',
    args: (root) => ['check', join(root, 'inexact.json')],
    message: 'cdktf-azure-postgres: <dir>/inexact.json: holds a number Terraform reads more exactly than JavaScript (a number of 22 characters at line 1, column 18, not shown); write it as a double prints, as cdktf synth does',
  },
  { id: 'CLI-NOT-A-REGULAR-FILE', args: () => ['check', '/dev/null'], message: 'cdktf-azure-postgres: /dev/null: is a character device, not a regular file; give the cdk.tf.json that cdktf synth wrote' },
  {
    id: 'CLI-ENTRY-UNREADABLE',
    args: (root) => ['check', join(root, 'dangling')],
    message: "cdktf-azure-postgres: <dir>/dangling/stacks/gone: cannot be read (ENOENT: no such file or directory, stat '<dir>/dangling/stacks/gone')",
  },
  {
    id: 'CLI-ENTRY-NAME-NOT-UTF8',
    args: (root) => ['check', join(root, 'latin1')],
    message: 'cdktf-azure-postgres: <dir>/latin1: holds an entry whose name is not UTF-8 (bytes 617070ff), which check cannot read by its name, and it may hold a stack; rename it, or give check a folder without it',
  },
  {
    id: 'CLI-TOO-MANY-FOLDERS',
    args: (root) => ['check', join(root, 'many')],
    maxFolders: 3,
    message: 'cdktf-azure-postgres: <dir>/many: holds more folders than check searches (node_modules, .git, .terraform not counted), so a cdk.tf.json below it may be left unjudged; give the folder that holds the stacks, such as cdktf.out',
  },
  {
    id: 'CLI-HIDDEN-STACKS',
    args: (root) => ['check', join(root, 'tree')],
    message: 'cdktf-azure-postgres: <dir>/tree: holds 1 stack file (a cdk.tf.json, or in a folder of stacks/ the configuration Terraform applies there) below hidden folders (.build/cdktf.out/stacks/data/cdk.tf.json), which check does not judge with the rest, so they would pass unjudged; give the folder that holds them to check on its own, or move them out of the hidden folder',
  },
  { id: 'CLI-UNKNOWN-OPTION', args: () => ['check', '--repot', 'cdktf.out'], message: `cdktf-azure-postgres: unknown option "--repot". ${USAGE}` },
  {
    id: 'CLI-NOT-A-STACK',
    args: (root) => ['check', join(root, 'package.json')],
    message: 'cdktf-azure-postgres: <dir>/package.json: not a Terraform stack (it has none of terraform, provider, resource, data, variable, output, locals, module, import, moved, removed, check); give a cdk.tf.json that cdktf synth wrote',
  },
  {
    id: 'CLI-NOT-TERRAFORM-JSON',
    args: (root) => ['check', join(root, 'null-block.json')],
    message: 'cdktf-azure-postgres: <dir>/null-block.json: not valid Terraform JSON: resource.azurerm_postgresql_flexible_server.db is null, where Terraform needs an object',
  },
  {
    id: 'CLI-MALFORMED-LIBRARY-ENTRY',
    args: (root) => ['check', join(root, 'null-access.json')],
    message: 'cdktf-azure-postgres: <dir>/null-access.json: //.cdktf-azure-postgres-access is null, where the library writes a list (each item a DatabaseAccess declaration); it tells check what the library\'s constructs made, so the stack cannot be judged: synthesize again instead of editing it',
  },
  {
    id: 'CLI-MANIFEST-STACK-MISSING',
    args: (root) => ['check', join(root, 'manifest-missing')],
    message: 'cdktf-azure-postgres: <dir>/manifest-missing/manifest.json: lists stack b (stacks/b/cdk.tf.json), a file that is missing, so it cannot be judged; synthesize again, or give check the whole cdktf.out folder',
  },
  {
    id: 'CLI-MANIFEST-UNREADABLE',
    args: (root) => ['check', join(root, 'manifest-unreadable')],
    message: 'cdktf-azure-postgres: <dir>/manifest-unreadable/manifest.json: cannot be read (not valid JSON), so the stacks it lists cannot be matched; synthesize again',
  },
  {
    id: 'CLI-MANIFEST-INVALID',
    args: (root) => ['check', join(root, 'manifest-invalid')],
    message: 'cdktf-azure-postgres: <dir>/manifest-invalid/manifest.json: is not the manifest cdktf writes (no stacks, each with a synthesizedStackPath), so the stacks it lists cannot be matched; synthesize again',
  },
  {
    id: 'CLI-MANIFEST-WORKING-DIRECTORY',
    args: (root) => ['check', join(root, 'manifest-elsewhere')],
    message: 'cdktf-azure-postgres: <dir>/manifest-elsewhere/manifest.json: runs the Terraform of stack a in shadow (its cdk.tf.json at stacks/a/cdk.tf.json), where cdktf runs it in the folder of stacks/ that holds the stack\'s cdk.tf.json, so cdktf deploy would apply a configuration check does not judge with this app; synthesize again',
  },
  {
    id: 'CLI-MERGED-FILES',
    args: (root) => ['check', join(root, 'stacks')],
    message: 'cdktf-azure-postgres: <dir>/stacks/orders: holds backend_override.tf beside cdk.tf.json, which Terraform or OpenTofu reads too (an override file can change any setting), so cdk.tf.json alone cannot be judged; remove it',
  },
  {
    id: 'CLI-SYNTH-FAILED',
    args: (root) => ['check', join(root, 'failed')],
    message: 'cdktf-azure-postgres: <dir>/failed/stacks/b: cdktf synth failed for this stack (its postgres-security-report.json says synthFailed), so there is no cdk.tf.json and the stack cannot be judged; fix the error findings that report lists, then synth again',
  },
  {
    id: 'CLI-SYNTH-FAILED-STALE-STACK',
    args: (root) => ['check', join(root, 'stale')],
    message: 'cdktf-azure-postgres: <dir>/stale/stacks/b: cdktf synth failed for this stack (its postgres-security-report.json says synthFailed), so its cdk.tf.json is left from an earlier synth and the stack cannot be judged; fix the error findings that report lists, then synth again',
  },
  {
    id: 'CLI-REPORT-WITHOUT-STACK',
    args: (root) => ['check', join(root, 'orphan')],
    message: 'cdktf-azure-postgres: <dir>/orphan/stacks/b: holds postgres-security-report.json but no cdk.tf.json, so synth did not finish for this stack or the file was removed; synth again',
  },
  {
    id: 'CLI-HCL-OUTPUT',
    args: (root) => ['check', join(root, 'hcl')],
    message: 'cdktf-azure-postgres: <dir>/hcl/stacks/b: holds cdk.tf, cdktf\'s HCL output, which check cannot read (it judges cdk.tf.json); synthesize JSON for the gate: remove hclOutput from cdktf.json (or --hcl from cdktf synth)',
  },
  {
    id: 'CLI-HCL-STACK',
    args: (root) => ['check', join(root, 'hcl-only')],
    message: 'cdktf-azure-postgres: <dir>/hcl-only/stacks/b: holds main.tf, Terraform configuration in HCL, which check cannot read (it judges the JSON form, such as cdk.tf.json), so Terraform would apply a stack nobody judged; synthesize JSON for the gate (remove hclOutput from cdktf.json, or --hcl from cdktf synth), or remove the file; check takes every folder in a folder named stacks for a stack\'s folder, so for Terraform of your own kept in one (stacks/prod/main.tf) give check each cdktf.out folder instead',
  },
  {
    id: 'CLI-STACK-REPORT-UNREADABLE',
    args: (root) => ['check', join(root, 'garbled')],
    message: 'cdktf-azure-postgres: <dir>/garbled/stacks/b: postgres-security-report.json cannot be read (not valid JSON), so whether cdktf synth failed for this stack is unknown; synth again',
  },
  { id: 'CLI-REPORT-IS-A-FILE', args: (root) => ['check', join(root, 'list.json'), '--report', join(root, 'report.md')], message: 'cdktf-azure-postgres: --report <dir>/report.md: is a file, not a directory' },
  {
    id: 'CLI-REPORT-CANNOT-CREATE',
    args: (root) => ['check', join(root, 'list.json'), '--report', join(root, 'report.md', 'sub')],
    message: "cdktf-azure-postgres: --report <dir>/report.md/sub: cannot be created (ENOTDIR: not a directory, mkdir '<dir>/report.md/sub')",
  },
  {
    id: 'CLI-REPORT-NAME-CLASH',
    args: (root) => ['check', join(root, 'twins'), '--report', join(root, 'reports')],
    message: 'cdktf-azure-postgres: --report <dir>/reports: <dir>/twins/a/stacks/main/cdk.tf.json and <dir>/twins/b/stacks/main/cdk.tf.json are both stacks named main, so one report would overwrite the other; check each cdktf.out folder with a --report of its own',
  },
  {
    id: 'CLI-PATH-PARENT-THROUGH-LINK',
    args: (root) => ['check', `${join(root, 'proj', 'latest')}/..`],
    message: 'cdktf-azure-postgres: <dir>/proj/latest/..: holds ".." after a symbolic link (<dir>/proj/latest), which the system reads as the folder above where the link leads, not as the folder the link is in; give the path without ".."',
  },
  {
    id: 'CLI-REPORT-LINK-TO-JUDGED',
    args: (root) => ['check', join(root, 'linked', 'stacks', 'orders', 'cdk.tf.json'), '--report', join(root, 'linked-reports')],
    message: 'cdktf-azure-postgres: --report <dir>/linked-reports: <dir>/linked-reports/orders/postgres-security-report.json is a link to a file Terraform loads from the folder of a stack this command judges (<dir>/linked/stacks/orders: a variable file or configuration), which the report would overwrite; remove the link',
  },
  { id: 'CLI-FORMAT-WITHOUT-VALUE', args: () => ['check', 'cdktf.out', '--format'], message: `cdktf-azure-postgres: --format needs one of markdown, json, sarif, junit. ${USAGE}` },
  { id: 'CLI-FORMAT-UNKNOWN', args: () => ['check', 'cdktf.out', '--format', 'xml'], message: 'cdktf-azure-postgres: --format "xml": not a format; use markdown, json, sarif, junit' },
  { id: 'CLI-OPTION-REPEATED', args: () => ['check', 'cdktf.out', '--format', 'sarif', '--format', 'junit'], message: 'cdktf-azure-postgres: --format is given twice; give it once' },
  { id: 'CLI-OUTPUT-WITHOUT-FILE', args: () => ['check', 'cdktf.out', '--format', 'sarif', '--output'], message: `cdktf-azure-postgres: --output needs a file. ${USAGE}` },
  {
    id: 'CLI-OUTPUT-WITHOUT-FORMAT',
    args: () => ['check', 'cdktf.out', '--output', 'results.sarif'],
    message: 'cdktf-azure-postgres: --output results.sarif: needs --format markdown|json|sarif|junit, the format to write',
  },
  { id: 'CLI-OUTPUT-IS-A-DIRECTORY', args: (root) => ['check', join(root, 'list.json'), '--format', 'sarif', '--output', join(root, 'empty')], message: 'cdktf-azure-postgres: --output <dir>/empty: is a directory, not a file' },
  {
    id: 'CLI-OUTPUT-IS-A-STACK',
    args: (root) => ['check', join(root, 'stacks', 'orders', 'cdk.tf.json'), '--format', 'json', '--output', join(root, 'stacks', 'orders', 'cdk.tf.json')],
    message: 'cdktf-azure-postgres: --output <dir>/stacks/orders/cdk.tf.json: is a stack file (a cdk.tf.json, or a stack this command judges), which the results would overwrite; write them to another file',
  },
  {
    id: 'CLI-OUTPUT-IS-A-MANIFEST',
    args: (root) => ['check', join(root, 'stacks', 'orders', 'cdk.tf.json'), '--format', 'sarif', '--output', join(root, 'manifest.json')],
    message: 'cdktf-azure-postgres: --output <dir>/manifest.json: is the manifest.json of the cdktf.out folder this command judges (<dir>), which the results would overwrite, so no later check could match the app\'s stacks; write them to another file',
  },
  {
    id: 'CLI-OUTPUT-IN-STACK-FOLDER',
    args: (root) => ['check', join(root, 'stacks', 'orders', 'cdk.tf.json'), '--format', 'sarif', '--output', join(root, 'stacks', 'orders', 'terraform.tfvars.json')],
    message: 'cdktf-azure-postgres: --output <dir>/stacks/orders/terraform.tfvars.json: is a file Terraform loads from the folder of a stack this command judges (<dir>/stacks/orders: a variable file or configuration), so the results would be read as the stack\'s; write them to another file',
  },
  {
    id: 'CLI-OUTPUT-CANNOT-WRITE',
    args: (root) => ['check', join(root, 'list.json'), '--format', 'sarif', '--output', join(root, 'report.md', 'results.sarif')],
    message: "cdktf-azure-postgres: --output <dir>/report.md/results.sarif: cannot be written (EEXIST: file already exists, mkdir '<dir>/report.md')",
  },
];

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'errors-catalog-'));
  writeAuditFixtures(join(root, 'audit'));
  mkdirSync(join(root, 'empty'));
  // A link, and a path with ".." after it (the system reads the folder above where it leads).
  mkdirSync(join(root, 'proj'));
  symlinkSync(join(root, 'linked', 'stacks', 'orders'), join(root, 'proj', 'latest'));
  // A report file planted as a dangling link to a variable file the judged stack's folder would load (W77-4).
  mkdirSync(join(root, 'linked', 'stacks', 'orders'), { recursive: true });
  writeFileSync(join(root, 'linked', 'stacks', 'orders', 'cdk.tf.json'), '{"resource": {}}');
  mkdirSync(join(root, 'linked-reports', 'orders'), { recursive: true });
  symlinkSync(join(root, 'linked', 'stacks', 'orders', 'results.auto.tfvars.json'), join(root, 'linked-reports', 'orders', 'postgres-security-report.json'));
  mkdirSync(join(root, 'unreadable', 'cdk.tf.json'), { recursive: true });
  writeFileSync(join(root, 'list.json'), '[{"resource": {}}]');
  writeFileSync(join(root, 'repeated.json'), '{"//": {"cdktf-azure-postgres-suppressions": [], "cdktf-azure-postgres-suppressions": []}, "resource": {}}');
  writeFileSync(join(root, 'inexact.json'), '{"locals": {"n": 1.00000000000000000001}}');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  writeFileSync(join(root, 'null-block.json'), JSON.stringify({ resource: { azurerm_postgresql_flexible_server: { db: null } } }));
  writeFileSync(join(root, 'null-access.json'), JSON.stringify({ '//': { 'cdktf-azure-postgres-access': null }, resource: {} }));
  writeFileSync(join(root, 'report.md'), '');
  ['a', 'b', 'c'].forEach((folder) => mkdirSync(join(root, 'many', folder), { recursive: true }));
  for (const stacks of ['tree/app/cdktf.out/stacks/data', 'tree/.build/cdktf.out/stacks/data']) {
    mkdirSync(join(root, stacks), { recursive: true });
    writeFileSync(join(root, stacks, 'cdk.tf.json'), JSON.stringify({ resource: {} }));
  }
  for (const app of ['a', 'b']) {
    mkdirSync(join(root, 'twins', app, 'stacks', 'main'), { recursive: true });
    writeFileSync(join(root, 'twins', app, 'stacks', 'main', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
  }
  mkdirSync(join(root, 'dangling', 'stacks'), { recursive: true });
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling', 'stacks', 'gone'));
  // A folder named "app" and the byte 0xFF, which is not UTF-8.
  mkdirSync(join(root, 'latin1'));
  mkdirSync(Buffer.concat([Buffer.from(join(root, 'latin1', 'app')), Buffer.from([0xff])]));
  mkdirSync(join(root, 'stacks', 'orders'), { recursive: true });
  writeFileSync(join(root, 'stacks', 'orders', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
  writeFileSync(join(root, 'stacks', 'orders', 'backend_override.tf'), '');
  // Stack folders a failed synth leaves: stack a was written, stack b was not (or is stale).
  const stackFolder = (name: string, files: { [file: string]: string }) => {
    mkdirSync(join(root, name, 'stacks', 'a'), { recursive: true });
    writeFileSync(join(root, name, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
    mkdirSync(join(root, name, 'stacks', 'b'), { recursive: true });
    Object.entries(files).forEach(([file, text]) => writeFileSync(join(root, name, 'stacks', 'b', file), text));
  };
  stackFolder('failed', { 'postgres-security-report.json': JSON.stringify({ synthFailed: true }) });
  stackFolder('stale', { 'postgres-security-report.json': JSON.stringify({ synthFailed: true }), 'cdk.tf.json': JSON.stringify({ resource: {} }) });
  stackFolder('orphan', { 'postgres-security-report.json': JSON.stringify({ synthFailed: false }) });
  stackFolder('hcl', { 'postgres-security-report.json': JSON.stringify({ synthFailed: false }), 'cdk.tf': 'terraform {}\n' });
  stackFolder('hcl-only', { 'main.tf': 'terraform {}\n' });
  // cdktf.out folders whose manifest lists stack b, or cannot be read.
  const manifestFolder = (name: string, manifest: string) => {
    mkdirSync(join(root, name, 'stacks', 'a'), { recursive: true });
    writeFileSync(join(root, name, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
    writeFileSync(join(root, name, 'manifest.json'), manifest);
  };
  manifestFolder('manifest-missing', JSON.stringify({ stacks: { a: { synthesizedStackPath: 'stacks/a/cdk.tf.json' }, b: { synthesizedStackPath: 'stacks/b/cdk.tf.json' } } }));
  manifestFolder('manifest-unreadable', '');
  manifestFolder('manifest-invalid', JSON.stringify({ version: '0.21.0' }));
  manifestFolder('manifest-elsewhere', JSON.stringify({ stacks: { a: { synthesizedStackPath: 'stacks/a/cdk.tf.json', workingDirectory: 'shadow' } } }));
  stackFolder('garbled', { 'postgres-security-report.json': '', 'cdk.tf.json': JSON.stringify({ resource: {} }) });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runCli(args: string[], maxFolders?: number): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, maxFolders);
  return { code, out, err };
}

describe('every catalogued bad input fails with its whole message', () => {
  test.each(VALIDATION_ERRORS.map((entry) => [entry.id, entry] as const))('%s', (_, entry) => {
    const error = thrownBy(entry.run);
    // A token prints with a number that depends on how many tokens the process made: the catalogue shows TOKEN.1.
    expect(error.message.replace(/TOKEN\.\d+/g, 'TOKEN.1')).toBe(entry.message);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.name).toBe('ValidationError');
    expect(error.code).toBe(entry.id);
    expect(entry.message.startsWith(`Invalid ${error.prop}: `)).toBe(true);
  });

  test.each(SYNTH_ERRORS.map((entry) => [entry.id, entry] as const))('%s', (_, entry) => {
    expect(entry.run).toThrow(new Error(entry.message));
  });

  test.each(SETUP_ERRORS.map((entry) => [entry.id, entry] as const))('%s', (_, entry) => {
    expect(entry.run).toThrow(new Error(entry.message));
  });

  test.each(CLI_ERRORS.map((entry) => [entry.id, entry] as const))('%s', (_, entry) => {
    expect(runCli(entry.args(root), entry.maxFolders)).toEqual({ code: 2, out: [], err: [entry.message.replace(/<dir>/g, root)] });
  });

  test.each(AUDIT_ROLES_ERRORS.map((entry) => [entry.id, entry] as const))('%s', async (_, entry) => {
    const dir = join(root, 'audit');
    expect(await runAuditEntry(entry, dir)).toEqual({ code: 2, out: [], err: [entry.message.replace(/<dir>/g, dir)] });
  });
});

function thrownBy(run: () => void): Error & { prop?: string; code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { prop?: string; code?: string };
  }
  throw new Error('expected an error');
}

// ---------------------------------------------------------------------------------------------
// docs/errors.md: one "### <id>" entry per catalogued error, with When, the message and Fix
// ---------------------------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

interface DocEntry {
  readonly id: string;
  readonly body: string;
  readonly message?: string;
}

function readDocEntries(): DocEntry[] {
  const text = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
  return text
    .split(/^### /m)
    .slice(1)
    .map((section) => {
      const id = section.split(/\s/)[0];
      const block = /```text\n([\s\S]*?)\n```/.exec(section);
      return { id, body: section, message: block?.[1] };
    });
}

const ALL_ENTRIES = [...VALIDATION_ERRORS, ...SYNTH_ERRORS, ...SETUP_ERRORS, ...CLI_ERRORS, ...AUDIT_ROLES_ERRORS];
const ALL_IDS = ALL_ENTRIES.map((entry) => entry.id);
const DOCUMENTED_MESSAGE = new Map<string, string>(ALL_ENTRIES.map((entry) => [entry.id, entry.message]));

describe('docs/errors.md', () => {
  const entries = readDocEntries();

  test('the catalogue has at least 30 distinct errors, each with its own id', () => {
    expect(new Set(ALL_IDS).size).toBe(ALL_IDS.length);
    expect(ALL_IDS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ALL_IDS.map((id) => DOCUMENTED_MESSAGE.get(id))).size).toBeGreaterThanOrEqual(30);
  });

  test('every ### entry has a test, and every test an entry', () => {
    expect(entries.map((entry) => entry.id).sort()).toEqual([...ALL_IDS].sort());
  });

  test('every code a ValidationError can carry has an entry and a catalogued error with that code', () => {
    const documented = new Set(entries.map((entry) => entry.id));
    expect(ERROR_CODES.filter((code) => !documented.has(code))).toEqual([]);
    expect([...ERROR_CODES].sort()).toEqual(VALIDATION_ERRORS.map((entry) => entry.id).sort());
  });

  test('every code written in lib/ is one of them', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..', 'lib'))) {
      // A code is the first argument of ValidationError or of a check that throws it: 'WORD-WORD'.
      for (const match of readFileSync(file, 'utf8').matchAll(/\(\s*'([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)'\s*,/g)) used.add(match[1]);
      for (const match of readFileSync(file, 'utf8').matchAll(/code: '([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)'/g)) used.add(match[1]);
    }
    const ruleIds = /^PG[FS]-[A-Z]+-\d+$/;
    expect([...used].filter((code) => !ruleIds.test(code) && !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
  });

  test.each(readDocEntries().map((entry) => [entry.id, entry] as const))('%s says when, the message as produced, and the fix', (id, entry) => {
    expect(entry.body).toMatch(/\*\*When:\*\* \S/);
    expect(entry.body).toMatch(/\*\*Fix:\*\* \S/);
    // A code block cannot end in a newline: the synth error's last one is not shown.
    expect(entry.message).toBe(DOCUMENTED_MESSAGE.get(id)?.replace(/\n+$/, ''));
  });
});
