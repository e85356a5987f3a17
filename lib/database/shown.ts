import { Construct } from 'constructs';

/**
 * A bad value as an error message can show it: a construct by its path (it cannot be printed as
 * JSON), anything else that JSON cannot print as text, the rest as it is.
 */
export function shown(value: unknown): unknown {
  if (Construct.isConstruct(value)) return value.node.path;
  try {
    JSON.stringify(value);
    return value;
  } catch {
    return String(value);
  }
}
