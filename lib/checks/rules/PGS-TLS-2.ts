import { attributeEquals } from '../value-readers';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Minimum TLS 1.2, written out. The provider default is TLS1_2 and Trivy (AVD-AZU-0026) reads a
 * missing value as TLS1_2, but Checkov (CKV_AZURE_147) fails it; this rule fails it too, so that
 * the construct's output passes both scanners.
 */
export const rule: Rule = {
  id: 'PGS-TLS-2',
  title: 'Minimum TLS 1.2 written',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.IN_TRANSIT,
  references: { checkov: ['CKV_AZURE_147'], trivy: ['AVD-AZU-0026'] },
  fix: 'Set ssl_minimal_tls_version_enforced = "TLS1_2".',
  appliesTo: 'single',
  evaluate: (server) =>
    attributeEquals(
      server,
      'ssl_minimal_tls_version_enforced',
      'TLS1_2',
      'ssl_minimal_tls_version_enforced is not written, and Checkov (CKV_AZURE_147) fails an omitted value although the provider default is TLS1_2.',
    ),
};
