import { rule } from '../../../lib/checks/rules/PG-IAM-3';
import { removedTargets } from '../../../lib/checks/import-targets';
import { Verdict } from '../../../lib/checks/rule';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

type Json = { [key: string]: any };
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** The failing addresses (or "pass") of PG-IAM-3 beside a declared administrator of the type and object ID, with the blocks (resources, import, removed). */
export function judgeBesideAdministrator(blocks: Json, type: string, id: string): readonly string[] {
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
    { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT], removals: removedTargets(json) });
  return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
}
