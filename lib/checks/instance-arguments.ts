import { evaluateJson, isUnknown, Iteration, Scope, Unknown, withIterator } from './hcl-expression';
import { bodiesOf, isObject } from './terraform-json';

/**
 * The lifecycle arguments Terraform and OpenTofu know that leave a block existing once and managed:
 * the rest (OpenTofu 1.11's `enabled`, which keeps the resource from being created, its `destroy`,
 * which forgets the object instead of destroying it, and any key a later engine gives a meaning)
 * may make a construct's resource not exist or not be managed (fifteenth review, A15b-16).
 */
const KEEPING_LIFECYCLE = new Set(['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition']);

/**
 * Types whose Create takes over the object that exists (a server parameter PUT over its value; `CREATE EXTENSION IF NOT EXISTS`,
 * `CREATE SCHEMA IF NOT EXISTS`; a GRANT, membership, default privileges or security label set again) and whose Delete undoes it
 * on the same object (the parameter reset to Azure's default, DROP, REVOKE, the label cleared): azurerm 4.x
 * resourceFlexibleServerConfigurationDelete and cyrilgdn/postgresql 1.26 (resource_postgresql_extension.go, _schema.go, _grant.go,
 * _grant_role.go, _default_privileges.go, _security_label.go). With create_before_destroy a replacement creates the new instance
 * over the object, then the old instance's Delete undoes it: the setting the JSON declares is gone after every replacement
 * (86th run, A86a-1/2). Any other type's Create refuses an object that exists, or makes another.
 */
const ADOPTING_TYPES = new Set([
  'azurerm_postgresql_flexible_server_configuration', 'azurerm_postgresql_configuration', 'postgresql_extension', 'postgresql_schema',
  'postgresql_grant', 'postgresql_grant_role', 'postgresql_default_privileges', 'postgresql_security_label',
]);

/**
 * A replace_triggered_by that lists anything (an empty list or null replaces on nothing): another resource's change destroys the
 * block and creates it again, and between the two the control it holds is gone; a trigger that changes at every apply (a
 * `terraform_data` of `timestamp()`) opens that gap at every apply, and no plan shows it as a weakening (N75-11).
 */
