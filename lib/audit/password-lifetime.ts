import { ownValue } from '../private/own-keys';

// How long a password the stack declares may stay valid: DatabasePrincipal.password's valid_until
// is its time_rotating's due date plus the grace, so right after a rotation it is at most the
// rotation period plus the grace away. A live valid_until further out was pushed by hand (A9-3).

type Block = { readonly [key: string]: unknown };

/** The valid_until PasswordLoginRole writes: formatdate(..., timeadd(<time_rotating>.rotation_rfc3339, "<n>h")). */
const ROTATED_EXPIRY = /^\$\{formatdate\("[^"]*", ?timeadd\(time_rotating\.([^.\s]+)\.rotation_rfc3339, ?"(\d+)h"\)\)\}$/;

const HOUR_MS = 3_600_000;
/** time_rotating's periods, in hours; a month and a year at their longest. */
const ROTATION_HOURS: { readonly [attribute: string]: number } = {
  rotation_minutes: 1 / 60,
  rotation_hours: 1,
  rotation_days: 24,
  rotation_months: 31 * 24,
  rotation_years: 366 * 24,
};

/**
 * The longest a role's password may still be valid (ms), from its valid_until and the
 * time_rotating it names; undefined unless both are written as DatabasePrincipal.password writes them.
 */
export function passwordLifetimeMs(validUntil: unknown, timeRotating: { readonly [name: string]: Block }): number | undefined {
  const match = typeof validUntil === 'string' ? ROTATED_EXPIRY.exec(validUntil) : null;
  const rotation = match ? ownValue(timeRotating, match[1]) : undefined;
  if (!match || rotation === undefined) return undefined;
  let hours = Number(match[2]);
  for (const [attribute, unit] of Object.entries(ROTATION_HOURS)) {
    const value = rotation[attribute];
    if (value === undefined) continue;
    if (typeof value !== 'number') return undefined;
    hours += value * unit;
  }
  return hours * HOUR_MS;
}
