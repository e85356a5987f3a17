/**
 * The chain that makes a password role's rotation real, as DatabaseAccess builds it: a time_rotating marks when the password
 * is due; password_wo_version is that rotation's time, so the provider sends the password again when it is made again; the
 * random_password behind password_wo keeps that time, so what is sent is a new password; and valid_until is the rotation's due
 * time plus at most 30 days, so a password no pipeline rotated stops working. A role that references a rotation without the
 * rest of the chain looks rotated while the same password stays valid for good (65th adversarial run, A65a-1).
 */
import { EchoScope } from './echoed-arguments';
import { isUnknown } from './hcl-expression';
import { passwordGenerators, WriteOnlyStore } from './password-generators';
import { traversalText } from './traversal-text';
import { blockOf } from './attribute-reads';
import { isLookupAddress, readBackReferences, writerArguments } from './read-back-lookups';
import { hasSelector, parameterNameOf, SSM_PARAMETER_LOOKUPS } from './ssm-parameter-names';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { isSet, literalInteger, nestedBlock } from './value-readers';

/** The longest a password may outlive its rotation's due time: DatabasePrincipal.password's expiryGraceDays at most. */
const MAX_GRACE_DAYS = 30;

/** A time_rotating's attributes that change when it rotates (it is made again): its time, in each form, and its due time. */
const ROTATION_TIME = /^time_rotating\.([^.[\]]+)(\[[^\]]*\])?\.(rfc3339|id|unix|rotation_rfc3339)$/;
/**
 * A formatdate layout that writes the whole time it is given, as DatabaseAccess's does: date, then optionally the time, then
 * optionally its zone (a Z token prints the time's own, UTC from timeadd; a literal offset must be zero). Any digit elsewhere is
 * literal text that could move the date (e.g. "YYYY-12-31"; 66th run, A66a-2; 67th run, A67a-6/7).
 */
const WHOLE_TIME_LAYOUT = /^YYYY-MM-DD(?:(?: |T|'T')hh:mm(?::ss)?)?(?: ?(?:Z{1,5}|'Z')|[+-]00(?::?00)?)?$/;

/**
 * What breaks the chain of a role whose password_wo_version is a reference and whose valid_until is set, or undefined. A password
 * that comes, on any way, from something other than a generator of the stack (a variable, a data source) fails: where it is
 * rotated is said in a suppression's reason.
 */
export function rotationChainProblem(label: string, role: ResourceView, scope: EchoScope): string | undefined {
  const { password_wo: password, password_wo_version: version, valid_until: validUntil } = role.config;
  const sources = passwordGenerators(password, scope);
  if ('unreadable' in sources) return `${label}'s password_wo ${sources.unreadable}: it cannot be judged as a password each rotation makes new.`;
  // Only a generator of the stack is shown to make a new password at each rotation: a way that ends anywhere else (a variable, a
  // store the stack does not write, another resource's secret) may send the same one for good (70th run: every store and relay
  // the checks do not know was a way around; A66a-5's "rotated where it is kept" is now said with a suppression).
  const leaf = sources.leaves[0] ?? (sources.generators.length === 0 ? shown(password) : undefined);
  if (leaf !== undefined) {
    return `${label}'s password_wo comes from ${leaf}, no generator of this stack, so the checks cannot show a new password is sent when it is due: write it from a random_password kept by a time_rotating (as DatabaseAccess does), or suppress PGD-IAM-3 saying where it is rotated.`;
  }
  // A block on the way that keeps its first value passes the first password on at every rotation (67th run, A67a-4).
  const kept = sources.through.map((block) => keptValue(block, scope)).find((problem) => problem !== undefined);
  if (kept !== undefined) return `${kept}, so when ${label}'s password is due the same password is sent again.`;
  const rotation = rotationOf(version);
  if (rotation === undefined) {
    return `${label} has password_wo_version = ${shown(version)}, which is not the time of a time_rotating (its rfc3339, id or unix), so it does not change when the password is due.`;
  }
  const rotating = scope.stack?.resources?.get(`time_rotating.${rotation}`);
  const problem = (rotating === undefined ? undefined : ignoredChanges(rotating)) ?? generatorsProblem(sources.generators, rotation) ?? writeOnlyProblem(sources.writeOnly, rotation);
  if (problem !== undefined) return `${problem}, so when ${label}'s password is due the same password is sent again.`;
  const grace = isUnknown(validUntil) ? hoursAfterDue(validUntil.expression.trim(), rotation, shortestPeriodHours(rotating)) : undefined;
  if (grace === undefined || grace > MAX_GRACE_DAYS * 24) {
    return `${label} has valid_until = ${shown(validUntil)}, which is not the due time of time_rotating.${rotation} (its rotation_rfc3339) plus at most ${MAX_GRACE_DAYS} days, so a password that is not rotated stays valid for longer.`;
  }
  return undefined;
}

/** The name of the time_rotating whose time a value is, written as one traversal, or undefined. */
function rotationOf(value: unknown): string | undefined {
  return isUnknown(value) ? ROTATION_TIME.exec(value.expression.trim())?.[1] : undefined;
}

