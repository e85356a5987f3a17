import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SSL_MODE_REQUIRE_SUBJECT } from '../checks/rules/PGD-TLS-1';
import { checkLibraryConstruct, declareAccess, recordMade, suppressChoice, suppressRules } from '../checks/suppression-registry';
import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { readArgument } from '../private/caller-arguments';
import { snapshot } from '../private/snapshot';
import { isToken } from '../private/tokens';
import { warn } from '../private/warnings';
import { claimSecretNames } from '../shared/key-vault-secret-names';
import { ACCESS_LEVELS, AccessLevel, groupRoleName } from './access-level';
import { DatabasePrincipal } from './database-principal';
import { EntraLoginRole, entraLabel } from './entra-login-role';
import { serverProvider } from './library-providers';
import { ManagedDatabase } from './managed-database';
import { PasswordLoginRole, passwordSecretSuffix } from './password-login-role';
import { postgresqlClasses, timeClasses } from './provider-classes';
import { claim } from './server-claims';
import { PostgresSslMode } from './ssl-mode';
import { ACCESS_LEVEL_FIX } from './props-shape';
import { ResolvedAccess, resolveAccess } from './validate-access';
import { checkAccessLevel, checkManagedDatabase, oneOf } from './validate-roles';
import { checkConstructPath } from '../private/construct-path';
import { guardFields, sealNode } from '../private/own-node';
import { constructId, constructScope } from '../shared/construct-arguments';

/** The identity Terraform signs in to the server as. */
export interface DatabaseConnectAs {
  /**
   * Display name of one of the server's Entra administrators (`entraAdministrators[].principalName`):
   * the identity that runs Terraform must be that principal, or a member of that group.
   */
  readonly principalName: string;
}

/** A login role: who signs in, to which database, with which access level. */
export interface DatabaseRole {
  /**
   * Name of the role, which the member gives as user name when signing in (for an Entra user
   * usually the user principal name, for a group or an application its display name): 1-63
   * bytes, not a PostgreSQL or Azure name (postgres, azure_pg_admin, pg_..., ...).
   */
  readonly name: string;
  /** The database the role gets access to, one of the DatabaseAccess's `databases`. */
  readonly database: string;
  /** What the role may do there. It gets it as a member of the level's group role. */
  readonly access: AccessLevel;
  /** Who signs in: `DatabasePrincipal.entra(...)`, or by exception `DatabasePrincipal.password(...)`. */
  readonly member: DatabasePrincipal;
}

/** Properties of a DatabaseAccess. */
export interface DatabaseAccessProps {
  /** The server whose databases this manages. A SecureSingleServer is refused: it has no pgaadauth labels. */
  readonly server: SecureFlexibleServer;
  /** The Entra administrator Terraform signs in as. */
  readonly connectAs: DatabaseConnectAs;
  /** Databases to manage: names the server declares in its `databases` prop, so they exist before the grants. */
  readonly databases: string[];
  /** Login roles. Each gets its rights only through the group role of its level. An empty list creates the group roles only. */
  readonly roles: DatabaseRole[];
  /**
   * Schemas the grants cover, per database. Schemas other than public are created, owned by the
   * database's owner level.
   * @default - ["public"] for every database
   */
  readonly schemas?: { [database: string]: string[] };
  /**
   * How Terraform's connection to the server is protected.
   * @default PostgresSslMode.VERIFY_FULL
   */
  readonly sslMode?: PostgresSslMode;
  /**
   * Why the server's certificate is not checked, in at least 10 letters or digits. Required with
   * `PostgresSslMode.REQUIRE`, and printed at synth.
   * @default - none: VERIFY_FULL needs no justification
   */
  readonly sslModeJustification?: string;
}

/**
 * Least-privilege access inside the databases of a SecureFlexibleServer, through Terraform's
 * postgresql provider signed in as an Entra administrator: pgaudit in every database, PUBLIC
 * stripped of its default rights, a NOLOGIN group role per database and access level with grants
 * and default privileges, and login roles that get their rights only as members of those groups,
 * each an Entra principal or, by justified exception, a rotated password.
 */
export class DatabaseAccess extends Construct {
  /** The postgresql provider configuration the resources use, one per server and stack. */
  public readonly provider: TerraformProvider;
  /** Names of the login roles, in the order of the `roles` prop. The list is frozen. */
  public readonly roleNames: string[];
  private readonly groups = new Map<string, ReadonlyMap<AccessLevel, string>>();

