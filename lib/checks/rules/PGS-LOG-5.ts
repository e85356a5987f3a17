import { fail, PASS, Rule, RuleSeverity, SecurityLayer, worstOf } from '../rule';
import {singleParameter} from '../single-checks';

/**
 * Server logs kept more than 3 days: log_retention_days written as a whole number from 4 to 7 (the
 * Azure default is 3, the maximum 7). A log_retention parameter written as "off" fails too.
 *
 * Differs from CKV_AZURE_146, which never reads log_retention_days: it fails only when a
 * log_retention parameter is exactly "off", and passes when nothing is written.
 */
export const rule: Rule = {
  id: 'PGS-LOG-5',
  title: 'Logs kept more than 3 days',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: { cis: ['Fnd v2 4.3.6'], checkov: ['CKV_AZURE_146'] },
  fix: 'Add an azurerm_postgresql_configuration log_retention_days = "7" for the server.',
  appliesTo: 'single',
  evaluate: (server) => {
    const retention = server.parameters.get('log_retention');
    const off = retention !== undefined && typeof retention.config.value === 'string' && retention.config.value.trim().toLowerCase() === 'off';
    return worstOf(
      off ? fail('server parameter log_retention is "off", so server logs are not kept.', retention.address) : PASS,
      singleParameter(server, 'log_retention_days', 'a whole number from 4 to 7', (value) => /^\d+$/.test(value.trim()) && Number(value) >= 4 && Number(value) <= 7),
    );
  },
};
