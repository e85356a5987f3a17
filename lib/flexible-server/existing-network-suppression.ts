import { TerraformLocal, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { evaluateTemplate, isUnknown, NO_LOCALS, Value } from '../checks/hcl-expression';
import { networkSubject } from '../checks/rules/PG-NET-1';
import { EXISTING_NETWORK_REASON, suppressChoice, suppressRules } from '../checks/suppression-registry';
import { asWritten } from '../private/tokens';

/**
 * Suppresses PG-NET-1 on a server given an existing subnet or zone by ID, for exactly that
 * pointer as the checks will read it (a literal, a reference as written, a local's literal value),
 * so an override to any other still fails. Only a pointer the checks read through a local whose
 * value is itself an expression of locals is suppressed whatever its value.
 */
export function suppressExistingPointer(server: IConstruct, attribute: 'delegated_subnet_id' | 'private_dns_zone_id', pointer: string): void {
  const read = asChecksRead(server, pointer);
  if (read === undefined) suppressRules(server, ['PG-NET-1'], EXISTING_NETWORK_REASON);
  else suppressChoice(server, 'PG-NET-1', EXISTING_NETWORK_REASON, networkSubject(attribute, String(read)));
}

/** A value as the checks read it from the JSON, where a plain local reference is its literal value; undefined when that takes more. */
function asChecksRead(scope: IConstruct, value: string): Value | undefined {
  const read = evaluateTemplate(asWritten(scope, value), NO_LOCALS);
  if (!isUnknown(read) || !read.references.some((reference) => reference.startsWith('local.'))) return read;
  const stack = TerraformStack.of(scope);
  const name = read.isPlainReference ? read.references[0].slice('local.'.length) : undefined;
  const local = stack.node.findAll().find((c): c is TerraformLocal => c instanceof TerraformLocal && stack.getLogicalId(c) === name);
  // The local's value as it is written into the JSON (its expression getter is a reference to it).
  const written: unknown = local === undefined || name === undefined ? undefined : (local.toTerraform() as { locals?: { [name: string]: unknown } }).locals?.[name];
  const literal = typeof written === 'string' ? evaluateTemplate(asWritten(scope, written), NO_LOCALS) : undefined;
  return typeof literal === 'string' ? literal : undefined;
}
