import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { LinuxWebApp } from '@cdktf/provider-azurerm/lib/linux-web-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { DataAzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn, TerraformDataSource, TerraformLocal, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { synthErrors } from '../helpers';
import { accessProps, serverProps } from '../support/database-fixture';

// 90th run, A90a-4: a workload of the stack that attaches the user-assigned identity a DatabaseAccess login is mapped to signs in
// as that login. Synth fails it (PGD-IAM-13) unless it is suppressed on that workload, which covers that workload only.

const REASON = 'The orders web app is the application orders_migrator is for (SEC-1204)';

/** A stack whose DatabaseAccess maps the owner-level login orders_migrator to a user-assigned identity of the stack. */
function identityStack(lookedUp = false): { stack: TerraformStack; identity: UserAssignedIdentity | DataAzurermUserAssignedIdentity } {
  const stack = new TerraformStack(Testing.app(), 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const names = { name: 'id-orders-migrations', resourceGroupName: 'rg-orders' };
  const identity = lookedUp ? new DataAzurermUserAssignedIdentity(stack, 'Migrations', names) : new UserAssignedIdentity(stack, 'Migrations', { ...names, location: 'westeurope' });
  const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
  const member = DatabasePrincipal.entra({ objectId: identity.principalId, principalType: EntraPrincipalType.SERVICE_PRINCIPAL });
  new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(server), roles: [{ name: 'orders_migrator', database: 'orders', access: AccessLevel.OWNER, member }] });
  return { stack, identity };
}

function webApp(stack: TerraformStack, id: string, identityIds: string[]): LinuxWebApp {
  return new LinuxWebApp(stack, id, {
    name: id.toLowerCase(), resourceGroupName: 'rg-orders', location: 'westeurope', servicePlanId: '/subscriptions/0/resourceGroups/rg-orders/providers/Microsoft.Web/serverFarms/plan',
    siteConfig: {}, identity: { type: 'UserAssigned', identityIds },
  });
}

const at = (resource: TerraformResource | DataAzurermUserAssignedIdentity) => `${resource instanceof DataAzurermUserAssignedIdentity ? 'data.' : ''}${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

test('the identity alone, attached to no workload, passes synth', () => {
  expect(synthErrors(identityStack().stack)).toEqual([]);
});

test.each([
  ['made by the stack', false],
  ['looked up by a data source', true],
])('a web app that attaches the identity (%s) fails PGD-IAM-13, naming the login and the way to say it is its application', (_, lookedUp) => {
  const { stack, identity } = identityStack(lookedUp);
  const app = webApp(stack, 'OrdersWeb', [identity.id]);
  const errors = synthErrors(stack);
  expect(errors).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches ${at(identity)} (the identity orders/OrdersAccess maps role orders_migrator to) to a workload of its own: its code signs in to the server as orders_migrator`)]);
  expect(errors[0]).toContain(`suppress PGD-IAM-13 on ${at(app)} with that reason`);
});

