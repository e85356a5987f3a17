import { checkOneOf } from '../private/validate';

/** Major PostgreSQL versions of Single Server. */
export enum SingleServerVersion {
  /** PostgreSQL 9.5. */
  V9_5 = '9.5',
  /** PostgreSQL 9.6. */
  V9_6 = '9.6',
  /** PostgreSQL 10. */
  V10 = '10',
  /** PostgreSQL 11. */
  V11 = '11',
}

export function validateSingleServerVersion(prop: string, version: SingleServerVersion): void {
  checkOneOf('SINGLE-VERSION', prop, version, Object.values(SingleServerVersion), 'use a SingleServerVersion member, e.g. SingleServerVersion.V11');
}
