import { TerraformStack, Testing } from 'cdktf';
import {
  DiagnosticSettings,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  HighAvailabilityMode,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  SecureSingleServerProps,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
} from '../../../../lib';
import { ADOPTION_IMPORT_REASON, PLATFORM_KEYS_REASON } from '../../../../lib/checks/suppression-registry';
import { minimalProps, minimalSingleProps, SUBSCRIPTION } from '../../../helpers';

// Each suppression a construct writes for a justified weakening carries the justification of the
// prop that weakened it, not another prop's: the report shows the reason a reviewer approved.
// (construct-suppressions.test.ts checks which rules are suppressed on which resource.)

const PUBLIC = 'SEC-101: public access for the partner ETL';
const WIDE = 'SEC-102: the partner egress range is a /23';
const PASSWORD = 'SEC-103: a legacy client needs SCRAM logins';
const LOGS = 'SEC-104: logs go to the SIEM through another route';
const BACKUP = 'SEC-105: backup kept in region by data residency';
const HA = 'SEC-106: a development server, no standby';
const DESTROY = 'SEC-107: a throwaway review environment';
const ADOPTION = 'SEC-108: the live server was created so in 2019';
const RETIRED = 'SecureSingleServer prints the retirement warning itself, with the migration guide';

const OFFICE = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };
const PARTNER = { name: 'partner', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' }; // 512 addresses

/** The suppressions a construct writes, as "<path below the construct> <rule id>: <reason>". */
function suppressionsOf(build: (stack: TerraformStack) => void, construct: string): string[] {
  const stack = new TerraformStack(Testing.app(), 'stack');
  build(stack);
  const list = (stack.toTerraform()['//']?.['cdktf-azure-postgres-suppressions'] ?? []) as { path: string; ruleId: string; reason: string }[];
  return list.map((s) => `${s.path.replace(`stack/${construct}`, '.')} ${s.ruleId}: ${s.reason}`).sort();
}

const flexible = (props: Partial<SecureFlexibleServerProps>) => suppressionsOf((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps(props)), 'Postgres');
const single = (props: Partial<SecureSingleServerProps>) => suppressionsOf((stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps(props)), 'Legacy');

describe('SecureFlexibleServer', () => {
  test('every justified weakening at once: each suppression with its own prop\'s justification', () => {
    expect(
      flexible({
        network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [PARTNER], allowAzureServices: true, wideRanges: { justification: WIDE }, justification: PUBLIC }),
        authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: PASSWORD }),
        diagnosticSettings: DiagnosticSettings.disabled(LOGS),
        backup: { geoRedundantBackup: false, retentionDays: 14, justification: BACKUP },
        highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: HA },
        deletionProtection: { preventDestroy: false, justification: DESTROY },
        databases: [{ name: 'orders' }],
      }),
    ).toEqual([
      `./AzureServicesFirewallRule PGF-NET-5: ${PUBLIC}`,
      `./Database-orders PGF-DEL-2: ${DESTROY}`,
      `./Server PGF-AVL-1: ${HA}`,
      `./Server PGF-BAK-1: ${BACKUP}`,
      `./Server PGF-BAK-2: ${BACKUP}`,
      `./Server PGF-DEL-1: ${DESTROY}`,
      `./Server PGF-ENC-1: ${PLATFORM_KEYS_REASON}`,
      `./Server PGF-IAM-3: ${PASSWORD}`,
      `./Server PGF-LOG-8: ${LOGS}`,
      `./Server PGF-NET-1: ${PUBLIC}`,
      `./Server PGF-NET-2: ${PUBLIC}`,
      `./Server PGF-NET-8: ${WIDE}`,
    ]);
  });

  test('ranges of at most 256 addresses need no wide-ranges suppression, even with the justification given', () => {
    expect(flexible({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], wideRanges: { justification: WIDE }, justification: PUBLIC }) })).toEqual([
      `./Server PGF-ENC-1: ${PLATFORM_KEYS_REASON}`,
      `./Server PGF-NET-1: ${PUBLIC}`,
      `./Server PGF-NET-2: ${PUBLIC}`,
    ]);
  });

  test('allowAzureServices false adds no Azure-services rule and no suppression', () => {
    expect(flexible({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], allowAzureServices: false, justification: PUBLIC }) })).toEqual([
      `./Server PGF-ENC-1: ${PLATFORM_KEYS_REASON}`,
      `./Server PGF-NET-1: ${PUBLIC}`,
      `./Server PGF-NET-2: ${PUBLIC}`,
    ]);
  });

  test('high availability in the same zone suppresses PGF-AVL-1 only, with its justification; preventDestroy true suppresses nothing', () => {
    expect(flexible({ highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification: HA }, deletionProtection: { preventDestroy: true }, databases: [{ name: 'orders' }] })).toEqual([
      `./Server PGF-AVL-1: ${HA}`,
      `./Server PGF-ENC-1: ${PLATFORM_KEYS_REASON}`,
    ]);
  });

  test('a geo-redundant backup with the default retention suppresses no backup rule', () => {
    expect(flexible({ backup: { geoRedundantBackup: true, retentionDays: 35 } })).toEqual([`./Server PGF-ENC-1: ${PLATFORM_KEYS_REASON}`]);
  });
});

