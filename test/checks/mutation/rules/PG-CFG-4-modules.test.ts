// PG-CFG-4 on modules beyond its own tests: which sources and versions pin what `terraform init`
// fetches (sources and versions written with spaces, a registry module without a version or with
// a range, an archive, a source known only later), each with its whole finding.
import { Verdict } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-CFG-4';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const TAIL = 'is in the server\'s stack but does not name the server; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged';

function verdictOf(module: object): Verdict {
  const [verdict] = rule.evaluate(buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } }, module: { m: module } }).servers[0]) as readonly Verdict[];
  return verdict;
}
const pinned = (subject: string) => ({ status: 'fail', address: 'module.m', message: `a module ${TAIL}.`, subject });
const unpinned = (why: string, subject: string) => ({
  status: 'fail', address: 'module.m', message: `a module ${TAIL}; its content is not pinned (${why}), so a suppression on the module does not cover it.`, subject: `unpinned ${subject}`,
});

test('a source and version written with spaces around them pin the content', () => {
  expect(verdictOf({ source: ' acme/pg-tuning/azurerm ', version: ' 1.0.0 ' })).toEqual(pinned('module source " acme/pg-tuning/azurerm " version " 1.0.0 "'));
  expect(verdictOf({ source: ' ./modules/pg ' })).toEqual(pinned('module source " ./modules/pg " version null'));
});

test.each<[string, object, string, string]>([
  ['no version', { source: 'acme/pg-tuning/azurerm' }, 'a registry module without a version runs the newest one', 'module source "acme/pg-tuning/azurerm" version null'],
  ['a version of null', { source: 'acme/pg-tuning/azurerm', version: null }, 'a registry module without a version runs the newest one', 'module source "acme/pg-tuning/azurerm" version null'],
  ['a range', { source: 'acme/pg-tuning/azurerm', version: '>= 1.0.0' }, 'the version ">= 1.0.0" is not one exact version', 'module source "acme/pg-tuning/azurerm" version ">= 1.0.0"'],
  ['a version that is no text', { source: 'acme/pg-tuning/azurerm', version: 1 }, 'the version 1 is not one exact version', 'module source "acme/pg-tuning/azurerm" version 1'],
  ['an archive', { source: 'https://example.com/pg.zip' }, 'an archive, bucket or other remote source can change at the same address', 'module source "https://example.com/pg.zip" version null'],
  ['a git source at a tag', { source: 'git::https://example.com/pg.git?ref=v1.0.0' }, 'a git source without ref=<commit SHA> follows a branch or a tag, which can move', 'module source "git::https://example.com/pg.git?ref=v1.0.0" version null'],
])('does not pin the content: %s', (_, module, why, subject) => {
  expect(verdictOf(module)).toEqual(unpinned(why, subject));
});

test('a source known only at apply time pins nothing', () => {
  expect(verdictOf({ source: '${var.source}' })).toEqual(unpinned('its source is known only at apply time', 'module source "${var.source}" version null'));
});
