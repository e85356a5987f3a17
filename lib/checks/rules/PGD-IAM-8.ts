import { eachOf, inDatabaseOf, noDatabaseObjects } from '../database-checks';
import { referencedResources } from '../referenced-resources';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';
import { ResourceView } from '../stack-model';
import { isSet, literalInteger } from '../value-readers';
import { adoptedBy } from '../stack-created';

/** The longest rotation DatabasePrincipal.password allows (rotateEveryDays 1 to 365), in each unit time_rotating takes. */
const LONGEST = [
  { attribute: 'rotation_days', most: 365 },
  { attribute: 'rotation_hours', most: 365 * 24 },
  { attribute: 'rotation_minutes', most: 365 * 24 * 60 },
  { attribute: 'rotation_months', most: 12 },
  { attribute: 'rotation_years', most: 1 },
];

/**
 * Password roles rotate at least once a year: every time_rotating that a postgresql_role's
 * password_wo_version or valid_until comes from rotates within 365 days (what
 * DatabasePrincipal.password's rotateEveryDays allows), so an override cannot stretch a rotation
 * (and the expiry that follows it) to decades. A rotation_rfc3339 is one fixed time, not a
 * schedule: it fails. A warning for any stack; the constructs enforce it on their servers. No
 * Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-8',
  title: 'Password roles rotate at least once a year',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Rotate the password with a time_rotating of rotation_days from 1 to 365 (DatabasePrincipal.password({ rotateEveryDays }) does).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const none = noDatabaseObjects(server);
    if (none) return none;
    const rotations = new Map<string, ResourceView>();
    for (const role of inDatabaseOf(server, 'postgresql_role')) {
      for (const attribute of ['password_wo_version', 'valid_until']) {
        referencedResources(role.config[attribute], 'time_rotating', stack?.resources).forEach((rotation) => rotations.set(rotation.address, rotation));
      }
    }
    return eachOf([...rotations.values()], (rotation) => period(rotation, stack));
  },
};

function period(rotation: ResourceView, stack: StackFacts | undefined): Verdict {
  const { config, address } = rotation;
  if (isSet(config.rotation_rfc3339)) return fail(`${address} rotates once, at rotation_rfc3339 ${JSON.stringify(config.rotation_rfc3339)}, not on a schedule.`, address);
  // A base time moves every due date with it: one far ahead puts the first rotation decades out (65th run, A65a-1). Terraform keeps
  // the base in its state when the argument is removed (it is computed): the rotation must be made again once (66th run, A66a-6).
  if (isSet(config.rfc3339)) {
    return fail(`${address} counts its rotations from rfc3339 ${JSON.stringify(config.rfc3339)}, a fixed base time, not from when it is made, so its first due date may be decades away; remove rfc3339 and make the rotation again once (terraform apply -replace=${address}), as Terraform keeps the base it has.`, address);
  }
  // An import block or a moved block gives it a base time from elsewhere (an import ID holds one), which the JSON does not show (A66a-4).
  const adopted = adoptedBy(address, stack);
  if (adopted !== undefined) return fail(`${address} is given its state by ${adopted === 'import' ? 'an import block' : 'a moved block'}, so its base time, and every due date, comes from there, not from when it is made.`, address);
  const written = LONGEST.filter(({ attribute }) => isSet(config[attribute]));
  if (written.length === 0) return fail(`${address} has no rotation period, so the password never rotates.`, address);
  for (const { attribute, most } of written) {
    if (isUnknown(config[attribute])) return unknown(`${attribute} of ${address} is known only at apply time`, address);
    const value = literalInteger(config[attribute]);
    if (value === undefined || value > most) {
      return fail(`${address} has ${attribute} ${JSON.stringify(config[attribute])}, longer than a year (${LONGEST[0].attribute} ${LONGEST[0].most}), so the password and its expiry stay for too long.`, address);
    }
  }
  return PASS;
}
