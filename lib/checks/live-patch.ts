import { caseInsensitive, clearsMember, patchesLive } from './azapi-writes';
import { Unknown } from './hcl-expression';
import { ResourceView } from './stack-model';

// A partial write of an object that already exists writes only what its body holds: azapi_update_resource GETs the
// object and merges its body over it (azapi-writes.ts `azapiMerge`: objects by key, a list's items over the live ones by
// name or index), and an action by PATCH asks Azure to merge it. Every property the body leaves out, in the object and
// in each list item it writes (which may land on a live item), stays the live object's, which the stack does not know.
// Every table that judges such a write (a security rule, a DNAT rule, a DNS forwarding rule, an admin rule) reads the
// object after it through `afterWrite`: what it writes over "known only at apply time" for the rest (seventeenth
// review, A17a-2; eighteenth, A18b-1, A18b-2, A18b-12). A write that alone narrows passes; one that may complete an open
// path with the live rest fails closed.

/** A property a table judges, or its spellings that write the same property (a plural, a second list of sources): writing one writes it. */
export type Judged = string | readonly string[];

type Written = { readonly [key: string]: unknown };

// Whether a write merges into the live object: azapi-writes.ts decides it (a null member it sends clears the live value).
export { patchesLive } from './azapi-writes';

/**
 * The object (or list item) after a write, as a table reads it: what the write holds, and, for a write that merges into
 * the live object, each judged property it leaves out (none of its spellings written or cleared by a null) as the live value, known only at
 * apply time, labelled "the live <property> of <what> <address> updates".
 */
export function afterWrite<T extends Written>(block: ResourceView, written: T, judged: readonly Judged[], what: string): T {
  if (!patchesLive(block)) return written;
  const live = judged.map((spellings) => (typeof spellings === 'string' ? [spellings] : spellings))
    // A member the write clears with a null is absent after it (Azure's default), not the live value.
    .filter((spellings) => spellings.every((spelling) => written[spelling] === undefined && !clearsMember(written, spelling)))
    .map((spellings) => [spellings[0], new Unknown(`the live ${spellings[0]} of ${what} ${block.address} updates`, [])]);
  // An ARM body reads its property names in any case: so does the object after it.
  return live.length === 0 ? written : caseInsensitive({ ...written, ...Object.fromEntries(live) }, block.address) as T;
}
