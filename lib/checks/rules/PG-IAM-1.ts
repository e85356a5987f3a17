import { inDatabaseOf } from '../database-checks';
import { GENERATOR_REFERENCE, passwordGenerators } from '../password-generators';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';
import { ResourceView, TerraformBlock } from '../stack-model';
import { madeBy } from '../beside-construct';
import { covers } from '../suppressions';
import { literalBoolean, literalInteger, plainTextPassword } from '../value-readers';

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
 * Generated passwords are as strong as the library makes them: every random_password (resource or
 * ephemeral) that a server's administrator password or a postgresql_role's password comes from has
 * a length of at least 32 and at least 2 characters of each class (lower, upper, digit, special;
 * an override_special of letters and digits only is no special class), so an override cannot cut
 * one to a few letters (PostgreSQL applies no password policy). Another random_* generator
 * (random_string, random_id, random_pet…) fails: it is not the sensitive password generator; so does
 * AWS's aws_secretsmanager_random_password lookup, which the rule does not judge. On a
 * server of the library's constructs, the administrator password comes from the construct's own
 * random_password: a variable or another generator put there by an override fails. A warning for
 * any stack; the constructs enforce it on their servers. Other password sources are not judged
 * here. No Checkov or Trivy check.
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
    const unread: Verdict[] = [];
    for (const [sink, attributes] of sinks) {
      for (const attribute of attributes) {
        const sources = passwordGenerators(sink.config[attribute], { stack, block: sink.config });
        // A way the checks cannot follow may end at any generator: unknown, never a pass (67th run, A67a-5).
        if ('unreadable' in sources) unread.push(unknown(`${attribute} of ${sink.address} ${sources.unreadable}`, sink.address));
        else sources.generators.forEach((generator) => generators.set(generator.address, generator));
      }
    }
    const verdicts = [...constructPasswordKept(server, stack), ...unread, ...[...generators.values()].map(strength)].filter((verdict) => verdict.status !== 'pass');
    if (verdicts.length > 0) return verdicts;
    return generators.size === 0 ? notApplicable('no password of the server or its roles comes from a random_password of this stack') : PASS;
  },
};

/** On a library construct's server, each administrator password attribute written refers to the construct's own random_password only. */
function constructPasswordKept(server: ResourceView, stack: StackFacts | undefined): Verdict[] {
  const path = server.constructPath;
  const owner = path === undefined ? undefined : stack?.constructs?.find((scope) => covers(scope, path));
  if (owner === undefined) return [];
  return SERVER_PASSWORDS.filter((attribute) => server.config[attribute] !== undefined).flatMap((attribute) => {
    const value = server.config[attribute];
    const references = isUnknown(value) ? value.references : [];
    const own = references.length > 0 && references.every((reference) => {
      const generator = stack?.resources?.get(GENERATOR_REFERENCE.exec(reference)?.[1] ?? '');
      return generator?.type === 'random_password' && !generator.address.startsWith('ephemeral.')
        && madeBy(generator, owner);
    });
    if (own) return [];
    const where = `${attribute} of ${server.address}, which ${owner} makes,`;
    // A password written as text is named, never shown; a plain reference is shown as written.
    const problem = plainTextPassword(value, undefined, { stack, block: server.config });
    if (problem !== undefined) return [fail(`${where} is not the construct's own generated password: it ${problem}.`, server.address)];
    return [fail(`${where} is ${String(value)}, not the construct's own generated password.`, server.address)];
  });
}

function strength(generator: ResourceView): Verdict {
  if (generator.type !== 'random_password') {
    const sensitive = generator.type.startsWith('random_') ? ', and its result is not marked sensitive' : '';
    return fail(`${generator.address} is a ${generator.type}, not a random_password: the rule cannot judge it as a password generator${sensitive}.`, generator.address);
  }
  const config: TerraformBlock = generator.config;
  const hidden = ['length', ...CLASSES.flatMap((c) => [c.flag, c.min]), 'number'].find((attribute) => isUnknown(config[attribute]));
  if (hidden === undefined && isUnknown(config.override_special)) return unknown(`override_special of ${generator.address} is known only at apply time`, generator.address);
  if (hidden) return unknown(`${hidden} of ${generator.address} is known only at apply time`, generator.address);
  const problems: string[] = [];
  const length = literalInteger(config.length);
  if (length === undefined || length < MIN_LENGTH) problems.push(`length ${JSON.stringify(config.length ?? null)}, fewer than ${MIN_LENGTH} characters`);
  for (const { flag, min, name } of CLASSES) {
    // numeric replaced the deprecated number; either written false leaves digits out.
    const excluded = literalBoolean(config[flag]) === false || (flag === 'numeric' && literalBoolean(config.number) === false);
    const least = literalInteger(config[min] ?? 0);
    if (excluded) problems.push(`no ${name} (${flag} = false)`);
    else if (flag === 'special' && withoutSpecial(config.override_special)) problems.push(`no special characters (override_special = ${JSON.stringify(config.override_special)})`);
    else if (least === undefined || least < MIN_OF_EACH_CLASS) problems.push(`${min} ${JSON.stringify(config[min] ?? 0)}, fewer than ${MIN_OF_EACH_CLASS} ${name}`);
  }
  if (problems.length === 0) return PASS;
  return fail(`${generator.address} makes weaker passwords than the library's: ${problems.join('; ')}.`, generator.address);
}

/** True when override_special is written and holds no character outside letters and digits (the "special" class is then empty). */
function withoutSpecial(value: unknown): boolean {
  return typeof value === 'string' && !/[^A-Za-z0-9]/.test(value);
}
