import { inDatabaseOf } from '../database-checks';
import { referencedResources } from '../referenced-resources';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ResourceView, TerraformBlock } from '../stack-model';
import { literalBoolean, literalInteger } from '../value-readers';

/** Where a server's or a role's password is written. */
const SERVER_PASSWORDS = ['administrator_password_wo', 'administrator_password', 'administrator_login_password_wo', 'administrator_login_password'];
const ROLE_PASSWORDS = ['password_wo', 'password'];

/** What the library generates: 32 characters, at least two of each class. */
const MIN_LENGTH = 32;
const MIN_OF_EACH_CLASS = 2;
const CLASSES = [
  { flag: 'lower', min: 'min_lower', name: 'lower-case letters' },
  { flag: 'upper', min: 'min_upper', name: 'upper-case letters' },
  { flag: 'numeric', min: 'min_numeric', name: 'digits' },
  { flag: 'special', min: 'min_special', name: 'special characters' },
];

/**
 * Generated passwords are as strong as the library makes them: every random_password that a
 * server's administrator password or a postgresql_role's password comes from has a length of at
 * least 32 and at least 2 characters of each class (lower, upper, digit, special), so an override
 * cannot cut one to a few letters (PostgreSQL applies no password policy). A warning for any
 * stack; the constructs enforce it on their servers. Passwords from anything other than a
 * random_password of the stack are not judged here. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-IAM-1',
  title: 'Generated passwords: 32 characters, every class',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Generate the password with a random_password of length >= 32 and min_lower, min_upper, min_numeric and min_special >= 2 (what the constructs make).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const sinks: [ResourceView, string[]][] = [[server, SERVER_PASSWORDS], ...inDatabaseOf(server, 'postgresql_role').map((role): [ResourceView, string[]] => [role, ROLE_PASSWORDS])];
    const generators = new Map<string, ResourceView>();
    for (const [sink, attributes] of sinks) {
      for (const attribute of attributes) {
        referencedResources(sink.config[attribute], 'random_password', stack?.resources).forEach((generator) => generators.set(generator.address, generator));
      }
    }
    if (generators.size === 0) return notApplicable('no password of the server or its roles comes from a random_password of this stack');
    const verdicts = [...generators.values()].map(strength).filter((verdict) => verdict.status !== 'pass');
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function strength(generator: ResourceView): Verdict {
  const config: TerraformBlock = generator.config;
  const hidden = ['length', ...CLASSES.flatMap((c) => [c.flag, c.min]), 'number'].find((attribute) => isUnknown(config[attribute]));
  if (hidden) return unknown(`${hidden} of ${generator.address} is known only at apply time`, generator.address);
  const problems: string[] = [];
  const length = literalInteger(config.length);
  if (length === undefined || length < MIN_LENGTH) problems.push(`length ${JSON.stringify(config.length ?? null)}, fewer than ${MIN_LENGTH} characters`);
  for (const { flag, min, name } of CLASSES) {
    // numeric replaced the deprecated number; either written false leaves digits out.
    const excluded = literalBoolean(config[flag]) === false || (flag === 'numeric' && literalBoolean(config.number) === false);
    const least = literalInteger(config[min] ?? 0);
    if (excluded) problems.push(`no ${name} (${flag} = false)`);
    else if (least === undefined || least < MIN_OF_EACH_CLASS) problems.push(`${min} ${JSON.stringify(config[min] ?? 0)}, fewer than ${MIN_OF_EACH_CLASS} ${name}`);
  }
  if (problems.length === 0) return PASS;
  return fail(`${generator.address} makes weaker passwords than the library's: ${problems.join('; ')}.`, generator.address);
}