test('a suppression on the web app covers it, not a second workload that attaches the identity', () => {
  const { stack, identity } = identityStack();
  const app = webApp(stack, 'OrdersWeb', [identity.id]);
  PostgresSecurityChecks.suppress(app, 'PGD-IAM-13', REASON);
  expect(synthErrors(stack)).toEqual([]);
  const other = webApp(stack, 'Intruder', [identity.id]);
  expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(other)} attaches ${at(identity)}`)]);
});

/** A stack whose DatabaseAccess maps the owner-level login orders_migrator to the object ID `objectIdOf` reads of a user-assigned identity of the stack. */
function stackWith(objectIdOf: (stack: TerraformStack, identity: UserAssignedIdentity) => string): { stack: TerraformStack; identity: UserAssignedIdentity } {
  const stack = new TerraformStack(Testing.app(), 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const identity = new UserAssignedIdentity(stack, 'Migrations', { name: 'id-orders-migrations', resourceGroupName: 'rg-orders', location: 'westeurope' });
  const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
  const member = DatabasePrincipal.entra({ objectId: objectIdOf(stack, identity), principalType: EntraPrincipalType.SERVICE_PRINCIPAL });
  new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(server), roles: [{ name: 'orders_migrator', database: 'orders', access: AccessLevel.OWNER, member }] });
  return { stack, identity };
}

// 92nd run, A92c-1: the login's object ID read through a function or a local, or an azapi identity, names the identity all the same.
describe('an identity the object ID reads other than by a plain reference', () => {
  test.each<[string, (stack: TerraformStack, identity: UserAssignedIdentity) => string]>([
    ['lower()', (_, identity) => Fn.lower(identity.principalId)],
    ['try()', (_, identity) => Fn.try([identity.principalId, ''])],
    ['a local', (stack, identity) => new TerraformLocal(stack, 'migrations_oid', identity.principalId).asString],
  ])('through %s: a web app that attaches it fails PGD-IAM-13', (_, objectIdOf) => {
    const { stack, identity } = stackWith(objectIdOf);
    const app = webApp(stack, 'OrdersWeb', [identity.id]);
    expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches ${at(identity)} (the identity orders/OrdersAccess maps role orders_migrator to)`)]);
  });

  // 92nd run, A92c-5: the attachment spelled through a function of the identity's ID that may keep it.
  test('a web app that attaches it through replace() of its ID fails PGD-IAM-13', () => {
    const { stack, identity } = stackWith((_, made) => made.principalId);
    const app = webApp(stack, 'OrdersWeb', [Fn.replace(identity.id, 'resourcegroups', 'resourceGroups')]);
    expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches ${at(identity)}`)]);
  });

  test('an azapi identity: a web app that attaches it fails PGD-IAM-13', () => {
    const { stack } = stackWith((scope) => {
      const azapi = new TerraformResource(scope, 'MigrationsAz', { terraformResourceType: 'azapi_resource' });
      azapi.addOverride('type', 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31');
      azapi.addOverride('name', 'id-orders-migrations-az');
      azapi.addOverride('parent_id', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders');
      azapi.addOverride('location', 'westeurope');
      return azapi.getStringAttribute('output.properties.principalId');
    });
    const app = webApp(stack, 'OrdersWeb', ['${azapi_resource.MigrationsAz.id}']);
    expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches azapi_resource.MigrationsAz (the identity orders/OrdersAccess maps role orders_migrator to)`)]);
  });
});

