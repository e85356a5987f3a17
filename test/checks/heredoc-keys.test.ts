import { evaluateTemplate, isUnknown, NO_LOCALS, referencesIn, Unknown } from '../../lib/checks/hcl-expression';
import { importTargets, movedTargets, removedTargets, resourceAddress } from '../../lib/checks/import-targets';
import { expressionEnd, heredocEnd } from '../../lib/checks/traversal-text';
import { StackFacts } from '../../lib/checks/rule';
import { stackCreates } from '../../lib/checks/stack-created';
import { buildStackModel } from '../../lib/checks/stack-model';
import { administratorFindings } from './administrator-fixtures';

function facts(terraform: { [key: string]: unknown }): StackFacts {
  const model = buildStackModel(terraform);
  return { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, imports: importTargets(terraform), moves: movedTargets(terraform) };
}

// Thirtieth run, A30b-2: a heredoc (`<<EOT` or `<<-EOT`, lines, a line holding the marker alone; hclsyntax spec.md, scan_tokens.rl
// heredocLiteralEOL) inside an instance key was not read as one: a `]` on one of its lines ended the key, so an import or a moved block
// keyed by it adopted nothing and a lookup's instance keyed by it was not the lookup's reference. Terraform 1.11 accepts both.

type Json = { [key: string]: any };
const USER = '99999999-7777-8888-9999-000000000001';
const EXISTING = '44444444-4444-4444-4444-444444444444';

/** Keys holding a heredoc (with `]`, templates, the marker's spellings) and keys the INSTANCE_KEY patterns cannot balance. */
const KEYS = [
  '[<<EOT\n]\nEOT\n]',
  '[each.key == <<EOT\n]\nEOT\n ? "x" : each.key]',
  '[<<-EOT\n    a]\n    EOT\n]',
  '[replace(<<EOT\nx]\nEOT\n, "]\\n", "")]',
  '[<<EOT\n${"]"}]\nEOT\n]',
  '[<<EOT\r\n]\r\nEOT\r\n]',
  '[<<EOT\n${each.key\n}EOT]\nEOT\n]',
  '[<<EOT\nEOT]\n  EOT  \n]',
  '[<<A\n<<B\n]\nA\n]',
];

describe('heredocEnd and expressionEnd read a heredoc as HCL does', () => {
  test('the marker ends it on a line of its own (blanks around it), not inside a template nor after text on its line', () => {
    expect(heredocEnd('<<EOT\n]\nEOT\n]', 0)).toBe(12);
    expect(heredocEnd('<<-EOT\n  ]\n  EOT\n]', 0)).toBe(17);
    expect(heredocEnd('<<EOT\nxEOT\nEOT\n', 0)).toBe(15);
    expect(heredocEnd('<<EOT\n${a\n}EOT\nEOT\n', 0)).toBe(19);
    // Never closed, or no heredoc (no line break after the identifier, no identifier), or the marker's line never ends: undefined.
    for (const text of ['<<EOT\n]\n', '<<EOT ]\nEOT\n', '<< EOT\nEOT\n', '<<EOT\n]\nEOT', '<<EOT\n${"}\nEOT\n']) expect([text, heredocEnd(text, 0)]).toEqual([text, undefined]);
  });
  test.each(KEYS)('expressionEnd reads the key %j to its own closing bracket', (key) => {
    expect(expressionEnd(key, 1, ']')).toBe(key.length - 1);
  });
});

describe('import, moved and removed addresses keyed by a heredoc', () => {
  test.each(KEYS)('resourceAddress reads the key %j as an instance of the resource, in a module path too', (key) => {
    expect(resourceAddress(`azuread_group.g${key}`)).toBe('azuread_group.g');
    expect(resourceAddress(`\${azuread_group.g${key}}`)).toBe('azuread_group.g');
    expect(resourceAddress(`module.m${key}.azuread_group.g${key}`)).toBe('module.m.azuread_group.g');
    expect(importTargets({ import: [{ to: `azuread_group.g${key}`, id: 'x' }] })).toEqual(['azuread_group.g']);
    expect(movedTargets({ moved: [{ from: 'azuread_group.o', to: `azuread_group.g${key}` }] })).toEqual(['azuread_group.g']);
    expect(removedTargets({ removed: [{ from: `azuread_group.g${key}` }] })).toEqual(['azuread_group.g']);
  });
  test('a heredoc never closed ends the address where its key opens: any instance of what comes before it', () => {
    expect(resourceAddress('azuread_group.g[<<EOT\n]\n')).toBe('azuread_group.g');
    expect(resourceAddress('module.m[<<EOT\n]\n.azuread_group.g')).toBe('module.m');
  });
  test.each(KEYS)('an import or a moved block into azuread_group.keyed%j adopts the resource; one into another resource does not', (key) => {
    const blocks = { resource: { azurerm_resource_group: { keyed: { for_each: '${toset(["x"])}', name: 'rg-${each.key}', location: 'westeurope' }, adopted: { name: 'rg-b', location: 'westeurope' } } } };
    for (const adopt of [{ import: [{ for_each: { a: 'x' }, to: `azurerm_resource_group.keyed${key}`, id: '/subscriptions/x/resourceGroups/rg-x' }] },
      { moved: [{ from: 'azurerm_resource_group.old', to: `azurerm_resource_group.keyed${key}` }] }]) {
      expect(stackCreates('azurerm_resource_group.keyed', facts({ ...blocks, ...adopt }))).toBe(false);
      const other = JSON.parse(JSON.stringify(adopt).replace(/azurerm_resource_group\.keyed/g, 'azurerm_resource_group.adopted'));
      expect(stackCreates('azurerm_resource_group.keyed', facts({ ...blocks, ...other }))).toBe(true);
    }
  });
});

