/**
 * The PostgreSQL resources of a stack that no rule judged, so a reviewer knows where the report
 * stops: the servers (and what belongs to them) outside the scopes the checks cover, and resource
 * types no rule of this version reads.
 */
import { READ_IN_DATABASE } from './in-database-types';
import { serverChildren } from './server-children';
import { MODELLED_TYPES, ResourceView, ServerView, StackModel } from './stack-model';

/** A resource no rule judged. */
export interface UnjudgedResource {
  readonly address: string;
  readonly type: string;
  readonly constructPath?: string;
  /** Why it was not judged. */
  readonly reason: string;
  /** How to have it judged, or why it cannot be. */
  readonly include: string;
}

/** Types of Azure Database for PostgreSQL (and Azure Cosmos DB for PostgreSQL). */
const POSTGRESQL_TYPE = /^azurerm_(cosmosdb_)?postgresql_/;

const OUT_OF_SCOPE = {
  reason: 'its server is not under a scope the checks cover (a SecureFlexibleServer or SecureSingleServer judges only its own server)',
  include: 'call PostgresSecurityChecks.applyTo(stack), or run cdktf-azure-postgres check on the synthesized stack',
};

/** What the stack holds that the judged servers do not cover. */
export function notJudged(model: StackModel, judged: readonly ServerView[]): UnjudgedResource[] {
  const found = new Map<string, UnjudgedResource>();
  const add = (resource: ResourceView, why: { reason: string; include: string }) => {
    if (!found.has(resource.address)) found.set(resource.address, { address: resource.address, type: resource.type, constructPath: resource.constructPath, ...why });
  };
  for (const server of model.servers.filter((s) => !judged.includes(s))) {
    if (server.defined) add(server, OUT_OF_SCOPE);
    for (const child of belongingTo(server)) add(child, OUT_OF_SCOPE);
  }
  const covered = new Set(judged.flatMap((server) => [server.address, ...belongingTo(server).map((child) => child.address)]));
  for (const resource of model.resources.values()) {
    if (covered.has(resource.address) || found.has(resource.address)) continue;
    if (POSTGRESQL_TYPE.test(resource.type) && !MODELLED_TYPES.includes(resource.type)) {
      add(resource, { reason: `no rule of this version reads ${resource.type}`, include: 'review it by hand: neither synth nor the check command judges it' });
    }
  }
  for (const server of judged) {
    for (const resource of server.inDatabase.filter((r) => !READ_IN_DATABASE.includes(r.type))) {
      add(resource, { reason: `no rule of this version reads ${resource.type}`, include: 'review it by hand: neither synth nor the check command judges it' });
    }
  }
  return [...found.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export function belongingTo(server: ServerView): ResourceView[] {
  return [
    ...serverChildren(server),
    ...server.inDatabase,
    ...server.writers,
  ];
}
