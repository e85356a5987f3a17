import { traversalText } from '../../../../lib/checks/traversal-text';

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
