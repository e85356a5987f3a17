// PG-CFG-6 beyond its own tests: a pinned secret written another way is named but never printed
// (a plain reference is shown), a rule run without the stack's facts, a server no construct path
// names, and two resources at one construct path (the first in the JSON is the construct's).
import { PinnedAttributes } from '../../../../lib/checks/pinned-attributes';
import { Verdict } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-CFG-6';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';

const SERVER_PATH = `${CONSTRUCT}/Server`;
const SECRET = 'azurerm_key_vault_secret';
const SECRET_PATH = `${CONSTRUCT}/ConnectionSecret`;
const PINNED_VALUE = '${random_password.pw.result}';

function verdicts(resources: Resources, pinned: PinnedAttributes[], constructs = [CONSTRUCT]): readonly Verdict[] {
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs, pinned });
  return Array.isArray(result) ? result : [result as Verdict];
}
const pin: PinnedAttributes = { server: SERVER_PATH, path: SECRET_PATH, attributes: { value: PINNED_VALUE } };
const withSecret = (value: unknown, server: object = madeAt(SERVER_PATH)): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...server } },
  [SECRET]: { conn: { name: 'conn', key_vault_id: '${var.vault}', value, ...madeAt(SECRET_PATH) } },
});
const differs = (shown: string) => [{
  status: 'fail',
  message: `value is ${shown}, where the construct's props set ${JSON.stringify(PINNED_VALUE)}.`,
  address: `${SECRET}.conn`,
}];

test('a secret written as text, or as a template around a reference, is named but not printed', () => {
  expect(verdicts(withSecret('hunter2-but-longer'), [pin])).toEqual(differs('written as text (not shown: it holds a secret)'));
  expect(verdicts(withSecret('pw-${random_password.pw.result}'), [pin])).toEqual(differs('written as text (not shown: it holds a secret)'));
  expect(verdicts(withSecret({ nested: 'x' }), [pin])).toEqual(differs('written as text (not shown: it holds a secret)'));
});

test('a secret written as another plain reference is shown: it holds no secret itself', () => {
  expect(verdicts(withSecret('${random_password.other.result}'), [pin])).toEqual(differs('"${random_password.other.result}"'));
});

test('the pinned secret as written passes', () => {
  expect(verdicts(withSecret(PINNED_VALUE), [pin])).toEqual([{ status: 'pass' }]);
});

test('the first resource at a construct path in the JSON is the construct\'s', () => {
  const resources = withSecret(PINNED_VALUE);
  resources[SECRET] = { ...resources[SECRET], zcopy: { ...resources[SECRET].conn, value: '${random_password.other.result}' } };
  expect(verdicts(resources, [pin])).toEqual([{ status: 'pass' }]);
});

test('a rule run without the stack\'s facts does not apply', () => {
  const model = buildStackModel({ resource: withSecret(PINNED_VALUE) });
  expect(rule.evaluate(model.servers[0])).toEqual({ status: 'not-applicable', note: 'no library construct made the server' });
});

test('a server no construct path names has no pins, whatever pins the stack holds', () => {
  expect(verdicts(withSecret(PINNED_VALUE, {}), [pin])).toEqual([{ status: 'not-applicable', note: 'no library construct made the server' }]);
});
