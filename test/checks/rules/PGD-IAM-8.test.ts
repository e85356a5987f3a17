import { postgresqlProviders } from '../../../lib/checks/database-checks';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { Verdict } from '../../../lib/checks/rule';
import { rule } from '../../../lib/checks/rules/PGD-IAM-8';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { databaseStack, groupRole, passwordRole } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';

/** Every verdict on the server "db" of a stack with one password role rotated by time_rotating.rotation. */
function verdicts(rotation: TerraformBlock, role: TerraformBlock = passwordRole('vendor')): readonly Verdict[] {
  const stack = databaseStack({ postgresql_role: { vendor: role } });
  const terraform = { ...stack, resource: { ...stack.resource, time_rotating: { rotation } } };
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources });
  return Array.isArray(result) ? result : [result as Verdict];
}

test.each([[{ rotation_days: 90 }], [{ rotation_days: '365' }], [{ rotation_hours: 24 }], [{ rotation_months: 12 }], [{ rotation_years: 1 }], [{ rotation_minutes: 60 }]])('passes a rotation of %j', (rotation) => {
  expect(verdicts(rotation)).toEqual([{ status: 'pass' }]);
});

test('is not applicable without in-database resources, and passes roles without a rotation', () => {
  const stack = databaseStack({});
  const model = buildStackModel(stack);
  expect(rule.evaluate(model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources }))
    .toEqual({ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' });
  expect(verdicts({ rotation_days: 36500 }, groupRole('orders_readonly'))).toEqual([{ status: 'pass' }]);
});

test.each([
  [{ rotation_days: 36500 }, 'rotation_days 36500'],
  [{ rotation_days: '366' }, 'rotation_days "366"'],
  [{ rotation_hours: 8761 }, 'rotation_hours 8761'],
  [{ rotation_months: 13 }, 'rotation_months 13'],
  [{ rotation_years: 100 }, 'rotation_years 100'],
])('fails a rotation of %j, longer than a year', (rotation, shown) => {
  expect(verdicts(rotation)).toEqual([{
    status: 'fail',
    message: `time_rotating.rotation has ${shown}, longer than a year (rotation_days 365), so the password and its expiry stay for too long.`,
    address: 'time_rotating.rotation',
  }]);
});

test('fails a rotation at one fixed time, and one without a period', () => {
  expect(verdicts({ rotation_rfc3339: '2099-01-01T00:00:00Z' })).toEqual([{
    status: 'fail',
    message: 'time_rotating.rotation rotates once, at rotation_rfc3339 "2099-01-01T00:00:00Z", not on a schedule.',
    address: 'time_rotating.rotation',
  }]);
  expect(verdicts({})).toEqual([{ status: 'fail', message: 'time_rotating.rotation has no rotation period, so the password never rotates.', address: 'time_rotating.rotation' }]);
});

test('a period known only at apply time is unknown, never a pass', () => {
  expect(verdicts({ rotation_days: '${var.days}' })).toEqual([{ status: 'unknown', note: 'rotation_days of time_rotating.rotation is known only at apply time', address: 'time_rotating.rotation' }]);
});

test('follows valid_until too, when password_wo_version names no rotation', () => {
  expect(verdicts({ rotation_days: 36500 }, passwordRole('vendor', { password_wo_version: '${var.version}' }))).toEqual([expect.objectContaining({ status: 'fail', address: 'time_rotating.rotation' })]);
});

// 65th run, A65a-1: a base time moves every due date; one in 2099 puts the first rotation there.
test.each(['2099-01-01T00:00:00Z', '${var.base}'])('fails a rotation counted from a fixed base time rfc3339 %j', (base) => {
  expect(verdicts({ rotation_days: 90, rfc3339: base })).toEqual([{
    status: 'fail',
    message: `time_rotating.rotation counts its rotations from rfc3339 ${JSON.stringify(base)}, a fixed base time, not from when it is made, so its first due date may be decades away; remove rfc3339 and make the rotation again once (terraform apply -replace=time_rotating.rotation), as Terraform keeps the base it has.`,
    address: 'time_rotating.rotation',
  }]);
});

// 66th run, A66a-4: an import ID holds a base time ("2099-01-01T00:00:00Z,0,0,90,0,0"), and a moved block brings another's state.
test.each([
  ['an import block', { import: [{ to: 'time_rotating.rotation', id: '2099-01-01T00:00:00Z,0,0,90,0,0' }] }],
  ['an import block of one instance', { import: [{ to: 'time_rotating.rotation["a"]', id: '2099-01-01T00:00:00Z,0,0,90,0,0' }] }],
  ['a moved block', { moved: [{ from: 'time_rotating.old', to: 'time_rotating.rotation' }] }],
])('fails a rotation given its state by %s', (how, blocks) => {
  const stack = databaseStack({ postgresql_role: { vendor: passwordRole('vendor') } });
  const terraform = { ...stack, ...blocks, resource: { ...stack.resource, time_rotating: { rotation: { rotation_days: 90 } } } };
  const findings = evaluateStack(terraform, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-8' && finding.status !== 'pass');
  expect(findings.map((finding) => [finding.status, finding.message])).toEqual([['fail', `time_rotating.rotation is given its state by ${how.replace(' of one instance', '')}, so its base time, and every due date, comes from there, not from when it is made.`]]);
});
