import { ref, TerraformDataSource, TerraformLocal, TerraformResource, TerraformStack, Token } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { aliasDataSources } from '../../lib/checks/data-source-aliases';
import { AZAPI_LOOKUPS, DERIVED, GRAPH_COLLECTIONS, PLURAL_LOOKUPS } from '../../lib/checks/looked-up-blocks';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Twentieth review, A20a-1: a lookup whose identifying argument reads that same argument of a block the stack writes
// (data.azuread_group { object_id = azuread_group.admins.object_id }) is that block, and so is a lookup of another
// provider by the block's ID (azapi by resource_id, msgraph by a Graph path): every administrator reader judges it
// as the direct reference.

/** What `${<read>}` becomes in a stack of the given resources and lookups (a role assignment's principal_id holds it). */
function aliased(resource: object, data: object, read: string, locals: object = {}): unknown {
  const stack = { locals, data, resource: { ...resource, azurerm_role_assignment: { x: { principal_id: `\${${read}}` } } } };
  return (aliasDataSources(stack) as { resource: { azurerm_role_assignment: { x: { principal_id: unknown } } } }).resource.azurerm_role_assignment.x.principal_id;
}

/** The identifying arguments of each azuread lookup, each read from the same argument of a block of the type. */
const SAME_ARGUMENTS: [string, string, object][] = [
  ['azuread_group', 'object_id', { display_name: 'db-admins' }],
  ['azuread_group', 'display_name', { display_name: 'db-admins' }],
  ['azuread_group', 'mail_nickname', { display_name: 'db-admins', mail_nickname: 'dba' }],
  ['azuread_service_principal', 'object_id', { client_id: '${azuread_application.app.client_id}' }],
  ['azuread_service_principal', 'client_id', { client_id: '${azuread_application.app.client_id}' }],
  ['azuread_application', 'object_id', { display_name: 'deployer' }],
  ['azuread_application', 'client_id', { display_name: 'deployer' }],
  ['azuread_application', 'display_name', { display_name: 'deployer' }],
  ['azuread_user', 'object_id', { user_principal_name: 'dba@contoso.com', display_name: 'DBA' }],
  ['azuread_user', 'user_principal_name', { user_principal_name: 'dba@contoso.com', display_name: 'DBA' }],
  ['azurerm_user_assigned_identity', 'name', { name: 'id-admin', resource_group_name: 'rg-orders', location: 'westeurope' }],
];

