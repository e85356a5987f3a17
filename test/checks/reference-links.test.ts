import { referenceLinks } from '../../lib/checks/reference-links';
import { CATALOG } from '../../lib/checks/rules';

test('every reference of every control has a link', () => {
  const unlinked = CATALOG.flatMap((rule) => referenceLinks(rule.references).filter((link) => !/^https:\/\/\S+$/.test(link.url)).map((link) => `${rule.id} ${link.source} ${link.text}`));
  expect(unlinked).toEqual([]);
});

test('links name the exact check: Trivy by its AVD id, Checkov by its source file, Azure Policy by the full definition GUID', () => {
  expect(referenceLinks({ trivy: ['AVD-AZU-0022'] })).toEqual([{ source: 'Trivy', text: 'AVD-AZU-0022', url: 'https://avd.aquasec.com/misconfig/avd-azu-0022' }]);
  expect(referenceLinks({ checkov: ['CKV_AZURE_136'] })[0].url).toBe('https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/azure/PostgreSQLFlexiServerGeoBackupEnabled.py');
  for (const rule of CATALOG) {
    for (const link of referenceLinks(rule.references).filter((l) => l.source === 'Azure Policy')) {
      const [prefix] = link.text.split(' ');
      const guid = decodeURIComponent(link.url).split('/').pop()!;
      expect([rule.id, guid]).toEqual([rule.id, expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)]);
      const [start, end] = prefix.split('…');
      expect(guid.startsWith(start) && (end === undefined || guid.endsWith(end))).toBe(true);
    }
  }
});

test('an id the maps do not know gets no link, which the first test would catch', () => {
  expect(referenceLinks({ checkov: ['CKV_AZURE_0'], azurePolicy: ['00000000 Unknown'] }).map((link) => link.url)).toEqual(['', '']);
});
