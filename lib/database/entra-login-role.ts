import type { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import type { Role } from '@cdktf/provider-postgresql/lib/role';
import { Fn, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { pinAttributes } from '../checks/suppression-registry';
import { isToken } from '../private/tokens';
import { UUID } from '../private/uuid';
import { EntraPrincipalType } from '../shared/entra-administrator';
import { EntraPrincipalOptions } from './database-principal';
import { postgresqlClasses } from './provider-classes';
import { LEAST_ROLE_ATTRIBUTES, NO_PASSWORD_EXPIRY } from './role-attributes';
import { LabelType, plainLabel } from '../private/pgaadauth-label';

/** The security label provider Azure uses to map roles to Entra principals. */
export const ENTRA_LABEL_PROVIDER = 'pgaadauth';

/** The principal types as pgaadauth writes them in a label. */
const LABEL_TYPES: { readonly [type in EntraPrincipalType]: LabelType } = {
  [EntraPrincipalType.USER]: 'user',
  [EntraPrincipalType.GROUP]: 'group',
  [EntraPrincipalType.SERVICE_PRINCIPAL]: 'service',
};

/** The pgaadauth label of a role mapped to an Entra principal. */
export function entraLabel(principal: EntraPrincipalOptions): string {
  return plainLabel(principal.objectId, LABEL_TYPES[principal.principalType]);
}

export interface EntraLoginRoleProps {
  readonly name: string;
  readonly principal: EntraPrincipalOptions;
  /** The name of the group role whose rights the login gets (a reference to it). */
  readonly groupRoleName: string;
  readonly provider: PostgresqlProvider;
  /** The server whose records pin the label's guard (PG-CFG-6). */
  readonly server: TerraformResource;
}

/**
 * A login role for an Entra principal, as Azure maps one (pgaadauth_create_principal_with_oid
 * does the same): a role without a password, labelled with the principal's object ID, so that
 * only an Entra token of that principal signs in as it. Its rights come from its group role.
 */
export class EntraLoginRole extends Construct {
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: EntraLoginRoleProps) {
    super(scope, id);
    const { provider } = props;
    const { Role, SecurityLabel } = postgresqlClasses();
    this.role = new Role(this, 'Role', { provider, name: props.name, login: true, ...LEAST_ROLE_ATTRIBUTES, roles: [props.groupRoleName] });
    pinAttributes(props.server, this.role, NO_PASSWORD_EXPIRY);
    const { objectId } = props.principal;
    const label = new SecurityLabel(this, 'EntraLabel', {
      provider,
      objectType: 'role',
      objectName: this.role.name,
      labelProvider: ENTRA_LABEL_PROVIDER,
      label: entraLabel(props.principal),
      // An object ID known only at plan is written into the label as it comes: a value such as "<GUID>,admin" would make the role
      // an Entra administrator's. The plan stops on anything but a GUID (uuid.ts), and PG-CFG-6 keeps the guard (Q76-34).
      lifecycle: isToken(objectId) ? {
        precondition: [{
          condition: Fn.can(Fn.regex(UUID.source, objectId)),
          errorMessage: 'The Entra object ID of a DatabaseAccess member must be a GUID, such as 00000000-0000-0000-0000-000000000000: it is written into the pgaadauth label.',
        }],
      } : undefined,
    });
    if (isToken(objectId)) pinAttributes(props.server, label, ['label', 'lifecycle.precondition']);
  }
}
