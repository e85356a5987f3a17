import { TerraformStack, Testing } from 'cdktf';
import {
  DiagnosticSettings,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  HighAvailabilityMode,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  PgAuditLogClass,
  SecureSingleServerProps,
  SingleServerNetwork,
} from '../../lib';
import { GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, KEY_ID, minimalProps, minimalSingleProps, SUBNET_ID } from '../helpers';

// Each weaker choice made through the props suppresses exactly the rule it weakens, on exactly the
// resource it concerns: never a broader scope, never a rule it does not weaken.

const REASON = 'SEC-123: accepted by the security team until 2027-03';
const OFFICE = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };

/** The suppressions a construct writes, as "<path below the construct> <rule id>", with the reason checked. */
function suppressionsOf(build: (stack: TerraformStack) => void, construct: string): string[] {
  const stack = new TerraformStack(Testing.app(), 'stack');
  build(stack);
  const list = (stack.toTerraform()['//']?.['cdktf-azure-postgres-suppressions'] ?? []) as { path: string; ruleId: string; reason: string }[];
  return list.map((s) => `${s.path.replace(`stack/${construct}`, '.')} ${s.ruleId}`).sort();
}

const flexible = (props: Partial<SecureFlexibleServerProps>) => suppressionsOf((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps(props)), 'Postgres');

describe('SecureFlexibleServer', () => {
  test('by default, only the platform-managed key is suppressed, on the server', () => {
    expect(flexible({})).toEqual(['./Server PGF-ENC-1']);
  });

  test('with a customer-managed key, nothing is', () => {
    expect(flexible({ customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } })).toEqual([]);
  });

  test.each<[string, Partial<SecureFlexibleServerProps>, string[]]>([
    ['public access', { network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON }) }, ['./Server PGF-NET-1', './Server PGF-NET-2']],
    ['the Azure-services rule', { network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [], allowAzureServices: true, justification: REASON }) }, ['./AzureServicesFirewallRule PGF-NET-5', './Server PGF-NET-1', './Server PGF-NET-2']],
    ['password authentication', { authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON }) }, ['./Server PGF-IAM-3']],
    ['no diagnostic setting', { diagnosticSettings: DiagnosticSettings.disabled(REASON) }, ['./Server PGF-LOG-8']],
    ['no geo-redundant backup', { backup: { geoRedundantBackup: false, justification: REASON } }, ['./Server PGF-BAK-1']],
    ['a shorter retention', { backup: { retentionDays: 14, justification: REASON } }, ['./Server PGF-BAK-2']],
    ['no high availability', { highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: REASON } }, ['./Server PGF-AVL-1']],
    ['same-zone high availability', { highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification: REASON } }, ['./Server PGF-AVL-1']],
    ['pgaudit without ROLE', { auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL, PgAuditLogClass.WRITE], justification: REASON } }, ['./Parameter-pgaudit.log PGF-LOG-10']],
    ['pgaudit with ALL (nothing weakened)', { auditLogging: { pgauditLogClasses: [PgAuditLogClass.ALL] } }, []],
    ['pgaudit with DDL and ROLE, a justification given anyway', { auditLogging: { pgauditLogClasses: [PgAuditLogClass.ROLE, PgAuditLogClass.DDL], justification: REASON } }, []],
    ['destroy allowed, with databases', { deletionProtection: { preventDestroy: false, justification: REASON }, databases: [{ name: 'orders' }, { name: 'audit' }] }, ['./Database-audit PGF-DEL-2', './Database-orders PGF-DEL-2', './Server PGF-DEL-1']],
  ])('%s', (_, props, expected) => {
    expect(flexible(props)).toEqual([...expected, './Server PGF-ENC-1'].sort());
  });
});

describe('SecureSingleServer', () => {
  const single = (props: Partial<SecureSingleServerProps>) => suppressionsOf((stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps(props)), 'Legacy');
  const DEFAULTS = ['./Server PGS-ENC-2', './Server PGS-RET-1'];

  test('by default, the platform key and the retirement (warned about by the construct) are suppressed, on the server', () => {
    expect(single({})).toEqual(DEFAULTS);
  });

  test.each<[string, Partial<SecureSingleServerProps>, string[]]>([
    ['public access', { network: SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON }) }, ['./Server PGS-NET-1', './Server PGS-NET-2']],
    ['public access next to a private endpoint', { network: SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], privateEndpoint: { subnetResourceId: SUBNET_ID }, justification: REASON }) }, ['./Server PGS-NET-1']],
    ['the Azure-services rule', { network: SingleServerNetwork.publicAccess({ allowAzureServices: true, justification: REASON }) }, ['./AzureServicesFirewallRule PGS-NET-4', './Server PGS-NET-1', './Server PGS-NET-2']],
    ['no diagnostic setting', { diagnosticSettings: DiagnosticSettings.disabled(REASON) }, ['./Server PGS-LOG-7']],
    ['no geo-redundant backup', { backup: { geoRedundantBackup: false, justification: REASON } }, ['./Server PGS-BAK-1']],
    ['a shorter retention', { backup: { retentionDays: 14, justification: REASON } }, ['./Server PGS-BAK-2']],
    ['destroy allowed', { deletionProtection: { preventDestroy: false, justification: REASON } }, ['./Server PGS-DEL-1']],
    ['pgaudit without DDL', { auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ, PgAuditLogClass.ROLE], justification: REASON } }, ['./Parameter-pgaudit.log PGS-LOG-9']],
  ])('%s', (_, props, expected) => {
    expect(single(props)).toEqual([...expected, ...DEFAULTS].sort());
  });
});
