import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { isEmailAddress } from '../../private/email-address';
import { TerraformBlock } from '../stack-model';
import { literalBoolean, literalInteger, nestedBlock } from '../value-readers';

/**
 * Fewer days than this of threat detection logs is a short retention: the 90 days CIS (Azure
 * Foundations, "Auditing retention greater than 90 days") and Checkov (CKV_AZURE_24) ask of Azure
 * SQL audit logs, the nearest benchmark; none gives a figure for PostgreSQL. 0 keeps them forever.
 */
export const MIN_THREAT_RETENTION_DAYS = 90;

/**
 * Threat detection (Advanced Threat Protection) on, and heard: a threat_detection_policy block with
 * enabled = true, no alert type disabled (Checkov's CKV_AZURE_25 asks the same of Azure SQL:
 * "Threat Detection types set to All"), someone notified (email_account_admins = true, which the
 * provider defaults to false, or at least one of email_addresses: CKV_AZURE_26 and 27 for Azure
 * SQL), and a retention of 0 (forever) or at least 90 days when one is written. An alert no one
 * receives, or a detection with every alert type disabled, is threat detection off in all but name.
 */
export const rule: Rule = {
  id: 'PGS-THR-1',
  title: 'Threat detection enabled, every alert on, someone notified',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.THREAT_PROTECTION,
  references: {
    checkov: ['CKV_AZURE_128'],
    azurePolicy: ['db048e65 Configure Advanced Threat Protection to be enabled on Azure database for PostgreSQL servers'],
  },
  fix: 'Set threat_detection_policy { enabled = true, email_account_admins = true } (or list email_addresses), with no disabled_alerts and a retention_days of 0 or at least 90 (General Purpose or Memory Optimized tier).',
  appliesTo: 'single',
  evaluate: (server) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    const policy = nestedBlock(server.config, 'threat_detection_policy');
    if (policy.state === 'unknown') return unknown(policy.note);
    if (policy.state === 'absent') return fail('threat_detection_policy is not set, so threat detection is off.');
    const enabled = policy.block.enabled;
    if (isUnknown(enabled)) return unknown('threat_detection_policy.enabled is known only at apply time');
    if (enabled === undefined) return fail('threat_detection_policy.enabled is not set, so threat detection is off.');
    if (literalBoolean(enabled) !== true) return fail(`threat_detection_policy.enabled is ${JSON.stringify(enabled)}, not true.`);
    return worst([disabledAlerts(policy.block), recipients(policy.block), retention(policy.block)]);
  },
};

function worst(verdicts: readonly Verdict[]): Verdict | readonly Verdict[] {
  const failures = verdicts.filter((verdict) => verdict.status === 'fail');
  if (failures.length > 0) return failures;
  const hidden = verdicts.filter((verdict) => verdict.status === 'unknown');
  return hidden.length > 0 ? hidden : PASS;
}

function disabledAlerts(policy: TerraformBlock): Verdict {
  const disabled = policy.disabled_alerts;
  if (isUnknown(disabled) || (Array.isArray(disabled) && disabled.some(isUnknown))) return unknown('threat_detection_policy.disabled_alerts is known only at apply time');
  const list = Array.isArray(disabled) ? disabled : disabled === undefined ? [] : [disabled];
  if (list.length === 0) return PASS;
  return fail(`threat_detection_policy.disabled_alerts turns off ${list.map((alert) => JSON.stringify(alert)).join(', ')}: those attacks raise no alert.`);
}

/** Someone is notified: the account admins, or an address written as one ("", " ", a bare name or null reach no one: adversarial run of stop 68). */
function recipients(policy: TerraformBlock): Verdict {
  const admins = policy.email_account_admins;
  const addresses = policy.email_addresses;
  if (literalBoolean(admins) === true) return PASS;
  const listed = Array.isArray(addresses) ? addresses : [];
  if (listed.some(isEmailAddress)) return PASS;
  if (isUnknown(admins) || isUnknown(addresses) || listed.some(isUnknown)) return unknown('who receives threat alerts (email_account_admins, email_addresses) is known only at apply time');
  const written = listed.length === 0 ? 'is empty' : `holds no e-mail address (${listed.map((address) => JSON.stringify(address)).join(', ')})`;
  return fail(`threat_detection_policy notifies no one: email_account_admins is ${admins === undefined ? 'not set (the provider\'s default is false)' : JSON.stringify(admins)} and email_addresses ${written}, so alerts go unread.`);
}

function retention(policy: TerraformBlock): Verdict {
  const days = policy.retention_days;
  if (days === undefined) return PASS;
  if (isUnknown(days)) return unknown('threat_detection_policy.retention_days is known only at apply time');
  const value = literalInteger(days);
  if (value === 0 || (value !== undefined && value >= MIN_THREAT_RETENTION_DAYS)) return PASS;
  return fail(`threat_detection_policy.retention_days is ${JSON.stringify(days)}: threat detection logs are kept less than ${MIN_THREAT_RETENTION_DAYS} days (0 keeps them forever).`);
}
