import { literalsLowerCased } from '../../lib/checks/literal-case';

test('lowers the literal text of a template and keeps its interpolations and directives as written (A88a-1)', () => {
  expect(literalsLowerCased('AADAUTH,OID=${var.App_Id},TYPE=${local.T}')).toBe('aadauth,oid=${var.App_Id},type=${local.T}');
  expect(literalsLowerCased('A%{ if var.X }B%{ endif }C')).toBe('a%{ if var.X }b%{ endif }c');
});

test('follows an interpolation to its own closing brace, past braces inside its strings', () => {
  expect(literalsLowerCased('X${join("}", [var.Id])}Y')).toBe('x${join("}", [var.Id])}y');
  expect(literalsLowerCased('X${lookup({ K = var.A }, "K")}Y')).toBe('x${lookup({ K = var.A }, "K")}y');
});

test('reads an escaped template as literal text and keeps a template never closed as written', () => {
  expect(literalsLowerCased('$${VAR.A}B')).toBe('$${var.a}b');
  expect(literalsLowerCased('A${var.B')).toBe('a${var.B');
});
