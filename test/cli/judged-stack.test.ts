import { join } from 'path';
import { check, INSECURE, SECURE, tree } from './cli-harness';

// Adversarial run of stop 70, C4: two apps of a monorepo, each with a stack "main", in one check run. Every output named both
// "main", so none said which app's stack failed, and SARIF gave their equal findings one fingerprint (dismissing one alert in
// code scanning dismissed the other). Where two judged stacks share a name, each is named by its folder's path from the folder
// given; a name no other stack has is kept, and so are its fingerprints.

const twoApps = () => tree({ 'apps/a/cdktf.out/stacks/main/cdk.tf.json': SECURE, 'apps/b/cdktf.out/stacks/main/cdk.tf.json': INSECURE, 'apps/b/cdktf.out/stacks/other/cdk.tf.json': SECURE });
const A = 'apps/a/cdktf.out/stacks/main';
const B = 'apps/b/cdktf.out/stacks/main';

test('the summary names each by its folder', () => {
  expect(check('check', twoApps()).out.filter((line) => !line.startsWith(' '))).toEqual([
    `${A}: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed`,
    `${B}: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed`,
    'other: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed',
  ]);
});

test('SARIF: no two results share a fingerprint, and each names its stack', () => {
  const root = twoApps();
  const results = JSON.parse(check('check', root, '--format', 'sarif').out.join('\n')).runs[0].results;
  const fingerprints = results.map((result: any) => result.partialFingerprints['cdktfAzurePostgresFinding/v2']);
  expect(new Set(fingerprints).size).toBe(fingerprints.length);
  expect(new Set(results.map((result: any) => result.locations[0].properties.stack))).toEqual(new Set([A, B, 'other']));
});

test('SARIF: two stacks with equal suppressed findings get distinct fingerprints', () => {
  const suppressed = { ...SECURE, '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'x', ruleId: 'PGF-ENC-1', reason: 'platform keys accepted until 2027 (SEC-9)' }] } };
  const root = tree({ 'a/cdktf.out/stacks/main/cdk.tf.json': suppressed, 'b/cdktf.out/stacks/main/cdk.tf.json': suppressed });
  const results = JSON.parse(check('check', root, '--format', 'sarif').out.join('\n')).runs[0].results;
  const fingerprints = results.map((result: any) => result.partialFingerprints['cdktfAzurePostgresFinding/v2']);
  expect(fingerprints.length).toBeGreaterThan(1);
  expect(new Set(fingerprints).size).toBe(fingerprints.length);
});

test('JUnit and the JSON reports name each by its folder', () => {
  const root = twoApps();
  const junit = check('check', root, '--format', 'junit').out.join('\n');
  expect([...junit.matchAll(/<testsuite name="([^"]*)"/g)].map((match) => match[1])).toEqual([A, B, 'other']);
  expect(JSON.parse(check('check', root, '--format', 'json').out.join('\n')).stacks.map((report: any) => report.stack)).toEqual([A, B, 'other']);
});

test('a name no other stack has is kept, with its fingerprints', () => {
  const root = tree({ 'apps/b/cdktf.out/stacks/main/cdk.tf.json': INSECURE });
  const results = JSON.parse(check('check', root, '--format', 'sarif').out.join('\n')).runs[0].results;
  expect(results.every((result: any) => result.partialFingerprints['cdktfAzurePostgresFinding/v2'].startsWith('main|'))).toBe(true);
  expect(check('check', join(root, 'apps/b/cdktf.out')).out[0]).toMatch(/^main: /);
});
