import { forgetsObject } from '../../../../lib/checks/forgotten-objects';

// Whether a removed block leaves its object in Azure, as Terraform 1.11 reads its lifecycle (eleventh review, A11b-7).

describe('forgetsObject', () => {
  test.each<[string, { [key: string]: unknown }]>([
    ['no lifecycle', { from: 'x.y' }],
    ['a lifecycle that sets nothing', { from: 'x.y', lifecycle: {} }],
    ['destroy = true', { from: 'x.y', lifecycle: { destroy: true } }],
    ['destroy = "true"', { from: 'x.y', lifecycle: [{ destroy: 'true' }] }],
  ])('%s destroys the object', (_, removed) => {
    expect(forgetsObject(removed)).toBe(false);
  });

  test.each<[string, { [key: string]: unknown }]>([
    ['destroy = false', { lifecycle: { destroy: false } }],
    ['destroy = "false"', { lifecycle: { destroy: 'false' } }],
    ['a second lifecycle block that sets it false', { lifecycle: [{ destroy: true }, { destroy: false }] }],
    ['destroy as an expression', { lifecycle: { destroy: '${var.keep}' } }],
    ['destroy = null', { lifecycle: { destroy: null } }],
    ['a lifecycle that is no block', { lifecycle: ['keep'] }],
  ])('%s leaves it (or is read so: Terraform refuses what it cannot take as a constant)', (_, removed) => {
    expect(forgetsObject(removed)).toBe(true);
  });
});
