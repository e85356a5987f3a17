import { Rule, SecurityLayer } from './rule';

/** The rule pack as a Markdown table per layer, for docs/security-rules.md. */
export function renderRuleCatalog(rules: readonly Rule[]): string {
  const lines = [
    '# Security rules',
    '',
    'Generated from `lib/checks/rules/` (one file per rule, named by its id); `npm test` fails when this page is stale.',
    'Error findings fail `cdktf synth` and make `cdktf-azure-postgres check` exit 1; warnings are printed.',
    '',
  ];
  for (const layer of Object.values(SecurityLayer)) {
    const inLayer = rules.filter((rule) => rule.layer === layer);
    if (inLayer.length === 0) continue;
    lines.push(`## ${layer[0].toUpperCase()}${layer.slice(1)}`, '', '| id | server | control | severity | references | fix |', '| --- | --- | --- | --- | --- | --- |');
    for (const rule of inLayer) {
      const { cis, checkov, azurePolicy, trivy } = rule.references;
      const references = [
        ...(cis ?? []).map((c) => `CIS ${c}`),
        ...(checkov ?? []),
        ...(trivy ?? []),
        ...(azurePolicy ?? []).map((p) => `Policy ${p}`),
      ].join('; ');
      lines.push(`| ${rule.id} | ${rule.appliesTo} | ${rule.title} | ${rule.severity} | ${references || '—'} | ${rule.fix} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
