import { libraryMarksDisagree } from '../../lib/checks/library-marks';

// The library's marks are a closed graph (fifteenth review, A15b-2): every resource a pin refers to
// at a construct's path is listed as made, and a resource a pin refers to keeps the construct path
// cdktf made its address from. The class, on every example, is in pinned-references-synth.test.ts.

const MADE = 'cdktf-azure-postgres-made';
const PINNED = 'cdktf-azure-postgres-pinned';
const at = (path: string) => ({ '//': { metadata: { path } } });

describe('a pin\'s references, on a hand-written file', () => {
  /** A construct's server and NSG, made and pinned, the rule pinned to the NSG; a caller's group beside them. */
  const written = (edit: (json: any) => void = () => undefined) => {
    const json: any = {
      resource: {
        azurerm_resource_group: { rg: { name: 'rg-db', ...at('app/rg') }, Net_Group_6F6D1961: { name: 'rg-net', ...at('app/Net/Group') } },
        azurerm_postgresql_flexible_server: { Postgres_Server_1: { name: 'db', ...at('app/Postgres/Server') } },
        azurerm_network_security_group: { Postgres_SecurityGroup_46BC35B3: { name: 'nsg', resource_group_name: '${azurerm_resource_group.rg.name}', ...at('app/Postgres/SecurityGroup') } },
        azurerm_network_security_rule: { Postgres_Rule_1: { name: 'deny', network_security_group_name: '${azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3.name}', resource_group_name: '${azurerm_resource_group.Net_Group_6F6D1961.name}', ...at('app/Postgres/Rule') } },
      },
      '//': {
        'cdktf-azure-postgres-constructs': ['app/Postgres'],
        [MADE]: ['app/Postgres/Server', 'app/Postgres/SecurityGroup', 'app/Postgres/Rule'],
        [PINNED]: [
          { server: 'app/Postgres/Server', path: 'app/Postgres/Server', attributes: { provider: null, name: 'db' } },
          { server: 'app/Postgres/Server', path: 'app/Postgres/SecurityGroup', attributes: { provider: null, name: 'nsg', resource_group_name: '${azurerm_resource_group.rg.name}' } },
          { server: 'app/Postgres/Server', path: 'app/Postgres/Rule', attributes: { provider: null, name: 'deny', resource_group_name: '${azurerm_resource_group.Net_Group_6F6D1961.name}', network_security_group_name: '${azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3.name}' } },
        ],
      },
    };
    edit(json);
    return json;
  };
  const unmark = (json: any) => {
    json['//'][MADE] = json['//'][MADE].filter((path: string) => path !== 'app/Postgres/SecurityGroup');
    json['//'][PINNED] = json['//'][PINNED].filter((pin: any) => pin.path !== 'app/Postgres/SecurityGroup');
  };
  const nsg = (json: any) => json.resource.azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3;

  test('references to made resources and to the caller\'s (top-level, or below a construct of its own with the hash of its path) agree', () => {
    expect(libraryMarksDisagree(written())).toBeUndefined();
  });

  test('a resource a pin refers to at a construct\'s path, its made entry and pin deleted, disagrees', () => {
    expect(libraryMarksDisagree(written(unmark))).toBe('//.cdktf-azure-postgres-pinned pins "app/Postgres/Rule" to azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3, which has the construct path "app/Postgres/SecurityGroup" of app/Postgres but is not listed as made (//.cdktf-azure-postgres-made): the library lists every resource its constructs make');
  });

  test('so does one whose path is changed within the construct', () => {
    expect(libraryMarksDisagree(written((json) => { unmark(json); nsg(json)['//'].metadata.path = 'app/Postgres/SecurityGroup-x'; }))).toMatch(/to azurerm_network_security_group\.Postgres_SecurityGroup_46BC35B3, which has the construct path "app\/Postgres\/SecurityGroup-x" of app\/Postgres but is not listed as made/);
  });

  test.each([
    ['out of the construct', 'app/Decoy', 'construct path "app/Decoy" is not the one cdktf made its address from'],
    ['to another construct of the caller\'s', 'app/Net/SecurityGroup', 'construct path "app/Net/SecurityGroup" is not the one cdktf made its address from'],
  ])('so does one whose path is re-pointed %s', (_name, path, problem) => {
    expect(libraryMarksDisagree(written((json) => { unmark(json); nsg(json)['//'].metadata.path = path; }))).toBe(
      `//.cdktf-azure-postgres-pinned pins "app/Postgres/Rule" to azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3, whose ${problem}`);
  });

  test('so does one whose //.metadata is deleted', () => {
    expect(libraryMarksDisagree(written((json) => { unmark(json); delete nsg(json)['//']; }))).toBe(
      '//.cdktf-azure-postgres-pinned pins "app/Postgres/Rule" to azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3, whose //.metadata.path is deleted');
  });

  test('a reference read through a local counts as the reference', () => {
    expect(libraryMarksDisagree(written((json) => {
      unmark(json);
      json.locals = { group: '${azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3}' };
      json['//'][PINNED][1].attributes.network_security_group_name = '${local.group.name}';
    }))).toMatch(/pins "app\/Postgres\/Rule" to azurerm_network_security_group\.Postgres_SecurityGroup_46BC35B3, which has the construct path/);
  });

  test('a stack below another construct (its path has a part above the stack) agrees', () => {
    expect(libraryMarksDisagree(written((json) => { json.resource.azurerm_resource_group.Net_Group_6F6D1961['//'].metadata.path = 'outer/app/Net/Group'; }))).toBeUndefined();
  });

  test('a caller\'s resource the construct was given, without //.metadata and with a logical ID of its own, agrees', () => {
    expect(libraryMarksDisagree(written((json) => { delete json.resource.azurerm_resource_group.rg['//']; }))).toBeUndefined();
  });
});

test('a network guard the server\'s pinned depends_on lists (written as plain addresses), unmarked, disagrees', () => {
  const json: any = {
    resource: {
      azurerm_postgresql_flexible_server: { Postgres_Server_1: { name: 'db', ...at('app/Postgres/Server') } },
      azurerm_network_security_rule: { Postgres_Deny_1: { name: 'deny', ...at('app/Postgres/Deny') } },
    },
    '//': {
      'cdktf-azure-postgres-constructs': ['app/Postgres'],
      [MADE]: ['app/Postgres/Server'],
      [PINNED]: [{ server: 'app/Postgres/Server', path: 'app/Postgres/Server', attributes: { provider: null, name: 'db', depends_on: ['azurerm_network_security_rule.Postgres_Deny_1'] } }],
    },
  };
  expect(libraryMarksDisagree(json)).toBe('//.cdktf-azure-postgres-pinned pins "app/Postgres/Server" to azurerm_network_security_rule.Postgres_Deny_1, which has the construct path "app/Postgres/Deny" of app/Postgres but is not listed as made (//.cdktf-azure-postgres-made): the library lists every resource its constructs make');
  json['//'][MADE].push('app/Postgres/Deny');
  json['//'][PINNED].push({ server: 'app/Postgres/Server', path: 'app/Postgres/Deny', attributes: { provider: null, name: 'deny' } });
  expect(libraryMarksDisagree(json)).toBeUndefined();
});
