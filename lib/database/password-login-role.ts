import type { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import type { Role } from '@cdktf/provider-postgresql/lib/role';
import { Fn, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { isToken } from '../private/tokens';
import { pinAttributes } from '../checks/suppression-registry';
import { pinGeneratedPassword, pinPasswordSecret } from '../shared/pin-identities';
import { libraryRandomPassword } from '../shared/random-password';
import { timeProvider } from './library-providers';
import { PASSWORD_MEMBER_USE, postgresqlClasses, timeClasses } from './provider-classes';
import { LEAST_ROLE_ATTRIBUTES } from './role-attributes';
import type { ResolvedPassword } from './validate-roles';
import { onDemandClasses } from '../private/on-demand-classes';

export interface PasswordLoginRoleProps {
  readonly name: string;
  readonly password: ResolvedPassword;
  /** The name of the group role whose rights the login gets (a reference to it). */
  readonly groupRoleName: string;
  readonly provider: PostgresqlProvider;
  /** Name of the server, for the Key Vault secret's name. */
  readonly serverName: string;
  /** The server resource, whose construct's rules (PG-CFG-6) keep the Key Vault secret as made. */
  readonly server: TerraformResource;
}

/**
 * PostgreSQL prints a role's valid_until as "2027-01-08 00:00:00+00" (ISO style, in the server's
 * time zone, UTC on Azure). Writing it the same way keeps the provider from seeing a change at
 * every plan.
 */
const VALID_UNTIL_FORMAT = 'YYYY-MM-DD hh:mm:ss+00';

/** What decides when a time_rotating is due: the base time, each period, a fixed due date and its triggers; none of them ignored. */
const ROTATION_SCHEDULE = [
  'rfc3339', 'rotation_rfc3339', 'rotation_minutes', 'rotation_hours', 'rotation_days', 'rotation_months', 'rotation_years', 'triggers', 'lifecycle.ignore_changes',
];

/**
 * A password login, rotated on a schedule. A time_rotating resource marks when the password is
 * due; on the first plan after that it is replaced, and with it the random_password (its keeper)
 * and the role's password_wo_version, so the provider sets the new password. The password only
 * reaches write-only attributes (password_wo, the secret's value_wo). valid_until is the due date
 * plus a grace period: a password no pipeline rotated stops working.
 */
export class PasswordLoginRole extends Construct {
  public readonly role: Role;
  /** Resource ID of the Key Vault secret, when a vault was given. */
  public readonly secretId?: string;

  constructor(scope: Construct, id: string, props: PasswordLoginRoleProps) {
    super(scope, id);
    const { password } = props;
    const { Rotating } = timeClasses();
    const { Role } = postgresqlClasses();
    // The role's name triggers a rotation too: a name known only at apply time is keyed by its place in the list, so a changed name
    // renames the role in place, which keeps its password; a new one is made and sent instead (64th run, A64a-1).
    const rotation = new Rotating(this, 'Rotation', { provider: timeProvider(this), rotationDays: password.rotateEveryDays, triggers: { role: props.name } });
    const generated = libraryRandomPassword(this, 'Password', { rotation: rotation.rfc3339 }, PASSWORD_MEMBER_USE);
    const expiry = Fn.timeadd(rotation.rotationRfc3339, `${password.expiryGraceDays * 24}h`);
    this.role = new Role(this, 'Role', {
      provider: props.provider,
      name: props.name,
      login: true,
      ...LEAST_ROLE_ATTRIBUTES,
      roles: [props.groupRoleName],
      passwordWo: generated.result,
      passwordWoVersion: rotation.rfc3339,
      validUntil: Fn.formatdate(VALID_UNTIL_FORMAT, expiry),
    });
    // The rotation stays as made (PG-CFG-6): due on the schedule from now (a base or a due date of
    // an override would move every rotation, A10a-12), a new password at each due date, sent to
    // the role, and an expiry that follows it.
    pinAttributes(props.server, rotation, ROTATION_SCHEDULE);
    pinGeneratedPassword(props.server, generated);
    pinAttributes(props.server, this.role, ['password_wo', 'valid_until', 'password_wo_version', 'lifecycle.ignore_changes']);
    if (password.keyVaultResourceId !== undefined) {
      const created = new (onDemandClasses.keyVaultSecret())(this, 'Secret', {
        name: `${props.serverName}-${passwordSecretSuffix(props.name)}`,
        keyVaultId: password.keyVaultResourceId,
        valueWo: generated.result,
        valueWoVersion: rotation.unix,
        contentType: 'password',
        expirationDate: expiry,
      });
      pinPasswordSecret(props.server, created, true);
      this.secretId = created.id;
    }
  }
}

/** The end of a password login's Key Vault secret name, after "<server name>-". */
export function passwordSecretSuffix(roleName: string): string {
  return `${secretNamePart(roleName)}-password`;
}

/** Key Vault secret names hold letters, digits and "-" only; a role name's other characters become "-". */
function secretNamePart(roleName: string): string {
  return isToken(roleName) ? Fn.replace(roleName, '/[^0-9A-Za-z-]/', '-') : roleName.replace(/[^0-9A-Za-z-]/g, '-');
}
