/** What the members of a role may do in one database. Each level is a NOLOGIN group role. */
export enum AccessLevel {
  /** Read tables, sequences and run functions: CONNECT, USAGE on the schemas, SELECT, EXECUTE. */
  READ_ONLY = 'readonly',
  /** Read and change rows: READ_ONLY plus TEMPORARY, INSERT, UPDATE, DELETE and using sequences. */
  READ_WRITE = 'readwrite',
  /**
   * Run migrations: create objects in the schemas and use every existing table, sequence and
   * function. Objects created while acting as this role (SET ROLE) are covered by the default
   * privileges of the other levels.
   */
  OWNER = 'owner',
}

/** The privileges one level holds on each kind of object, as the postgresql provider names them. */
export interface LevelPrivileges {
  readonly database: string[];
  readonly schema: string[];
  readonly table: string[];
  readonly sequence: string[];
  readonly function: string[];
  /** Whether objects the owner level creates later are granted to this level too. */
  readonly defaultPrivileges: boolean;
}

// Explicit lists rather than "ALL": PostgreSQL 17 adds MAINTAIN to ALL on tables, which the
// provider (1.26) does not know, so "ALL" would show a difference at every plan.
const PRIVILEGES: { readonly [level in AccessLevel]: LevelPrivileges } = {
  [AccessLevel.READ_ONLY]: {
    database: ['CONNECT'],
    schema: ['USAGE'],
    table: ['SELECT'],
    sequence: ['SELECT'],
    function: ['EXECUTE'],
    defaultPrivileges: true,
  },
  [AccessLevel.READ_WRITE]: {
    database: ['CONNECT', 'TEMPORARY'],
    schema: ['USAGE'],
    table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    sequence: ['SELECT', 'USAGE'],
    function: ['EXECUTE'],
    defaultPrivileges: true,
  },
  [AccessLevel.OWNER]: {
    database: ['CONNECT', 'TEMPORARY'],
    schema: ['CREATE', 'USAGE'],
    table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'],
    sequence: ['SELECT', 'USAGE', 'UPDATE'],
    function: ['EXECUTE'],
    // It owns what it creates; nothing to grant it by default.
    defaultPrivileges: false,
  },
};

/** Every level, from least to most privileged. */
export const ACCESS_LEVELS: readonly AccessLevel[] = [AccessLevel.READ_ONLY, AccessLevel.READ_WRITE, AccessLevel.OWNER];

export function privilegesOf(level: AccessLevel): LevelPrivileges {
  return PRIVILEGES[level];
}

/** The group role of a level in a database, e.g. "orders_readonly". */
export function groupRoleName(database: string, level: AccessLevel): string {
  return `${database}_${level}`;
}
