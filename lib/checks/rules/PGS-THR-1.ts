import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';
import { literalBoolean, nestedBlock } from '../value-readers';

/** Threat detection (Advanced Threat Protection) on: a threat_detection_policy block with enabled = true. */
export const rule: Rule = {
  id: 'PGS-THR-1',
  title: 'Threat detection enabled',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.THREAT_PROTECTION,
  references: {
    checkov: ['CKV_AZURE_128'],
    azurePolicy: ['db048e65 Configure Advanced Threat Protection to be enabled on Azure database for PostgreSQL servers'],
  },
  fix: 'Add threat_detection_policy { enabled = true, email_account_admins = true } to the server (General Purpose or Memory Optimized tier).',
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
    return PASS;
  },
};