describe('a lookup by the same argument of a block of its type', () => {
  test.each(SAME_ARGUMENTS)('data.%s by %s = <block>.<argument> (and through a local) reads as the block', (type, argument, body) => {
    const resource = { [type]: { made: body } };
    const extra = type === 'azurerm_user_assigned_identity' ? { resource_group_name: 'rg-orders' } : {};
    expect(aliased(resource, { [type]: { found: { [argument]: `\${${type}.made.${argument}}`, ...extra } } }, `data.${type}.found.object_id`)).toBe(`\${${type}.made.object_id}`);
    expect(aliased(resource, { [type]: { found: { [argument]: '${local.key}', ...extra } } }, `data.${type}.found.object_id`, { key: `\${${type}.made.${argument}}` })).toBe(`\${${type}.made.object_id}`);
  });

  test('an expression of that one reference and no text (lower, trimspace) reads as the block; text around it or a second reference stays', () => {
    const group = { azuread_group: { made: { display_name: 'db-admins' } } };
    const read = 'data.azuread_group.found.object_id';
    expect(aliased(group, { azuread_group: { found: { object_id: '${lower(azuread_group.made.object_id)}' } } }, read)).toBe('${azuread_group.made.object_id}');
    expect(aliased(group, { azuread_group: { found: { display_name: '${trimspace(azuread_group.made.display_name)}' } } }, read)).toBe('${azuread_group.made.object_id}');
    expect(aliased(group, { azuread_group: { found: { display_name: '${azuread_group.made.display_name}-readers' } } }, read)).toBe(`\${${read}}`);
    expect(aliased(group, { azuread_group: { found: { object_id: '${coalesce(var.group, azuread_group.made.object_id)}' } } }, read)).toBe(`\${${read}}`);
  });

  test('stays as written when the argument reads another argument, a block of another type, a counted block, or another argument does not match', () => {
    const group = { azuread_group: { made: { display_name: 'db-admins' } }, azuread_user: { u: { user_principal_name: 'u@contoso.com', display_name: 'u' } } };
    const read = 'data.azuread_group.found.object_id';
    expect(aliased(group, { azuread_group: { found: { object_id: '${azuread_group.made.display_name}' } } }, read)).toBe(`\${${read}}`);
    expect(aliased(group, { azuread_group: { found: { object_id: '${azuread_user.u.object_id}' } } }, read)).toBe(`\${${read}}`);
    expect(aliased({ azuread_group: { made: { display_name: 'db-admins', count: 1 } } }, { azuread_group: { found: { object_id: '${azuread_group.made[0].object_id}' } } }, read)).toBe(`\${${read}}`);
    expect(aliased(group, { azuread_group: { found: { object_id: '${azuread_group.made.object_id}', mail_nickname: 'other' } } }, read)).toBe(`\${${read}}`);
  });

  test.each(Object.entries(DERIVED).flatMap(([type, rows]) => Object.entries(rows).flatMap(([argument, { via, types }]) => via.flatMap((pointer) => types.map((from) => [type, argument, pointer, from] as const)))))(
    'data.%s by %s, derived through %s from %s, by its literal value or a reference, reads as the block', (type, argument, pointer, from) => {
      const resource = { [from]: { app: { [argument]: 'deployer' } }, [type]: { made: { [pointer]: `\${${from}.app.client_id}` } } };
      expect(aliased(resource, { [type]: { found: { [argument]: 'Deployer' } } }, `data.${type}.found.object_id`)).toBe(`\${${type}.made.object_id}`);
      expect(aliased(resource, { [type]: { found: { [argument]: `\${${from}.app.${argument}}` } } }, `data.${type}.found.object_id`)).toBe(`\${${type}.made.object_id}`);
      expect(aliased(resource, { [type]: { found: { [argument]: 'someone-else' } } }, `data.${type}.found.object_id`)).toBe(`\${data.${type}.found.object_id}`);
    });
});

describe('an item of a plural lookup', () => {
  test.each(Object.entries(PLURAL_LOOKUPS).flatMap(([type, { type: single, lists }]) => Object.entries(lists).map(([list, argument]) => [type, list, single, argument] as const)))(
    'data.%s by %s: the item that reads %s.<name>.%s is the block, at its index', (type, list, single, argument) => {
      const resource = { [single]: { made: { display_name: 'x' } } };
      const data = { [type]: { found: { [list]: ['${var.other}', `\${${single}.made.${argument}}`] } } };
      expect(aliased(resource, data, `data.${type}.found.object_ids[1]`)).toBe(`\${${single}.made.object_id}`);
      expect(aliased(resource, data, `data.${type}.found.object_ids[0]`)).toBe(`\${data.${type}.found.object_ids[0]}`);
    });

  test('an item that reads another argument, or a lookup by two lists, stays as written', () => {
    const resource = { azuread_group: { made: { display_name: 'x' } } };
    expect(aliased(resource, { azuread_groups: { found: { object_ids: ['${azuread_group.made.display_name}'] } } }, 'data.azuread_groups.found.object_ids[0]')).toBe('${data.azuread_groups.found.object_ids[0]}');
    expect(aliased(resource, { azuread_groups: { found: { object_ids: ['${azuread_group.made.object_id}'], display_names: ['y'] } } }, 'data.azuread_groups.found.object_ids[0]')).toBe('${data.azuread_groups.found.object_ids[0]}');
  });
});

