import { IConstruct } from 'constructs';
import { boolean, optional, reason, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkJustification } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';

/**
 * Bring a live Single Server under the construct through Terraform's import, without
 * recreating it. The attributes that would force a new server (infrastructure encryption,
 * geo-redundant backup) must be stated as the live server has them: a weaker live value is kept
 * and warned about, never replaced. Everything that can change in place is brought to the secure
 * defaults on apply (public access off, TLS 1.2, threat detection, parameters, diagnostics), so
 * clients that use the public endpoint must move to the private endpoint first.
 */
export interface SingleServerAdoption {
  /** Resource ID of the live server: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/servers/<name>. */
  readonly serverResourceId: string;
  /** Whether the live server has infrastructure (double) encryption: changing it would replace the server. */
  readonly infrastructureEncryptionEnabled: boolean;
  /** Whether the live server has geo-redundant backup: changing it would replace the server. */
  readonly geoRedundantBackupEnabled: boolean;
  /**
   * Import the server's existing Entra administrator instead of creating one (Azure allows one).
   * Set false when the live server has none yet.
   * @default true
   */
  readonly importEntraAdministrator?: boolean;
  /**
   * Replace the live administrator password with a generated one. Off by default so that
   * adoption does not lock out whoever uses the current password.
   * @default false
   */
  readonly rotateAdministratorPassword?: boolean;
  /**
   * Why the live server is weaker than the defaults, required when infrastructure encryption or
   * geo-redundant backup is off, printed at synth.
   * @default - none; required only for a weaker live server
   */
  readonly justification?: string;
}

const SERVER_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/servers\/([^/]+)$/;

const STATE_IT = 'state it as the live server has it (az postgres server show), so the plan keeps the server';

export const SINGLE_SERVER_ADOPTION = struct('SingleServerAdoption', {
  serverResourceId: required(text(), 'give the resource ID of the live server'),
  infrastructureEncryptionEnabled: required(boolean(), STATE_IT),
  geoRedundantBackupEnabled: required(boolean(), STATE_IT),
  importEntraAdministrator: optional(boolean()),
  rotateAdministratorPassword: optional(boolean()),
  justification: optional(reason()),
});

export interface AdoptionContext {
  readonly name: string;
  readonly resourceGroupName: string;
  /** Props that must be stated when adopting, as the defaults might not match the live server. */
  readonly explicit: { readonly [prop: string]: unknown };
}

export function validateAdoption(prop: string, adoption: SingleServerAdoption | undefined, context: AdoptionContext): void {
  if (adoption === undefined) return;
  const id = adoption.serverResourceId;
  if (!isToken(id)) {
    const match = SERVER_ID.exec(id);
    if (match === null) {
      throw new ValidationError(
        'ADOPTION-ID-FORMAT',
        `${prop}.serverResourceId`,
        id,
        'is not a Single Server resource ID',
        'give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/servers/<name>',
      );
    }
    const [, resourceGroup, name] = match;
    if (!isToken(context.name) && name !== context.name) {
      throw new ValidationError('ADOPTION-NAME-MISMATCH', `${prop}.serverResourceId`, id, `names server "${name}", not "${context.name}"`, `set name to "${name}", or correct the ID`);
    }
    if (!isToken(context.resourceGroupName) && resourceGroup.toLowerCase() !== context.resourceGroupName.toLowerCase()) {
      throw new ValidationError('ADOPTION-RESOURCE-GROUP-MISMATCH', `${prop}.serverResourceId`, id, `is in resource group "${resourceGroup}", not "${context.resourceGroupName}"`, `set resourceGroupName to "${resourceGroup}", or correct the ID`);
    }
  }
  for (const [key, value] of Object.entries(context.explicit)) {
    if (value === undefined) {
      throw new ValidationError('ADOPTION-EXPLICIT-PROP', key, value, 'is required when adopting', 'state it as the live server has it: a default that differs would change or replace the server');
    }
  }
  if (adoption.infrastructureEncryptionEnabled === false || adoption.geoRedundantBackupEnabled === false) {
    checkJustification(`${prop}.justification`, adoption.justification, 'adopt a server without infrastructure encryption or geo-redundant backup');
  }
}

export function warnWeakAdoption(scope: IConstruct, adoption: SingleServerAdoption | undefined): void {
  if (adoption === undefined) return;
  if (adoption.infrastructureEncryptionEnabled === false) {
    warn(scope, 'AdoptedWithoutInfrastructureEncryption', 'The adopted server has no infrastructure encryption; only a new server can have it', adoption.justification);
  }
  if (adoption.geoRedundantBackupEnabled === false) {
    warn(scope, 'AdoptedWithoutGeoBackup', 'The adopted server has no geo-redundant backup; only a new server can have it', adoption.justification);
  }
}