/** Why a block a password passes through keeps its first value (the changes of what it passes on ignored, a lookup pinned to one version), or undefined. */
function keptValue(block: ResourceView, scope: EchoScope): string | undefined {
  // An ephemeral lookup too (69th run, A69a-3).
  const own = isLookupAddress(block.address) ? pinOf(block, scope) : undefined;
  if (own !== undefined) return `${block.address} reads one version, ${shown(own)}, of what it looks up`;
  // The model reads a lookup that surely finds a store as the store itself: a pinned one is found among the stack's lookups.
  const pinned = [...scope.stack?.lookups?.values() ?? []].find((lookup) => pinOf(lookup, scope) !== undefined && readsBack(lookup, block.address, scope));
  if (pinned !== undefined) return `${pinned.address} reads one version, ${shown(pinOf(pinned, scope))}, of ${block.address}`;
  return stagesKept(block) ?? ignoredChanges(block, (entry) => RELAY_IGNORABLE.test(entry) && !carriesPassword(block, entry, scope));
}

/** What a lookup of a secret store reads back (Key Vault, AWS Secrets Manager, Google Secret Manager, Vault, SSM). */
const READ_BACK = ['value', 'secret_string', 'secret_data', 'data', 'insecure_value'];

/** Whether a lookup reads back what a block of the stack writes, plainly or write-only. */
function readsBack(lookup: ResourceView, address: string, scope: EchoScope): boolean {
  const attributes = READ_BACK.flatMap((attribute) => [attribute, ...writerArguments(lookup.type, attribute).map((writer) => `${writer}_wo`)]);
  return attributes.some((attribute) => readBackReferences(lookup, attribute, '', scope.stack!).some((found) => blockOf(found) === address));
}

/** A resource's own `version` or `version_id` (not a module's output, a variable or a lookup's). */
const STORE_VERSION = /^(?!(?:module|var|local|data|ephemeral|each|count|path|terraform|self)\.)[a-z][a-z0-9_]*\.[^.[\]]+(\[[^\]]*\])?\.version(_id)?$/;

/**
 * The literal value of the argument that pins a lookup to one version of a secret (Key Vault's, Google's and Vault's `version`,
 * AWS's `version_id`, or a `version_stage` other than the current one; 68th run, A68a-2), or an SSM name with a version or label
 * selector (`/db/pw:3`), or undefined. Only `latest`, `AWSCURRENT` or a plain reference to a block's own `version` or `version_id`
 * (which moves with every write: A68a-4) follows every write; any other value known only later may be a pin (69th run, A69a-2).
 */
function pinOf(lookup: ResourceView, scope: EchoScope): unknown {
  if (SSM_PARAMETER_LOOKUPS.has(lookup.type)) return hasSelector(parameterNameOf(lookup.config)) ? parameterNameOf(lookup.config) : undefined;
  const current: { readonly [argument: string]: string } = { version: 'latest', version_stage: 'AWSCURRENT' };
  const argument = ['version', 'version_id', 'version_stage'].find((name) => {
    const value = lookup.config[name];
    if (!isSet(value)) return false;
    // The version of the very store the lookup reads (another secret's version, written once, pins: 70th run, A70a-3).
    if (isUnknown(value)) return !(value.isPlainReference && STORE_VERSION.test(value.references[0]) && readsBack(lookup, blockOf(value.references[0]) ?? '', scope));
    return value !== current[name];
  });
  return argument === undefined ? undefined : lookup.config[argument];
}

/**
 * Why an AWS secret version keeps lookups on its first value: `version_stages` without AWSCURRENT leaves that label on the first
 * version for good, which every lookup by default reads (69th run, A69a-4).
 */
function stagesKept(block: ResourceView): string | undefined {
  const stages = block.config.version_stages;
  if (block.type !== 'aws_secretsmanager_secret_version' || !isSet(stages)) return undefined;
  if (Array.isArray(stages) && stages.includes('AWSCURRENT')) return undefined;
  return `${block.address} has version_stages = ${shown(stages)}, without "AWSCURRENT", so lookups keep reading the version AWSCURRENT stays on`;
}

/** Whether the argument an ignore_changes entry names carries the password (it holds a generator's value, or one the checks cannot follow). */
function carriesPassword(block: ResourceView, entry: string, scope: EchoScope): boolean {
  const argument = /^[A-Za-z0-9_-]+/.exec(entry)?.[0] ?? '';
  const sources = passwordGenerators(block.config[argument], { stack: scope.stack });
  return 'unreadable' in sources || sources.generators.length > 0;
}

/**
 * What a block that passes a password on may ignore: its tags and dates, which Azure Policy or a rotation policy may change (68th
 * run, A68a-3), a Kubernetes object's labels and annotations under its metadata too (69th run, A69a-7); never when the password
 * passes through them (A69a-5: carriesPassword).
 */
const RELAY_IGNORABLE = /^(?:metadata(?:\[0\]|\.0)\.)?(tags|labels|annotations)(\b|$)|^(expiration_date|not_before_date|content_type|description)$/;

