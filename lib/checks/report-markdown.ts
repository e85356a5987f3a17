import { FindingStatus } from './evaluate';
import { cell, code } from './markdown-text';
import type { SecurityReport } from './report';
import { SecurityLayer } from './rule';
import { ServerFacts } from './server-facts';
import { renderTerraformRequirement } from './terraform-requirement';

const STATUS_RANK: { [status in FindingStatus]: number } = { 'not-applicable': 0, 'pass': 1, 'suppressed': 2, 'fail': 3 };
const CELL: { [status in FindingStatus]: string } = { 'pass': 'pass', 'fail': '**FAIL**', 'suppressed': 'suppressed', 'not-applicable': 'n/a' };
const KIND = { flexible: 'Flexible Server', single: 'Single Server' };

/** The posture report for people: facts and access paths, the controls x servers grid by layer, then what failed and why. */
export function renderMarkdown(report: SecurityReport): string {
  const lines = [`# PostgreSQL security report: ${cell(report.stack)}`, ''];
  lines.push(`Written by ${report.generator} ${report.generatorVersion} (report schema ${report.schemaVersion}).`, '');
  if (report.synthFailed) lines.push('**cdktf synth failed** on the error findings below, so cdktf wrote no cdk.tf.json for this stack.', '');
  const { errors, warnings, suppressed, servers, notJudged } = report.summary;
  lines.push(`${servers} server(s); ${errors} error(s), ${warnings} warning(s), ${suppressed} suppressed finding(s).`, '');
  if (notJudged > 0) lines.push(`**${notJudged} PostgreSQL resource(s) not judged**: see [Not judged](#not-judged).`, '');
  const notRead = report.stacksNotRead ?? [];
  if (notRead.length > 0) {
    const named = notRead.map(({ name, path }) => `${code(name)} (${code(path)})`).join(', ');
    lines.push(`**Judged alone**: check was not given the app's ${notRead.length === 1 ? 'stack' : 'stacks'} ${named}, so what this stack adds to ${notRead.length === 1 ? 'its' : 'their'} constructs is not judged; give check the whole cdktf.out folder.`, '');
  } else {
    // Where check cannot name the stacks (an unreadable manifest, a stack file outside stacks/), its warning as it printed it.
    (report.judgedAlone ?? []).forEach((note) => lines.push(`**Judged alone**: ${cell(note)}`, ''));
  }
  if (report.servers.length === 0) {
    lines.push('No PostgreSQL server in this stack.', '');
  } else {
    lines.push('| column | server |', '| --- | --- |');
    report.servers.forEach((s, i) => lines.push(`| S${i + 1} | ${code(s.address)} (${s.kind}) |`));
    lines.push('');
    lines.push(...serversAndAccess(report.servers));
    lines.push('## Access diagram', '', 'Who and from where, through which entry point, to which server, and as which role inside it.', '', '```mermaid', report.accessDiagram, '```', '');
    lines.push(...controlGrid(report));
    lines.push(...notApplicable(report));
  }
  const terraform = renderTerraformRequirement(report.terraform);
  if (terraform !== '') lines.push(terraform);
  for (const { server, roles, databases, laterMemberships, undeclaredMemberships } of report.inDatabase) {
    lines.push(`## In the database: ${code(server)}`, '');
    lines.push(`Databases managed: ${databases.map((d) => `${cell(d.name)} (pgaudit ${d.pgaudit ? 'created' : '**missing**'})`).join(', ') || 'none'}.`, '');
    lines.push('| role | login | signs in with | member of |', '| --- | --- | --- | --- |');
    roles.forEach((role) => lines.push(`| ${cell(role.name)} | ${role.login ? 'yes' : 'no'} | ${cell(role.signIn)} | ${cell(role.memberOf.join(', ')) || '—'} |`));
    // A member named only at apply time may be any role, one of the rows above or another.
    (laterMemberships ?? []).forEach(({ member, group }) => lines.push(`| ${cell(member)} (known at apply) | — | — | ${cell(group)} |`));
    (undeclaredMemberships ?? []).forEach(({ member, group }) => lines.push(`| ${cell(member)} (not declared by the stack) | — | — | ${cell(group)} |`));
    lines.push('');
  }
  const failed = report.findings.filter((f) => f.status === 'fail');
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  if (failed.length > 0) {
    lines.push('## Findings', '');
    failed.forEach((f) => lines.push(`- ${f.severity} ${code(f.address ?? f.server)} ${f.ruleId}: ${cell(f.message ?? '')} Fix: ${rules.get(f.ruleId)?.fix}`));
    lines.push('');
  }
  const waived = report.findings.filter((f) => f.status === 'suppressed');
  if (waived.length > 0) {
    lines.push('## Suppressed', '');
    waived.forEach((f) => lines.push(`- ${code(f.address ?? f.server)} ${f.ruleId}: ${cell(f.message ?? '')} Reason: ${cell(f.reason ?? '')}`));
    lines.push('');
  }
  if (report.synthWarnings.length > 0) {
    lines.push('## Warnings printed at synth', '', 'Weaker choices the constructs were asked for, with their justification.', '');
    report.synthWarnings.forEach((w) => lines.push(`- ${code(w.path)}: ${cell(w.message)}`));
    lines.push('');
  }
  if (report.notJudged.length > 0) {
    lines.push('## Not judged', '', '| resource | construct | why | to include it |', '| --- | --- | --- | --- |');
    report.notJudged.forEach((r) => lines.push(`| ${code(r.address)} | ${r.constructPath === undefined ? '—' : code(r.constructPath)} | ${cell(r.reason)} | ${cell(r.include)} |`));
    lines.push('');
  }
  lines.push(...references(report));
  return lines.join('\n');
}

