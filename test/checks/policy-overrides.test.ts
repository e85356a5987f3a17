import { Unknown } from '../../lib/checks/hcl-expression';
import { overriddenEffects, overridesWrite } from '../../lib/checks/policy-overrides';

// An assignment's effect overrides, as azurerm (blocks without a kind) and azapi (kind policyEffect) write them (A18b-6).

test('reads the effects, lower case, of azurerm blocks and azapi policyEffect overrides in any case', () => {
  expect(overriddenEffects(undefined)).toEqual([]);
  expect(overriddenEffects([{ value: 'Modify', selectors: [] }])).toEqual(['modify']);
  expect(overriddenEffects([{ Kind: 'PolicyEffect', VALUE: ' Audit ' }, { kind: 'policyEffect', value: 'DeployIfNotExists' }])).toEqual(['audit', 'deployifnotexists']);
});

test('a definitionVersion override changes no effect', () => {
  expect(overriddenEffects([{ kind: 'definitionVersion', value: '1.*.*' }])).toEqual([]);
});

test.each([
  ['a list known only later', new Unknown('var.overrides', ['var.overrides'])],
  ['not a list', { value: 'Modify' }],
  ['an item known only later', [new Unknown('var.o', ['var.o'])]],
  ['a value known only later', [{ value: '${var.effect}' }]],
  ['an ARM expression', [{ value: "[parameters('effect')]" }]],
  ['no value', [{ kind: 'policyEffect' }]],
  ['a kind known only later', [{ kind: '${var.kind}', value: 'Audit' }]],
  ['another kind', [{ kind: 'somethingNew', value: 'Audit' }]],
])('%s may give any effect', (_what, overrides) => {
  expect(overriddenEffects(overrides)).toBe('any');
  expect(overridesWrite(overriddenEffects(overrides))).toBe(true);
});

test('only a writing effect writes', () => {
  expect(overridesWrite(['audit', 'disabled', 'deny'])).toBe(false);
  expect(overridesWrite(['audit', 'append'])).toBe(true);
});
