import { rule } from '../../lib/checks/rules/PG-CFG-3';
import { verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Microsoft Defender turned on for the server hardens it: such a block is no writer PG-CFG-3 fails
// (threat-protection.ts). Anything else of the same types (turned off, a setting known only later, a
// body that says more, an ID of another resource) may remove the protection, and fails as a writer.

const REF = `\${${FLEXIBLE}.db.id}`;
const SERVER_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const SETTING = 'Microsoft.DBforPostgreSQL/flexibleServers/advancedThreatProtectionSettings';
const ATP = `${SETTING}@2024-08-01`;
const ENABLED = { properties: { state: 'Enabled' } };
const TAIL = 'reaches the server; no rule reads what it does there, so it cannot be judged.';

/** PG-CFG-3's verdicts on the server "db" beside the given resources. */
const judged = (resources: Resources) => verdictsBeside(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources });
/** The failure of the one block of the given type, named "atp", described as a writer. */
const writer = (type: string, what: string) => [{ status: 'fail', message: `${what} ${TAIL}`, address: `${type}.atp` }];
const azapi = (type: string, block: object): Resources => ({ [type]: { atp: { name: 'Default', ...block } } });

describe('Defender turned on passes: no writer', () => {
  test.each<[string, Resources]>([
    ['azurerm_advanced_threat_protection enabled', { azurerm_advanced_threat_protection: { atp: { target_resource_id: REF, enabled: true } } }],
    ['the azapi setting under the server', azapi('azapi_resource', { type: ATP, parent_id: REF, body: ENABLED })],
    ['the azapi setting updated under the server, its state in lower case', azapi('azapi_update_resource', { type: ATP, parent_id: REF, body: { properties: { state: 'enabled' } } })],
    ['the azapi setting by its own ID', azapi('azapi_update_resource', { type: ATP, resource_id: `${SERVER_ID}/advancedThreatProtectionSettings/Default`, body: ENABLED })],
    ['the azapi setting by its ID spelled from the server\'s', azapi('azapi_update_resource', { type: ATP, resource_id: `${REF}/advancedThreatProtectionSettings/Default`, body: ENABLED })],
    ['the azapi setting by its own ID in another case', azapi('azapi_update_resource', { type: ATP, resource_id: `${SERVER_ID}/AdvancedThreatProtectionSettings/Default`, body: ENABLED })],
    ['the setting\'s type without an API version', azapi('azapi_resource', { type: SETTING, parent_id: REF, body: ENABLED })],
    ['the setting\'s type in another case', azapi('azapi_resource', { type: ATP.toLowerCase(), parent_id: REF, body: { properties: { state: 'ENABLED' } } })],
  ])('%s', (_name, resources) => {
    expect(judged(resources)).toEqual([{ status: 'pass' }]);
  });
});

describe('anything else of these types fails as a writer: it may remove the protection', () => {
  test.each<[string, unknown]>([
    ['turned off', false],
    ['enabled by a variable', '${var.defender}'],
  ])('azurerm_advanced_threat_protection %s', (_name, enabled) => {
    const type = 'azurerm_advanced_threat_protection';
    expect(judged({ [type]: { atp: { target_resource_id: REF, enabled } } })).toEqual(writer(type, `an ${type}`));
  });

  test.each<[string, unknown]>([
    ['Disabled', { properties: { state: 'Disabled' } }],
    ['Enabled beside another property', { properties: { state: 'Enabled', emailAccountAdmins: false } }],
    ['Enabled beside another top-level key', { properties: { state: 'Enabled' }, tags: {} }],
    ['without properties', { other: { state: 'Enabled' } }],
    ['with properties that are no object', { properties: 'Enabled' }],
    ['with empty properties', { properties: {} }],
    ['with a state known only later', { properties: { state: '${var.state}' } }],
    ['with a body known only later', '${jsonencode(var.atp)}'],
  ])('the azapi setting %s', (_name, body) => {
    expect(judged(azapi('azapi_resource', { type: ATP, parent_id: REF, body }))).toEqual(writer('azapi_resource', `an azapi_resource of type ${JSON.stringify(ATP)}`));
  });

  test.each<[string, string]>([
    ['a type that only starts as the setting\'s', `${SETTING}Preview@2024-08-01`],
    ['a type that only ends as the setting\'s', `Microsoft.Other/${ATP}`],
  ])('an azapi_resource of %s', (_name, type) => {
    expect(judged(azapi('azapi_resource', { type, parent_id: REF, body: ENABLED }))).toEqual(writer('azapi_resource', `an azapi_resource of type ${JSON.stringify(type)}`));
  });

  test.each<[string, string]>([
    ['whose type is known only later', '${var.type}'],
    ['whose API version is known only later', `${SETTING}@\${var.api_version}`],
  ])('an azapi_resource %s', (_name, type) => {
    expect(judged(azapi('azapi_resource', { type, parent_id: REF, body: ENABLED }))).toEqual(writer('azapi_resource', 'an azapi_resource whose type is known only at apply time'));
  });

  test('an azapi_resource_action of the setting\'s type: an action, not the setting', () => {
    expect(judged(azapi('azapi_resource_action', { type: ATP, resource_id: `${SERVER_ID}/advancedThreatProtectionSettings/Default`, action: 'x', body: ENABLED })))
      .toEqual(writer('azapi_resource_action', `an azapi_resource_action of type ${JSON.stringify(ATP)}`));
  });

  test.each<[string, unknown]>([
    ['the server\'s own ID', SERVER_ID],
    ['the server\'s own ID by reference', REF],
    ['an ID below the setting', `${SERVER_ID}/advancedThreatProtectionSettings/Default/more`],
    ['an ID of the settings without a name', `${SERVER_ID}/advancedThreatProtectionSettings/`],
    ['an ID of another child of the server', `${SERVER_ID}/configurations/Default`],
    ['an ID in a list, which is no text', [`${SERVER_ID}/advancedThreatProtectionSettings/Default`]],
  ])('the azapi setting sent to %s', (_name, id) => {
    expect(judged(azapi('azapi_update_resource', { type: ATP, resource_id: id, body: ENABLED }))).toEqual(writer('azapi_update_resource', `an azapi_update_resource of type ${JSON.stringify(ATP)}`));
  });
});
