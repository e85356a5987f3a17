// PG-IAM-2 beyond its own tests: only what a failing assignment says is reported, a moved
// assignment among others, a definition ID known only at apply time, names and IDs with blanks.
import { rule } from '../../../../lib/checks/rules/PG-IAM-2';
import { CONSTRUCT, madeAt, verdictsBeside } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const ON_SERVER = `\${${FLEXIBLE}.db.id}`;
const assignment = (block: object, path?: string) => ({ ...(path === undefined ? {} : madeAt(path)), principal_id: PRINCIPAL, ...block });
const CHANGES = 'can change or delete the server or grant access to it';

test('reports the failing assignments only, beside one that passes', () => {
  const resources = {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    azurerm_role_assignment: {
      reader: assignment({ scope: ON_SERVER, role_definition_name: 'Reader' }),
      owner: assignment({ scope: ON_SERVER, role_definition_name: ' Owner ' }),
      byId: assignment({ scope: ON_SERVER, role_definition_id: ' /providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c ' }),
    },
  };
  expect(verdictsBeside(rule, resources)).toEqual([
    { status: 'fail', message: `azurerm_role_assignment.byId grants Contributor on the server, which ${CHANGES}, with no justification.`, address: 'azurerm_role_assignment.byId', subject: 'role "Contributor"' },
    { status: 'fail', message: `azurerm_role_assignment.owner grants Owner on the server, which ${CHANGES}, with no justification.`, address: 'azurerm_role_assignment.owner', subject: 'role "Owner"' },
  ]);
});

test('a definition ID known only at apply time is unknown', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_role_assignment: { hidden: assignment({ scope: ON_SERVER, role_definition_id: '${var.role_id}' }) } };
  expect(verdictsBeside(rule, resources)).toEqual([
    { status: 'unknown', note: 'the role of azurerm_role_assignment.hidden (role_definition_id) is known only at apply time, and may be a privileged one', address: 'azurerm_role_assignment.hidden' },
  ]);
});

test('of a construct\'s assignments only the one moved off the server fails; others\' assignments elsewhere are not its', () => {
  const resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_role_assignment: {
      kept: assignment({ scope: ON_SERVER, role_definition_name: 'Monitoring Reader' }, `${CONSTRUCT}/RoleAssignment0`),
      moved: assignment({ role_definition_name: 'Reader' }, `${CONSTRUCT}/RoleAssignment1`),
      theirs: assignment({ scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform', role_definition_name: 'Owner' }, 'stack/Platform/Owner'),
    },
  };
  expect(verdictsBeside(rule, resources, [CONSTRUCT])).toEqual([{
    status: 'fail',
    message: `azurerm_role_assignment.moved, which ${CONSTRUCT} makes for the server, has the scope null: roleAssignments grant roles on the server only.`,
    address: 'azurerm_role_assignment.moved',
  }]);
});

test('a server no library construct made has no moved assignments, whatever the construct paths are named', () => {
  // A stack named "undefined": no owner must never read as the construct path "undefined".
  const resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt('undefined/Server') } },
    azurerm_role_assignment: { elsewhere: assignment({ scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform', role_definition_name: 'Owner' }, 'undefined/Assignment') },
  };
  expect(verdictsBeside(rule, resources, [])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
});
