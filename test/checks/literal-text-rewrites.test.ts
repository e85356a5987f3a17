// 74th run, A74b-1: the rewrites the checks read the JSON through (instances, lookups read as blocks, pointers) rewrote text that
// only looks like a reference: `"<a pointer>" == "<the server's id>"` compared two different texts in Terraform and two equal
// ones in the checks, so a firewall rule counted by it opened the server with exit 0. Literal text is now left as written.
import { aliasDataSources } from '../../lib/checks/data-source-aliases';
import { outsideLiterals, unusedMarks } from '../../lib/checks/traversal-text';

const ASSOCIATION = { azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.s.id}', network_security_group_id: '${azurerm_network_security_group.n.id}' } } };
/** The value of `count` of a probe resource written as `count`, as the checks read the JSON. */
const read = (count: string, resource: object = ASSOCIATION, data: object = {}) => {
  const json = aliasDataSources({ resource: { ...resource, null_resource: { probe: { count } } }, data }) as { resource: { null_resource: { probe: { count: string } } } };
  return json.resource.null_resource.probe.count;
};

describe('a reference is rewritten in expressions only, never in literal text', () => {
  test('a pointer, an instance and a lookup read as a block, in code', () => {
    expect(read('${azurerm_subnet_network_security_group_association.a.id == "x" ? 0 : 1}')).toBe('${azurerm_subnet.s.id == "x" ? 0 : 1}');
    expect(read('${azurerm_subnet.s[0].id == "x" ? 0 : 1}', { azurerm_subnet: { s: { count: 1, name: 's' } } })).toBe('${azurerm_subnet.s.id == "x" ? 0 : 1}');
    expect(read('${data.azurerm_subnet.l.id == "x" ? 0 : 1}', { azurerm_subnet: { s: { name: 's', virtual_network_name: 'v', resource_group_name: 'rg' } } }, { azurerm_subnet: { l: { name: 's', virtual_network_name: 'v', resource_group_name: 'rg' } } }))
      .toBe('${azurerm_subnet.s.id == "x" ? 0 : 1}');
  });

  test.each([
    ['a quoted string in an interpolation', '${"azurerm_subnet_network_security_group_association.a.id" == "azurerm_subnet.s.id" ? 0 : 1}'],
    ['an escaped template', '$${azurerm_subnet_network_security_group_association.a.id}'],
    ['a template\'s own text', 'azurerm_subnet_network_security_group_association.a.id-${var.x}'],
    ['a heredoc in an interpolation', '${<<EOT\nazurerm_subnet_network_security_group_association.a.id\nEOT\n}'],
    ['an instance\'s text', '${"azurerm_subnet.s[0].id" == "x" ? 0 : 1}'],
  ])('%s stays as written', (_name, count) => {
    expect(read(count, { ...ASSOCIATION, azurerm_subnet: { s: { count: 1, name: 's' } } })).toBe(count);
  });

  test('a template inside a quoted string is code again', () => {
    expect(read('${"${azurerm_subnet_network_security_group_association.a.id}" == "x" ? 0 : 1}')).toBe('${"${azurerm_subnet.s.id}" == "x" ? 0 : 1}');
  });

  test('the rewrite sees marks in place of literal text with a dotted name, and keys without one', () => {
    const seen: string[] = [];
    outsideLiterals((text) => { seen.push(text); return text; }, unusedMarks((visit) => visit('')))('${a.b["key"] == "c.d" ? "x.y" : 1} e.f');
    expect(seen).toEqual(['${a.b["key"] == "\uE0000\uE001" ? "\uE0001\uE001" : 1}\uE0002\uE001']);
  });

  // 75th run, A75b-1: marks the stack spells itself were put back as the hidden text.
  test('marks are characters no text of the stack holds, so the stack cannot spell one', () => {
    expect(unusedMarks((visit) => visit('a\uE000b\uE002'))).toEqual({ open: '\uE001', close: '\uE003' });
    const forged = '${"a.b" == "\uE0000\uE001" ? 0 : 1}';
    expect(read(forged, { ...ASSOCIATION, azurerm_subnet: { s: { count: 1, name: 's' } } })).toBe(forged);
    expect(() => unusedMarks((visit) => {
      for (const [first, last] of [[0xe000, 0xf8ff], [0xf0000, 0xffffd], [0x100000, 0x10fffd]]) for (let code = first; code <= last; code++) visit(String.fromCodePoint(code));
    })).toThrow(/every private-use character/);
  });
});
