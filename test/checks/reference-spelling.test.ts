import { canonicalReferences, canonicalTemplate } from '../../lib/checks/reference-spelling';

describe('canonicalTemplate: references in the dotted spelling cdktf writes (seventh review, A7-9, A7-10)', () => {
  test.each([
    ['${azurerm_x.y["id"]}', '${azurerm_x.y.id}'],
    ['${azurerm_x . y . id}', '${azurerm_x.y.id}'],
    ['${ azurerm_x.y.id }', '${azurerm_x.y.id}'],
    ['${azurerm_x.\n  y ["id"]}', '${azurerm_x.y.id}'],
    ['${azurerm_x.y[ "name" ].first}', '${azurerm_x.y.name.first}'],
    ['${azurerm_x.y.0.id}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y["0"].id}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y[ 0 ].id}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y[ * ].id}', '${azurerm_x.y[*].id}'],
    ['${azurerm_x.y . * . id}', '${azurerm_x.y.*.id}'],
    ['${data.terraform_remote_state.in-data.outputs["cross-stack-output-x"]}', '${data.terraform_remote_state.in-data.outputs.cross-stack-output-x}'],
    ['/subscriptions/${var . sub}/resourceGroups/${azurerm_resource_group.g["name"]}', '/subscriptions/${var.sub}/resourceGroups/${azurerm_resource_group.g.name}'],
    ['${lookup(azurerm_x . y, "id")}', '${azurerm_x.y.id}'],
    ['${lookup( data.terraform_remote_state.in.outputs , "out" )}', '${data.terraform_remote_state.in.outputs.out}'],
    ['${lookup(azurerm_x.y, "tags")["env"]}', '${azurerm_x.y.tags.env}'],
    ['${lookup(var.m, "k", "default")}', '${lookup(var.m, "k", "default")}'],
    ['${lookup(var.m, var.k)}', '${lookup(var.m, var.k)}'],
    ['${lookup(merge(var.m, {}), "k")}', '${lookup(merge(var.m, {}), "k")}'],
    ['${lookup(true, "k") + lookup (var . m, "k b")}', '${lookup(true, "k") + lookup (var.m, "k b")}'],
    ['${azurerm_x /* the server */ . y # its\n . id}', '${azurerm_x.y.id}'],
    ['${ /* a comment */ azurerm_x.y["id"]}', '${azurerm_x.y.id}'],
    ['${lookup(local.m, "x") // "y"\n}', '${local.m.x // "y"}'],
    ['${format("%s", azurerm_x.y["id"])}', '${format("%s", azurerm_x.y.id)}'],
    ['${local.m[var . k]["id"]}', '${local.m[var.k].id}'],
    ['${var.on ? azurerm_x.y["id"] : "none"}', '${var.on ? azurerm_x.y.id : "none"}'],
    ['${"${azurerm_x . y . id}/databases"}', '${"${azurerm_x.y.id}/databases"}'],
    ['${~ azurerm_x.y["id"] ~}', '${~azurerm_x.y.id~}'],
    ['%{ for s in azurerm_x . y . tags }${s}%{ endfor }', '%{ for s in azurerm_x.y.tags }${s}%{ endfor }'],
    ['${[for s in ["a"] : s]}', '${[for s in ["a"] : s]}'],
    ['${{ "a" = azurerm_x.y["id"] }["a"]}', '${{ "a" = azurerm_x.y.id }["a"]}'],
    ['${1.5 + azurerm_x.y.count}', '${1.5 + azurerm_x.y.count}'],
    ['${<<-EOT\n  id=${azurerm_x . y["id"]}\n  EOTX\n  EOT\n} and ${a . b}', '${<<-EOT\n  id=${azurerm_x.y.id}\n  EOTX\n  EOT\n} and ${a.b}'],
  ])('%s is read as %s', (written, canonical) => {
    expect(canonicalTemplate(written)).toBe(canonical);
  });

  test.each([
    ['a string literal inside an expression', '${lookup(local.m, "a . b [\\"c\\"]")}'],
    ['an index that is not a literal name', '${azurerm_x.y[var.k]}'],
    ['a key that is not a name', '${local.m["a b"]}'],
    ['text outside an interpolation', 'a . b ["c"] ${azurerm_x.y.id}'],
    ['an escaped interpolation', '$${azurerm_x . y}'],
    ['a heredoc\'s text', '${<<EOT\nazurerm_x . y\nEOT\n}'],
    ['an unclosed heredoc', '${<<EOT\n${azurerm_x . y}\n}'],
    ['an unbalanced interpolation', '${azurerm_x . y'],
    ['an unclosed string literal', '${"azurerm_x . y}'],
    ['brackets that close the wrong way', '${(azurerm_x . y]}'],
  ])('%s stays as written', (_name, written) => {
    expect(canonicalTemplate(written)).toBe(written);
  });
});

