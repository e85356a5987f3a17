// PG-IAM-1 beyond its own tests: each attribute of a generator known only later (override_special
// only when nothing else is), a minimum that is no number, an override_special that is no text,
// and the rule run without some of the stack's facts.
import { Verdict } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-IAM-1';
import { buildStackModel, TerraformBlock } from '../../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const GENERATOR = 'random_password.admin';
const libraryPassword = (overrides: TerraformBlock = {}): TerraformBlock => ({
  length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2, override_special: '-_.~!*', ...overrides,
});
const terraform = (password: TerraformBlock) => ({
  resource: {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: `\${${GENERATOR}.result}` }), ...madeAt(`${CONSTRUCT}/Server`) } },
    random_password: { admin: { ...password, ...madeAt(`${CONSTRUCT}/Password`) } },
  },
});
function verdicts(password: TerraformBlock, facts: 'all' | 'no constructs' | 'no resources' | 'none' = 'all'): readonly Verdict[] {
  const model = buildStackModel(terraform(password));
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const stack = {
    all: { postgresqlProviders: new Map(), resources: model.resources, constructs: [CONSTRUCT] },
    'no constructs': { postgresqlProviders: new Map(), resources: model.resources },
    'no resources': { postgresqlProviders: new Map(), constructs: [CONSTRUCT] },
    none: undefined,
  }[facts];
  const result = rule.evaluate(server, stack);
  return Array.isArray(result) ? result : [result as Verdict];
}
const laterOf = (attribute: string) => [{ status: 'unknown', note: `${attribute} of ${GENERATOR} is known only at apply time`, address: GENERATOR }];

test.each(['upper', 'min_numeric', 'number'])('%s known only at apply time is unknown', (attribute) => {
  expect(verdicts(libraryPassword({ [attribute]: '${var.x}' }))).toEqual(laterOf(attribute));
});

test('an attribute known later is named before an override_special known later', () => {
  expect(verdicts(libraryPassword({ length: '${var.length}', override_special: '${var.special}' }))).toEqual(laterOf('length'));
});

test('a minimum that is no number is short of the class', () => {
  expect(verdicts(libraryPassword({ min_upper: 'two' }))).toEqual([{
    status: 'fail',
    message: `${GENERATOR} makes weaker passwords than the library's: min_upper "two", fewer than 2 upper-case letters.`,
    address: GENERATOR,
  }]);
});

test('an override_special that is no text leaves the special class to min_special', () => {
  expect(verdicts(libraryPassword({ override_special: 42 }))).toEqual([{ status: 'pass' }]);
});

test('without the stack\'s resources no generator is found; without its constructs no construct\'s password is asked', () => {
  const notApplicable = [{ status: 'not-applicable', note: 'no password of the server or its roles comes from a random_password of this stack' }];
  expect(verdicts(libraryPassword(), 'none')).toEqual(notApplicable);
  expect(verdicts(libraryPassword({ length: 8 }), 'no constructs')).toEqual([{
    status: 'fail',
    message: `${GENERATOR} makes weaker passwords than the library's: length 8, fewer than 32 characters.`,
    address: GENERATOR,
  }]);
  expect(verdicts(libraryPassword(), 'no resources')).toEqual([{
    status: 'fail',
    message: `administrator_password_wo of ${FLEXIBLE}.db, which ${CONSTRUCT} makes, is \${${GENERATOR}.result}, not the construct's own generated password.`,
    address: `${FLEXIBLE}.db`,
  }]);
});
