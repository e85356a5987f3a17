import { parameterEquals } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * log_connections written as "on" (case-insensitive). A missing parameter fails, as Trivy
 * (AVD-AZU-0019) judges it: Azure's default is on today, but defaults vary by server age and a
 * scanner reads only what is written. Checkov's CKV_AZURE_31 targets Single Server parameters
 * only, and fails only a lowercase "off".
 */
export const rule: Rule = {
  id: 'PGF-LOG-2',
  title: 'Connections are logged',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['DB 6.9'],
    azurePolicy: ['086709ac Log connections should be enabled for PostgreSQL flexible servers'],
    trivy: ['AVD-AZU-0019'],
  },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration log_connections = "on".',
  appliesTo: 'flexible',
  evaluate: (server) => parameterEquals(server, 'log_connections', 'on'),
};