/**
 * Why a store the password reached write-only is not rewritten when the rotation is due: the provider sends a write-only value only
 * when its version argument (`value_wo_version`, `data_wo_revision`) changes, so it must be the time of the same rotation (A68a-1).
 */
function writeOnlyProblem(stores: readonly WriteOnlyStore[], rotation: string): string | undefined {
  for (const { store, argument } of stores) {
    const versionArgument = [`${argument}_version`, `${argument}_revision`].find((name) => store.config[name] !== undefined) ?? `${argument}_version`;
    const version = store.config[versionArgument];
    if (rotationOf(version) !== rotation) {
      return `${store.address} has ${versionArgument} = ${shown(version)}, not the time of time_rotating.${rotation}, so its ${argument} is written once and not again`;
    }
  }
  return undefined;
}

/** Why a generator behind the password does not make a new one when the rotation does, or undefined. */
function generatorsProblem(generators: readonly ResourceView[], rotation: string): string | undefined {
  // An ephemeral generator, or one that is a lookup (AWS's), makes a new password at every run.
  for (const generator of generators.filter((each) => !each.address.startsWith('ephemeral.') && !isLookupAddress(each.address))) {
    const problem = ignoredChanges(generator) ?? keeperProblem(generator, rotation);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** A resource of the chain whose lifecycle ignores changes may keep what the chain changes: the construct's ignore nothing (a relay may ignore `allowed`). */
function ignoredChanges(resource: ResourceView, allowed?: (entry: string) => boolean): string | undefined {
  const lifecycle = nestedBlock(resource.config, 'lifecycle');
  if (lifecycle.state === 'unknown') return `${resource.address}: ${lifecycle.note}`;
  const ignored = lifecycle.state === 'present' ? lifecycle.block.ignore_changes : undefined;
  if (ignored === undefined || ignored === null || (Array.isArray(ignored) && ignored.length === 0)) return undefined;
  const harmless = allowed !== undefined && Array.isArray(ignored) && ignored.every((entry) => typeof entry === 'string' && allowed(traversalText(entry)));
  return harmless ? undefined : `${resource.address} has lifecycle.ignore_changes = ${shown(ignored)}, which may keep it as it is`;
}

/** Why a generator is not made again with the rotation: no keeper is exactly the rotation's time (a function of it, such as its length or year, may stay the same). */
function keeperProblem(generator: ResourceView, rotation: string): string | undefined {
  const keepers = generator.config.keepers;
  const keeps = isObject(keepers) && !isUnknown(keepers) && Object.values(keepers).some((value) => rotationOf(value) === rotation);
  return keeps ? undefined : `${generator.address} has no keeper that is the time of time_rotating.${rotation}, so it is never made again`;
}

/** Hours in each period unit of a time_rotating, at their shortest (a month of 28 days, a year of 365): the due time is no earlier. */
const PERIOD_HOURS: readonly (readonly [string, number])[] = [
  ['rotation_minutes', 1 / 60], ['rotation_hours', 1], ['rotation_days', 24], ['rotation_months', 28 * 24], ['rotation_years', 365 * 24],
];

/** The rotation's period in hours, at its shortest, when it is one literal period; undefined otherwise. */
function shortestPeriodHours(rotation: ResourceView | undefined): number | undefined {
  const written = PERIOD_HOURS.filter(([attribute]) => isSet(rotation?.config[attribute]));
  if (written.length !== 1) return undefined;
  const [attribute, hours] = written[0];
  const count = literalInteger(rotation?.config[attribute]);
  return count === undefined ? undefined : count * hours;
}

/**
 * The hours after the rotation's due time that a valid_until expression stands for: the due time itself (or the rotation's time,
 * one period earlier, when the period is known), inside formatdate (of a layout that writes the whole time), timeadd with a literal
 * duration, or parentheses; undefined for any other expression (a literal date, another resource's time, timestamp(), a
 * condition), which the chain does not bound.
 */
function hoursAfterDue(expression: string, rotation: string, period: number | undefined): number | undefined {
  const time = ROTATION_TIME.exec(expression);
  if (time !== null) {
    if (time[1] !== rotation) return undefined;
    if (time[3] === 'rotation_rfc3339') return 0;
    return time[3] === 'rfc3339' && period !== undefined ? -period : undefined;
  }
  const parenthesized = /^\((.*)\)$/s.exec(expression);
  if (parenthesized !== null) return hoursAfterDue(parenthesized[1].trim(), rotation, period);
  const formatted = /^formatdate\(\s*"([^"\\$%]*)"\s*,(.*)\)$/s.exec(expression);
  if (formatted !== null) return WHOLE_TIME_LAYOUT.test(formatted[1]) ? hoursAfterDue(formatted[2].trim(), rotation, period) : undefined;
  const added = /^timeadd\((.*),\s*"([^"]*)"\s*\)$/s.exec(expression);
  if (added === null) return undefined;
  const base = hoursAfterDue(added[1].trim(), rotation, period);
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
