/**
 * Where a reviewer reads each benchmark a control cites: the rules name references by id (a CIS
 * section, a Checkov or Trivy id, an Azure Policy GUID prefix); this turns each into a link.
 * test/checks/reference-links.test.ts keeps every reference of the pack linked.
 */
import { RuleReferences } from './rule';

/** One reference, as the Markdown report and SARIF show it. */
export interface ReferenceLink {
  /** "CIS", "Checkov", "Trivy" or "Azure Policy". */
  readonly source: string;
  /** The reference as the rule names it, e.g. "DB 6.3" or "5e1de0e3 Public network access should be disabled ...". */
  readonly text: string;
  readonly url: string;
}

/** The CIS benchmarks for Azure (Foundations v2 and v3, Database Services v2) are published together here; CIS has no page per section. */
const CIS_AZURE = 'https://www.cisecurity.org/benchmark/azure';

/** Checkov checks by id: their source files in the Checkov repository. */
const CHECKOV_FILES: { readonly [id: string]: string } = {
  CKV_AZURE_11: 'resource/azure/SQLServerNoPublicAccess.py',
  CKV_AZURE_29: 'resource/azure/PostgreSQLServerSSLEnforcementEnabled.py',
  CKV_AZURE_30: 'resource/azure/PostgreSQLServerLogCheckpointsEnabled.py',
  CKV_AZURE_31: 'resource/azure/PostgreSQLServerLogConnectionsEnabled.py',
  CKV_AZURE_32: 'resource/azure/PostgreSQLServerConnectionThrottlingEnabled.py',
  CKV_AZURE_68: 'resource/azure/PostgreSQLServerPublicAccessDisabled.py',
  CKV_AZURE_102: 'resource/azure/PostgressSQLGeoBackupEnabled.py',
  CKV_AZURE_128: 'resource/azure/PostgresSQLTreatDetectionEnabled.py',
  CKV_AZURE_130: 'resource/azure/PostgreSQLEncryptionEnabled.py',
  CKV_AZURE_136: 'resource/azure/PostgreSQLFlexiServerGeoBackupEnabled.py',
  CKV_AZURE_146: 'resource/azure/PostgreSQLServerLogRetentionEnabled.py',
  CKV_AZURE_147: 'resource/azure/PostgreSQLMinTLSVersion.py',
  CKV2_AZURE_6: 'graph_checks/azure/AccessToPostgreSQLFromAzureServicesIsDisabled.yaml',
  CKV2_AZURE_17: 'graph_checks/azure/PGSQLenablesCustomerManagedKey.yaml',
  CKV2_AZURE_26: 'graph_checks/azure/AzurePostgreSQLFlexServerNotOverlyPermissive.yaml',
  CKV2_AZURE_31: 'graph_checks/azure/AzureSubnetConfigWithNSG.yaml',
  CKV2_AZURE_42: 'graph_checks/azure/AzurePostgreSQLserverConfigPrivEndpt.yaml',
  CKV2_AZURE_57: 'graph_checks/azure/AzurePostgreSQLFlexibleServerConfigPrivEndpt.yaml',
};
const CHECKOV_CHECKS = 'https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/';

/** Built-in Azure Policy definitions by the prefix the rules cite ("5e1de0e3", or "eb6f77b9…e43d" where prefixes clash). */
const AZURE_POLICIES: { readonly [prefix: string]: string } = {
  '0564d078': '0564d078-92f5-4f97-8398-b9f58a51f70b',
  '086709ac': '086709ac-11b5-478d-a893-9567a16d2ae3',
  '12c74c95': '12c74c95-0efd-48da-b8d9-2a7d68470c92',
  '18adea5e': '18adea5e-f416-4d0f-8aa8-d24321e3e274',
  '1d14b021': '1d14b021-1bae-4f93-b36b-69695e14984a',
  '24fba194': '24fba194-95d6-48c0-aea7-f65bf859c598',
  '3bf854e8': '3bf854e8-b34a-47fe-9f81-bc558c82b3bd',
  '3d7d0cc7': '3d7d0cc7-bd72-4f41-bf55-0be57faa3883',
  '48af4db5': '48af4db5-9b8b-401c-8e74-076be876a430',
  '493c215d': '493c215d-2553-4976-bc81-57d2c04fc8c1',
  '4eb5e667': '4eb5e667-e871-4292-9c5d-8bbb94e0c908',
  '5345bb39': '5345bb39-67dc-4960-a1bf-427e16b9a0bd',
  '5375a5bb': '5375a5bb-22c6-46d7-8a43-83417cfb4460',
  '5e1de0e3': '5e1de0e3-42cb-4ebc-a86d-61d0c619ca48',
  '69d4fcec': '69d4fcec-8426-426a-ad48-439fd3b14e9e',
  '70be9e12': '70be9e12-c935-49ac-9bd8-fd64b85c1f87',
  '78ed47da': '78ed47da-513e-41e9-a088-e829b373281d',
  'a43d5475': 'a43d5475-c569-45ce-a268-28fa79f4e87a',
  'b4dec045': 'b4dec045-250a-48c2-b5cc-e0c4eec8b5b4',
  'b52376f7': 'b52376f7-9612-48a1-81cd-1ffe4b61032c',
  'bbdbb83b': 'bbdbb83b-cbfe-49f7-b7d1-1126630a68b7',
  'c29c38cb': 'c29c38cb-74a7-4505-9a06-e588ab86620a',
  'cdd1dbc6': 'cdd1dbc6-0004-4fcd-afd7-b67550de37ff',
  'ce39a96d': 'ce39a96d-bf09-4b60-8c32-e85d52abea0f',
  'cee2f9fd': 'cee2f9fd-3968-44be-a863-bd62c9884423',
  'd158790f': 'd158790f-bfb0-486c-8631-2dc6b4e8e6af',
  'db048e65': 'db048e65-913c-49f9-bb5f-1084184671d3',
  'dd626066': 'dd626066-39f5-4f72-aba8-06a99fabf278',
  'e71308d3': 'e71308d3-144b-4262-b144-efdc3cc90517',
  'eb6f77b9…e43d': 'eb6f77b9-bd53-4e35-a23d-7f65d5f0e43d',
  'eb6f77b9…e442': 'eb6f77b9-bd53-4e35-a23d-7f65d5f0e442',
  'eb6f77b9…e446': 'eb6f77b9-bd53-4e35-a23d-7f65d5f0e446',
  'fa498b91': 'fa498b91-8a7e-4710-9578-da944c68d1fe',
};
/** The Azure portal's page of a built-in policy definition. */
const POLICY_PAGE = 'https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F';

/** Every reference of a control with its link, in the order CIS, Checkov, Trivy, Azure Policy (an id missing from the maps above gets an empty url, which the test forbids). */
export function referenceLinks(references: RuleReferences): ReferenceLink[] {
  const { cis = [], checkov = [], trivy = [], azurePolicy = [] } = references;
  return [
    ...cis.map((text) => ({ source: 'CIS', text, url: CIS_AZURE })),
    ...checkov.map((text) => ({ source: 'Checkov', text, url: CHECKOV_FILES[text] === undefined ? '' : `${CHECKOV_CHECKS}${CHECKOV_FILES[text]}` })),
    ...trivy.map((text) => ({ source: 'Trivy', text, url: `https://avd.aquasec.com/misconfig/${text.toLowerCase()}` })),
    ...azurePolicy.map((text) => {
      const guid = AZURE_POLICIES[text.split(' ')[0]];
      return { source: 'Azure Policy', text, url: guid === undefined ? '' : `${POLICY_PAGE}${guid}` };
    }),
  ];
}
