import { blanksEnd, expressionEnd, heredocEnd, outsideLiterals, quotedEnd, splatStepsEnd, templatePart, traversalText, unusedMarks } from '../../../../lib/checks/traversal-text';

// An ignore_changes entry read as Terraform reads a traversal or keyword (eleventh review, A11b-6).

describe('traversalText', () => {
  test.each([
    ['value_wo_version', 'value_wo_version'],
    [' value_wo_version\n', 'value_wo_version'],
    ['value_wo_version # rotation handled by hand\n', 'value_wo_version'],
    ['value_wo_version // c', 'value_wo_version'],
    ['/* c */value_wo_version', 'value_wo_version'],
    ['/*c*/all', 'all'],
    ['all # c', 'all'],
    ['all /* c */', 'all'],
    ['identity [ 0 ] . /* c */ type', 'identity[0].type'],
    ['${ value_wo_version /* c */ }', 'value_wo_version'],
    // A quoted key keeps its text: what reads as a comment or a blank inside it is part of the key.
    ['keepers [ "a # b" ]', 'keepers["a # b"]'],
    ['keepers["a \\" /* b"] # c', 'keepers["a \\" /* b"]'],
    // An unclosed comment runs to the end.
    ['tags /* c', 'tags'],
  ])('%j reads as %j', (written, read) => {
    expect(traversalText(written)).toBe(read);
  });

  test('text that is not a traversal is kept, only its blanks dropped', () => {
    expect(traversalText('a / b')).toBe('a/b');
    expect(traversalText('x${y}')).toBe('x${y}');
  });
});

describe('traversalText, whole templates and heredocs', () => {
  test('a whole "${...}" is its inside, blanks in a quoted key kept; text after the closing brace keeps the template', () => {
    expect(traversalText('${ keepers [ "a b" ] }')).toBe('keepers["a b"]');
    expect(traversalText('${a}b')).toBe('${a}b');
  });

  test('a heredoc is copied whole, its line breaks and comment signs included; a "<<" that opens none copies the rest', () => {
    expect(traversalText('keys [ <<EOT\na # b\nEOT\n ]')).toBe('keys[<<EOT\na # b\nEOT\n]');
    expect(traversalText('a <<b c')).toBe('a<<b c');
  });
});

describe('blanksEnd', () => {
  test.each([
    ['abc', 0, 0],
    ['a  # c\n /* d */ b', 1, 16],
    ['a  ', 1, 3],
    ['a // c', 1, 6],
    ['a /* c', 1, 6],
  ])('%j from %d ends at %d', (text, at, end) => {
    expect(blanksEnd(text, at)).toBe(end);
  });
});

describe('quotedEnd and templatePart', () => {
  test.each([
    ['"ab" c', 4],
    ['"a\\"b" c', 6],
    // A template runs to its own closing brace, strings inside it included.
    ['"${"]"}" c', 8],
    ['"%{ if "\\"" }" c', 14],
    // An escaped template is text: its brace opens nothing.
    ['"$${"} c', 5],
    ['"%%{"} c', 5],
    ['"abc', 4],
    ['"${abc" x', 9],
  ])('the string %j ends at %d', (text, end) => {
    expect(quotedEnd(text, 0)).toBe(end);
  });

  test.each([
    ['$${x}', 0, 3],
    ['%%{x}', 0, 3],
    ['${x} y', 0, 4],
    ['%{ if x } y', 0, 9],
    ['$x', 0, 1],
    ['%x', 0, 1],
    ['$%{x}', 0, 1],
    ['%${x}', 0, 1],
    ['a${x}', 1, 5],
    ['a${x}', 0, 1],
    ['aa{x}', 0, 1],
    ['a{x}', 0, 1],
  ])('the part of %j at %d ends at %d', (text, at, end) => {
    expect(templatePart(text, at)).toBe(end);
  });

  test('an unclosed template has no end', () => {
    expect(templatePart('${x', 0)).toBeUndefined();
    expect(templatePart('%{x', 0)).toBeUndefined();
  });
});

