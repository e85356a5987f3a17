import { InexactJsonNumber, JsonSyntaxError, parseTerraformJson } from '../../lib/checks/terraform-json';

// The JSON reader of the check command, past the basics of terraform-json.test.ts: it must read
// every file JSON.parse reads the same way, and refuse what JSON.parse refuses.

test.each([
  ' \t\r\n{ "a" : [ 1 , { } , [ ] ] , "b" : "x y" } \n',
  '{"a\\u0041\\"": "\\\\ \\/ \\b\\f\\n\\r\\t"}',
  '[0, -0.5, 10, 1E2, 2e-2, 3e+1, "", {"x": null}]',
  '{"toString": 1, "constructor": 2, "hasOwnProperty": 3}',
])('reads %j as JSON.parse does', (text) => {
  expect(parseTerraformJson(text)).toEqual(JSON.parse(text));
});

test('merges a repeated property whatever the form of each value', () => {
  expect(parseTerraformJson('{"k": 1, "k": [2, 3], "other": 4}')).toEqual({ k: [1, 2, 3], other: 4 });
});

test('a byte order mark is ignored only at the start', () => {
  expect(() => parseTerraformJson('{"a": 1}\ufeff')).toThrow(new JsonSyntaxError('unexpected text after the JSON value at line 1, column 9'));
});

test.each([
  ['{"a": 1 "b": 2}', 'expected "," or "}" at line 1, column 9'],
  ['{"a": 1', 'expected "," or "}" at line 1, column 8'],
  ['[1', 'expected "," or "]" at line 1, column 3'],
  ['01', 'unexpected text after the JSON value at line 1, column 2'],
  ['-', 'unexpected character "-" at line 1, column 1'],
  ['.5', 'unexpected character "." at line 1, column 1'],
  ['{\n  "a": [\n    1,\n    x\n  ]\n}', 'unexpected character "x" at line 4, column 5'],
  ['"a\u001fb"', 'control character in a string at line 1, column 3'],
  ['{1: 2}', 'expected a property name at line 1, column 2'],
])('refuses %j: %s', (text, message) => {
  expect(() => parseTerraformJson(text)).toThrow(JsonSyntaxError);
  expect(() => parseTerraformJson(text)).toThrow(new JsonSyntaxError(message));
});

// Terraform decodes the file with Go (HCL's JSON syntax): an escape of an unpaired surrogate is U+FFFD there,
// and JavaScript would keep it, so two keys Terraform reads as one would differ here (twelfth review, A12b-7).
test('an escaped unpaired surrogate is read as U+FFFD, as Terraform reads it; a pair stays one character', () => {
  const text = '{"a": "\\ud800", "b": "x\\udbffy", "c": "\\udc00\\ud83d\\ude00", "d": "\\ud800\\u0041", "e": "\\ud800\\ud800\\udc00"}';
  expect(parseTerraformJson(text)).toEqual({ a: '\ufffd', b: 'x\ufffdy', c: '\ufffd\ud83d\ude00', d: '\ufffdA', e: '\ufffd\ud800\udc00' });
});

test('two keys that differ only by their unpaired surrogates are one key, merged as a repeated property', () => {
  expect(parseTerraformJson('{"\\ud800": "on", "\\udbff": "off"}')).toEqual({ '\ufffd': ['on', 'off'] });
});

// Terraform keeps a JSON number's exact decimal value; JavaScript rounds it to a double. A number is read only
// when its text is exactly the double JavaScript prints for it (as cdktf writes every number).
test.each(['0', '-0', '7', '1.0', '1.50', '0.1', '-2.5e-3', '1E2', '100e-2', '1e+21', '12345678901234567000', '5e-324', '1.7976931348623157e308', '0e99999'])(
  'reads %s, whose text is a double JavaScript prints', (text) => {
    expect(parseTerraformJson(`[${text}]`)).toEqual([Number(text)]);
  },
);

test.each([
  ['1.00000000000000000001', 'a number of 22 characters at line 1, column 7, not shown'],
  ['12345678901234567891', 'a number of 20 characters at line 1, column 7, not shown'],
  ['9007199254740993', 'a number of 16 characters at line 1, column 7, not shown'],
  ['0.10000000000000001', 'a number of 19 characters at line 1, column 7, not shown'],
  ['1e400', 'a number of 5 characters at line 1, column 7, not shown'],
  ['-1e400', 'a number of 6 characters at line 1, column 7, not shown'],
  ['1e-400', 'a number of 6 characters at line 1, column 7, not shown'],
])('refuses %s, which Terraform reads more exactly than a double', (number, message) => {
  const text = `{"n": ${number}}`;
  expect(() => parseTerraformJson(text)).toThrow(InexactJsonNumber);
  expect(() => parseTerraformJson(text)).toThrow(new InexactJsonNumber(message));
});
