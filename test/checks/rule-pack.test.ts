import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderRuleCatalog } from '../../lib/checks/rule-catalog';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';

const RULE_FILES = readdirSync(join(__dirname, '..', '..', 'lib', 'checks', 'rules'))
  .filter((file) => file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));

test('every rule file is in the pack, under its own id', () => {
  expect(CATALOG.map((rule) => rule.id).sort()).toEqual(RULE_FILES.sort());
});

test('rule ids are unique, upper case and hyphen separated', () => {
  const ids = CATALOG.map((rule) => rule.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => !/^PG[FSD]?-[A-Z]+-\d+$/.test(id))).toEqual([]);
});

test('every rule has a title, a one-sentence fix and a layer', () => {
  const incomplete = CATALOG.filter((rule) => !rule.title || !/^[A-Z].*\.$/.test(rule.fix) || !rule.layer).map((rule) => rule.id);
  expect(incomplete).toEqual([]);
});

test('every rule has a compliant and a non-compliant test', () => {
  const tests = readdirSync(join(__dirname, 'rules')).map((file) => file.replace(/\.test\.ts$/, ''));
  expect(RULE_FILES.filter((id) => !tests.includes(id))).toEqual([]);
});

test('the pack covers at least 35 controls', () => {
  expect(ALL_RULES.length).toBeGreaterThanOrEqual(35);
});

test('docs/security-rules.md lists the pack as it is', () => {
  const path = join(__dirname, '..', '..', 'docs', 'security-rules.md');
  const expected = renderRuleCatalog(CATALOG);
  if (process.env.UPDATE_RULE_CATALOG === '1') writeFileSync(path, expected);
  // To refresh after changing a rule: UPDATE_RULE_CATALOG=1 npx jest test/checks/rule-pack.test.ts
  expect(existsSync(path) ? readFileSync(path, 'utf8') : '(missing)').toBe(expected);
});
