import { azapiType, azapiWriters } from './azapi-writes';
import { ResourceView } from './stack-model';

/**
 * The azapi writes of a stack whose Azure type is known only at apply time (a variable, a function the evaluator does not
 * read): each may create or change a PostgreSQL server. Beside a server PG-CFG-4 judges them as writers of it; in a stack
 * with no server they are the only thing that may be one, so `check` names them instead of "0 server(s)" in silence
 * (eighteenth review, A18b-11).
 */
export function possibleServers(resources: ReadonlyMap<string, ResourceView>): readonly ResourceView[] {
  return azapiWriters({ postgresqlProviders: new Map(), resources }).filter((block) => azapiType(block) === undefined);
}

/** PG-CFG-4's message for one of them. */
export function possibleServerMessage(block: ResourceView): string {
  return `${block.address} is an ${block.type} whose type is known only at apply time: it may be a PostgreSQL server, and the stack has no other the rules can read, so what it writes cannot be judged.`;
}
