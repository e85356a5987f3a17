/**
 * The chain that makes a password role's rotation real, as DatabaseAccess builds it: a time_rotating marks when the password
 * is due; password_wo_version is that rotation's time, so the provider sends the password again when it is made again; the
 * random_password behind password_wo keeps that time, so what is sent is a new password; and valid_until is the rotation's due
 * time plus at most 30 days, so a password no pipeline rotated stops working. A role that references a rotation without the
 * rest of the chain looks rotated while the same password stays valid for good (65th adversarial run, A65a-1).
 */
import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { nestedBlock } from './value-readers';

/** The longest a password may outlive its rotation's due time: DatabasePrincipal.password's expiryGraceDays at most. */
const MAX_GRACE_DAYS = 30;

/** A time_rotating's attributes that change when it rotates (it is made again): its time, in each form, and its due time. */
const ROTATION_TIME = /^time_rotating\.([^.[\]]+)(\[[^\]]*\])?\.(rfc3339|id|unix|rotation_rfc3339)$/;
/** A random_password's result, e.g. "random_password.pw.result" or "random_password.pw[?].result". */
const GENERATED = /^random_password\.([^.[\]]+)(\[[^\]]*\])?\.result$/;

/** What breaks the chain of a role whose password_wo_version is a reference and whose valid_until is set, or undefined. */
export function rotationChainProblem(label: string, role: ResourceView, resources: ReadonlyMap<string, ResourceView> | undefined): string | undefined {
  const { password_wo: password, password_wo_version: version, valid_until: validUntil } = role.config;
  const rotation = isUnknown(version) ? rotationTimeOf(version.expression.trim()) : undefined;
  if (rotation === undefined) {
    return `${label} has password_wo_version = ${shown(version)}, which is not the time of a time_rotating (its rfc3339, id or unix), so it does not change when the password is due.`;
  }
  const generators = isUnknown(password) ? password.references.map((reference) => GENERATED.exec(reference)?.[1]).filter((name): name is string => name !== undefined) : [];
  for (const name of new Set(generators)) {
    const generator = resources?.get(`random_password.${name}`);
    const problem = generator === undefined ? undefined : generatorProblem(generator, rotation);
    if (problem !== undefined) return `${problem}, so when ${label}'s password is due the same password is sent again.`;
  }
  const grace = isUnknown(validUntil) ? hoursAfterDue(validUntil.expression.trim(), rotation) : undefined;
  if (grace === undefined || grace > MAX_GRACE_DAYS * 24) {
    return `${label} has valid_until = ${shown(validUntil)}, which is not the due time of time_rotating.${rotation} (its rotation_rfc3339) plus at most ${MAX_GRACE_DAYS} days, so a password that is not rotated stays valid for longer.`;
  }
  return undefined;
}

/** The name of the time_rotating whose time an expression is, or undefined. */
function rotationTimeOf(expression: string): string | undefined {
  return ROTATION_TIME.exec(expression)?.[1];
}

/** Why a random_password does not make a new password when the rotation does, or undefined. */
function generatorProblem(generator: ResourceView, rotation: string): string | undefined {
  const lifecycle = nestedBlock(generator.config, 'lifecycle');
  if (lifecycle.state === 'unknown') return `${generator.address}: ${lifecycle.note}`;
  const ignored = lifecycle.state === 'present' ? lifecycle.block.ignore_changes : undefined;
  if (ignored !== undefined && ignored !== null && !(Array.isArray(ignored) && ignored.length === 0)) {
    return `${generator.address} has lifecycle.ignore_changes = ${shown(ignored)}, which may keep it from being made again`;
  }
  const keepers = generator.config.keepers;
  const keeps = isObject(keepers) && !isUnknown(keepers) && Object.values(keepers).some((value) => isUnknown(value) && value.references.some((reference) => rotationTimeOf(reference) === rotation));
  return keeps ? undefined : `${generator.address} has no keeper that is the time of time_rotating.${rotation}, so it is never made again`;
}

/**
 * The hours after the rotation's due time that a valid_until expression stands for: the due time itself, inside formatdate,
 * timeadd with a literal duration, or parentheses; undefined for any other expression (a literal date, another resource's time,
 * timestamp(), a condition), which the chain does not bound.
 */
function hoursAfterDue(expression: string, rotation: string): number | undefined {
  const due = ROTATION_TIME.exec(expression);
  if (due !== null) return due[1] === rotation && due[3] === 'rotation_rfc3339' ? 0 : undefined;
  const parenthesized = /^\((.*)\)$/s.exec(expression);
  if (parenthesized !== null) return hoursAfterDue(parenthesized[1].trim(), rotation);
  const formatted = /^formatdate\(\s*"[^"\\$%]*"\s*,(.*)\)$/s.exec(expression);
  if (formatted !== null) return hoursAfterDue(formatted[1].trim(), rotation);
  const added = /^timeadd\((.*),\s*"([^"]*)"\s*\)$/s.exec(expression);
  if (added === null) return undefined;
  const base = hoursAfterDue(added[1].trim(), rotation);
  const duration = durationHours(added[2]);
  return base === undefined || duration === undefined ? undefined : base + duration;
}

const UNIT_HOURS: { readonly [unit: string]: number } = { h: 1, m: 1 / 60, s: 1 / 3600, ms: 1 / 3.6e6, us: 1 / 3.6e9, µs: 1 / 3.6e9, ns: 1 / 3.6e12 };

/** A Go duration ("168h", "1h30m", "-24h") in hours, as timeadd reads it; undefined when it is none. */
function durationHours(text: string): number | undefined {
  const match = /^([-+]?)((?:\d+(?:\.\d*)?(?:h|ms|us|µs|ns|m|s))+)$/.exec(text);
  if (match === null) return undefined;
  const hours = [...match[2].matchAll(/(\d+(?:\.\d*)?)(h|ms|us|µs|ns|m|s)/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_HOURS[unit], 0);
  return match[1] === '-' ? -hours : hours;
}

/** A value as the message shows it (an expression as written, in its interpolation). */
function shown(value: unknown): string {
  return JSON.stringify(value ?? null);
}