function isReplacing(key: string, value: unknown): boolean {
  return key === 'replace_triggered_by' && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** A constant that is literal true, as Terraform converts it to a bool. */
const isTrue = (value: unknown) => value === true || value === 'true';

/**
 * The meta-arguments of a block that may make it exist not exactly once, or not be managed: `count`,
 * `for_each`, and lifecycle keys other than those that keep it (`enabled` or `destroy` pass only as
 * literal true). A lifecycle that is not an object is read as such a key. On a block of ADOPTING_TYPES,
 * `create_before_destroy` other than literal false is one too: a replacement leaves the object undone; on any type, a
 * `replace_triggered_by` that lists something (isReplacing).
 */
export function existenceArguments(body: { readonly [key: string]: unknown }, type = ''): string[] {
  const found = ['count', 'for_each'].filter((key) => key in body);
  for (const lifecycle of 'lifecycle' in body ? bodiesOf(body.lifecycle) : []) {
    if (!isObject(lifecycle)) {
      found.push('lifecycle');
      continue;
    }
    for (const [key, value] of Object.entries(lifecycle)) {
      const undoing = key === 'create_before_destroy' && ADOPTING_TYPES.has(type) && isCreateBeforeDestroy(value);
      if (!undoing && !isReplacing(key, value) && (KEEPING_LIFECYCLE.has(key) || ((key === 'enabled' || key === 'destroy') && isTrue(value)))) continue;
      found.push(`lifecycle.${key}`);
    }
  }
  return [...new Set(found)];
}

/** A create_before_destroy value Terraform may read as true: anything but literal false. */
const isCreateBeforeDestroy = (value: unknown) => value !== false && value !== 'false';

/** Whether any of a block's lifecycle blocks sets create_before_destroy to something but literal false. */
export function declaresCreateBeforeDestroy(body: { readonly [key: string]: unknown }): boolean {
  return 'lifecycle' in body && bodiesOf(body.lifecycle).some((lifecycle) => isObject(lifecycle) && 'create_before_destroy' in lifecycle && isCreateBeforeDestroy(lifecycle.create_before_destroy));
}

/** Whether a block has count, for_each or OpenTofu's lifecycle.enabled: it may not exist exactly once. */
export function isCounted(body: { readonly [key: string]: unknown }): boolean {
  return 'count' in body || 'for_each' in body || enabledOf(body) !== undefined;
}

/** The block's lifecycle.enabled as written (the last one set), or undefined when none sets it. */
function enabledOf(body: { readonly [key: string]: unknown }): { readonly value: unknown } | undefined {
  let found: { value: unknown } | undefined;
  for (const lifecycle of 'lifecycle' in body ? bodiesOf(body.lifecycle) : []) {
    if (!isObject(lifecycle)) found = { value: lifecycle };
    else if ('enabled' in lifecycle) found = { value: lifecycle.enabled };
  }
  return found;
}

/**
 * Whether OpenTofu creates the block: true without lifecycle.enabled, false when it is false,
 * undefined when it is known only later or is not a bool (then the block may not exist).
 */
export function isEnabled(body: { readonly [key: string]: unknown }, scope: Scope): boolean | undefined {
  const enabled = enabledOf(body);
  if (enabled === undefined) return true;
  const value = evaluateJson(enabled.value, scope);
  if (isTrue(value)) return true;
  return value === false || value === 'false' ? false : undefined;
}

/** What PG-CFG-2 says of a made resource with those arguments (from existenceArguments). */
export function existenceChange(found: readonly string[]): string {
  const lifecycle = found.filter((name) => name.startsWith('lifecycle'));
  const changes: string[] = [];
  if (lifecycle.length < found.length) changes.push('has count or for_each, so an override may remove it or make copies of it');
  const undoing = lifecycle.includes('lifecycle.create_before_destroy');
  const replacing = lifecycle.includes('lifecycle.replace_triggered_by');
  const other = lifecycle.filter((name) => name !== 'lifecycle.create_before_destroy' && name !== 'lifecycle.replace_triggered_by');
  if (other.length > 0) changes.push(`has ${other.join(' and ')}, which OpenTofu reads to not create it or to forget it instead of destroying it (or no engine reads yet), so an override may remove it unseen`);
  if (undoing) changes.push('has lifecycle.create_before_destroy, so a replacement creates it over the object that exists and then the old instance\'s destroy undoes it (a parameter reset to Azure\'s default, an extension dropped, a grant revoked)');
  if (replacing) changes.push('has lifecycle.replace_triggered_by, so another resource\'s change destroys it and creates it again, with the control it holds gone in between (at every apply under a trigger that changes each time)');
  return changes.join('; it ');
}

/** Past this many instances, count.index is read as any index (no list of choices). */
const MAX_INDEXES = 256;

/**
 * What `count.index` stands for in a counted block's arguments, as `each.key` does in a for_each's (twenty-first review, A21a-4):
 * with a constant count of one, 0; of several, any of its indexes (the evaluator reads `local.names[count.index]` as each item);
 * a count known only later, any index. Read as known only later, a name spelled from it was no name the rules could compare.
 */
export function countIteration(count: unknown): Iteration {
  const number = typeof count === 'string' && /^\s*\d+\s*$/.test(count) ? Number(count) : count;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number === 1) return { key: 0, value: 0 };
  const indexes = typeof number === 'number' && Number.isSafeInteger(number) && number > 1 && number <= MAX_INDEXES ? [...Array(number).keys()] : undefined;
  const index = new Unknown('count.index', ['count.index'], undefined, indexes);
  return { key: index, value: index };
}

/** A block's scope with count.index bound when it has count (countIteration), else the scope itself. */
export function countScope(body: { readonly [key: string]: unknown }, scope: Scope): Scope {
  if (!('count' in body)) return scope;
  const count = evaluateJson(body.count, scope);
  return withIterator(scope, 'count', countIteration(isUnknown(count) ? undefined : count));
}
