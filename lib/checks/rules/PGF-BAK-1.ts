import { literalBoolean, outsideStack } from '../value-readers';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

/**
 * Geo-redundant backup: geo_redundant_backup_enabled = true, or a read replica (create_mode =
 * "Replica"), which has no backups of its own and passes, as in Checkov's CKV_AZURE_136. The
 * provider default is false, so a missing value fails. The choice is made at creation only.
 */
export const rule: Rule = {
  id: 'PGF-BAK-1',
  title: 'Geo-redundant backup',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AT_REST,
  references: {
    checkov: ['CKV_AZURE_136'],
    azurePolicy: ['cee2f9fd Geo-redundant backup should be enabled for Azure Database for PostgreSQL flexible servers'],
  },
  fix: 'Set geo_redundant_backup_enabled = true (it forces a new server, in a region with a pair).',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const { geo_redundant_backup_enabled: enabled, create_mode: mode } = server.config;
    if (literalBoolean(enabled) === true || mode === 'Replica') return PASS;
    if (isUnknown(enabled)) return unknown('geo_redundant_backup_enabled is known only at apply time');
    if (isUnknown(mode)) return unknown('create_mode is known only at apply time, and only a replica needs no geo-redundant backup');
    if (enabled === undefined) return fail('geo_redundant_backup_enabled is not set, and the provider default (false) keeps backups in one region.');
    return fail(`geo_redundant_backup_enabled is ${JSON.stringify(enabled)}, not true.`);
  },
};
