import { TerraformResource, TerraformStack } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, FlexibleServerAuthentication, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';

const PIN_FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';

// The constructs generate passwords of 32 characters with at least two of each class, and rotate
// a password member within the 1 to 365 days the props allow; an override that weakens either
// fails synth (PG-IAM-1, PGD-IAM-8: warnings for any stack, enforced on the constructs' servers;
// adversary finding N12).

const JUSTIFICATION = 'vendor appliance needs passwords, SEC-517';

function passwordServer(stack: TerraformStack): SecureFlexibleServer {
  return new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    databases: [{ name: 'orders' }],
    authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: JUSTIFICATION }),
  }));
}

function vendor(stack: TerraformStack, server: SecureFlexibleServer): DatabaseAccess {
  return new DatabaseAccess(stack, 'Access', {
    server,
    connectAs: { principalName: 'db-admins' },
    databases: ['orders'],
    roles: [{ name: 'vendor', database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: 'Vendor appliance without Entra ID (SEC-517)' }) }],
  });
}

const resourcesOf = (stack: TerraformStack, type: string) => stack.node.findAll().filter((c) => (c as TerraformResource).terraformResourceType === type) as TerraformResource[];
const addressOf = (stack: TerraformStack, resource: TerraformResource) => `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`;

/** Cuts a random_password to `length` letters and digits, no minimum of any class. */
function weaken(password: TerraformResource, length: number): void {
  password.addOverride('length', length);
  password.addOverride('special', false);
  ['min_lower', 'min_upper', 'min_numeric', 'min_special'].forEach((minimum) => password.addOverride(minimum, 0));
}

const WEAK_8 = 'makes weaker passwords than the library\'s: length 8, fewer than 32 characters; min_lower 0, fewer than 2 lower-case letters; min_upper 0, fewer than 2 upper-case letters; min_numeric 0, fewer than 2 digits; no special characters (special = false). Fix: Generate the password with a random_password of length >= 32 and min_lower, min_upper, min_numeric and min_special >= 2 (what the constructs make).';

test('the passwords the constructs generate pass synth', () => {
  const stack = providerStack('trust');
  vendor(stack, passwordServer(stack));
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  expect(synthErrors(stack)).toEqual([]);
});

test('the Flexible Server administrator\'s random_password cut to 8 letters and digits fails synth', () => {
  const stack = providerStack('trust');
  passwordServer(stack);
  const [password] = resourcesOf(stack, 'random_password');
  weaken(password, 8);
  expect(synthErrors(stack)).toEqual([`  [trust] ${addressOf(stack, password)} PG-IAM-1 ${addressOf(stack, password)} ${WEAK_8}`]);
});

test('the Single Server administrator\'s random_password cut to 8 letters and digits fails synth', () => {
  const stack = providerStack('trust');
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  const [password] = resourcesOf(stack, 'random_password');
  weaken(password, 8);
  expect(synthErrors(stack)).toEqual([`  [trust] ${addressOf(stack, password)} PG-IAM-1 ${addressOf(stack, password)} ${WEAK_8}`]);
});

test('a DatabaseAccess password member\'s random_password of 4 lower-case letters fails synth', () => {
  const stack = providerStack('trust');
  vendor(stack, passwordServer(stack));
  const password = resourcesOf(stack, 'random_password').find((c) => c.node.path.includes('vendor'))!;
  weaken(password, 4);
  password.addOverride('upper', false);
  password.addOverride('numeric', false);
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${addressOf(stack, password)} PG-IAM-1 ${addressOf(stack, password)} makes weaker passwords than the library's: length 4, fewer than 32 characters; min_lower 0, fewer than 2 lower-case letters; no upper-case letters (upper = false); no digits (numeric = false); no special characters (special = false). Fix: Generate the password with a random_password of length >= 32 and min_lower, min_upper, min_numeric and min_special >= 2 (what the constructs make).`,
  ]);
});