// 93rd run, A93b-2: the login's object ID read back through a relay of the identity's principal ID, or as the object ID of a directory
// lookup of the identity's own service principal, is that identity all the same.
describe('an identity the object ID reads through a relay or a service principal lookup', () => {
  test.each<[string, (stack: TerraformStack, identity: UserAssignedIdentity) => string]>([
    ['terraform_data\'s output of its principal ID', (stack, identity) => {
      const relay = new TerraformResource(stack, 'Relay', { terraformResourceType: 'terraform_data' });
      relay.addOverride('input', identity.principalId);
      return relay.getStringAttribute('output');
    }],
    ['an azuread_service_principal lookup by its client ID', (stack, identity) => {
      const principal = new TerraformDataSource(stack, 'MigrationsSp', { terraformResourceType: 'azuread_service_principal' });
      principal.addOverride('client_id', identity.clientId);
      return principal.getStringAttribute('object_id');
    }],
    ['an azuread_service_principals lookup by its name', (stack, identity) => {
      const principals = new TerraformDataSource(stack, 'MigrationsSps', { terraformResourceType: 'azuread_service_principals' });
      principals.addOverride('display_names', [identity.name]);
      return Fn.element(principals.getListAttribute('object_ids'), 0);
    }],
    // 95th run, A95a-3: a Microsoft Graph lookup of the identity's service principal, by its path or its query.
    ['a msgraph_resource lookup filtered on its client ID', (stack, identity) => {
      const sp = graphLookup(stack, 'servicePrincipals', { $filter: [`appId eq '${identity.clientId}'`] });
      return sp.getStringAttribute('output.id');
    }],
    ['a msgraph_resource lookup by the path of its client ID', (stack, identity) => graphLookup(stack, `servicePrincipals(appId='${identity.clientId}')`).getStringAttribute('output.id')],
    ['a msgraph_resource lookup by the path of its principal ID', (stack, identity) => graphLookup(stack, `servicePrincipals/${identity.principalId}`).getStringAttribute('output.id')],
    ['a msgraph_resource lookup filtered on its name', (stack, identity) => {
      const sp = graphLookup(stack, 'servicePrincipals', { $filter: `displayName eq '${identity.name}'` });
      return sp.getStringAttribute('output.all.value[0].id');
    }],
    // 95th run, A95a-4: a lookup by the identity's literal name finds its service principal all the same.
    ['an azuread_service_principal lookup by its literal name', (stack) => {
      const principal = new TerraformDataSource(stack, 'MigrationsSp', { terraformResourceType: 'azuread_service_principal' });
      principal.addOverride('display_name', 'id-orders-migrations');
      return principal.getStringAttribute('object_id');
    }],
    ['a msgraph_resource lookup filtered on its literal name', (stack) => graphLookup(stack, 'servicePrincipals', { $filter: "displayName eq 'ID-Orders-Migrations'" }).getStringAttribute('output.all.value[0].id')],
  ])('through %s: a web app that attaches it fails PGD-IAM-13', (_, objectIdOf) => {
    const { stack, identity } = stackWith(objectIdOf);
    expect(synthErrors(stack)).toEqual([]);
    const app = webApp(stack, 'OrdersWeb', [identity.id]);
    expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches ${at(identity)} (the identity orders/OrdersAccess maps role orders_migrator to)`)]);
  });
});

/** A Microsoft Graph lookup (microsoft/msgraph's `msgraph_resource` data source) of `url` with the query given. */
function graphLookup(stack: TerraformStack, url: string, query?: object): TerraformDataSource {
  const lookup = new TerraformDataSource(stack, 'MigrationsGraph', { terraformResourceType: 'msgraph_resource' });
  lookup.addOverride('url', url);
  if (query !== undefined) lookup.addOverride('query_parameters', query);
  lookup.addOverride('response_export_values', { id: 'value[0].id' });
  return lookup;
}

test.each<[string, (stack: TerraformStack) => string]>([
  ['a msgraph_resource lookup of another service principal', (stack) => graphLookup(stack, 'servicePrincipals', { $filter: ["appId eq '${var.client_id}'"] }).getStringAttribute('output.id')],
  ['an azuread_service_principal lookup by another literal name', (stack) => {
    const principal = new TerraformDataSource(stack, 'OtherSp', { terraformResourceType: 'azuread_service_principal' });
    principal.addOverride('display_name', 'id-orders-web');
    return principal.getStringAttribute('object_id');
  }],
  ['a msgraph_resource lookup filtered on another literal name', (stack) => graphLookup(stack, 'servicePrincipals', { $filter: "displayName eq 'id-orders-migrations-old'" }).getStringAttribute('output.id')],
])('a login whose object ID reads %s: a web app that attaches the identity passes', (_, objectIdOf) => {
  const { stack, identity } = stackWith(objectIdOf);
  webApp(stack, 'OrdersWeb', [identity.id]);
  expect(synthErrors(stack)).toEqual([]);
});

// 95th run, A95a-5: an azapi workload that attaches the identity by a template key of its body's userAssignedIdentities map (the usual
// azapi spelling, `{ "/subscriptions/${var.sub}/…/id-orders-migrations" = {} }`) attaches it all the same.
describe('an azapi workload attaching the identity by a template key of its identity map', () => {
  const IDENTITIES = 'resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities';
  function azapiApp(stack: TerraformStack, key: string): string {
    const app = new TerraformResource(stack, 'OrdersWebAz', { terraformResourceType: 'azapi_resource' });
    app.addOverride('type', 'Microsoft.Web/sites@2023-12-01');
    app.addOverride('name', 'orders-web');
    app.addOverride('parent_id', '/subscriptions/0/resourceGroups/rg-orders');
    app.addOverride('location', 'westeurope');
    app.addOverride('body', { kind: 'app', identity: { type: 'UserAssigned', userAssignedIdentities: { [key]: {} } } });
    return `azapi_resource.${app.friendlyUniqueId}`;
  }

  test.each([
    ['a template', `/subscriptions/\${var.sub}/${IDENTITIES}/id-orders-migrations`],
    ['format()', `\${format("/subscriptions/%s/${IDENTITIES}/%s", var.sub, "id-orders-migrations")}`],
  ])('by %s that spells its ID: fails PGD-IAM-13', (_, key) => {
    const { stack, identity } = identityStack();
    const app = azapiApp(stack, key);
    expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-IAM-13 ${app} attaches ${at(identity)} (the identity orders/OrdersAccess maps role orders_migrator to)`)]);
  });

  test('by a template that spells another identity\'s ID: passes', () => {
    const { stack } = identityStack();
    azapiApp(stack, `/subscriptions/\${var.sub}/${IDENTITIES}/id-orders-web`);
    expect(synthErrors(stack)).toEqual([]);
  });
});

