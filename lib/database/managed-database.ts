import type { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import type { Role } from '@cdktf/provider-postgresql/lib/role';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { dependencyOn } from '../private/dependency';
import { ACCESS_LEVELS, AccessLevel, groupRoleName, privilegesOf } from './access-level';
import { postgresqlClasses } from './provider-classes';
import { LEAST_ROLE_ATTRIBUTES, NO_PASSWORD_EXPIRY, UNSET_EXTENSION_ARGUMENTS } from './role-attributes';
import { pinAttributes } from '../checks/suppression-registry';
import type { ResolvedDatabase } from './validate-access';

export interface ManagedDatabaseProps {
  readonly database: ResolvedDatabase;
  readonly provider: PostgresqlProvider;
  /** The server whose records pin the arguments its roles and pgaudit extension leave unset (PG-CFG-6). */
  readonly server: TerraformResource;
}

/** Kinds of objects inside a schema that the levels get privileges on, now and by default. */
const OBJECT_KINDS = ['table', 'sequence', 'function'] as const;
/** The schema every database has; the others are created, owned by the owner level. */
const PUBLIC_SCHEMA = 'public';

/**
 * One database, locked down and split into access levels: pgaudit created in it; PUBLIC (every
 * role) stripped of CONNECT and TEMPORARY on it and of every privilege on schema public; one
 * NOLOGIN group role per level with its grants on the database, the schemas and what they hold;
 * and default privileges so that what the owner level creates later is granted as well.
 */
export class ManagedDatabase extends Construct {
  /** The name of each level's group role, as a reference (one token each: cdktf records a stack trace per token). */
  public readonly groupRoleNames: ReadonlyMap<AccessLevel, string>;

  constructor(scope: Construct, id: string, props: ManagedDatabaseProps) {
    super(scope, id);
    const { database, provider } = props;
    const { DefaultPrivileges, Extension, Grant, Role, Schema } = postgresqlClasses();
    const name = database.name;
    // Everything in the database waits for it; the rest waits through references to the roles.
    // Written as cdktf writes `dependsOn`, without a token that records a stack trace each (dependency.ts).
    const waits = <T extends TerraformResource>(resource: T): T => {
      resource.dependsOn = [dependencyOn(database.resource)];
      return resource;
    };

    pinAttributes(props.server, waits(new Extension(this, 'Pgaudit', { provider, database: name, name: 'pgaudit' })), UNSET_EXTENSION_ARGUMENTS);
    // With no privileges, the provider only revokes: REVOKE ALL ... FROM PUBLIC.
    waits(new Grant(this, 'RevokePublicDatabase', { provider, database: name, role: 'public', objectType: 'database', privileges: [] }));
    waits(new Grant(this, 'RevokePublicSchema', { provider, database: name, role: 'public', schema: PUBLIC_SCHEMA, objectType: 'schema', privileges: [] }));

    const groupRoles = new Map<AccessLevel, Role>();
    for (const level of ACCESS_LEVELS) {
      groupRoles.set(level, waits(new Role(this, `Group-${level}`, { provider, name: groupRoleName(name, level), login: false, ...LEAST_ROLE_ATTRIBUTES })));
      pinAttributes(props.server, groupRoles.get(level)!, NO_PASSWORD_EXPIRY);
    }
    const groupRoleNames = new Map([...groupRoles].map(([level, role]) => [level, role.name]));
    this.groupRoleNames = groupRoleNames;
    // One token for the owner's name, used by every schema and default privilege below.
    const ownerName = groupRoleNames.get(AccessLevel.OWNER)!;

    // A schema is named through its resource, so that grants wait until it exists.
    const schemaNames = database.schemas.map((schema) => schema === PUBLIC_SCHEMA
      ? schema
      : new Schema(this, `Schema-${schema}`, { provider, database: name, name: schema, owner: ownerName, dropCascade: false }).name);

    for (const level of ACCESS_LEVELS) {
      const role = groupRoleNames.get(level)!;
      const privileges = privilegesOf(level);
      new Grant(this, `Grant-${level}-database`, { provider, database: name, role, objectType: 'database', privileges: privileges.database });
      database.schemas.forEach((schema, index) => {
        const schemaName = schemaNames[index];
        new Grant(this, `Grant-${level}-${schema}-schema`, { provider, database: name, role, schema: schemaName, objectType: 'schema', privileges: privileges.schema });
        for (const kind of OBJECT_KINDS) {
          new Grant(this, `Grant-${level}-${schema}-${kind}`, { provider, database: name, role, schema: schemaName, objectType: kind, privileges: privileges[kind] });
          if (privileges.defaultPrivileges) {
            new DefaultPrivileges(this, `Default-${level}-${schema}-${kind}`, {
              provider, database: name, role, owner: ownerName, schema: schemaName, objectType: kind, privileges: privileges[kind],
            });
          }
        }
      });
    }
  }
}
