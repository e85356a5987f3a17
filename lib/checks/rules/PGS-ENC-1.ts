import { attributeEquals } from '../value-readers';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/** Infrastructure (double) encryption. The provider default is false, so a missing value fails. */
export const rule: Rule = {
  id: 'PGS-ENC-1',
  title: 'Infrastructure encryption',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AT_REST,
  references: {
    cis: ['Fnd v2 4.3.8', 'Fnd v3 5.2.8'],
    checkov: ['CKV_AZURE_130'],
    azurePolicy: ['24fba194 Infrastructure encryption should be enabled for Azure Database for PostgreSQL servers'],
  },
  fix: 'Set infrastructure_encryption_enabled = true (it forces a new server, so existing servers need a restore into a new one).',
  appliesTo: 'single',
  evaluate: (server) =>
    attributeEquals(
      server,
      'infrastructure_encryption_enabled',
      true,
      'infrastructure_encryption_enabled is not set, and the provider default (false) leaves data with one layer of encryption.',
    ),
};