// 95th run, A95a-5: azapi's provider functions that build an ID are read as the ID they build: the identity's attaches it, another's not.
test.each([
  ['the identity\'s ID fails PGD-IAM-13', 'id-orders-migrations', true],
  ['another identity\'s ID passes', 'id-orders-web', false],
])('a web app attaching what resource_group_resource_id builds of %s', (_, name, fails) => {
  const { stack, identity } = identityStack();
  const app = webApp(stack, 'OrdersWeb', [`\${provider::azapi::resource_group_resource_id(var.sub, "rg-orders", "Microsoft.ManagedIdentity/userAssignedIdentities", ["${name}"])}`]);
  expect(synthErrors(stack)).toEqual(fails ? [expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches ${at(identity)}`)] : []);
});

// The variable probe's tw1 (stop 62): a second identity resource of the stack that is the login's identity, by names a variable's
// default spells or by an import block that adopts it (an id literal, or a variable's default), attaches it all the same. Terraform
// plans a variable's default unless the run sets another, and an import hands the live identity to that resource.
describe('a twin resource of the login\'s identity attached to a workload', () => {
  const ID = '/subscriptions/0/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-migrations';
  const OTHER_ID = ID.replace('id-orders-migrations', 'id-orders-web');
  type Names = 'literal' | 'defaulted' | 'set by the run';
  /** How an import adopts the identity: its literal ID, a variable defaulting to it, or the identity's names (Terraform 1.12). */
  type Imported = string | { readonly default: string } | { readonly identity: { readonly [name: string]: string } } | undefined;
  const IDENTITY = { subscription_id: '0', resource_group_name: 'rg-orders', name: 'id-orders-migrations' };
  function twinStack(names: Names, imported: Imported, use: 'attach' | 'federate' = 'attach') {
    const { stack, identity } = identityStack();
    const named = (id: string, literal: string) => (names === 'literal' ? literal
      : new TerraformVariable(stack, id, { type: 'string', ...(names === 'defaulted' ? { default: literal } : {}) }).stringValue);
    const twin = new UserAssignedIdentity(stack, 'Twin', { name: named('twin_name', 'id-orders-migrations'), resourceGroupName: named('twin_group', 'rg-orders'), location: 'westeurope' });
    if (imported !== undefined && typeof imported === 'object' && 'identity' in imported) stack.addOverride('import', [{ to: at(twin), identity: imported.identity }]);
    else if (imported !== undefined) twin.importFrom(typeof imported === 'string' ? imported : new TerraformVariable(stack, 'twin_id', { type: 'string', default: imported.default }).stringValue);
    const app = use === 'attach' ? webApp(stack, 'OrdersWeb', [twin.id])
      : new FederatedIdentityCredential(stack, 'Federated', { name: 'gh', resourceGroupName: 'rg-orders', parentId: twin.id, audience: ['api://AzureADTokenExchange'], issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:other/repo:ref:refs/heads/main' });
    return { errors: synthErrors(stack), app, identity };
  }

  test.each<[string, Names, Imported]>([
    ['named by the same literals', 'literal', undefined],
    ['named by variables whose defaults are the same names', 'defaulted', undefined],
    ['adopted by an import of its literal ID, its names set by the run', 'set by the run', ID],
    ['adopted by an import whose id is a variable defaulting to its ID, its names set by the run', 'set by the run', { default: ID }],
    ['adopted by such an import, its names defaulted too', 'defaulted', { default: ID }],
    ['adopted by an import by identity of its names, its own names set by the run', 'set by the run', { identity: IDENTITY }],
  ])('%s: the web app fails PGD-IAM-13', (_, names, imported) => {
    const { errors, app, identity } = twinStack(names, imported);
    expect(errors).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} attaches ${at(identity)} (the identity orders/OrdersAccess maps role orders_migrator to)`)]);
  });

  // A federated credential on such a twin lets its issuer sign in as the login (administrator-credentials.ts reads the twin's ID).
  test.each<[string, Names, Imported]>([
    ['named by the same literals', 'literal', undefined],
    ['named by variables whose defaults are the same names', 'defaulted', undefined],
    ['adopted by an import of its literal ID', 'set by the run', ID],
  ])('%s: a federated identity credential on it fails PGD-IAM-13', (_, names, imported) => {
    const { errors, app } = twinStack(names, imported, 'federate');
    expect(errors).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(app)} lets an outside identity sign in`)]);
  });

  test('a federated identity credential on an identity named by variables the run sets passes', () => {
    expect(twinStack('set by the run', undefined, 'federate').errors).toEqual([]);
  });

  test.each<[string, Imported]>([
    ['named by variables the run sets, no import: a new identity', undefined],
    ['adopting another identity by its literal ID', OTHER_ID],
    ['adopting another identity by a variable\'s default', { default: OTHER_ID }],
    ['adopting another identity by identity names', { identity: { ...IDENTITY, name: 'id-orders-web' } }],
  ])('%s: passes', (_, imported) => {
    expect(twinStack('set by the run', imported).errors).toEqual([]);
  });
});

// Terraform plans a variable's default unless the run sets another: a list variable whose default holds the login's identity attaches it.
describe('a web app whose identities are a list variable', () => {
  const ID = '/subscriptions/0/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-migrations';
  test.each([
    ['whose default holds the identity\'s ID: fails PGD-IAM-13', [ID], 1],
    ['whose default holds another identity\'s ID: passes', [ID.replace('migrations', 'web')], 0],
    ['without a default (the run sets it): passes', undefined, 0],
  ] as const)('%s', (_, defaultIds, failures) => {
    const { stack } = identityStack();
    const ids = new TerraformVariable(stack, 'identity_ids', { type: 'list(string)', ...(defaultIds === undefined ? {} : { default: defaultIds }) });
    const app = webApp(stack, 'OrdersWeb', ids.listValue);
    expect(synthErrors(stack).filter((error) => error.includes(`PGD-IAM-13 ${at(app)} attaches`))).toHaveLength(failures);
  });
});

// A role that lets its holder attach the login's identity to a workload of theirs, or add a credential to it (Managed Identity
// Operator or Contributor, Owner, Contributor), on the identity or a scope above it: its holder signs in as the login, as PG-IAM-3
// reads it for an administrator identity (identity-operators.ts).
describe('a role on the login\'s identity', () => {
  const OPERATOR = '11111111-2222-3333-4444-555555555555';
  function roleStack(scopeOf: (stack: TerraformStack, identity: UserAssignedIdentity) => string, role: string) {
    const { stack, identity } = identityStack();
    const grant = new RoleAssignment(stack, 'Operator', { scope: scopeOf(stack, identity as UserAssignedIdentity), roleDefinitionName: role, principalId: OPERATOR });
    return { errors: synthErrors(stack), grant };
  }
  const twin = (names: 'literal' | 'defaulted') => (stack: TerraformStack) => {
    const named = (id: string, literal: string) => (names === 'literal' ? literal : new TerraformVariable(stack, id, { type: 'string', default: literal }).stringValue);
    return new UserAssignedIdentity(stack, 'Twin', { name: named('twin_name', 'id-orders-migrations'), resourceGroupName: named('twin_group', 'rg-orders'), location: 'westeurope' }).id;
  };
  test.each<[string, (stack: TerraformStack, identity: UserAssignedIdentity) => string, string]>([
    ['Managed Identity Operator on it', (_, identity) => identity.id, 'Managed Identity Operator'],
    ['Managed Identity Contributor on its resource group', () => '/subscriptions/0/resourceGroups/rg-orders', 'Managed Identity Contributor'],
    ['Managed Identity Operator on a twin named by the same literals', twin('literal'), 'Managed Identity Operator'],
    ['Managed Identity Operator on a twin named by variables defaulting to its names', twin('defaulted'), 'Managed Identity Operator'],
  ])('%s: fails PGD-IAM-13', (_, scopeOf, role) => {
    const { errors, grant } = roleStack(scopeOf, role);
    expect(errors).toEqual([expect.stringContaining(`PGD-IAM-13 ${at(grant)} grants ${role} on`)]);
    expect(errors[0]).toContain('signs in to the server as orders_migrator');
  });
  test.each<[string, (stack: TerraformStack, identity: UserAssignedIdentity) => string, string]>([
    ['Reader on it', (_, identity) => identity.id, 'Reader'],
    ['Managed Identity Operator on another identity', (stack) => new UserAssignedIdentity(stack, 'Web', { name: 'id-orders-web', resourceGroupName: 'rg-orders', location: 'westeurope' }).id, 'Managed Identity Operator'],
  ])('%s: passes', (_, scopeOf, role) => {
    expect(roleStack(scopeOf, role).errors).toEqual([]);
  });
});
