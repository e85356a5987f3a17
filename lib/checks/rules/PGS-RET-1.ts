import { fail, notApplicable, Rule, RuleSeverity, SecurityLayer } from '../rule';

/** Single Server is retired: every server defined in the stack gets this warning. */
export const rule: Rule = {
  id: 'PGS-RET-1',
  title: 'Single Server is retired',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Move the server to Flexible Server, as docs/migrating-to-flexible-server.md describes.',
  appliesTo: 'single',
  evaluate: (server) =>
    server.defined
      ? fail('Azure retired Single Server on 2025-03-28 and azurerm 5.0 removes azurerm_postgresql_server.')
      : notApplicable('the server is defined outside this stack'),
};
