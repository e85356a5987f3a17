import { EXIT_BAD_INPUT, EXIT_FINDINGS } from '../../lib/cli/check-command';
import { check, fileWith, INSECURE } from './cli-harness';

// A property of the top-level "//" written twice: check merged both lists, where jq or JSON.parse show a reviewer only the last
// (T77-8). Bad input, as the "//" itself written twice is (Q76-19).

const resources = JSON.stringify(INSECURE.resource);
const HIDDEN = JSON.stringify([{ path: 'stack/db', ruleId: 'PGF-NET-4', reason: 'hidden from a reviewer by the repeat' }]);

test.each(['cdktf-azure-postgres-suppressions', 'cdktf-azure-postgres-constructs', 'any/other ~name'])('"//" holding %p twice: exit 2 naming it', (key) => {
  const file = fileWith('cdk.tf.json', `{"//": {${JSON.stringify(key)}: ${HIDDEN}, ${JSON.stringify(key)}: []}, "resource": ${resources}}`);
  const result = check('check', file);
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([`cdktf-azure-postgres: ${file}: the top-level "//" comment object holds ${JSON.stringify(key)} more than once, where cdktf writes each of its properties once: JSON readers such as jq keep only the last, so a reviewer would not see what the checks would read in the others; synthesize the stack again`]);
});

test('a property repeated elsewhere is read as Terraform reads it (blocks merged), and judged', () => {
  const file = fileWith('cdk.tf.json', `{"//": {"cdktf-azure-postgres-suppressions": []}, "resource": ${resources}, "resource": {}}`);
  expect(check('check', file).code).toBe(EXIT_FINDINGS);
  const nested = fileWith('cdk.tf.json', `{"//": {"cdktf-azure-postgres-suppressions": [], "x": {"a": 1, "a": 2}}, "resource": ${resources}}`);
  expect(check('check', nested).code).toBe(EXIT_FINDINGS);
});
