import { referenceLinks } from '../../../../lib/checks/reference-links';
import { CATALOG } from '../../../../lib/checks/rules';

// Each Checkov check a rule cites links to its own source file, not to the folder of all checks
// (issue #12, the report group of the mutation score): Checkov keeps its resource checks (CKV_) as
// Python files under resource/azure and its graph checks (CKV2_) as YAML under graph_checks/azure.

const CHECKS = 'https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/';

test('every Checkov link of the pack names the source file of its check, by the kind of check', () => {
  const links = CATALOG.flatMap((rule) => referenceLinks(rule.references).filter((link) => link.source === 'Checkov'));
  expect(links.length).toBeGreaterThan(0);
  const misplaced = links.filter((link) => {
    const file = link.url.startsWith(CHECKS) ? link.url.slice(CHECKS.length) : '';
    const expected = link.text.startsWith('CKV2_') ? /^graph_checks\/azure\/\w+\.yaml$/ : /^resource\/azure\/\w+\.py$/;
    return !expected.test(file);
  });
  expect(misplaced).toEqual([]);
});