describe('heredocEnd', () => {
  test.each([
    ['<<EOT\nabc\nEOT\nrest', 0, 14],
    ['<<-EOT\n  abc\n  EOT  \nrest', 0, 21],
    ['<<EOT\r\nabc\r\nEOT\r\nrest', 0, 17],
    ['x = <<EOT\nabc\nEOT\nr', 4, 18],
    // The marker alone on its line: not after other text, not in a template (whose strings may hold line breaks).
    ['<<EOT\nx EOT\nEOT\nr', 0, 16],
    ['<<EOT\n${"\nEOT\n"}\nEOT\nr', 0, 21],
    ['<<EOT\n${"a"}EOT\nEOT\nr', 0, 20],
    // Go's TrimSpace: U+00A0 and U+3000 are blanks around the marker, U+FEFF is not, nor a blank inside it.
    ['<<EOT\nabc\n\u00a0EOT\u3000\nr', 0, 16],
    ['<<EOT\nabc\n\u000bEOT\u0085\nr', 0, 16],
    ['<<EOT\nabc\n\ufeffEOT\nEOT\nr', 0, 19],
    ['<<EOT\nabc\nEOT\u000b\nr', 0, 15],
    ['<<EOT\nEOT\nr', 0, 10],
    ['<<EOT\nE OT\nEOT\nr', 0, 15],
    ['<<EOT\nE\u00a0OT\nEOT\nr', 0, 15],
  ])('the heredoc %j at %d ends at %d', (text, at, end) => {
    expect(heredocEnd(text, at)).toBe(end);
  });

  test.each([
    ['<<EOT abc'],
    ['<<EOT\nabc\n'],
    ['<<EOT\nabc\nEOT'],
    ['<<EOT\nabc\nEOTx'],
    ['<<EOT\n${x\nEOT\n'],
    ['<< EOT\nEOT\n'],
  ])('%j opens no heredoc or never closes it', (text) => {
    expect(heredocEnd(text, 0)).toBeUndefined();
  });
});

describe('expressionEnd', () => {
  test.each([
    ['each.value["k"]]', ']', 15],
    ['a[b[0]] ]', ']', 8],
    ['{ a = "]" }.a]', ']', 13],
    ['a # ]\n]', ']', 6],
    ['a /* ] */ ]', ']', 10],
    ['f(x) }', '}', 5],
    ['a, [b]) ', ')', 6],
    ['<<EOT\n]\nEOT\n]', ']', 12],
    ['{a = 1}]', ']', 7],
  ] as const)('%j meets %s at %d', (text, closer, end) => {
    expect(expressionEnd(text, 0, closer)).toBe(end);
  });

  test('from the given position', () => {
    expect(expressionEnd('x[0]', 2, ']')).toBe(3);
  });

  test.each([
    ['a)', ']'],
    ['(a]', ']'],
    ['[a)]', ']'],
    ['abc', ']'],
    ['<<EOT\n]', ']'],
    ['a]', '}'],
  ] as const)('%j never meets %s', (text, closer) => {
    expect(expressionEnd(text, 0, closer)).toBeUndefined();
  });
});

describe('splatStepsEnd', () => {
  test.each([
    // A legacy splat takes attributes and legacy indexes, and ends at an index or a splat.
    ['x.*.a.b[0]', 3, false, 7],
    ['x.*.a.0.b', 3, false, 9],
    ['x.*.a[0]', 3, false, 5],
    ['x.*.a.*.b', 3, false, 5],
    ['x.*.a[*].b', 3, false, 5],
    // `.0.1` is a fraction, no legacy index.
    ['x.*.a.0.1', 3, false, 5],
    ['x.*.a.01', 3, false, 8],
    ['x.*.a.0.b.1', 3, false, 11],
    // A full splat takes the rest of the traversal, indexes and further splats included.
    ['x[*].a[0].b', 4, true, 11],
    ['x[*].a[*].b.*.c', 4, true, 15],
    ['x[*].a["]"].b + 1', 4, true, 13],
    ['x[*].a[ * ].b', 4, true, 13],
    ['x[*] + 1', 4, true, 4],
    ['x[*].*x', 4, true, 4],
    ['x[*].a.0.1', 4, true, 6],
  ] as const)('the steps of %j from %d (full: %s) end at %d', (text, at, full, end) => {
    expect(splatStepsEnd(text, at, full)).toBe(end);
  });

  test('an index never closed has no end', () => {
    expect(splatStepsEnd('x[*].a[0', 4, true)).toBeUndefined();
  });
});

describe('unusedMarks', () => {
  const codes = (marks: { open: string; close: string }) => [marks.open.codePointAt(0), marks.close.codePointAt(0)];
  const every = (first: number, last: number) => {
    let text = '';
    for (let code = first; code <= last; code++) text += String.fromCodePoint(code);
    return text;
  };

  test('the first two private-use characters no text holds', () => {
    expect(codes(unusedMarks(() => undefined))).toEqual([0xe000, 0xe001]);
    expect(codes(unusedMarks((visit) => { visit('a\ue000b'); visit('\ue002'); }))).toEqual([0xe001, 0xe003]);
  });

  test('the last character of a range, then the next range', () => {
    expect(codes(unusedMarks((visit) => visit(every(0xe000, 0xf8fe))))).toEqual([0xf8ff, 0xf0000]);
    expect(codes(unusedMarks((visit) => visit(every(0xe000, 0xf8ff))))).toEqual([0xf0000, 0xf0001]);
  });

  test('a stack that holds every private-use character is refused', () => {
    const all = [every(0xe000, 0xf8ff), every(0xf0000, 0xffffd), every(0x100000, 0x10fffd)];
    expect(() => unusedMarks((visit) => all.forEach(visit))).toThrow(/every private-use character/);
  });
});

