import { Fn } from 'cdktf';
import { isToken } from '../private/tokens';

/** One server parameter, as a configuration resource of either server kind writes it. */
export interface ServerParameter {
  readonly name: string;
  readonly value: string;
}

/**
 * A comma-separated parameter value: fixed items first, then the user's, each once. A user list
 * that is a Terraform token is joined by Terraform at apply time.
 */
export function joinList(fixed: readonly string[], items: readonly string[]): string {
  if (isToken(items)) return Fn.join(',', Fn.distinct(Fn.concat([fixed, items])));
  return [...new Set([...fixed, ...items])].join(',');
}
