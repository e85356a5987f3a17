import { parameterEquals } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * log_checkpoints written as "on" (case-insensitive). A missing parameter fails, as Trivy
 * (AVD-AZU-0024) judges it: Azure's default is on today, but defaults vary by server age and a
 * scanner reads only what is written. Checkov's CKV_AZURE_30 targets Single Server parameters
 * only, and fails only a lowercase "off".
 */
export const rule: Rule = {
  id: 'PGF-LOG-1',
  title: 'Checkpoints are logged',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['Fnd v3 5.2.2', 'DB 6.7'],
    azurePolicy: ['70be9e12 Log checkpoints should be enabled for PostgreSQL flexible servers'],
    trivy: ['AVD-AZU-0024'],
  },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration log_checkpoints = "on".',
  appliesTo: 'flexible',
  evaluate: (server) => parameterEquals(server, 'log_checkpoints', 'on'),
};
