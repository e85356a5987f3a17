import { isUnknown } from './hcl-expression';

// Who may become a member of a group, or manage its members, by the group's own settings: a dynamic rule admits
// every user it matches, a Microsoft 365 group that is Public (Graph's default for one, azuread leaves it to Graph)
// lets any user of the tenant join without an owner's approval, and an administrative unit gives its scoped
// administrators the group's members (nineteenth review, A19a-10). One reader for the azuread group and a
// group a Graph write makes (its body read in the azuread shape by principal-writers.ts), so an administrator group is
// judged the same whichever made it.

/** A group's settings, as written: azuread arguments or a Graph body's fields. */
export interface GroupSettings {
  readonly types: unknown;
  readonly visibility: unknown;
  /** A dynamic membership rule (azuread's dynamic_membership block, Graph's membershipRule). */
  readonly dynamicRule: unknown;
  readonly administrativeUnits: unknown;
}

const DYNAMIC = 'sets a dynamic membership rule (every user it admits is a member)';
const PUBLIC = 'lets anyone in the tenant join it without an owner\'s approval (visibility Public';
const UNITS = 'places it in administrative units (administrative_unit_ids), whose scoped Groups and User Administrators may add members';

/** What the settings do that opens the group's membership, as the message says it; none when they keep it closed. */
export function membershipOpenings(settings: GroupSettings): string[] {
  const openings: string[] = [];
  if (admitsDynamically(settings)) openings.push(DYNAMIC);
  const visibility = visibilityOf(settings);
  if (visibility !== undefined) openings.push(`${PUBLIC}${visibility})`);
  if (isUnknown(settings.administrativeUnits) || (Array.isArray(settings.administrativeUnits) && settings.administrativeUnits.length > 0)) openings.push(UNITS);
  return openings;
}

/** Whether the settings give the group a dynamic membership rule (written, or a DynamicMembership type, or types known only at apply time). */
export function admitsDynamically(settings: Pick<GroupSettings, 'types' | 'dynamicRule'>): boolean {
  return isWritten(settings.dynamicRule) || mayHold(settings.types, 'dynamicmembership');
}

/**
 * Why the group may be Public, or undefined when it is not: "Public" written; known only at apply time; or a
 * Microsoft 365 group ("Unified", or types known only then) with no visibility, which Graph makes Public.
 * Private and HiddenMembership keep joining to the owners; a security group without one is Private.
 */
function visibilityOf(settings: GroupSettings): string | undefined {
  const { visibility } = settings;
  if (isUnknown(visibility)) return ' may be written at apply time';
  if (typeof visibility === 'string') return visibility.trim().toLowerCase() === 'public' ? '' : undefined;
  if (visibility !== undefined && visibility !== null) return ' may be written';
  return mayHold(settings.types, 'unified') ? ', Graph\'s default for a Microsoft 365 group with no visibility' : undefined;
}

/** Whether a list of group types holds (or, known only at apply time, may hold) the type. */
function mayHold(types: unknown, type: string): boolean {
  if (isUnknown(types)) return true;
  return Array.isArray(types) && types.some((each) => isUnknown(each) || (typeof each === 'string' && each.trim().toLowerCase() === type));
}

/** Whether a block or value is written: not absent, null or an empty list. */
function isWritten(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '';
}

/** An azuread group's settings. */
export function azureadGroupSettings(config: { readonly [key: string]: unknown }): GroupSettings {
  return { types: config.types, visibility: config.visibility, dynamicRule: config.dynamic_membership, administrativeUnits: config.administrative_unit_ids };
}
