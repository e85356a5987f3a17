// Loads no cdktf: the constructs write a label, the rule pack reads the stack's labels and the audit a server's.

import { UUID } from './uuid';

// A pgaadauth security label maps a role to an Entra principal: "aadauth,oid=<object ID>,type=user|group|service", with ",admin"
// after it for an Entra administrator. Each reader below keeps the spellings its caller accepted before they shared this module: a
// rule that judges the plain form is strict, one that looks for a principal anywhere in a label is lenient, and the audit reads the
// text exactly as Azure and the stack write it. They differ on purpose; a reader is not to be swapped for another.

/** The principal types as pgaadauth writes them in a label. */
export type LabelType = 'user' | 'group' | 'service';

/** The plain label of a role mapped to an Entra principal, not as an administrator (pgaadauth_create_principal_with_oid). */
export function plainLabel(objectId: string, type: LabelType): string {
  return `aadauth,oid=${objectId},type=${type}`;
}

/** The plain form, its words in any case: the object ID is all between "oid=" and the type that ends the label, whatever it holds. */
const PLAIN_LABEL = /^aadauth,oid=([^]*),type=(user|group|service)$/i;

/**
 * The object ID and type of a label in the plain form (plainLabel), its words in any case; undefined for another label. The
 * object ID is everything before the type, commas and expressions among it: how the rule pack reads a label DatabaseAccess writes.
 */
export function readPlainLabel(text: string): { objectId: string; type: string } | undefined {
  const found = PLAIN_LABEL.exec(text);
  return found === null ? undefined : { objectId: found[1], type: found[2] };
}

/**
 * An object ID in the plain form: a GUID as Entra writes one (8-4-4-4-12 hex digits, any case), or one expression known only at
 * apply time. Another word (no hyphens, braces, a quote, a zero-width space after it) is no spelling Azure documents: whether
 * pgaadauth reads it as the same principal is unknown, so it is no plain mapping (P75-2, R76-35).
 */
const isMappedObjectId = (objectId: string) => UUID.test(objectId) || /^\$\{[^{}]+\}$/.test(objectId);

/** Whether a label is the plain form with an object ID pgaadauth reads (PGD-IAM-7): stricter than readPlainLabel on the object ID. */
export function isPlainMapping(text: string): boolean {
  const label = readPlainLabel(text);
  return label !== undefined && isMappedObjectId(label.objectId);
}

/**
 * The condition of the precondition that holds an object ID known only at apply time to a GUID, as DatabaseAccess writes it
 * (entra-login-role.ts, through cdktf's Fn.can and Fn.regex): `${can(regex("<UUID>", <expression>))}`. PGD-IAM-7 asks a label
 * with such an object ID for exactly this one, over the very expression the label holds (T77-10, T77-12, T77-14).
 */
export function objectIdGuard(expression: string): string {
  return `\${can(regex("${UUID.source}", ${expression}))}`;
}

/**
 * The object ID of a label that starts with "aadauth", read wherever it stands among the label's words, spaces around them and
 * any case allowed, an expression in it kept whole, trimmed; undefined when there is none. Lenient on purpose: PGD-IAM-13 finds
 * the principal a label maps, whatever its form (PGD-IAM-7 fails a label not in the plain form).
 */
export function objectIdAmongWords(text: string): string | undefined {
  if (!/^\s*aadauth\s*,/i.test(text)) return undefined;
  const objectId = /,\s*oid\s*=\s*((?:\$\{[^{}]*\}|[^,])+)/i.exec(text)?.[1].trim();
  return objectId === '' ? undefined : objectId;
}

/** A label of an Entra principal as Azure and the stack spell it, in lower case, with ",admin" or more after the type. */
const WRITTEN_LABEL = /^aadauth,oid=([^,]+),type=[a-z]+(,.*)?$/;

/** The object ID of a label spelt exactly as Azure and the stack write one (WRITTEN_LABEL): how the audit reads what a stack declares. */
export function writtenObjectId(text: string): string | undefined {
  return WRITTEN_LABEL.exec(text)?.[1];
}

/** The object ID of a label a server holds: after its first "oid=", in lower case as Azure writes it, at the label's start or after a comma. */
export function liveObjectId(label: string): string | undefined {
  return /(?:^|,)oid=([^,]+)/.exec(label)?.[1];
}

/** Whether a label a server holds makes its role an Entra administrator: one of its words is "admin", exactly. */
export function isAdministratorLabel(label: string): boolean {
  return label.split(',').includes('admin');
}
