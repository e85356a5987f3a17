import { unreadableCharacter, unusualSpace } from './reason-text';
import { holdsTemplateSequence } from './template-text';

// What the library takes as the name of a PostgreSQL role or schema. Quoted names may hold any
// character; these rules keep out what PostgreSQL refuses or cuts (empty, over 63 bytes) and what
// only causes trouble: quotes, control characters, surrounding spaces, template sequences
// (Terraform evaluates "${...}" and "%{...}" in any string, so the role it creates would not be
// the name judged here: 'azure_pg_%{if true}admin%{endif}' is azure_pg_admin), and characters a reader
// cannot see (zero-width, bidirectional overrides) or tell from a space (no-break, hair, thin
// spaces), which make one name read like another.

/** PostgreSQL keeps names of at most 63 bytes (NAMEDATALEN - 1) and silently cuts longer ones. */
export const MAX_NAME_BYTES = 63;
const CONTROL_OR_QUOTE = /[\u0000-\u001f\u007f"]/;

/** How to write a name these rules take. */
export const POSTGRES_NAME_FIX = 'use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces';

/** Why a literal cannot serve as a role or schema name, or undefined. */
export function postgresNameProblem(name: string): string | undefined {
  if (name.length === 0 || Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return 'is empty or longer than 63 bytes';
  if (CONTROL_OR_QUOTE.test(name)) return 'holds a double quote or a control character';
  if (holdsTemplateSequence(name)) return 'holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth';
  const hidden = unreadableCharacter(name);
  if (hidden !== undefined) return `holds ${hidden}, an invisible or bidirectional character, with which the name reads like another`;
  if (name.trim() !== name) return 'starts or ends with a space';
  const space = unusualSpace(name);
  if (space !== undefined) return `holds ${space}, a space other than U+0020, with which the name reads like another`;
  return undefined;
}
