import { azureadGroupSettings, membershipOpenings } from '../../lib/checks/open-groups';
import { buildStackModel, ResourceView } from '../../lib/checks/stack-model';

// Nineteenth review, A19a-10: who may join or manage a group by its own settings, read one way for azuread and Graph.

/** The openings of an azuread_group block as the stack model reads it (expressions become unknown values). */
const azuread = (block: object): string[] => {
  const resource = buildStackModel({ resource: { azuread_group: { g: { display_name: 'g', ...block } } } }).resources.get('azuread_group.g') as ResourceView;
  return membershipOpenings(azureadGroupSettings(resource.config)).map((text) => text.split(' ')[0] + (text.includes('Public') ? ' public' : ''));
};

test('a dynamic rule, a Public (or unset Microsoft 365, or later) visibility and administrative units open the membership', () => {
  expect(azuread({ types: ['DynamicMembership'] })).toEqual(['sets']);
  expect(azuread({ types: ['Unified'] })).toEqual(['lets public']);
  expect(azuread({ types: ['Unified'], visibility: 'PUBLIC' })).toEqual(['lets public']);
  expect(azuread({ visibility: '${var.v}' })).toEqual(['lets public']);
  expect(azuread({ types: '${var.t}' })).toEqual(['sets', 'lets public']);
  expect(azuread({ administrative_unit_ids: ['x'] })).toEqual(['places']);
  expect(azuread({ administrative_unit_ids: '${var.units}' })).toEqual(['places']);
});

test('a private or hidden-membership group, a security group with no visibility, no administrative unit keep it closed', () => {
  expect(azuread({ types: ['Unified'], visibility: 'Private' })).toEqual([]);
  expect(azuread({ types: ['Unified'], visibility: 'HiddenMembership' })).toEqual([]);
  expect(azuread({ security_enabled: true })).toEqual([]);
  expect(azuread({ administrative_unit_ids: [] })).toEqual([]);
});
