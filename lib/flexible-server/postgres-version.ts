import { checkOneOf } from '../private/validate';

/** Major PostgreSQL versions offered for Flexible Server (azurerm 4.55 also accepts 11 and 12, which Azure no longer supports in standard support). */
export enum PostgresVersion {
  /** PostgreSQL 13. */
  V13 = '13',
  /** PostgreSQL 14. */
  V14 = '14',
  /** PostgreSQL 15. */
  V15 = '15',
  /** PostgreSQL 16. */
  V16 = '16',
  /** PostgreSQL 17. */
  V17 = '17',
  /** PostgreSQL 18: no `connection_throttle.enable` parameter any more. */
  V18 = '18',
}

/** The last major version that still has the `connection_throttle.enable` server parameter. */
const LAST_VERSION_WITH_CONNECTION_THROTTLE = 17;

export function validateVersion(prop: string, version: PostgresVersion): void {
  checkOneOf('FLEXIBLE-VERSION', prop, version, Object.values(PostgresVersion), `use a PostgresVersion member, e.g. PostgresVersion.V17`);
}

/** True unless the version is literal and newer than 17; a token version is assumed to have it. */
export function hasConnectionThrottle(version: string): boolean {
  const major = Number(version);
  return Number.isNaN(major) || major <= LAST_VERSION_WITH_CONNECTION_THROTTLE;
}
