import { parameterSatisfies } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Minimum TLS version 1.2 or newer: ssl_min_protocol_version written as TLSv1.2 or TLSv1.3
 * (case-insensitive, as Azure Policy compares it). Azure's default is TLSv1.2, and Trivy
 * (AVD-AZU-0026) passes a missing parameter; this rule wants it written, so a change of default
 * or a restored server cannot lower it silently. Trivy before v0.74 read a parameter named
 * tls_version instead, and could fail servers that set ssl_min_protocol_version correctly.
 */
export const rule: Rule = {
  id: 'PGF-TLS-2',
  title: 'Minimum TLS version 1.2 or newer',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.IN_TRANSIT,
  references: {
    cis: ['DB 6.11'],
    azurePolicy: ['a43d5475 PostgreSQL flexible servers should be running TLS version 1.2 or newer'],
    trivy: ['AVD-AZU-0026'],
  },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration ssl_min_protocol_version = "TLSv1.2" (or "TLSv1.3").',
  appliesTo: 'flexible',
  evaluate: (server) => parameterSatisfies(server, 'ssl_min_protocol_version', '"TLSv1.2" or "TLSv1.3"', (value) => /^tlsv1\.[23]$/i.test(value)),
};