describe('canonicalReferences: every string of the JSON', () => {
  test('rewrites the strings of lists and objects (the library\'s // records too, which are compared with the blocks), keeps keys, and does not change what it was given', () => {
    const json = {
      'resource': { azurerm_role_assignment: { Owner: { scope: '${azurerm_x.y["id"]}', '//': { note: '${azurerm_x . y}' }, list: ['${a . b}', 2, null] } } },
      '//': { record: '${azurerm_x . y}' },
      '${a . b}': true,
    };
    const copy = JSON.parse(JSON.stringify(json));
    expect(canonicalReferences(json)).toEqual({
      'resource': { azurerm_role_assignment: { Owner: { scope: '${azurerm_x.y.id}', '//': { note: '${azurerm_x.y}' }, list: ['${a.b}', 2, null] } } },
      '//': { record: '${azurerm_x.y}' },
      '${a . b}': true,
    });
    expect(json).toEqual(copy);
  });

  test('an own __proto__ key stays an own key', () => {
    const json = JSON.parse('{"__proto__": {"a": "${x . y}"}, "b": "${x . y}"}');
    const canonical = canonicalReferences(json) as { [key: string]: unknown };
    expect(Object.getPrototypeOf(canonical)).toBe(Object.prototype);
    expect(Object.entries(canonical)).toEqual([['__proto__', { a: '${x.y}' }], ['b', '${x.y}']]);
  });

  test('a value with nothing to rewrite is returned as it is', () => {
    const json = { resource: { azurerm_x: { y: { id: '${azurerm_z.w[0].id}', tags: ['a b'] } } } };
    expect(canonicalReferences(json)).toBe(json);
  });
});

// In synth the JSON is cdktf's object: cdktf writes an unpaired surrogate as an escape, which Terraform decodes as
// U+FFFD, and a number that is not finite as null (JSON.stringify). The rules read what Terraform reads (A12b-7).
describe('canonicalReferences: strings and numbers as Terraform reads what cdktf writes', () => {
  test('an unpaired surrogate, in a value or a key, is U+FFFD; keys that meet are merged as repeated properties', () => {
    expect(canonicalReferences({ a: 'x\ud800', b: ['\udc00\ud83d\ude00'], m: { '\ud800': 'on', '\udbff': 'off', '\ufffd': 'third' } })).toEqual({
      a: 'x\ufffd', b: ['\ufffd\ud83d\ude00'], m: { '\ufffd': ['third', 'on', 'off'] },
    });
  });

  test('a number that is not finite is null, as cdktf writes it', () => {
    expect(canonicalReferences({ n: [Infinity, -Infinity, NaN, 1.5] })).toEqual({ n: [null, null, null, 1.5] });
  });

  test('a stack with nothing to change is the same object', () => {
    const stack = { resource: { x: { y: { name: 'n\ufffd', count: 2, tags: { '\ud83d\ude00': 'ok' } } } } };
    expect(canonicalReferences(stack)).toBe(stack);
  });
});
