import { aliasAttribute, ignoresChanges } from './id-aliases';
import { sectionBlocks } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

// A block's pointer is the object it points at, however a reference reaches it (73rd adversarial run, A73b-1/2/3): the `id` of an
// alias (an NSG association's is its subnet's ID, a role-assignments lookup's is its scope: id-aliases.ts) and an ID argument read
// back from the block that writes it (`data.azurerm_key_vault_key.k.key_vault_id`, `<association>.network_security_group_id`).
// Each reader took such references one at a time (resolvedPointer), and each run found one that did not; one rewrite of the JSON,
// before the model reads it, serves every reader, as instance-references.ts does for instances. The pins are read through it too.

/** A reference to an attribute of a block, not part of a longer name: group 1 the block's address, group 2 the attribute. */
const ATTRIBUTE_REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\.([a-z][a-z0-9_]*)(?![\w-]|\s*[[(])/g;

/** A written value that is one reference to another block, a variable or a local, not to an instance's own (`each`, `count`, `self`). */
const PLAIN_REFERENCE = /^\$\{\s*((?!(?:each|count|self)\.)[a-zA-Z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\s*\}$/;

/** What a written pointer is read as inside an expression: the reference it is, or a literal ID as a quoted string; else undefined. */
function pointerText(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  if (!written.includes('${') && !written.includes('%{')) return JSON.stringify(written);
  const reference = PLAIN_REFERENCE.exec(written)?.[1];
  // Another block's ID (or a variable's, a local's): a pointer given a name or any other attribute points at nothing it names.
  return reference !== undefined && (/^(?:var|local)\./.test(reference) || /(?:[._]id|\.scope)$/.test(reference)) ? reference : undefined;
}

/** Arguments that point at an object by its ID: read back as written, they are that object's ID. */
export const POINTER_ARGUMENT = /(?:^|_)id$|^scope$/;

/** How many times a chain of pointers (an alias of an alias) is followed. */
const MAX_CHAIN = 5;

/** A text with every reference to a block's pointer written as what it points at, or the text itself when the stack has none. */
export function pointerReadings(terraform: unknown): (text: string) => string {
  const pointers = pointersOf(terraform);
  if (pointers.size === 0) return (text) => text;
  return (text) => {
    if (!text.includes('${')) return text;
    let read = text;
    for (let step = 0; step < MAX_CHAIN; step++) {
      const next = read.replace(ATTRIBUTE_REFERENCE, (whole, address: string, attribute: string) => pointers.get(`${address}.${attribute}`) ?? whole);
      if (next === read) break;
      read = next;
    }
    return read;
  };
}

/** Each `<block>.<attribute>` that is a pointer of the stack, with the reference it is. */
function pointersOf(terraform: unknown): Map<string, string> {
  const roots = bodiesOf(terraform).filter(isObject);
  const blocks = [
    ...sectionBlocks(roots, 'resource').map((block) => ({ address: `${block.type}.${block.name}`, type: block.type, body: block.body, data: undefined as string | undefined })),
    ...sectionBlocks(roots, 'data').map((block) => ({ address: `data.${block.type}.${block.name}`, type: block.type, body: block.body, data: 'data.' })),
  ];
  const pointers = new Map<string, string>();
  for (const { address, type, body, data } of blocks) {
    // An instance's argument may read its own item: which object it points at differs per instance.
    if (body.count !== undefined || body.for_each !== undefined) continue;
    // An Entra lookup's ID arguments name the object it looks up, whose type and existence looked-up-blocks.ts judges.
    if (data !== undefined && type.startsWith('azuread_')) continue;
    const alias = aliasAttribute(data, type);
    for (const [argument, written] of Object.entries(body)) {
      // Only a pointer argument or the alias's is read (most arguments of a stack are neither: roles50 wrote each as JSON for nothing).
      const pointer = POINTER_ARGUMENT.test(argument);
      if (!pointer && alias !== argument) continue;
      const reference = pointerText(written);
      // An argument whose changes the block ignores may hold what it was given another way (imported: 74th run, A74b-4).
      if (reference === undefined || ignoresChanges(body, argument)) continue;
      if (pointer) pointers.set(`${address}.${argument}`, reference);
      if (alias === argument) pointers.set(`${address}.id`, reference);
    }
  }
  return pointers;
}
