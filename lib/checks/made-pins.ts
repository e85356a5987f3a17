/**
 * A library construct pins every resource it makes with its placement (placement-attributes.ts):
 * a server construct its own, and the shared DNS zones and links it uses under its server. In a
 * file cdktf wrote, each made resource (a DatabaseAccess's excepted, which pins none) has a pin,
 * and the pin holds every placement attribute the resource writes. A pin (or one attribute of it)
 * taken out by hand would have PG-CFG-6 compare nothing, and a resource moved to a decoy group
 * pass as the construct's (fourteenth review, A14b-9), so such a file is refused instead.
 */
import { ACCESS_KEY, isDeclaration } from './access-declarations';
import { isPinned, PINNED_KEY } from './pinned-attributes';
import { PLACEMENT_ATTRIBUTES } from './placement-attributes';
import { resourceBlocks } from './stack-model';
import { innermostScopeIn } from './scope-sets';
import { commentValues, CONSTRUCTS_KEY, MADE_KEY, readScopes } from './suppressions';
import { bodiesOf, isObject } from './terraform-json';
import { appendTo } from '../private/list-map';

/** Pinned by every pin the library writes: the provider a resource runs with (another alias is another subscription). */
const ALWAYS_PINNED = ['provider', ...PLACEMENT_ATTRIBUTES];

/** Why a made resource of the file has no pin, or a pin without a placement attribute it writes; undefined when each has. */
export function unpinnedMadeResource(terraform: unknown): string | undefined {
  const made = new Set(readScopes(terraform, MADE_KEY));
  const pins = commentValues(terraform, PINNED_KEY).filter(isPinned);
  // The whole list deleted, or every pin of a server, is PG-CFG-6's finding on the server, as in synth.
  if (made.size === 0 || pins.length === 0) return undefined;
  const constructs = new Set(readScopes(terraform, CONSTRUCTS_KEY));
  const blocks = resourceBlocks(terraform).flatMap((block) => {
    const path = constructPath(block.body);
    return path !== undefined && made.has(path) ? [{ ...block, path }] : [];
  });
  const pinnedServers = new Set(pins.map((pin) => pin.server));
  const pinned = new Map<string, string[][]>();
  for (const pin of pins) appendTo(pinned, pin.path, Object.keys(pin.attributes));
  // A DatabaseAccess pins nothing: one declared, or (its declaration deleted, PGD-IAM-11's finding) one that makes in-database resources and no server.
  const access = new Set(commentValues(terraform, ACCESS_KEY).filter(isDeclaration).map((declaration) => declaration.path));
  const ownerOf = (path: string): string | undefined => innermostScopeIn(path, constructs);
  for (const { type, path } of blocks) {
    const owner = ownerOf(path);
    if (owner !== undefined && type.startsWith('postgresql_') && !made.has(`${owner}/Server`)) access.add(owner);
  }
  for (const block of blocks) {
    const owner = ownerOf(block.path);
    if (owner === undefined || innermostScopeIn(block.path, access) !== undefined) continue;
    // Every pin of a construct's server deleted is PG-CFG-6's finding on the server.
    if (made.has(`${owner}/Server`) && !pinnedServers.has(`${owner}/Server`)) continue;
    const address = `${block.type}.${block.name}`;
    const its = pinned.get(block.path);
    if (its === undefined) return `${address} is listed as made (//.${MADE_KEY}), but //.${PINNED_KEY} holds no pin of it (${JSON.stringify(block.path)}), where the library pins every resource its constructs make`;
    // Every pin of the resource (a shared zone is pinned under each server that uses it) holds what the resource writes.
    for (const names of its) {
      const missing = ALWAYS_PINNED.find((name) => !names.includes(name) && (name === 'provider' || block.body[name] !== undefined));
      if (missing !== undefined) return `//.${PINNED_KEY} pins ${address} (${JSON.stringify(block.path)}) without its ${missing}, which the library pins on every resource its constructs make`;
    }
  }
  return undefined;
}

/** The construct path cdktf wrote into a resource, read as resourcePaths reads it (which has refused a //.metadata of another shape). */
function constructPath(body: { readonly [key: string]: unknown }): string | undefined {
  const metadata = bodiesOf(body['//']).filter(isObject).find((comment) => comment.metadata !== undefined)?.metadata;
  return isObject(metadata) && typeof metadata.path === 'string' ? metadata.path : undefined;
}
