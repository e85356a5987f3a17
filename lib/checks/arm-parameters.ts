/**
 * What an ARM template's `[parameters('name')]` is given by the deployment that deploys it (C72-13): its parameter values,
 * `{ "<name>": { "value": ... } }`, as azurerm's `parameters_content` or azapi's `properties.parameters` write them, the names in
 * any case as ARM reads them. Only that one expression is read, and only a literal text value: another expression, a parameter given
 * no value (the template's default then applies) or a Key Vault reference, or a value known only at apply time, gives nothing.
 */
import { propertyInAnyCase } from './azapi-writes';
import { isAscii } from './hcl-expression';
import { isObject } from './terraform-json';

/** The name of the parameter an ARM expression is exactly (`[parameters('effect')]`); undefined for any other value. */
export function parameterName(expression: unknown): string | undefined {
  return typeof expression === 'string' ? /^\s*\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]\s*$/i.exec(expression)?.[1] : undefined;
}

/** The literal text `parameters` (a deployment's parameter values) gives the parameter `expression` names; undefined when there is none. */
export function parameterValue(expression: unknown, parameters: unknown): string | undefined {
  const name = parameterName(expression);
  // ARM compares names as .NET does (OrdinalIgnoreCase), which JavaScript's case folding does not match outside ASCII (the Kelvin
  // sign is "k" to toLowerCase, not to .NET): with a name outside ASCII given or asked for, which value ARM reads is not known (F73-11).
  if (name === undefined || !isAscii(name) || (isObject(parameters) && Object.keys(parameters).some((key) => !isAscii(key)))) return undefined;
  const given = propertyInAnyCase(parameters, name);
  // A parameter given both a value and a Key Vault reference: which one ARM reads, or whether it refuses both, is not known (G74-3).
  if (propertyInAnyCase(given, 'reference') !== undefined) return undefined;
  const value = propertyInAnyCase(given, 'value');
  return typeof value === 'string' ? value : undefined;
}
