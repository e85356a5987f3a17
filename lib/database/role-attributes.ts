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

/**
 * The pgaudit extension's arguments the library never writes, pinned as unset (PG-CFG-6; A81-17): its schema, version and what create
 * or drop cascades to. A role's own session defaults and limits (`search_path`, `statement_timeout`, `connection_limit`) are the
 * caller's to add: PGD-LOG-2 judges the logging ones, PGD-IAM-13 `skip_drop_role` and `skip_reassign_owned`.
 */
export const UNSET_EXTENSION_ARGUMENTS = ['schema', 'version', 'create_cascade', 'drop_cascade'];

/**
 * The expiry of a role without a password (an Entra login, a group role): none, as audit-roles reads it (a `valid_until` there is
 * a password's, `entra-role-password`), pinned as unset (PG-CFG-6; A81-17).
 */
export const NO_PASSWORD_EXPIRY = ['valid_until'];
