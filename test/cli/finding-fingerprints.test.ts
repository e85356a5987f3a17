import { Finding } from '../../lib/checks/evaluate';
import { RuleSeverity, SecurityLayer } from '../../lib/checks/rule';
import { findingFingerprints } from '../../lib/cli/finding-fingerprints';

// 92nd run, A92a-1: SARIF results of different findings shared one fingerprint, and a new failure could ride on an alert that code
// scanning closed as suppressed.

const SERVER = 'azurerm_postgresql_server.db';
function finding(fields: Partial<Finding>): Finding {
  return { ruleId: 'PG-CFG-6', title: 't', severity: RuleSeverity.ERROR, layer: SecurityLayer.CONFIGURATION, references: {}, fix: 'f', server: SERVER, status: 'fail', message: 'provider is "azurerm.other"', ...fields };
}

test('a failure never shares the fingerprint of a suppressed finding of the same rule and block', () => {
  const [open, accepted] = findingFingerprints('legacy', [finding({}), finding({ status: 'suppressed', reason: 'adopted in SEC-12' })]);
  expect(open).not.toBe(accepted);
});

test('two weakenings one rule finds on one block have their own fingerprints', () => {
  const prints = findingFingerprints('roles', [finding({ message: 'identity.type is "SystemAssigned"' }), finding({ message: 'key_vault_key_id is "${var.key}"' })]);
  expect(new Set(prints).size).toBe(2);
});

test('equal findings get a counter in order, so no two results share one', () => {
  expect(findingFingerprints('s', [finding({}), finding({}), finding({})])).toEqual([
    expect.not.stringMatching(/\|\d+$/), expect.stringMatching(/\|1$/), expect.stringMatching(/\|2$/),
  ]);
});

test('a finding keeps its fingerprint from run to run whatever other findings come and go', () => {
  const mine = finding({ address: 'azurerm_postgresql_configuration.c', message: 'log_checkpoints is "off"' });
  const [alone] = findingFingerprints('s', [mine]);
  expect(findingFingerprints('s', [finding({}), mine, finding({ ruleId: 'PG-SUP-1', server: '(stack)', message: undefined })])[1]).toBe(alone);
  expect(alone).toContain('s|PG-CFG-6|azurerm_postgresql_server.db|azurerm_postgresql_configuration.c|open|');
});