describe('a lookup of another provider by the block\'s ID', () => {
  test.each(Object.entries(AZAPI_LOOKUPS).flatMap(([azureType, { type, attributes }]) => Object.entries(attributes).map(([read, attribute]) => [azureType, type, read, attribute] as const)))(
    'data.azapi_resource of %s by resource_id = %s.<name>.id: %s reads as its %s', (azureType, type, read, attribute) => {
      const resource = { [type]: { made: { name: 'x', resource_group_name: 'rg' } } };
      const lookup = { azapi_resource: { found: { type: `${azureType}@2023-01-31`, resource_id: `\${${type}.made.id}`, response_export_values: ['properties'] } } };
      expect(aliased(resource, lookup, `data.azapi_resource.found.${read}`)).toBe(`\${${type}.made.${attribute}}`);
    });

  test('an azapi lookup by name and parent_id = a resource group\'s id reads the one block of that name in that group; another name or group, or a literal parent, stays', () => {
    const resource = {
      azurerm_resource_group: { rg: { name: 'rg-orders', location: 'westeurope' }, other: { name: 'rg-other', location: 'westeurope' } },
      azurerm_user_assigned_identity: { byRef: { name: 'id-admin', resource_group_name: '${azurerm_resource_group.rg.name}' }, byLiteral: { name: 'id-ops', resource_group_name: 'RG-Orders' } },
    };
    const read = 'data.azapi_resource.found.output.properties.principalId';
    const byName = (name: string, parent: string) => aliased(resource, { azapi_resource: { found: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', name, parent_id: parent } } }, read);
    expect(byName('id-admin', '${azurerm_resource_group.rg.id}')).toBe('${azurerm_user_assigned_identity.byRef.principal_id}');
    expect(byName('${azurerm_user_assigned_identity.byRef.name}', '${azurerm_resource_group.rg.id}')).toBe('${azurerm_user_assigned_identity.byRef.principal_id}');
    expect(byName('ID-OPS', '${azurerm_resource_group.rg.id}')).toBe('${azurerm_user_assigned_identity.byLiteral.principal_id}');
    expect(byName('id-admin', '${azurerm_resource_group.other.id}')).toBe(`\${${read}}`);
    expect(byName('id-other', '${azurerm_resource_group.rg.id}')).toBe(`\${${read}}`);
    expect(byName('id-admin', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders')).toBe(`\${${read}}`);
  });

  test('an azapi lookup of a type of no row, or by the ID of a block of another type, stays as written', () => {
    const resource = { azurerm_user_assigned_identity: { made: { name: 'x' } }, azurerm_resource_group: { rg: { name: 'rg' } } };
    const read = 'data.azapi_resource.found.output.properties.principalId';
    expect(aliased(resource, { azapi_resource: { found: { type: 'Microsoft.Web/sites@2023-01-01', resource_id: '${azurerm_user_assigned_identity.made.id}' } } }, read)).toBe(`\${${read}}`);
    expect(aliased(resource, { azapi_resource: { found: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', resource_id: '${azurerm_resource_group.rg.id}' } } }, read)).toBe(`\${${read}}`);
  });

  test.each(Object.entries(GRAPH_COLLECTIONS))('data.msgraph_resource of %s/<%s.object_id> reads its exported id as the block\'s object_id', (collection, type) => {
    const resource = { [type]: { made: { display_name: 'x' } } };
    const url = (base: string) => `${base}${collection === 'serviceprincipals' ? 'servicePrincipals' : collection}/\${${type}.made.object_id}`;
    expect(aliased(resource, { msgraph_resource: { found: { url: url(''), response_export_values: { oid: 'id' } } } }, 'data.msgraph_resource.found.output.oid')).toBe(`\${${type}.made.object_id}`);
    expect(aliased(resource, { msgraph_resource: { found: { url: url('https://graph.microsoft.com/v1.0/'), response_export_values: ['id'] } } }, 'data.msgraph_resource.found.output.id')).toBe(`\${${type}.made.object_id}`);
    // Another export, or a path below the object (its members), is not the object's ID.
    expect(aliased(resource, { msgraph_resource: { found: { url: url(''), response_export_values: { name: 'displayName' } } } }, 'data.msgraph_resource.found.output.name')).toBe('${data.msgraph_resource.found.output.name}');
    expect(aliased(resource, { msgraph_resource: { found: { url: `${url('')}/members`, response_export_values: ['id'] } } }, 'data.msgraph_resource.found.output.id')).toBe('${data.msgraph_resource.found.output.id}');
  });
});

// The class, through synth: administrator kinds x ways to declare the block the stack makes x what the stack writes into it.
const MEMBER = 'abcdefab-1111-2222-3333-444444444444';
const FIC = { display_name: 'gh', audiences: ['api://AzureADTokenExchange'], issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:x/y:ref:refs/heads/main' };
type Block = [string, string, { [key: string]: unknown }];

function raw(stack: TerraformStack, [type, id, config]: Block): TerraformResource {
  const block = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  return block;
}
function lookup(stack: TerraformStack, type: string, config: { [key: string]: unknown }, id = 'found'): TerraformDataSource {
  const block = new TerraformDataSource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  return block;
}

interface Kind {
  readonly type: EntraPrincipalType;
  /** Makes the administrator's block (with the writer's own arguments), returning it. */
  readonly make: (stack: TerraformStack, extra: object) => TerraformResource;
  /** The administrator's object ID read from the block, and from the block's lookups. */
  readonly spellings: { readonly [name: string]: (stack: TerraformStack, block: TerraformResource) => string };
  /** What a writer adds to the block, and the blocks it writes beside it; the rule it fails. */
  readonly writers: { readonly [name: string]: readonly [object, readonly Block[], string] };
}

const KINDS: { readonly [name: string]: Kind } = {
  group: {
    type: EntraPrincipalType.GROUP,
    make: (stack, extra) => raw(stack, ['azuread_group', 'admins', { display_name: 'db-admins', security_enabled: true, ...extra }]),
    spellings: {
      'by object_id': (stack, block) => lookup(stack, 'azuread_group', { object_id: block.getStringAttribute('object_id') }).getStringAttribute('object_id'),
      'by display_name': (stack, block) => lookup(stack, 'azuread_group', { display_name: block.getStringAttribute('display_name'), security_enabled: true }).getStringAttribute('object_id'),
      'by a local': (stack, block) => lookup(stack, 'azuread_group', { object_id: new TerraformLocal(stack, 'admin_id', block.getStringAttribute('object_id')).asString }).getStringAttribute('object_id'),
      'by lower(object_id)': (stack) => lookup(stack, 'azuread_group', { object_id: '${lower(azuread_group.admins.object_id)}' }).getStringAttribute('object_id'),
      'through data.azuread_groups': (stack, block) => {
        lookup(stack, 'azuread_groups', { display_names: [block.getStringAttribute('display_name')] });
        return Token.asString(ref('data.azuread_groups.found.object_ids[0]', stack));
      },
      'through msgraph': (stack, block) => lookup(stack, 'msgraph_resource', { url: `groups/${block.getStringAttribute('object_id')}`, response_export_values: { id: 'id' } }).getStringAttribute('output.id'),
      // Queued after the twentieth run: a chain of lookups, and a Graph search by $filter naming the block.
      'through a chain of two lookups': (stack, block) => {
        const first = lookup(stack, 'azuread_group', { object_id: block.getStringAttribute('object_id') }, 'first');
        return lookup(stack, 'azuread_group', { object_id: first.getStringAttribute('object_id') }).getStringAttribute('object_id');
      },
      'through a chain of three lookups, by name then ID': (stack, block) => {
        const first = lookup(stack, 'azuread_group', { display_name: block.getStringAttribute('display_name'), security_enabled: true }, 'first');
        const second = lookup(stack, 'msgraph_resource', { url: `groups/${first.getStringAttribute('object_id')}`, response_export_values: { id: 'id' } }, 'second');
        return lookup(stack, 'azuread_group', { object_id: second.getStringAttribute('output.id') }).getStringAttribute('object_id');
      },
      'through a msgraph $filter by id': (stack, block) => lookup(stack, 'msgraph_resource', {
        url: 'groups', query_parameters: { $filter: [`id eq '${block.getStringAttribute('object_id')}'`] }, response_export_values: { id: 'value[0].id' },
      }).getStringAttribute('output.id'),
    },
    writers: {
      'members': [{ members: [MEMBER] }, [], 'PG-IAM-3'],
      'owners': [{ owners: [MEMBER] }, [], 'PG-IAM-3'],
      'Public visibility': [{ types: ['Unified'], visibility: 'Public', mail_enabled: true, mail_nickname: 'dba' }, [], 'PG-IAM-3'],
      'a dynamic rule': [{ types: ['DynamicMembership'], dynamic_membership: { enabled: true, rule: 'user.accountEnabled -eq true' } }, [], 'PG-IAM-3'],
      'a group member': [{}, [['azuread_group_member', 'w', { group_object_id: '${azuread_group.admins.object_id}', member_object_id: MEMBER }]], 'PG-IAM-3'],
    },
  },
  servicePrincipal: {
    type: EntraPrincipalType.SERVICE_PRINCIPAL,
    make: (stack, extra) => {
      raw(stack, ['azuread_application', 'app', { display_name: 'deployer' }]);
      return raw(stack, ['azuread_service_principal', 'admin', { client_id: '${azuread_application.app.client_id}', ...extra }]);
    },
    spellings: {
      'by object_id': (stack, block) => lookup(stack, 'azuread_service_principal', { object_id: block.getStringAttribute('object_id') }).getStringAttribute('object_id'),
      'by a literal display_name': (stack) => lookup(stack, 'azuread_service_principal', { display_name: 'deployer' }).getStringAttribute('object_id'),
      'by its application\'s display_name': (stack) => lookup(stack, 'azuread_service_principal', { display_name: '${azuread_application.app.display_name}' }).getStringAttribute('object_id'),
      'through a chain: its own lookup, then a lookup by that one\'s object_id': (stack, block) => {
        const first = lookup(stack, 'azuread_service_principal', { object_id: block.getStringAttribute('object_id') }, 'first');
        return lookup(stack, 'azuread_service_principal', { object_id: first.getStringAttribute('object_id') }).getStringAttribute('object_id');
      },
      'through a msgraph $filter by appId': (stack) => lookup(stack, 'msgraph_resource', {
        url: 'servicePrincipals', query_parameters: { $filter: ['appId eq \'${azuread_application.app.client_id}\''] }, response_export_values: { id: 'value[0].id' },
      }).getStringAttribute('output.id'),
    },
    writers: {
      'a client secret': [{}, [['azuread_service_principal_password', 'w', { service_principal_id: '${azuread_service_principal.admin.id}' }]], 'PG-IAM-3'],
      'an application secret': [{}, [['azuread_application_password', 'w', { application_id: '${azuread_application.app.id}' }]], 'PG-IAM-3'],
      'a federated credential': [{}, [['azuread_application_federated_identity_credential', 'w', { application_id: '${azuread_application.app.id}', ...FIC }]], 'PG-IAM-3'],
      'owners': [{ owners: [MEMBER] }, [], 'PG-IAM-3'],
    },
  },
  identity: {
    type: EntraPrincipalType.SERVICE_PRINCIPAL,
    make: (stack, extra) => raw(stack, ['azurerm_user_assigned_identity', 'admin', { name: 'id-admin', resource_group_name: 'rg-orders', location: 'westeurope', ...extra }]),
    spellings: {
      'through azapi by resource_id': (stack, block) => lookup(stack, 'azapi_resource', { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', resource_id: block.getStringAttribute('id'), response_export_values: ['properties.principalId'] })
        .getStringAttribute('output.properties.principalId'),
      'through azapi by name and parent_id': (stack, block) => {
        const group = raw(stack, ['azurerm_resource_group', 'rg', { name: 'rg-orders', location: 'westeurope' }]);
        return lookup(stack, 'azapi_resource', { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', name: block.getStringAttribute('name'), parent_id: group.getStringAttribute('id'), response_export_values: ['properties.principalId'] })
          .getStringAttribute('output.properties.principalId');
      },
      'by name': (stack, block) => lookup(stack, 'azurerm_user_assigned_identity', { name: block.getStringAttribute('name'), resource_group_name: 'rg-orders' }).getStringAttribute('principal_id'),
    },
    writers: {
      'a federated credential': [{}, [['azurerm_federated_identity_credential', 'w', { name: 'gh', resource_group_name: 'rg-orders', parent_id: '${azurerm_user_assigned_identity.admin.id}', audience: ['x'], issuer: 'https://issuer', subject: 's' }]], 'PG-IAM-3'],
      'an attachment to a VM': [{}, [['azurerm_linux_virtual_machine', 'w', { name: 'vm', resource_group_name: 'rg-app', location: 'westeurope', size: 'x', admin_username: 'u', network_interface_ids: [], identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.admin.id}'] } }]], 'PG-IAM-2'],
    },
  },
};

const CASES = Object.entries(KINDS).flatMap(([kind, { spellings, writers }]) => Object.keys(spellings).flatMap((spelling) => Object.keys(writers).map((writer) => [kind, spelling, writer] as const)));

function declared(kind: Kind, spelling: string, extra: object, blocks: readonly Block[]): string[] {
  const stack = providerStack();
  stack.addOverride('terraform.required_providers.azapi', { source: 'Azure/azapi', version: '2.4.0' });
  const block = kind.make(stack, extra);
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: kind.spellings[spelling](stack, block), principalName: 'adm', principalType: kind.type }] }));
  blocks.forEach((each) => raw(stack, each));
  return synthErrors(stack);
}

describe('an administrator the stack makes, declared through a lookup of it (the class)', () => {
  test.each(CASES)('a %s declared %s, with %s, fails as the direct reference does', (kind, spelling, writer) => {
    const [extra, blocks, rule] = KINDS[kind].writers[writer];
    expect(declared(KINDS[kind], spelling, extra, blocks).join('\n')).toContain(` ${rule} `);
  });

  test.each(Object.entries(KINDS).flatMap(([kind, { spellings }]) => Object.keys(spellings).map((spelling) => [kind, spelling] as const)))(
    'a %s declared %s, with nothing written into it, has no finding of PG-IAM-2 or PG-IAM-3', (kind, spelling) => {
      expect(declared(KINDS[kind], spelling, {}, []).filter((line) => / PG-IAM-[23] /.test(line))).toEqual([]);
    });
});

describe('a msgraph search by a name the stack\'s group has (queued after the twentieth run)', () => {
  // A display name is no key: `value[0]` may be another group of the name, so the search is not that block; it reads a principal
  // the stack makes, declared an administrator, and fails PG-IAM-3 closed whatever the group holds.
  test('fails PG-IAM-3 closed, the group written into or not', () => {
    const byName = (stack: TerraformStack, block: TerraformResource) => lookup(stack, 'msgraph_resource', {
      url: 'groups', query_parameters: { $filter: [`displayName eq '${block.getStringAttribute('display_name')}'`] }, response_export_values: { id: 'value[0].id' },
    }).getStringAttribute('output.id');
    const kind = { ...KINDS.group, spellings: { byName } };
    expect(declared(kind, 'byName', {}, []).join('\n')).toContain(' PG-IAM-3 ');
    expect(declared(kind, 'byName', { members: [MEMBER] }, []).join('\n')).toContain(' PG-IAM-3 ');
  });
});
