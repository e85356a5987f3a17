// The paths of jsonSpelled (json-text.ts) the first tests did not take (tenth pass of mutation testing): values that are no joined
// template, JSON values beside the interpolations (null, numbers, booleans), and keys or items not read further down. Whole values.
import { evaluateTemplate, NO_LOCALS, Value } from '../../../../lib/checks/hcl-expression';
import { jsonSpelled } from '../../../../lib/checks/json-text';

/** The value with each value known only later written as its text. */
const shown = (value: Value | undefined): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const template = (text: string) => evaluateTemplate(text, NO_LOCALS);

describe('jsonSpelled: what a template spells beside its interpolations', () => {
  test.each<[string, string, unknown]>([
    ['null', '{"a":null,"b":"${var.x}"}', { a: null, b: '${var.x}' }],
    ['a literal number', '{"a":5,"b":"${var.x}"}', { a: 5, b: '${var.x}' }],
    ['a literal boolean', '{"a":false,"b":"${var.x}"}', { a: false, b: '${var.x}' }],
    ['items of a list', '["${var.x}",null,1,true,"y"]', ['${var.x}', null, 1, true, 'y']],
    ['an empty object', '{"a":{},"b":"${var.x}"}', { a: {}, b: '${var.x}' }],
  ])('%s', (_, text, expected) => {
    expect(shown(jsonSpelled(template(text)))).toEqual(expected);
  });
});

describe('jsonSpelled: what is not read', () => {
  test.each<[string, string]>([
    // A call's parts are its arguments, not the pieces of its text: replace("[\"", var.x, "\"]") is no list of var.x.
    // A template with choices (`"${var.c ? "x" : "y"}"`) keeps them, not its parts: read whole, as its choices.
    ['a template whose interpolation has choices', '{"a":"${var.c ? "x" : "y"}"}'],
    ['a call whose arguments would spell a list', '${replace("[\\"", var.x, "\\"]")}'],
    ['a call whose arguments would spell an object', '${replace("{\\"a\\":\\"", var.x, "\\"}")}'],
    ['a key known only later beside a known one', '{"a":"x","${var.k}":"y"}'],
    ['a known key before one known only later', '{"${var.k}":"y","a":"x"}'],
    ['an object inside with a key known only later', '{"a":{"${var.k}":"x"},"b":"${var.x}"}'],
    ['an interpolation outside a string, inside an object', '{"a":{"b":${var.x}}}'],
    ['a list inside with a key known only later', '{"a":[{"${var.k}":"x"}],"b":"${var.x}"}'],
  ])('%s', (_, text) => {
    expect(jsonSpelled(template(text))).toBeUndefined();
  });
});