function serversAndAccess(servers: readonly ServerFacts[]): string[] {
  const lines = ['## Servers and access paths', ''];
  servers.forEach((server, i) => {
    const { access } = server;
    lines.push(`### S${i + 1} ${code(server.address)}`, '', '| fact | value |', '| --- | --- |');
    lines.push(`| name | ${code(server.name)} |`, `| kind | ${KIND[server.kind]} |`, `| SKU | ${code(server.sku)} |`, `| version | ${code(server.version)} |`);
    lines.push(`| location | ${code(server.location)} |`, `| network mode | ${cell(server.networkMode)} |`);
    if (server.constructPath !== undefined) lines.push(`| construct | ${code(server.constructPath)} |`);
    lines.push('', '| way in | what the stack declares |', '| --- | --- |');
    lines.push(`| public network access | ${cell(access.publicNetworkAccess)} |`);
    const ranges = access.firewallRanges.map((r) => {
      const count = r.addresses === null ? 'address count known at apply time' : `${r.addresses} address(es)`;
      return `${code(r.name)} ${code(r.start)} to ${code(r.end)}: ${count}${r.certain ? '' : ' (may not exist)'}`;
    });
    const total = access.firewallAddressTotal === null ? 'total known at apply time' : `${access.firewallAddressTotal} distinct address(es) in all`;
    lines.push(`| public firewall ranges | ${ranges.length === 0 ? 'none' : `${ranges.join('; ')}; ${total}`} |`);
    lines.push(`| "Allow Azure services" rule (0.0.0.0) | ${cell(access.azureServicesRule)} |`);
    if (access.vnetIntegration !== undefined) {
      const { subnet, privateDnsZone, networkSecurityGroup } = access.vnetIntegration;
      const nsg = networkSecurityGroup === undefined ? 'defined with the subnet outside this stack' : cell(networkSecurityGroup);
      lines.push(`| VNet integration | delegated subnet ${code(subnet)}; private DNS zone ${code(privateDnsZone)}; NSG on the subnet: ${nsg} |`);
    } else if (server.kind === 'flexible') {
      lines.push('| VNet integration | none |');
    }
    if (server.kind === 'single') {
      const rules = access.virtualNetworkRules.map((r) => `${code(r.name)} subnet ${code(r.subnet)}${r.certain ? '' : ' (may not exist)'}`);
      lines.push(`| VNet rules (service endpoints) | ${rules.join('; ') || 'none'} |`);
    }
    const endpoints = access.privateEndpoints.map((e) => `${code(e.name)} in subnet ${code(e.subnet)}, DNS zone ${e.privateDnsZones.map(code).join(', ') || 'none'}${e.certain ? '' : ' (may not exist)'}`);
    lines.push(`| private endpoints | ${endpoints.join('; ') || 'none'} |`);
    const admins = access.entraAdministrators.map((a) => `${code(a.principalName)} (${cell(a.principalType)}, object ID ${code(a.objectId)})${a.certain ? '' : ' (may not exist)'}`);
    lines.push(`| Entra ID sign-in | ${cell(access.entraAuthentication)}; administrators: ${admins.join('; ') || 'none'} |`);
    const login = access.administratorLogin === undefined ? '' : `; administrator login ${code(access.administratorLogin)}`;
    lines.push(`| password sign-in | ${cell(access.passwordAuthentication)}${login} |`);
    lines.push(`| databases (azurerm) | ${access.databases.map(code).join(', ') || 'none'} |`);
    const roles = access.databaseRoles.map((r) => `${code(r.name)} (${r.login ? 'login' : 'no login'}, ${cell(r.signIn)}${r.memberOf.length > 0 ? `, member of ${r.memberOf.map(code).join(', ')}` : ''})`);
    lines.push(`| database roles | ${roles.join('; ') || 'none declared'} |`, '');
  });
  return lines;
}

