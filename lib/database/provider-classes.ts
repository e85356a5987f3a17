import type { DefaultPrivileges } from '@cdktf/provider-postgresql/lib/default-privileges';
import type { Extension } from '@cdktf/provider-postgresql/lib/extension';
import type { Grant } from '@cdktf/provider-postgresql/lib/grant';
import type { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import type { Role } from '@cdktf/provider-postgresql/lib/role';
import type { Schema } from '@cdktf/provider-postgresql/lib/schema';
import type { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import type { TimeProvider } from '@cdktf/provider-time/lib/provider';
import type { Rotating } from '@cdktf/provider-time/lib/rotating';
import { loadOptionalPeer, OptionalPeerUse, POSTGRESQL_PROVIDER, TIME_PROVIDER } from '../private/optional-peer';

// The provider classes of DatabaseAccess come from optional peer dependencies: they are loaded
// when a DatabaseAccess is made, never when the package is, and only type imports name them
// elsewhere, so a user of the server constructs installs neither package.

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */

/** The classes of @cdktf/provider-postgresql that DatabaseAccess uses. */
export interface PostgresqlClasses {
  readonly PostgresqlProvider: typeof PostgresqlProvider;
  readonly Role: typeof Role;
  readonly Grant: typeof Grant;
  readonly DefaultPrivileges: typeof DefaultPrivileges;
  readonly Extension: typeof Extension;
  readonly Schema: typeof Schema;
  readonly SecurityLabel: typeof SecurityLabel;
}

/** The classes of @cdktf/provider-time that password members use. */
export interface TimeClasses {
  readonly TimeProvider: typeof TimeProvider;
  readonly Rotating: typeof Rotating;
}

const DATABASE_ACCESS_USE: OptionalPeerUse = { neededBy: 'a DatabaseAccess', notNeededBy: 'stacks without a DatabaseAccess do not need it' };

/** What password members need @cdktf/provider-time and @cdktf/provider-random for. */
export const PASSWORD_MEMBER_USE: OptionalPeerUse = {
  neededBy: 'a DatabaseAccess password member',
  notNeededBy: 'members that sign in with Entra ID do not need it',
};

// Loaded once: every DatabaseAccess, database and role asks, and each require resolves its path again.
let postgresql: PostgresqlClasses | undefined;
let time: TimeClasses | undefined;

export function postgresqlClasses(): PostgresqlClasses {
  postgresql ??= loadOptionalPeer(POSTGRESQL_PROVIDER, DATABASE_ACCESS_USE, () => ({
    PostgresqlProvider: require('@cdktf/provider-postgresql/lib/provider').PostgresqlProvider,
    Role: require('@cdktf/provider-postgresql/lib/role').Role,
    Grant: require('@cdktf/provider-postgresql/lib/grant').Grant,
    DefaultPrivileges: require('@cdktf/provider-postgresql/lib/default-privileges').DefaultPrivileges,
    Extension: require('@cdktf/provider-postgresql/lib/extension').Extension,
    Schema: require('@cdktf/provider-postgresql/lib/schema').Schema,
    SecurityLabel: require('@cdktf/provider-postgresql/lib/security-label').SecurityLabel,
  }));
  return postgresql;
}

export function timeClasses(): TimeClasses {
  time ??= loadOptionalPeer(TIME_PROVIDER, PASSWORD_MEMBER_USE, () => ({
    TimeProvider: require('@cdktf/provider-time/lib/provider').TimeProvider,
    Rotating: require('@cdktf/provider-time/lib/rotating').Rotating,
  }));
  return time;
}

/* eslint-enable @typescript-eslint/no-require-imports */
