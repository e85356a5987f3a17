import { canonicalReferences, canonicalTemplate } from '../../lib/checks/reference-spelling';

describe('canonicalTemplate: references in the dotted spelling cdktf writes (seventh review, A7-9, A7-10)', () => {
  test.each([
    ['${azurerm_x.y[0]["id"]}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x . y . id}', '${azurerm_x.y.id}'],
    ['${ azurerm_x.y.id }', '${azurerm_x.y.id}'],
    ['${azurerm_x.\n  y [0] ["id"]}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y.tags[ "name" ].first}', '${azurerm_x.y.tags.name.first}'],
    ['${azurerm_x.y.0.id}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y["0"].id}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y[ 0 ].id}', '${azurerm_x.y[0].id}'],
    ['${azurerm_x.y[ * ].id}', '${azurerm_x.y[*].id}'],
    ['${azurerm_x.y . * . id}', '${azurerm_x.y.*.id}'],
    ['${data.terraform_remote_state.in-data.outputs["cross-stack-output-x"]}', '${data.terraform_remote_state.in-data.outputs.cross-stack-output-x}'],
    ['/subscriptions/${var . sub}/resourceGroups/${azurerm_resource_group.g[0]["name"]}', '/subscriptions/${var.sub}/resourceGroups/${azurerm_resource_group.g[0].name}'],
    ['${lookup(azurerm_x . y[0], "id")}', '${azurerm_x.y[0].id}'],
    ['${lookup( data.terraform_remote_state.in.outputs , "out" )}', '${data.terraform_remote_state.in.outputs.out}'],
    ['${lookup(azurerm_x.y[0], "tags")["env"]}', '${azurerm_x.y[0].tags.env}'],
    ['${lookup(var.m, "k", "default")}', '${lookup(var.m, "k", "default")}'],
    ['${lookup(var.m, var.k)}', '${lookup(var.m, var.k)}'],
    ['${lookup(merge(var.m, {}), "k")}', '${lookup(merge(var.m, {}), "k")}'],
    ['${lookup(true, "k") + lookup (var . m, "k b")}', '${lookup(true, "k") + lookup (var.m, "k b")}'],
    ['${azurerm_x /* the server */ . y # its\n . id}', '${azurerm_x.y.id}'],
    ['${ /* a comment */ azurerm_x.y[0]["id"]}', '${azurerm_x.y[0].id}'],
    ['${lookup(local.m, "x") // "y"\n}', '${local.m.x // "y"}'],
    ['${format("%s", azurerm_x.y[0]["id"])}', '${format("%s", azurerm_x.y[0].id)}'],
    ['${local.m[var . k]["id"]}', '${local.m[var.k].id}'],
    ['${var.on ? azurerm_x.y[0]["id"] : "none"}', '${var.on ? azurerm_x.y[0].id : "none"}'],
    ['${"${azurerm_x . y . id}/databases"}', '${"${azurerm_x.y.id}/databases"}'],
    ['${~ azurerm_x.y[0]["id"] ~}', '${~azurerm_x.y[0].id~}'],
    ['%{ for s in azurerm_x . y . tags }${s}%{ endfor }', '%{ for s in azurerm_x.y.tags }${s}%{ endfor }'],
    ['${[for s in ["a"] : s]}', '${[for s in ["a"] : s]}'],
    ['${{ "a" = azurerm_x.y[0]["id"] }["a"]}', '${{ "a" = azurerm_x.y[0].id }["a"]}'],
    ['${1.5 + azurerm_x.y.count}', '${1.5 + azurerm_x.y.count}'],
    ['${<<-EOT\n  id=${azurerm_x . y.tags["id"]}\n  EOTX\n  EOT\n} and ${a . b}', '${<<-EOT\n  id=${azurerm_x.y.tags.id}\n  EOTX\n  EOT\n} and ${a.b}'],
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

// A block with count or for_each is a collection of instances: the step after its name is an instance key
// (`x.y["a"]`, `x.y[0]`), never an attribute, and Terraform refuses an index on a block without them and an
// attribute straight after the name of one with them. The key stays an index, so `look["a"].value` is the
// value of instance "a", not an attribute "a" (fourteenth review, A14b-3).
describe('canonicalTemplate: an instance key after a block\'s name stays an index (fourteenth review, A14b-3)', () => {
  test.each([
    ['${data.azurerm_key_vault_secret.look["a"].value}', '${data.azurerm_key_vault_secret.look["a"].value}'],
    ['${data . azurerm_key_vault_secret . look [ "a" ] . value}', '${data.azurerm_key_vault_secret.look["a"].value}'],
    ['${ephemeral.azurerm_key_vault_secret.look ["a"].value}', '${ephemeral.azurerm_key_vault_secret.look["a"].value}'],
    ['${data.terraform_remote_state.self["a"].outputs["pw"]}', '${data.terraform_remote_state.self["a"].outputs.pw}'],
    ['${azurerm_x.y["a"]["id"]}', '${azurerm_x.y["a"].id}'],
    ['${azurerm_x.y["0"].id}', '${azurerm_x.y[0].id}'],
    ['${module.m["a"]["out"]}', '${module.m["a"].out}'],
    ['${var.m["a"]["b"]}', '${var.m.a.b}'],
    ['${local.m["a"]}', '${local.m.a}'],
    ['${each.value["a"]}', '${each.value.a}'],
    ['${azurerm_x.y.tags["env"]}', '${azurerm_x.y.tags.env}'],
  ])('%s is read as %s', (written, canonical) => {
    expect(canonicalTemplate(written)).toBe(canonical);
  });

  test.each([
    // Without count or for_each the key is an attribute, with them an instance: left to the evaluator, which reads the whole block.
    ['a lookup in a whole block', '${lookup(data.azurerm_key_vault_secret.look, "a").value}', '${lookup(data.azurerm_key_vault_secret.look, "a").value}'],
    ['a lookup in a whole module', '${lookup(module.m, "a")}', '${lookup(module.m, "a")}'],
    ['a lookup in a whole resource, blanks out', '${lookup(azurerm_x . y, "id")}', '${lookup(azurerm_x.y, "id")}'],
    ['a lookup in one instance', '${lookup(azurerm_x.y["a"], "id")}', '${azurerm_x.y["a"].id}'],
  ])('%s: %s is read as %s', (_name, written, canonical) => {
    expect(canonicalTemplate(written)).toBe(canonical);
  });
});

describe('canonicalReferences: every string of the JSON', () => {
  test('rewrites the strings of lists and objects (the library\'s // records too, which are compared with the blocks), keeps keys, and does not change what it was given', () => {
    const json = {
      'resource': { azurerm_role_assignment: { Owner: { scope: '${azurerm_x.y[0]["id"]}', '//': { note: '${azurerm_x . y}' }, list: ['${a . b}', 2, null] } } },
      '//': { record: '${azurerm_x . y}' },
      '${a . b}': true,
    };
    const copy = JSON.parse(JSON.stringify(json));
    expect(canonicalReferences(json)).toEqual({
      'resource': { azurerm_role_assignment: { Owner: { scope: '${azurerm_x.y[0].id}', '//': { note: '${azurerm_x.y}' }, list: ['${a.b}', 2, null] } } },
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

// 35th run, A35b-2: inside a legacy splat's steps a legacy index (`.0`) indexes each item, `[0]` the list the splat makes
// (hashicorp/hcl hclsyntax/parser.go parseExpressionTraversals): `s.*.fqdn.0` is `[s.fqdn[0]]`, `s.*.fqdn[0]` is `[s.fqdn][0]`.
describe('canonicalTemplate: a legacy index inside a legacy splat stays one (A35b-2)', () => {
  test.each([
    ['${azurerm_x.y.*.fqdn.0}', '${azurerm_x.y.*.fqdn.0}'],
    ['${azurerm_x.y.*.identity.0.principal_id}', '${azurerm_x.y.*.identity.0.principal_id}'],
    ['${local.q . * . n . 1}', '${local.q.*.n.1}'],
    ['${azurerm_x.y[*].a.*.b.0}', '${azurerm_x.y[*].a.*.b.0}'],
    // After an index the splat is over: a legacy index is an index again.
    ['${azurerm_x.y.*.a[0].b.0}', '${azurerm_x.y.*.a[0].b[0]}'],
    ['${azurerm_x.y.*.a["k"].0}', '${azurerm_x.y.*.a["k"][0]}'],
    // A full splat takes every step: `.0` and `[0]` are one index of each item.
    ['${azurerm_x.y[*].a.0}', '${azurerm_x.y[*].a[0]}'],
    ['${azurerm_x.y.0.id} ${azurerm_x.y.*.id.0}', '${azurerm_x.y[0].id} ${azurerm_x.y.*.id.0}'],
  ])('%s is read as %s', (written, canonical) => {
    expect(canonicalTemplate(written)).toBe(canonical);
  });
});
