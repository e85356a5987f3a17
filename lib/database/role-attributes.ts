/**
 * The attributes of every role the library creates, written out even where they are the
 * provider's defaults: a reviewer (and the rule pack) reads in the JSON that no role can act as a
 * superuser, create roles or databases, replicate or bypass row-level security.
 */
export const LEAST_ROLE_ATTRIBUTES = {
  superuser: false,
  createRole: false,
  createDatabase: false,
  replication: false,
  bypassRowLevelSecurity: false,
  inherit: true,
} as const;
