import { literalMajorVersion } from '../value-readers';

import { parameterEquals } from '../parameter-checks';
import { isUnknown, notApplicable, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

const PARAMETER = 'connection_throttle.enable';

/**
 * Connection throttling on: connection_throttle.enable written as "on" (Azure's default is off).
 * Not applicable when the server's version is a literal 18 or later, where the parameter no
 * longer exists (Azure Policy dacf07fa was deprecated for that reason). When the version is known
 * only at apply time, a written parameter is judged and a missing one is unknown (the server may
 * need it); on a server defined outside this stack a missing one is not applicable. Trivy (AVD-AZU-0021) looks for this name only from v0.74;
 * before, it looked for Single Server's connection_throttling and failed every Flexible Server.
 */
export const rule: Rule = {
  id: 'PGF-LOG-4',
  title: 'Connection throttling on',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: { cis: ['Fnd v3 5.2.3', 'DB 6.5'], trivy: ['AVD-AZU-0021'] },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration connection_throttle.enable = "on".',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const version = literalMajorVersion(server);
    if ((version ?? 0) >= 18) return notApplicable(`${PARAMETER} does not exist from PostgreSQL 18 (the server runs ${version})`);
    if (isUnknown(server.config.version) && !server.parameters.has(PARAMETER)) {
      return unknown(`the server's version is known only at apply time, and ${PARAMETER} must be on up to PostgreSQL 17`);
    }
    return parameterEquals(server, PARAMETER, 'on');
  },
};
