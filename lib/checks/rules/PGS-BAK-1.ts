import { attributeEquals } from '../value-readers';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/** Geo-redundant backup. The provider default is false, so a missing value fails, as in Checkov. */
export const rule: Rule = {
  id: 'PGS-BAK-1',
  title: 'Geo-redundant backup',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AT_REST,
  references: {
    checkov: ['CKV_AZURE_102'],
    azurePolicy: ['48af4db5 Geo-redundant backup should be enabled for Azure Database for PostgreSQL'],
  },
  fix: 'Set geo_redundant_backup_enabled = true on a General Purpose or Memory Optimized server (it forces a new server).',
  appliesTo: 'single',
  evaluate: (server) =>
    attributeEquals(server, 'geo_redundant_backup_enabled', true, 'geo_redundant_backup_enabled is not set, and the provider default (false) keeps backups in one region.'),
};