/** The controls x servers grid, one table per layer; each cell the worst finding of the rule on the server. */
export function controlGrid(report: Pick<SecurityReport, 'servers' | 'rules' | 'findings'>): string[] {
  const lines: string[] = [];
  // A rule may fail on several resources of one server: the cell shows the worst. By rule, then
  // server: a key joined from both made a new string per finding and per cell.
  const byRule = new Map<string, Map<string, FindingStatus>>();
  for (const f of report.findings) {
    let byServer = byRule.get(f.ruleId);
    if (byServer === undefined) byRule.set(f.ruleId, (byServer = new Map()));
    const seen = byServer.get(f.server);
    if (seen === undefined || STATUS_RANK[f.status] > STATUS_RANK[seen]) byServer.set(f.server, f.status);
  }
  const header = `| control | severity | ${report.servers.map((_, i) => `S${i + 1}`).join(' | ')} |`;
  const divider = `| --- | --- | ${report.servers.map(() => '---').join(' | ')} |`;
  const shown = shownRules(report);
  for (const layer of Object.values(SecurityLayer)) {
    const rules = shown.filter((r) => r.layer === layer);
    if (rules.length === 0) continue;
    lines.push(`## ${layer[0].toUpperCase()}${layer.slice(1)}`, '', header, divider);
    for (const rule of rules) {
      const byServer = byRule.get(rule.id);
      const cells = report.servers.map((s) => {
        const status = byServer?.get(s.address);
        return status ? CELL[status] : '—';
      });
      lines.push(`| ${rule.id} ${rule.title} | ${rule.severity} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines;
}

/** Why each n/a cell of the grid is n/a. */
function notApplicable(report: SecurityReport): string[] {
  const column = new Map(report.servers.map((s, i) => [s.address, `S${i + 1}`]));
  const skipped = report.findings.filter((f) => f.status === 'not-applicable' && column.has(f.server));
  if (skipped.length === 0) return [];
  const titles = new Map(report.rules.map((rule) => [rule.id, rule.title]));
  return ['## Not applicable', '', ...skipped.map((f) => `- ${column.get(f.server)} ${f.ruleId} ${titles.get(f.ruleId)}: ${cell(f.note ?? 'the rule does not apply to this server')}.`), ''];
}

/** Each control that appears in the report, with links to the benchmarks that ask for it. */
function references(report: SecurityReport): string[] {
  const shown = shownRules(report);
  if (shown.length === 0) return [];
  const lines = ['## Control references', ''];
  for (const rule of shown) {
    const links = rule.referenceLinks.map((link) => `${link.source} [${link.text.replace(/[[\]]/g, '\\$&')}](${link.url})`);
    lines.push(`- ${rule.id} ${rule.title}: ${links.join('; ') || 'no benchmark or scanner has this control'}`);
  }
  lines.push('');
  return lines;
}

/**
 * The rules that have a finding in the report, in catalogue order. The findings are gathered once:
 * looking each rule up among all of them made rendering cost rules x findings (0.1-0.2 s of CPU
 * at 200 servers, 8,000 findings).
 */
function shownRules(report: Pick<SecurityReport, 'rules' | 'findings'>): SecurityReport['rules'] {
  const found = new Set(report.findings.map((f) => f.ruleId));
  return report.rules.filter((r) => found.has(r.id));
}