describe('SecureSingleServer', () => {
  const SERVER_RESOURCE_ID = `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`;
  const adopted = (adoption: object, overrides: Partial<SecureSingleServerProps> = {}) =>
    single({
      sku: SingleServerSku.GP_GEN5_4,
      version: SingleServerVersion.V11,
      storageMb: 102400,
      adoption: { serverResourceId: SERVER_RESOURCE_ID, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true, ...adoption },
      ...overrides,
    });

  test('every justified weakening of a new server at once, each with its own justification', () => {
    expect(
      single({
        network: SingleServerNetwork.publicAccess({ allowedIpRanges: [PARTNER], allowAzureServices: true, wideRanges: { justification: WIDE }, justification: PUBLIC }),
        diagnosticSettings: DiagnosticSettings.disabled(LOGS),
        backup: { geoRedundantBackup: false, retentionDays: 14, justification: BACKUP },
        deletionProtection: { preventDestroy: false, justification: DESTROY },
      }),
    ).toEqual([
      `./AzureServicesFirewallRule PGS-NET-4: ${PUBLIC}`,
      `./Server PGS-BAK-1: ${BACKUP}`,
      `./Server PGS-BAK-2: ${BACKUP}`,
      `./Server PGS-DEL-1: ${DESTROY}`,
      `./Server PGS-ENC-2: ${PLATFORM_KEYS_REASON}`,
      `./Server PGS-LOG-7: ${LOGS}`,
      `./Server PGS-NET-1: ${PUBLIC}`,
      `./Server PGS-NET-2: ${PUBLIC}`,
      `./Server PGS-NET-5: ${WIDE}`,
      `./Server PGS-RET-1: ${RETIRED}`,
    ]);
  });

  test('a live server without infrastructure encryption or geo backup: the adoption\'s justification', () => {
    expect(adopted({ infrastructureEncryptionEnabled: false, geoRedundantBackupEnabled: false, justification: ADOPTION })).toEqual([
      `./EntraAdministrator PG-CFG-6: ${ADOPTION_IMPORT_REASON}`,
      `./Server PG-CFG-6: ${ADOPTION_IMPORT_REASON}`,
      `./Server PGS-BAK-1: ${ADOPTION}`,
      `./Server PGS-ENC-1: ${ADOPTION}`,
      `./Server PGS-ENC-2: ${PLATFORM_KEYS_REASON}`,
      `./Server PGS-RET-1: ${RETIRED}`,
    ]);
  });

  test('an adopted server with a shorter retention: the backup\'s justification', () => {
    expect(adopted({ geoRedundantBackupEnabled: false, justification: ADOPTION }, { backup: { retentionDays: 7, justification: BACKUP } })).toEqual([
      `./EntraAdministrator PG-CFG-6: ${ADOPTION_IMPORT_REASON}`,
      `./Server PG-CFG-6: ${ADOPTION_IMPORT_REASON}`,
      `./Server PGS-BAK-1: ${ADOPTION}`,
      `./Server PGS-BAK-2: ${BACKUP}`,
      `./Server PGS-ENC-2: ${PLATFORM_KEYS_REASON}`,
      `./Server PGS-RET-1: ${RETIRED}`,
    ]);
  });

  test('an adopted server as strong as the defaults suppresses only the defaults', () => {
    expect(adopted({ infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true })).toEqual([
      `./EntraAdministrator PG-CFG-6: ${ADOPTION_IMPORT_REASON}`,
      `./Server PG-CFG-6: ${ADOPTION_IMPORT_REASON}`,
      `./Server PGS-ENC-2: ${PLATFORM_KEYS_REASON}`,
      `./Server PGS-RET-1: ${RETIRED}`,
    ]);
  });
});