  constructor(scope: Construct, id: string, props: DatabaseAccessProps) {
    // Checked before constructs reads them: a JavaScript caller may pass anything (A15a-5).
    super(constructScope(scope, 'DatabaseAccess'), constructId(id, 'DatabaseAccess', 'OrdersAccess'));
    sealNode(this, scope, 'DatabaseAccess');
    checkConstructPath(this);
    // Read once: what is validated is what is built (a getter could answer differently later).
    props = snapshot(props);
    // After the props are read: a props getter may define a field's name on this construct (J74-5).
    const sealFields = guardFields<DatabaseAccess>(this, 'DatabaseAccess', ['provider', 'roleNames']);
    const before = new Set(this.node.children);
    const access = resolveAccess(this, props);
    loadProviderPackages(access);
    const groupNames = access.databases.flatMap((database) => ACCESS_LEVELS.map((level) => groupRoleName(database.name, level)));
    // The password logins' Key Vault secrets, before anything is made: a refused construct adds nothing.
    claimSecretNames(this, access.roles.flatMap((role, index) => (role.password?.keyVaultResourceId === undefined ? [] : [{
      secret: { vaultId: role.password.keyVaultResourceId, serverPath: access.server.node.path, serverName: access.server.server.nameInput ?? access.server.serverName, suffix: passwordSecretSuffix(role.name) },
      source: { prop: `roles[${index}].name`, value: role.name, owner: `role "${role.name}" of ${this.node.path}` },
    }])));
    claim(access.server, {
      path: this.node.path,
      principalName: access.principalName,
      sslMode: access.sslMode,
      databases: access.databases.map((database) => database.name),
      roles: [...groupNames, ...access.roles.map((role) => role.name).filter((name) => !isToken(name))],
    });

    const provider = serverProvider(this, access.server, access.principalName, access.sslMode);
    this.provider = provider;
    if (access.sslMode === PostgresSslMode.REQUIRE) {
      warn(this, 'DatabaseTlsUnverified', 'Terraform connects to the server without checking its certificate (sslmode require)', access.sslModeJustification);
      // The provider's resources are this construct's, so the justified choice shows as suppressed there, for "require" only.
      suppressChoice(this, 'PGD-TLS-1', access.sslModeJustification!, SSL_MODE_REQUIRE_SUBJECT);
    }
    for (const database of access.databases) {
      const managed = new ManagedDatabase(this, `Database-${database.name}`, { database, provider, server: access.server.server });
      this.groups.set(database.name, managed.groupRoleNames);
    }
    access.roles.forEach((role, index) => {
      // A member's kind is in its id: switching a member from a password to Entra (or back) replaces its role, as a role updated in
      // place would keep its last password, then with no expiry (63rd run, A63a-1: the provider sets no password when none is given).
      const kind = role.entra !== undefined ? 'Role' : 'PasswordRole';
      const roleId = isToken(role.name) ? `${kind}${index}` : `${kind}-${role.name}`;
      const groupRoleName = this.groups.get(role.database)!.get(role.access)!;
      if (role.entra !== undefined) {
        new EntraLoginRole(this, roleId, { name: role.name, principal: role.entra, groupRoleName, provider, server: access.server.server });
      } else {
        const password = role.password!;
        const login = new PasswordLoginRole(this, roleId, { name: role.name, password, groupRoleName, provider, serverName: access.server.serverName, server: access.server.server });
        warn(this, 'DatabasePasswordRole', `Role "${role.name}" signs in with a password, rotated every ${password.rotateEveryDays} days`, password.justification);
        // The justified choice is a suppressed finding on that role alone, so every report format shows it (70th run, C1, C8).
        suppressRules(login.role, ['PGD-IAM-17'], password.justification);
      }
    });
    this.roleNames = Object.freeze(access.roles.map((role) => role.name)) as string[];
    // Its resources stay as made: no override may add count, for_each or a provisioner (PG-CFG-2).
    checkLibraryConstruct(this);
    // What it made, for the rules that compare the written JSON with it (PGD-IAM-11 to PGD-IAM-13).
    declareAccess(this, {
      path: this.node.path,
      server: `${access.server.server.terraformResourceType}.${access.server.server.friendlyUniqueId}`,
      provider: `postgresql.${provider.alias}`,
      principalName: access.principalName,
      groups: access.databases.flatMap((database) => ACCESS_LEVELS.map((level) => ({ name: groupRoleName(database.name, level), database: database.name, access: level, schemas: database.schemas }))),
      logins: access.roles.map((role) => ({
        name: role.name,
        group: groupRoleName(role.database, role.access),
        ...(role.entra === undefined ? {} : { label: entraLabel(role.entra) }),
      })),
    });
    recordMade(this, before);
    sealFields();
  }

  /**
   * Name of the group role of a level in a managed database, e.g. "orders_readonly", as a
   * reference to the name of its `postgresql_role` block: grant the read-only or read-write one to
   * roles managed elsewhere (`postgresql_grant_role`) to give them that access. Terraform then
   * applies the grant after the group role is made, which the checks ask for where an
   * administrator's name is known only at apply time (PGD-IAM-6). The owner level takes only this
   * construct's `roles` (PGD-IAM-13): a role granted it beside them needs
   * `PostgresSecurityChecks.suppress` with the reason.
   */
  public groupRoleName(database: string, access: AccessLevel): string {
    // A JavaScript caller's argument may throw when read (a revoked Proxy): the library's error, not a TypeError (adversarial run of stop 67).
    const databases = [...this.groups.keys()];
    readArgument('database', 'DB-DATABASE-UNMANAGED', `use ${oneOf(databases)}`, () => checkManagedDatabase('database', database, databases));
    readArgument('access', 'DB-ACCESS-LEVEL', ACCESS_LEVEL_FIX, () => checkAccessLevel('access', access));
    // The reference ManagedDatabase keeps (one token per role): its value is groupRoleName(database, access).
    return this.groups.get(database)!.get(access)!;
  }
}

/**
 * Loads the optional provider packages the access needs, before anything is added to the stack:
 * a missing one fails here with what to install, not halfway through the resources. (The random
 * provider of password members is loaded already: they need a server in password mode, whose
 * administrator password the server generated with it.)
 */
function loadProviderPackages(access: ResolvedAccess): void {
  postgresqlClasses();
  if (access.roles.some((role) => role.password !== undefined)) timeClasses();
}
