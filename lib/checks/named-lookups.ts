import { ownValue } from '../private/own-keys';
import { isUnknown } from './hcl-expression';
import { isCounted } from './instance-arguments';
import type { LookedUpAttribute, WrittenBlock } from './looked-up-blocks';
import { PrincipalKind, principalWriter, principalWriters } from './principal-writers';
import { StackFacts } from './rule';
import type { ResourceView, TerraformBlock } from './stack-model';

// An Entra lookup by a literal name (a display name, a prefix of one, a UPN, a mail nickname) answers with whichever object bears
// it: a principal the stack makes with that name, by any writer (azuread or a Graph or REST post), is what it returns (or the
// plan fails, two objects answering a singular lookup). A declared administrator read through such a lookup that the aliases
// did not tie to the block fails closed, like a lookup whose arguments read the block (twenty-first review, A21a-2).

/** How a lookup argument finds principals: by an argument of theirs (azuread shape) equal to it or starting with it, or every one. */
interface ByArgument {
  readonly field: string;
  readonly match: 'equal' | 'prefix' | 'all';
}

const equal = (field: string): ByArgument => ({ field, match: 'equal' });
const ALL: ByArgument = { field: '', match: 'all' };

/**
 * Entra lookup types (singular and plural), the principal kinds each may return (a service principal's display name is its
 * application's), and the arguments each finds them by. Object IDs and client IDs are left out: a principal the stack makes
 * has a new one, known only at apply time, which no literal is.
 */
export const NAME_LOOKUPS: { readonly [type: string]: { readonly kinds: readonly PrincipalKind[]; readonly by: { readonly [argument: string]: ByArgument } } } = {
  azuread_group: { kinds: ['group'], by: { display_name: equal('display_name'), mail_nickname: equal('mail_nickname') } },
  azuread_groups: { kinds: ['group'], by: { display_names: equal('display_name'), display_name_prefix: { field: 'display_name', match: 'prefix' }, return_all: ALL } },
  azuread_user: { kinds: ['user'], by: { user_principal_name: equal('user_principal_name'), mail_nickname: equal('mail_nickname'), mail: equal('mail'), employee_id: equal('employee_id') } },
  azuread_users: {
    kinds: ['user'],
    by: { user_principal_names: equal('user_principal_name'), mail_nicknames: equal('mail_nickname'), mails: equal('mail'), employee_ids: equal('employee_id'), return_all: ALL },
  },
  azuread_service_principal: { kinds: ['servicePrincipal', 'application'], by: { display_name: equal('display_name') } },
  azuread_service_principals: { kinds: ['servicePrincipal', 'application'], by: { display_names: equal('display_name'), return_all: ALL } },
  azuread_application: { kinds: ['application'], by: { display_name: equal('display_name') } },
  azuread_applications: { kinds: ['application'], by: { display_names: equal('display_name'), return_all: ALL } },
};

/** A principal the stack makes that a lookup may return by a name, and how the lookup names it. */
export interface NamedPrincipal {
  readonly principal: string;
  readonly byName: string;
}

/**
 * The first principal the stack makes (any writer) that a lookup of NAME_LOOKUPS may return by a literal name: each literal of its
 * arguments (only the item at `index` of a list, when the administrator reads `object_ids[index]`) compared without case; an
 * argument known only at apply time, or a principal's name known only then, is not compared (a lookup by a variable is left to
 * the lookup readers, as is a principal named by one).
 */
export function principalNamed(lookup: ResourceView, index: number | undefined, stack: StackFacts | undefined): NamedPrincipal | undefined {
  const row = ownValue(NAME_LOOKUPS, lookup.type);
  if (row === undefined) return undefined;
  const made = [...principalWriters(stack).values()].filter(({ kind, fields }) => row.kinds.includes(kind) && !isUnknown(fields));
  for (const [argument, by] of Object.entries(row.by)) {
    const value = lookup.config[argument];
    if (value === undefined || value === null || value === false || value === 'false') continue;
    if (by.match === 'all') {
      if (made.length > 0) return { principal: made[0].resource.address, byName: `${argument} (every object)` };
      continue;
    }
    const items = Array.isArray(value) ? (index !== undefined && index < value.length ? [value[index]] : value) : [value];
    for (const item of items.filter((each): each is string => typeof each === 'string' && !each.includes('${'))) {
      const wanted = item.trim().toLowerCase();
      const found = made.find(({ fields }) => {
        const name = (fields as { readonly [field: string]: unknown })[by.field];
        if (typeof name !== 'string' || name.includes('${')) return false;
        return by.match === 'prefix' ? name.trim().toLowerCase().startsWith(wanted) : name.trim().toLowerCase() === wanted;
      });
      if (found !== undefined) return { principal: found.resource.address, byName: `${argument} ${JSON.stringify(item)}` };
    }
  }
  return undefined;
}

/** The attribute each writer's block reads its new object's ID by: azuread's `object_id`, a Graph or REST post's `id`. */
const OBJECT_ID_ATTRIBUTE = (type: string): string => (type.startsWith('azuread_') ? 'object_id' : 'id');

/**
 * What the object ID attributes of a lookup of NAME_LOOKUPS read as, when a literal name it finds by (the item at the index read,
 * for a plural one's `object_ids[<i>]`) is borne by exactly one principal of its own kind the stack makes, by any writer
 * (`relation` says the writer's block is written where the lookup reads): that block's object ID (A21a-2). A lookup by every object, by a
 * prefix, or by a name two principals bear is left as written (PG-IAM-3 fails a declared administrator read through it closed).
 */
export function namedAttributes(type: string, body: { readonly [key: string]: unknown }, resources: readonly WrittenBlock[], sameSource: (block: WrittenBlock) => boolean): LookedUpAttribute | undefined {
  const row = ownValue(NAME_LOOKUPS, type);
  if (row === undefined) return undefined;
  const by = Object.entries(row.by).filter(([argument]) => body[argument] !== undefined && body[argument] !== null);
  if (by.length !== 1 || by[0][1].match !== 'equal') return undefined;
  const [argument, { field }] = by[0];
  const made = resources.map((block) => ({ block, writer: principalWriter({ type: block.type, name: block.name, address: `${block.type}.${block.name}`, config: block.body as TerraformBlock, certain: true }) }))
    .filter(({ block, writer }) => writer !== undefined && writer.kind === row.kinds[0] && !isUnknown(writer.fields) && !isCounted(block.body) && sameSource(block));
  const bearer = (name: unknown): WrittenBlock | undefined => {
    if (typeof name !== 'string' || name.includes('${')) return undefined;
    const found = made.filter(({ writer }) => {
      const value = (writer!.fields as { readonly [field: string]: unknown })[field];
      return typeof value === 'string' && !value.includes('${') && value.trim().toLowerCase() === name.trim().toLowerCase();
    });
    return found.length === 1 ? found[0].block : undefined;
  };
  const idOf = (block: WrittenBlock | undefined) => (block === undefined ? undefined : `\${${block.type}.${block.name}.${OBJECT_ID_ATTRIBUTE(block.type)}}`);
  const value = body[argument];
  if (!Array.isArray(value)) return (attribute) => (attribute === 'object_id' || attribute === 'id' ? idOf(bearer(value)) : undefined);
  return (attribute) => {
    const index = /^object_ids\[(\d+)\]$/.exec(attribute)?.[1];
    return index === undefined ? undefined : idOf(bearer(value[Number(index)]));
  };
}
