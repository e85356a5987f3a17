/** One server parameter, as a configuration resource of either server kind writes it. */
export interface ServerParameter {
  readonly name: string;
  readonly value: string;
}

/**
 * A comma-separated parameter value: fixed items first, then the user's, each once. The lists are
 * literals (the props' shapes refuse tokens there), so the rule pack can read the value.
 */
export function joinList(fixed: readonly string[], items: readonly string[]): string {
  return [...new Set([...fixed, ...items])].join(',');
}
