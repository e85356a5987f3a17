import { rule } from '../../../../lib/checks/rules/PGD-IAM-3';
import { postgresqlProviders } from '../../../../lib/checks/database-checks';
import { Verdict } from '../../../../lib/checks/rule';
import { buildStackModel, TerraformBlock } from '../../../../lib/checks/stack-model';
import { databaseStack, passwordRole } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

// How PGD-IAM-3 bounds valid_until by the rotation's due time (password-rotation-chain.ts hoursAfterDue, durationHours,
// shortestPeriodHours): each form of the expression, Go durations in every unit, and expressions around the forms it reads, which
// must fail (a condition after formatdate or before timeadd read as the due time would pass a password that never expires).
// Written from the twelfth pass's run of the file (77.4 %), whose survivors sat here, as did a generator's ignore_changes.

const GENERATOR = { length: 32, keepers: { rotation: '${time_rotating.rotation.rfc3339}' } };
/** A value known only at apply: the conditions below are not folded to one branch before the rule reads them. */
const FAR = 'var.far';

/** PGD-IAM-3's verdict on a password role with the given valid_until, beside its generator and a rotation of the given period. */
function verdict(validUntil: string, rotation: TerraformBlock = { rotation_days: 90 }, generator: TerraformBlock = GENERATOR): Verdict {
  const terraform = databaseStack({ postgresql_role: { a: passwordRole('billing', { valid_until: validUntil }) }, random_password: { pw: generator }, time_rotating: { rotation, other: { rotation_days: 1 } } });
  const model = buildStackModel(terraform);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  return (rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources, lookups: model.lookups }) as readonly Verdict[])[0];
}

const due = (duration: string) => `\${timeadd(time_rotating.rotation.rotation_rfc3339, "${duration}")}`;

// The rotation is a rest parameter: with a third parameter, Jest would read the test as one that takes a callback.
test.each<[string, string, ...TerraformBlock[]]>([
  ['720 hours after the due time', due('720h')],
  ['43,200 minutes', due('43200m')],
  ['719 hours and 60 minutes', due('719h60m')],
  ['719.25 hours', due('719.25h')],
  ['a sign before the duration', due('+720h')],
  ['2,592,000 seconds', due('2592000s')],
  ['a later duration taken back', '${timeadd(timeadd(time_rotating.rotation.rotation_rfc3339, "1000h"), "-300h")}'],
  ['the due time in parentheses', '${(time_rotating.rotation.rotation_rfc3339)}'],
  ['a whole-time layout given to timeadd', `\${timeadd(formatdate("YYYY-MM-DD'T'hh:mm:ssZ", time_rotating.rotation.rotation_rfc3339), "24h")}`],
  ['the rotation\'s time plus a month of 28 days and 30 days', '${timeadd(time_rotating.rotation.rfc3339, "1392h")}', { rotation_months: 1 }],
])('passes valid_until %s', (_, validUntil, ...rotation: TerraformBlock[]) => {
  expect(verdict(validUntil, ...rotation)).toEqual({ status: 'pass' });
});

test.each<[string, string, ...TerraformBlock[]]>([
  ['721 hours after the due time', due('721h')],
  ['43,260 minutes', due('43260m')],
  ['720.75 hours', due('720.75h')],
  ['a duration Go does not read', due('30d')],
  ['a later duration taken back too little', '${timeadd(timeadd(time_rotating.rotation.rotation_rfc3339, "1000h"), "-200h")}'],
  ['the due time of another rotation', '${time_rotating.other.rotation_rfc3339}'],
  ['the rotation\'s unix time', '${time_rotating.rotation.unix}'],
  ['a condition after the parenthesized due time', `\${(time_rotating.rotation.rotation_rfc3339) == "" ? ${FAR} : ${FAR}}`],
  ['a condition after formatdate', `\${formatdate("YYYY-MM-DD", time_rotating.rotation.rotation_rfc3339) != "" ? ${FAR} : ${FAR}}`],
  ['a condition after timeadd', `\${timeadd(time_rotating.rotation.rotation_rfc3339, "24h") != "" ? ${FAR} : ${FAR}}`],
  ['a condition before timeadd', `\${var.on ? ${FAR} : timeadd(time_rotating.rotation.rotation_rfc3339, "24h")}`],
  ['the rotation\'s time plus a month of 28 days and 32 days', '${timeadd(time_rotating.rotation.rfc3339, "1440h")}', { rotation_months: 1 }],
  ['the rotation\'s time when it has two periods', '${timeadd(time_rotating.rotation.rfc3339, "2160h")}', { rotation_days: 90, rotation_hours: 1 }],
  ['the rotation\'s time when its period is known at apply', '${timeadd(time_rotating.rotation.rfc3339, "2160h")}', { rotation_days: '${var.days}' }],
])('fails valid_until %s', (_, validUntil, ...rotation: TerraformBlock[]) => {
  expect(verdict(validUntil, ...rotation)).toMatchObject({ status: 'fail', message: expect.stringContaining('has valid_until = ') });
});

describe('a generator whose lifecycle ignores changes may keep its first password', () => {
  const withLifecycle = (lifecycle: unknown) => verdict(due('168h'), { rotation_days: 90 }, { ...GENERATOR, lifecycle });
  test.each([['no list', {}], ['an empty list', { ignore_changes: [] }], ['null', { ignore_changes: null }]])('ignoring %s passes', (_, lifecycle) => {
    expect(withLifecycle(lifecycle)).toEqual({ status: 'pass' });
  });
  test('ignoring its keepers fails', () => {
    expect(withLifecycle({ ignore_changes: ['keepers'] })).toMatchObject({ status: 'fail', message: expect.stringContaining('random_password.pw has lifecycle.ignore_changes = ["keepers"], which may keep it as it is') });
  });
  test('a lifecycle that is no block fails, named', () => {
    expect(withLifecycle('${var.lifecycle}')).toMatchObject({ status: 'fail', message: expect.stringMatching(/^random_password\.pw: /) });
  });
});
