/** One server parameter, as a configuration resource of either server kind writes it. */
export interface ServerParameter {
  readonly name: string;
  readonly value: string;
}