test('time_rotating rotation_days = 36500 (the prop allows 1 to 365) fails synth', () => {
  const stack = providerStack('trust');
  vendor(stack, passwordServer(stack));
  const [rotation] = resourcesOf(stack, 'time_rotating');
  rotation.addOverride('rotation_days', 36500);
  const address = addressOf(stack, rotation);
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${address} PGD-IAM-8 ${address} has rotation_days 36500, longer than a year (rotation_days 365), so the password and its expiry stay for too long. Fix: Rotate the password with a time_rotating of rotation_days from 1 to 365 (DatabasePrincipal.password({ rotateEveryDays }) does).`,
    // The schedule the props set is pinned too (A10a-12).
    `  [trust] ${address} PG-CFG-6 rotation_days is 36500, where the construct's props set 90. ${PIN_FIX}`,
  ]);
});

describe('the administrator password swapped by override (A3-14)', () => {
  const FIX = 'Fix: Generate the password with a random_password of length >= 32 and min_lower, min_upper, min_numeric and min_special >= 2 (what the constructs make).';
  /** PG-CFG-6 on the same swap: the construct pins the password it writes (A10a-5). */
  const pinned = (server: string, written: string) => `  [trust] ${server} PG-CFG-6 administrator_password_wo is "${written}", where the construct's props set "\${random_password.Postgres_AdministratorPassword_5805CB74.result}". ${PIN_FIX}`;

  test('for an 8-character random_string: synth fails, naming the swap and the generator', () => {
    const stack = providerStack('trust');
    const postgres = passwordServer(stack);
    stack.addOverride('resource.random_string.weak', { length: 8, special: false });
    postgres.server.addOverride('administrator_password_wo', '${random_string.weak.result}');
    const server = addressOf(stack, postgres.server);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${server} PG-IAM-1 administrator_password_wo of ${server}, which trust/Postgres makes, is \${random_string.weak.result}, not the construct's own generated password. ${FIX}`,
      `  [trust] random_string.weak PG-IAM-1 random_string.weak is a random_string, not a random_password: the rule cannot judge it as a password generator, and its result is not marked sensitive. ${FIX}`,
      pinned(server, '${random_string.weak.result}'),
    ]);
  });

  test('for a variable: synth fails', () => {
    const stack = providerStack('trust');
    const postgres = passwordServer(stack);
    stack.addOverride('variable.pw', { type: 'string', sensitive: true, ephemeral: true });
    postgres.server.addOverride('administrator_password_wo', '${var.pw}');
    const server = addressOf(stack, postgres.server);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${server} PG-IAM-1 administrator_password_wo of ${server}, which trust/Postgres makes, is \${var.pw}, not the construct's own generated password. ${FIX}`,
      pinned(server, '${var.pw}'),
    ]);
  });

  test('for a literal: synth fails, saying it is text without showing it', () => {
    const stack = providerStack('trust');
    const postgres = passwordServer(stack);
    postgres.server.addOverride('administrator_password', 'Zq9SecretLiteral42x');
    const server = addressOf(stack, postgres.server);
    const errors = synthErrors(stack);
    expect(errors).toContain(`  [trust] ${server} PG-IAM-1 administrator_password of ${server}, which trust/Postgres makes, is not the construct's own generated password: it is a literal, so the password is written in the configuration. ${FIX}`);
    expect(errors.join('\n')).not.toContain('Zq9SecretLiteral42x');
  });

  test('for an ephemeral random_password, strong or not: synth fails', () => {
    const stack = providerStack('trust');
    const postgres = passwordServer(stack);
    stack.addOverride('ephemeral.random_password.other', { length: 40, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2 });
    postgres.server.addOverride('administrator_password_wo', '${ephemeral.random_password.other.result}');
    const server = addressOf(stack, postgres.server);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${server} PG-IAM-1 administrator_password_wo of ${server}, which trust/Postgres makes, is \${ephemeral.random_password.other.result}, not the construct's own generated password. ${FIX}`,
      pinned(server, '${ephemeral.random_password.other.result}'),
    ]);
  });

  test('override_special = "a" on the construct\'s random_password fails synth', () => {
    const stack = providerStack('trust');
    passwordServer(stack);
    const [password] = resourcesOf(stack, 'random_password');
    password.addOverride('override_special', 'a');
    const address = addressOf(stack, password);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${address} PG-IAM-1 ${address} makes weaker passwords than the library's: no special characters (override_special = "a"). ${FIX}`,
    ]);
  });
});
