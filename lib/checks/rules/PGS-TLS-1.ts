import { attributeEquals } from '../value-readers';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/** SSL enforced on every connection. The attribute is required by the provider; a missing value fails. */
export const rule: Rule = {
  id: 'PGS-TLS-1',
  title: 'SSL enforced',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.IN_TRANSIT,
  references: {
    cis: ['Fnd v2 4.3.1'],
    checkov: ['CKV_AZURE_29'],
    trivy: ['AVD-AZU-0020'],
    azurePolicy: ['d158790f Enforce SSL connection should be enabled for PostgreSQL database servers'],
  },
  fix: 'Set ssl_enforcement_enabled = true.',
  appliesTo: 'single',
  evaluate: (server) => attributeEquals(server, 'ssl_enforcement_enabled', true),
};