describe('outsideLiterals', () => {
  const marks = unusedMarks(() => undefined);
  const rewrite = outsideLiterals((text) => text.replace(/data\.x\.y/g, 'R'), marks);

  test.each([
    ['data.x.y.id', 'R.id'],
    ['${data.x.y.id}', '${R.id}'],
    // Template text outside the interpolations, quoted strings and heredocs inside them are literal.
    ['data.x.y ${data.x.y.id}', 'data.x.y ${R.id}'],
    ['${"data.x.y" == data.x.y.id}', '${"data.x.y" == R.id}'],
    ['${"a\\"data.x.y" == data.x.y.id}', '${"a\\"data.x.y" == R.id}'],
    ['$${data.x.y} ${data.x.y.id}', '$${data.x.y} ${R.id}'],
    ['%{if data.x.y.id == "data.x.y"}data.x.y%{endif}', '%{if R.id == "data.x.y"}data.x.y%{endif}'],
    ['${<<EOT\ndata.x.y\nEOT\n} ${data.x.y.id}', '${<<EOT\ndata.x.y\nEOT\n} ${R.id}'],
    ['${"${data.x.y.id} data.x.y"}', '${"${R.id} data.x.y"}'],
    ['${data.x.y["a"].id}', '${R["a"].id}'],
    // Never closed: what follows is read as code.
    ['data.x.y ${data.x.y.id', 'data.x.y ${R.id'],
  ])('%j is rewritten as %j', (text, rewritten) => {
    expect(rewrite(text)).toBe(rewritten);
    expect(rewrite(text)).toBe(rewritten);
  });

  /** What the rewrite is given, the hidden stretches shown as ‹n›. */
  const seenByRewrite = (text: string) => {
    let seen = '';
    outsideLiterals((given) => (seen = given, given), marks)(text);
    return seen.replace(new RegExp(`${marks.open}(\\d+)${marks.close}`, 'gu'), '‹$1›');
  };

  test.each([
    ['a.b ${x}', '‹0›${x}'],
    // Outside quotes a backslash is text, not an escape.
    ['a.b\\${x}', '‹0›${x}'],
    ['${x} a.b', '${x}‹0›'],
    ['${ x }a.b', '${ x }‹0›'],
    // An escaped template is literal text.
    ['$${a.b} ${x}', '‹0›${x}'],
    ['%%{a.b} ${x}', '‹0›${x}'],
    ['%{if x}a.b%{endif}', '%{if x}‹0›%{endif}'],
    ['${"a.b"}', '${"‹0›"}'],
    ['${"a.b" == "c.d"}', '${"‹0›" == "‹1›"}'],
    ['${"a\\"x.y"}', '${"‹0›"}'],
    ['${"a.b\\\\"}c.d', '${"‹0›"}‹1›'],
    ['${"a.b ${x} c.d"}', '${"‹0›${x}‹1›"}'],
    // A heredoc's lines, up to its marker's line, are literal; its templates are not.
    ['${<<EOT\na.b\nEOT\n}', '${<<EOT\n‹0›EOT\n}'],
    ['${<<-EOT\n  a.b\n  EOT\n}', '${<<-EOT\n‹0›  EOT\n}'],
    ['${<<EOT\na.b ${x.y} c.d\nEOT\n}', '${<<EOT\n‹0›${x.y}‹1›EOT\n}'],
    ['${f("a.b", <<EOT\nc.d\nEOT\n)}', '${f("‹0›", <<EOT\n‹1›EOT\n)}'],
    ['${<<EOT\nEOT\n} a.b', '${<<EOT\nEOT\n}‹0›'],
    // A name, a dot and a name, blanks between them too; a number with a dot is no reference.
    ['a . b${x}', '‹0›${x}'],
    ['a.\nb${x}', '‹0›${x}'],
    ['${"1.5"}', '${"1.5"}'],
    ['${"abc"}', '${"abc"}'],
    // Unclosed: what follows is read as code, nothing after it hidden.
    ['a.b ${x', '‹0›${x'],
    ['${"${x.y"}', '${"${x.y"}'],
    ['${ <<EOT }', '${ <<EOT }'],
  ])('the rewrite of %j sees %j', (text, seen) => {
    expect(seenByRewrite(text)).toBe(seen);
  });

  test('a literal without a dotted name is not hidden, and the marks are put back only where they were', () => {
    const seen: string[] = [];
    const spy = outsideLiterals((text) => (seen.push(text), text), marks);
    expect(spy('${"abc" == data.x.y.id}')).toBe('${"abc" == data.x.y.id}');
    expect(seen).toEqual(['${"abc" == data.x.y.id}']);
    expect(spy('${"a.b" == x}')).toBe('${"a.b" == x}');
    expect(seen[1]).toBe(`\${"${marks.open}0${marks.close}" == x}`);
  });
});
