import { removedTargets } from '../../lib/checks/import-targets';
import { providerConfigurations } from '../../lib/checks/provider-facts';
import { Verdict } from '../../lib/checks/rule';
import { rule } from '../../lib/checks/rules/PG-IAM-3';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

type Json = { [key: string]: any };
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/**
 * The PG-IAM-3 verdicts on a construct's server beside its declared Entra administrator of the type and object ID ("dba@contoso.com"),
 * with the blocks (resources, import, removed, provider).
 */
export function administratorVerdicts(blocks: Json, type: string, id: string): readonly Verdict[] {
  const json = {
    ...blocks,
    resource: {
      [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555', object_id: id, principal_name: 'dba@contoso.com', principal_type: type } },
      ...blocks.resource,
    },
  };
  const model = buildStackModel(json);
  const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!,
    { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT], removals: removedTargets(json), providers: providerConfigurations(json) });
  return Array.isArray(result) ? result : [result as Verdict];
}

/** The failing addresses (or the status) of administratorVerdicts. */
export function administratorFindings(blocks: Json, type: string, id: string): readonly string[] {
  return administratorVerdicts(blocks, type, id).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
}