describe('references keyed by a heredoc or by a key the patterns cannot balance', () => {
  test('a heredoc is a template: its lines up to the marker\'s, evaluated; a flush heredoc (<<-) is known only later', () => {
    expect(evaluateTemplate('${<<EOT\na\n  b\nEOT\n}', NO_LOCALS)).toBe('a\n  b\n');
    expect(evaluateTemplate('${trimspace(<<EOT\n  $${x} ${"y"}\nEOT\n)}', NO_LOCALS)).toBe('${x} y');
    expect(evaluateTemplate('${<<EOT\n]\nEOT\n == "]" ? "y" : "x"}', NO_LOCALS)).toBe('x');
    expect(isUnknown(evaluateTemplate('${<<-EOT\n  a\n  EOT\n}', NO_LOCALS))).toBe(true);
  });
  test.each(KEYS)('data.azuread_user.adm%j.object_id is one plain reference to an instance of the lookup', (key) => {
    const value = evaluateTemplate(`\${data.azuread_user.adm${key}.object_id}`, NO_LOCALS);
    expect(isUnknown(value) && value.isPlainReference && /^data\.azuread_user\.adm\[(?:\?|"[^"]*")\]\.object_id$/.test(value.references[0])).toBe(true);
  });
  test('a key the parser does not read (a directive, a flush heredoc) is any instance, the steps after it kept', () => {
    // A directive over constants is computed since the 33rd run: the reference is the instance it names, as Terraform resolves it.
    expect(evaluateTemplate('${azurerm_key_vault.v["%{ if true }a%{ endif }"].id}', NO_LOCALS)).toEqual(new Unknown('azurerm_key_vault.v["a"].id', ['azurerm_key_vault.v["a"].id']));
    for (const key of ['["%{ if var.b }a%{ endif }"]', '[<<-EOT\n  ${"]"}\n  EOT\n]', '[[for k in local.ks : k][0]]']) {
      const value = evaluateTemplate(`\${azurerm_key_vault.v${key}.id}`, NO_LOCALS);
      expect([key, isUnknown(value) && value.isPlainReference ? value.references : value]).toEqual([key, ['azurerm_key_vault.v[?].id']]);
    }
  });
  test('when the whole template is not read, references keep the steps after a key read to its own bracket; the key is [?] unless the patterns read it whole', () => {
    expect(referencesIn('data.azuread_user.adm[<<EOT\n]\nEOT\n == "]" ? "y" : "x"].object_id %{if true}')).toEqual(['data.azuread_user.adm[?].object_id']);
    expect(referencesIn('x.y[local.m[local.k[0]]].id %{if true}')).toEqual(['local.k[0]', 'local.m[?]', 'x.y[?].id']);
    expect(referencesIn('x.y["a]b"].id x.y[each.key].id var.a.b')).toEqual(['x.y["a]b"].id', 'x.y[each.key].id', 'var.a.b']);
    expect(referencesIn('x.y[<<EOT\n]\n')).toEqual(['x.y[?]']);
  });
});

describe('PG-IAM-3: the administrator looked up by an instance keyed by a heredoc, added to an existing group', () => {
  const lookup = (users: Json) => ({ azuread_user: { adm: { for_each: users, user_principal_name: '${each.value}' } } });
  const member = (key: string, users: Json): Json => ({
    data: lookup(users), resource: { azuread_group_member: { w: { group_object_id: EXISTING, member_object_id: `\${data.azuread_user.adm${key}.object_id}` } } },
  });
  test.each([...KEYS, '[local.m[local.k[0]]]'])('keyed %j: a lookup of the administrator (or of it and another) fails; of another user passes', (key) => {
    expect(administratorFindings(member(key, { x: 'dba@contoso.com' }), 'User', USER)).toEqual(['azuread_group_member.w']);
    expect(administratorFindings(member(key, { x: 'dba@contoso.com', y: 'other@contoso.com' }), 'User', USER)).toEqual(['azuread_group_member.w']);
    expect(administratorFindings(member(key, { x: 'other@contoso.com' }), 'User', USER)).toEqual(['pass']);
  });
  test('controls: the same lookup by a literal key, and a heredoc key, of another user pass; of the administrator fail', () => {
    expect(administratorFindings(member('["x"]', { x: 'dba@contoso.com' }), 'User', USER)).toEqual(['azuread_group_member.w']);
    expect(administratorFindings(member('["x"]', { x: 'other@contoso.com' }), 'User', USER)).toEqual(['pass']);
    expect(administratorFindings(member('[trimspace(<<EOT\nx\nEOT\n)]', { x: 'other@contoso.com' }), 'User', USER)).toEqual(['pass']);
  });
});
