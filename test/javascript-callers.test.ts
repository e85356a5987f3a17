import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import { DatabaseAccess, FlexibleServerAuthentication, FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps, SecureSingleServer, SingleServerNetwork } from '../lib';
import { guardFields } from '../lib/private/own-node';
import { ADMIN_OBJECT_ID, minimalProps, minimalSingleProps, newStack, synthErrors, synthStack, thrownBy, VNET_ID } from './helpers';
import { accessProps, DBA, oneVendor, serverProps } from './support/database-fixture';

// What a caller that bypasses TypeScript's types may pass (JavaScript, a cast, another jsii
// language): every prop is checked at run time for its type before anything else, nested props
// and list items included, and a wrong type, a null, an unknown key or an object no factory made
// is refused with the library's own error, naming the prop. Nothing is added to the stack.

const REASON = 'SEC-123: accepted by the security team until 2027-03';
const OFFICE = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };

/** Builds the server in a new stack; returns what it threw and whether anything reached the stack. */
function attempt(build: (stack: TerraformStack) => void): { error: Error & { code?: string; prop?: string }; written: object } {
  const stack = newStack();
  let error: Error = new Error('nothing was thrown');
  try {
    build(stack);
  } catch (thrown) {
    error = thrown as Error;
  }
  return { error, written: synthStack(stack).resource ?? {} };
}

const flexible = (overrides: object) => (stack: TerraformStack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps(overrides as Partial<SecureFlexibleServerProps>));
const single = (overrides: object) => (stack: TerraformStack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps(overrides));

describe('the wrong types the issue names are refused with the library\'s error', () => {
  test.each<[string, (stack: TerraformStack) => void, string]>([
    ['null in tags (Flexible)', flexible({ tags: null }), 'Invalid tags: null is not a map of strings. Fix: give a map of strings.'],
    ['a null tag value (Single)', single({ tags: { owner: null } }), 'Invalid tags.owner: null is not a string. Fix: give a string.'],
    ['null in databases', flexible({ databases: [{ name: 'app' }, null] }), 'Invalid databases[1]: null is not a FlexibleServerDatabaseOptions object. Fix: give a FlexibleServerDatabaseOptions object.'],
    [
      'null in allowedIpRanges',
      flexible({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE, null as never], justification: REASON }) }),
      'Invalid network.publicAccess.allowedIpRanges[1]: null is not a FirewallRange object. Fix: give a FirewallRange object.',
    ],
    ['null in dependsOn', flexible({ dependsOn: [null] }), 'Invalid dependsOn[0]: null is not a resource, data source or other construct Terraform can depend on. Fix: list resources or other constructs of the stack, not their names or IDs.'],
    ['null in pgauditLogClasses', single({ auditLogging: { pgauditLogClasses: ['ddl', null] } }), 'Invalid auditLogging.pgauditLogClasses[1]: null is not a PgAuditLogClass member. Fix: give a PgAuditLogClass member, e.g. PgAuditLogClass.DDL.'],
    ['a string as the Flexible sku', flexible({ sku: 'B_Standard_B1ms' }), 'Invalid sku: "B_Standard_B1ms" is not a FlexibleServerSku. Fix: use a FlexibleServerSku constant, e.g. FlexibleServerSku.GP_STANDARD_D2DS_V5, or FlexibleServerSku.of("<name>").'],
    ['a string as the Single sku', single({ sku: 'GP_Gen5_2' }), 'Invalid sku: "GP_Gen5_2" is not a SingleServerSku. Fix: use a SingleServerSku constant, e.g. SingleServerSku.GP_GEN5_2, or SingleServerSku.of("<name>").'],
    ['preventDestroy "false"', flexible({ deletionProtection: { preventDestroy: 'false' } }), 'Invalid deletionProtection.preventDestroy: "false" is not true or false. Fix: give true or false, as a boolean.'],
    ['a string in dependsOn', flexible({ dependsOn: ['azurerm_resource_group.main'] }), 'Invalid dependsOn[0]: "azurerm_resource_group.main" is not a resource, data source or other construct Terraform can depend on. Fix: list resources or other constructs of the stack, not their names or IDs.'],
  ])('%s', (_, build, message) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'PROP-TYPE', message });
    expect(written).toEqual({});
  });
});

describe('every kind of prop is checked', () => {
  test.each<[string, (stack: TerraformStack) => void, string, string]>([
    ['a number as the name', flexible({ name: 42 }), 'PROP-TYPE', 'name'],
    ['a string as retentionDays', flexible({ backup: { retentionDays: '35' } }), 'PROP-TYPE', 'backup.retentionDays'],
    ['a number as a TLS version', flexible({ tls: { minVersion: 1.2 } }), 'PROP-TYPE', 'tls.minVersion'],
    ['an object as the list of administrators', flexible({ entraAdministrators: { 0: { objectId: ADMIN_OBJECT_ID } } }), 'PROP-TYPE', 'entraAdministrators'],
    ['a hole in the list of administrators', flexible({ entraAdministrators: [, { objectId: ADMIN_OBJECT_ID, principalName: 'a', principalType: 'Group' }] }), 'PROP-TYPE', 'entraAdministrators[0]'],
    ['a plain object as the network', flexible({ network: { vnetIntegrationOptions: { virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' } } }), 'PROP-TYPE', 'network'],
    ['a plain object as diagnosticSettings', single({ diagnosticSettings: { sendsLogs: false, justification: REASON } }), 'PROP-TYPE', 'diagnosticSettings'],
    ['a plain object as authentication', flexible({ authentication: { password: { administratorLogin: 'pgadmin_ops', justification: REASON } } }), 'PROP-TYPE', 'authentication'],
    ['an object made on the class\'s prototype, not by a factory', flexible({ network: Object.create(FlexibleServerNetwork.prototype) }), 'REQUIRED', 'network.vnetIntegration'],
    // Without options, publicAccess() cannot be told from privateEndpoint(): refused all the same.
    ['a factory given no options', single({ network: SingleServerNetwork.publicAccess(undefined as never) }), 'REQUIRED', 'network.privateEndpoint'],
    ['null options to a factory', flexible({ network: FlexibleServerNetwork.privateEndpoint(null as never) }), 'PROP-TYPE', 'network.privateEndpoint'],
    // Asked for password sign-in and given none: refused, not built as Entra only (A10a-4).
    ['entraAndPassword given no options', flexible({ authentication: FlexibleServerAuthentication.entraAndPassword(undefined as never) }), 'REQUIRED', 'authentication.entraAndPassword'],
    ['a number as a subnet ID', single({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: 7 as never }) }), 'PROP-TYPE', 'network.privateEndpoint.subnetResourceId'],
    ['a string as the adoption flag', single({ adoption: { serverResourceId: 'x', infrastructureEncryptionEnabled: 'yes', geoRedundantBackupEnabled: true } }), 'PROP-TYPE', 'adoption.infrastructureEncryptionEnabled'],
    ['a string as threat alert addresses', single({ threatDetection: { emailAddresses: 'dba@example.com' } }), 'PROP-TYPE', 'threatDetection.emailAddresses'],
    ['a number in allowedExtensions', flexible({ allowedExtensions: ['pg_trgm', 5] }), 'PROP-TYPE', 'allowedExtensions[1]'],
  ])('%s', (_, build, code, prop) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({ name: 'ValidationError', code, prop });
    expect(written).toEqual({});
  });

  test('props that are not an object', () => {
    expect(attempt((stack) => new SecureFlexibleServer(stack, 'Postgres', null as never)).error).toMatchObject({ code: 'PROP-TYPE', message: 'Invalid props: null is not a SecureFlexibleServerProps object. Fix: give a SecureFlexibleServerProps object.' });
    expect(attempt((stack) => new SecureSingleServer(stack, 'Legacy', 'legacy-db' as never)).error).toMatchObject({ code: 'PROP-TYPE', prop: 'props' });
  });

  test('a Terraform value object where text belongs (TerraformVariable.value instead of stringValue)', () => {
    const { error } = attempt((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ location: new TerraformVariable(stack, 'region', {}).value })));
    expect(error).toMatchObject({ code: 'PROP-TYPE', message: 'Invalid location: ${…} is not a string. Fix: give a string.' });
  });
});

describe('a key a props object does not have is refused, its value not shown', () => {
  test.each<[string, (stack: TerraformStack) => void, string]>([
    ['a typo in a nested prop', flexible({ deletionProtection: { preventDestroy: false, justificaton: REASON } }), 'Invalid deletionProtection.justificaton: (a string) is not a prop of DeletionProtectionOptions. Fix: did you mean "justification"? Remove or rename it.'],
    ['a typo at the top', single({ deletionProtecton: { preventDestroy: false } }), 'Invalid deletionProtecton: (an object) is not a prop of SecureSingleServerProps. Fix: did you mean "deletionProtection"? Remove or rename it.'],
    [
      'a typo in a factory\'s options',
      flexible({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON, allowAzureService: true } as never) }),
      'Invalid network.publicAccess.allowAzureService: (a boolean) is not a prop of PublicAccessOptions. Fix: did you mean "allowAzureServices"? Remove or rename it.',
    ],
    ['a typo in a list item', flexible({ databases: [{ name: 'app', colation: 'C' }] }), 'Invalid databases[0].colation: (a string) is not a prop of FlexibleServerDatabaseOptions. Fix: did you mean "collation"? Remove or rename it.'],
    ['a name every object inherits', flexible({ tls: { toString: 'TLSv1.3' } }), 'Invalid tls.toString: (a string) is not a prop of TlsOptions. Fix: remove it; the props are minVersion, maxVersion.'],
    ['__proto__ as an own key', flexible({ backup: JSON.parse('{"__proto__": {"geoRedundantBackup": false}}') }), 'Invalid backup.__proto__: (an object) is not a prop of BackupOptions. Fix: remove it; the props are geoRedundantBackup, retentionDays, justification.'],
  ])('%s', (_, build, message) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'PROP-UNKNOWN', message });
    expect(written).toEqual({});
  });

  test('a key set to undefined is no key: JavaScript spreads leave them', () => {
    const { error } = attempt(flexible({ backup: { geoRedundantBackup: true, retention: undefined } }));
    expect(error.message).toBe('nothing was thrown');
  });
});

describe('objects of a class where a map or a props object belongs are refused, not emptied', () => {
  // A Map keeps its entries where Object.entries does not look: the tags would be dropped unseen.
  class Tags {
    public readonly owner = 'platform';
  }
  test.each<[string, (stack: TerraformStack) => void, string]>([
    ['tags as a Map (Flexible)', flexible({ tags: new Map([['cost-center', 'cc-1']]) }), 'Invalid tags: (a Map) is not a map of strings. Fix: give a map of strings.'],
    ['tags as a Date (Flexible)', flexible({ tags: new Date(0) }), 'Invalid tags: (a Date) is not a map of strings. Fix: give a map of strings.'],
    ['tags as a Map (Single)', single({ tags: new Map([['owner', 'platform']]) }), 'Invalid tags: (a Map) is not a map of strings. Fix: give a map of strings.'],
    ['tags as an instance of a class of the caller', flexible({ tags: new Tags() }), 'Invalid tags: (a Tags) is not a map of strings. Fix: give a map of strings.'],
    ['tags as a Set', flexible({ tags: new Set(['owner']) }), 'Invalid tags: (a Set) is not a map of strings. Fix: give a map of strings.'],
    ['a Map as a props object', flexible({ backup: new Map([['retentionDays', 7]]) }), 'Invalid backup: (a Map) is not a BackupOptions object. Fix: give a BackupOptions object.'],
    ['a Date as a props object', flexible({ deletionProtection: new Date(0) }), 'Invalid deletionProtection: (a Date) is not a DeletionProtectionOptions object. Fix: give a DeletionProtectionOptions object.'],
    ['a boxed number as a props object', flexible({ tls: new Number(1) }), 'Invalid tls: (a Number) is not a TlsOptions object. Fix: give a TlsOptions object.'],
  ])('%s', (_, build, message) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'PROP-TYPE', prop: message.slice('Invalid '.length, message.indexOf(':')), message });
    expect(written).toEqual({});
  });

  test('tags as a plain object, or one with no prototype, are kept', () => {
    const stack = newStack();
    const bare = Object.assign(Object.create(null), { owner: 'platform' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ tags: bare }));
    const servers = Object.values(synthStack(stack).resource.azurerm_postgresql_flexible_server as { [name: string]: { tags: unknown } });
    expect(servers.map((server) => server.tags)).toEqual([{ owner: 'platform' }]);
  });
});

describe('props nested deeper than any prop are refused before they exhaust the stack', () => {
  /** A value inside `depth` levels of lists, or of objects under `key`. */
  const nested = (depth: number, wrap: (inner: unknown) => unknown, leaf: unknown) => {
    let value = leaf;
    for (let level = 0; level < depth; level++) value = wrap(value);
    return value;
  };
  // 200000 levels exhaust any call stack (jest's included) when copied or validated by recursion.
  test.each<[string, (stack: TerraformStack) => void, string]>([
    ['tags.a in lists 200000 deep', flexible({ tags: { a: nested(200000, (inner) => [inner], 'x') } }), 'tags'],
    ['deletionProtection.justification in objects 200000 deep', flexible({ deletionProtection: nested(200000, (inner) => ({ preventDestroy: true, justification: inner }), { preventDestroy: true }) }), 'deletionProtection'],
    ['a database list item 100 deep (Single)', single({ databases: [nested(100, (inner) => ({ name: inner }), 'app')] }), 'databases'],
  ])('%s', (_, build, prop) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({
      name: 'ValidationError',
      code: 'PROPS-TOO-DEEP',
      prop,
      message: `Invalid ${prop}: (a value nested more than 64 levels deep) is nested deeper than any prop of this library. Fix: give ${prop} the shape its type declares; no prop nests more than a few levels.`,
    });
    expect(written).toEqual({});
  });

  test('a list 63 levels below the props is copied and judged by its shape; one 64 levels below is too deep', () => {
    // tags is 1 level below, tags.a 2: 62 lists end 63 levels below.
    expect(attempt(flexible({ tags: { a: nested(62, (inner) => [inner], 'x') } })).error).toMatchObject({ code: 'PROP-TYPE', prop: 'tags.a' });
    expect(attempt(flexible({ tags: { a: nested(63, (inner) => [inner], 'x') } })).error).toMatchObject({ code: 'PROPS-TOO-DEEP', prop: 'tags' });
  });
});

describe('a Symbol key is refused, not dropped', () => {
  const fix = (prop: string) => `Fix: give ${prop} text keys only.`;
  test.each<[string, (stack: TerraformStack) => void, string]>([
    ['in tags (Flexible)', flexible({ tags: { [Symbol('cost-center')]: 'cc-1' } }), `Invalid tags: Symbol(cost-center) is a Symbol key, which no prop of this library has. ${fix('tags')}`],
    ['in tags beside a text key (Single)', single({ tags: { owner: 'team', [Symbol('cost-center')]: 'cc-1' } }), `Invalid tags: Symbol(cost-center) is a Symbol key, which no prop of this library has. ${fix('tags')}`],
    ['on the props', flexible({ [Symbol.for('name')]: 'other-db' }), `Invalid props: Symbol(name) is a Symbol key, which no prop of this library has. ${fix('props')}`],
    ['in a nested prop', flexible({ deletionProtection: { preventDestroy: true, [Symbol('preventDestroy')]: false } }), `Invalid deletionProtection: Symbol(preventDestroy) is a Symbol key, which no prop of this library has. ${fix('deletionProtection')}`],
  ])('%s', (_, build, message) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'PROPS-SYMBOL-KEY', message });
    expect(written).toEqual({});
  });

  test('a Symbol key that is not enumerable is no data: the tags are kept', () => {
    const tags = { owner: 'team' };
    Object.defineProperty(tags, Symbol('marker'), { value: true, enumerable: false });
    const { error } = attempt(flexible({ tags }));
    expect(error.message).toBe('nothing was thrown');
  });
});

describe('a boxed value where a number or text belongs is refused and shown by its class', () => {
  test.each<[string, (stack: TerraformStack) => void, string]>([
    ['new Number(35) as retentionDays', flexible({ backup: { retentionDays: new Number(35) } }), 'Invalid backup.retentionDays: (a Number) is not a number. Fix: give a number.'],
    ['new String as the name', flexible({ name: new String('orders-db') }), 'Invalid name: (a String) is not a string. Fix: give a string.'],
    ['new Boolean(true) as preventDestroy', flexible({ deletionProtection: { preventDestroy: new Boolean(true) } }), 'Invalid deletionProtection.preventDestroy: (a Boolean) is not true or false. Fix: give true or false, as a boolean.'],
  ])('%s', (_, build, message) => {
    const { error, written } = attempt(build);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'PROP-TYPE', message });
    expect(written).toEqual({});
  });
});

// Twelfth review, A12a-12: a JavaScript subclass may define a method of any name; the constructors call
// no method of `this` (TypeScript's private is not enforced at run time), so one named as the library's
// own steps (applySecurityChecks, addPublicAccess) cannot switch the checks off or change the firewall.
describe('a subclass\'s methods named like the constructors\' own steps', () => {
  const quiet = { applySecurityChecks(): void {}, addPublicAccess(): void {} };

  test.each<[string, (stack: TerraformStack) => { server: { addOverride(path: string, value: unknown): void } }, string, unknown, RegExp]>([
    ['SecureFlexibleServer', (stack) => {
      class Quiet extends SecureFlexibleServer {}
      Object.assign(Quiet.prototype, quiet);
      return new Quiet(stack, 'Postgres', minimalProps());
    }, 'authentication.password_auth_enabled', true, /PGF-IAM-3/],
    ['SecureSingleServer', (stack) => {
      class Quiet extends SecureSingleServer {}
      Object.assign(Quiet.prototype, quiet);
      return new Quiet(stack, 'Legacy', minimalSingleProps());
    }, 'ssl_enforcement_enabled', false, /PGS-TLS-1/],
  ])('%s still judges its server: an override that weakens it fails synth', (_, build, attribute, value, rule) => {
    const stack = newStack();
    build(stack).server.addOverride(attribute, value);
    expect(synthErrors(stack).join('\n')).toMatch(rule);
  });

  test('the public firewall rules are still made', () => {
    const stack = newStack();
    class Quiet extends SecureFlexibleServer {}
    Object.assign(Quiet.prototype, quiet);
    new Quiet(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON }) }));
    expect(Object.keys(synthStack(stack).resource?.azurerm_postgresql_flexible_server_firewall_rule ?? {})).toHaveLength(1);
  });
});

// Adversarial run of stop 67: the copies of the props inherit from Object.prototype, so a prop not given read what a
// prototype-polluting merge put there (a keyVaultResourceId nobody gave received the member's generated password).
describe('a polluted Object.prototype is refused before anything is built', () => {
  const ELSEWHERE = '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv-elsewhere';
  const message = (names: string) => `Invalid props: (Object.prototype holds ${names}) would read those names from Object.prototype for every optional prop not given: code in this process added enumerable properties to it (prototype pollution, e.g. a deep merge of untrusted JSON with a "__proto__" key). Fix: find and remove what writes to Object.prototype; no construct of this library is built while it holds enumerable properties.`;
  /** Pollutes Object.prototype as a naive deep merge of `{"__proto__": {...}}` parsed from JSON (an own "__proto__" key) does. */
  function pollute(entries: Record<string, unknown>): void {
    const parsed = JSON.parse(`{"__proto__": ${JSON.stringify(entries)}}`) as Record<string, Record<string, unknown>>;
    const target = {} as Record<string, Record<string, unknown>>;
    for (const [key, value] of Object.entries(parsed['__proto__'])) target['__proto__'][key] = value;
  }
  /** Builds with Object.prototype polluted from the start, or from `then` on, and cleans up. */
  function polluted(entries: Record<string, unknown>, build: (stack: TerraformStack, then: () => void) => void): ReturnType<typeof attempt> {
    try {
      return attempt((stack) => build(stack, () => pollute(entries)));
    } finally {
      for (const key of Object.keys(entries)) delete (Object.prototype as Record<string, unknown>)[key];
    }
  }
  const first = (build: (stack: TerraformStack) => void) => (stack: TerraformStack, then: () => void) => (then(), build(stack));
  // The server is made before the pollution: the DatabaseAccess refuses it by itself.
  const access = (stack: TerraformStack, then: () => void) => {
    const server = new SecureFlexibleServer(stack, 'Orders', serverProps());
    then();
    new DatabaseAccess(stack, 'OrdersAccess', accessProps(server));
  };

  test.each<[string, Record<string, unknown>, (stack: TerraformStack, then: () => void) => void, string]>([
    ['a vault for the Flexible server\'s generated password', { keyVaultResourceId: ELSEWHERE }, first(flexible({})), '"keyVaultResourceId"'],
    ['two names, for the Single server', { keyVaultResourceId: ELSEWHERE, publicNetworkAccessJustification: 'x'.repeat(20) }, first(single({})), '"keyVaultResourceId", "publicNetworkAccessJustification"'],
    ['a longer grace for a DatabaseAccess password member', { expiryGraceDays: 30 }, access, '"expiryGraceDays"'],
  ])('%s', (_label, entries, build, names) => {
    const { error, written } = polluted(entries, build);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'PROPS-PROTOTYPE-POLLUTED', prop: 'props', message: message(names) });
    expect(written).toEqual(build === access ? expect.objectContaining({ azurerm_postgresql_flexible_server: expect.anything() }) : {});
    expect(written).not.toHaveProperty('postgresql_role');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test('a property added without enumerating it (as should.js adds "should") is code, not data: the server builds', () => {
    Object.defineProperty(Object.prototype, 'should', { get: () => 'assertion', configurable: true });
    try {
      expect(attempt(flexible({})).error.message).toBe('nothing was thrown');
    } finally {
      delete (Object.prototype as Record<string, unknown>).should;
    }
  });
});

// Adversarial run of stop 67: a DatabaseAccess checks what it is given against the server's lists; a name pushed into one
// afterwards ("postgres" into databaseNames, another administrator into entraAdministratorNames) passed those checks.
test('the lists a server or a DatabaseAccess hands out are frozen', () => {
  const stack = newStack();
  const server = new SecureFlexibleServer(stack, 'Orders', serverProps());
  const access = new DatabaseAccess(stack, 'OrdersAccess', accessProps(server));
  for (const list of [server.databaseNames, server.entraAdministratorNames, server.databaseResources, access.roleNames] as unknown[][]) {
    expect(Object.isFrozen(list)).toBe(true);
    expect(() => list.push('postgres')).toThrow(TypeError);
  }
  expect(server.databaseNames).toEqual(['orders']);
});

// Adversarial run 74: the fields are TypeScript-readonly only, so a JavaScript caller could reassign them before a DatabaseAccess
// read them. Reflect.set is the assignment of sloppy-mode code, which the sealed field ignores (strict-mode code gets a TypeError).
describe('a server\'s fields reassigned before a DatabaseAccess reads them keep the values the server set', () => {
  test('H74-3: a database added to databaseNames is still undeclared (it crashed synth with a TypeError)', () => {
    const stack = newStack();
    const server = new SecureFlexibleServer(stack, 'Orders', serverProps());
    const assigned = Reflect.set(server, 'databaseNames', ['orders', 'other']);
    expect(thrownBy(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(server, { databases: ['other'], roles: [] })))).toMatchObject({ code: 'DB-DATABASE-UNDECLARED', prop: 'databases[0]' });
    expect(assigned).toBe(false);
    expect(() => { (server as { databaseNames: string[] }).databaseNames = ['orders', 'other']; }).toThrow(TypeError);
  });

  test('H74-4: a name put in entraAdministratorNames is still not an administrator', () => {
    const stack = newStack();
    const server = new SecureFlexibleServer(stack, 'Orders', serverProps());
    const assigned = Reflect.set(server, 'entraAdministratorNames', ['evil-admin']);
    expect(thrownBy(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(server, { connectAs: { principalName: 'evil-admin' } }))))
      .toMatchObject({ code: 'DB-CONNECT-AS-NOT-ADMIN', prop: 'connectAs.principalName' });
    expect(assigned).toBe(false);
    expect(server.entraAdministratorNames).toEqual([DBA]);
  });

  test('H74-5: passwordAuthenticationEnabled set on an Entra-only server still refuses a password member', () => {
    const stack = newStack();
    const server = new SecureFlexibleServer(stack, 'Orders', serverProps({ authentication: FlexibleServerAuthentication.entraOnly() }));
    const assigned = Reflect.set(server, 'passwordAuthenticationEnabled', true);
    expect(thrownBy(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(server, oneVendor())))).toMatchObject({ code: 'DB-PASSWORD-SERVER-MODE' });
    expect(assigned).toBe(false);
  });

  // An accessor on a subclass would take the values the constructor sets and answer others.
  test.each<[string, (stack: TerraformStack) => unknown]>([
    ['databaseNames', (stack) => new (subclassWith(SecureFlexibleServer, 'databaseNames'))(stack, 'Orders', serverProps())],
    ['fqdn', (stack) => new (subclassWith(SecureSingleServer, 'fqdn'))(stack, 'Legacy', minimalSingleProps())],
    ['roleNames', (stack) => new (subclassWith(DatabaseAccess, 'roleNames'))(stack, 'OrdersAccess', accessProps(new SecureFlexibleServer(stack, 'Orders', serverProps())))],
  ])('a subclass accessor named %s is refused', (name, build) => {
    expect(thrownBy(() => build(newStack()))).toMatchObject({ code: 'CONSTRUCT-FIELD-OVERRIDDEN', prop: name });
  });

  // J74-5: these ended in a raw TypeError (fail closed, but not the library's error).
  test('J74-5: a read-only value of a field\'s name on a subclass prototype is refused', () => {
    const Sub = class extends SecureFlexibleServer {};
    Object.defineProperty(Sub.prototype, 'databaseNames', { value: ['other'], writable: false });
    expect(thrownBy(() => new Sub(newStack(), 'Orders', serverProps()))).toMatchObject({ code: 'CONSTRUCT-FIELD-OVERRIDDEN', prop: 'databaseNames' });
  });

  test.each<[string, PropertyDescriptor]>([
    ['a fixed accessor', { get: () => ['orders', 'other'], set: () => undefined, configurable: false, enumerable: true }],
    ['a read-only value', { value: ['orders', 'other'], writable: false, configurable: true, enumerable: true }],
  ])('J74-5: %s a props getter defines on the server while it is built is refused', (_, descriptor) => {
    const stack = newStack();
    const props = serverProps();
    Object.defineProperty(props, 'location', { enumerable: true, get: () => {
      const server = stack.node.tryFindChild('Orders');
      if (server !== undefined) Object.defineProperty(server, 'databaseNames', descriptor);
      return 'westeurope';
    } });
    expect(thrownBy(() => new SecureFlexibleServer(stack, 'Orders', props))).toMatchObject({ code: 'CONSTRUCT-FIELD-OVERRIDDEN', prop: 'databaseNames' });
  });

  // Adversarial run adv75d, P75-10: a construct frozen (or sealed, or made non-extensible) while it is built ended in a raw TypeError.
  test.each<[string, (object: object) => unknown]>([['frozen', Object.freeze], ['sealed', Object.seal], ['made non-extensible', Object.preventExtensions]])('P75-10: a server a props getter has %s while it is built is refused', (_, lock) => {
    const stack = newStack();
    const props = serverProps();
    Object.defineProperty(props, 'location', { enumerable: true, get: () => {
      const server = stack.node.tryFindChild('Orders');
      if (server !== undefined) lock(server);
      return 'westeurope';
    } });
    expect(thrownBy(() => new SecureFlexibleServer(stack, 'Orders', props))).toMatchObject({ code: 'CONSTRUCT-FIELD-OVERRIDDEN' });
  });

  // Adversarial run adv75d, P75-11: a props getter's plain assignment to a field the constructor leaves unset (privateEndpointId with
  // VNet integration) stayed, and was sealed with the getter's value.
  test('P75-11: a value a props getter assigns to a field of the server while it is built is refused', () => {
    const stack = newStack();
    const props = serverProps();
    Object.defineProperty(props, 'location', { enumerable: true, get: () => {
      const server = stack.node.tryFindChild('Orders') as { privateEndpointId?: string } | undefined;
      if (server !== undefined) server.privateEndpointId = '/subscriptions/x/privateEndpoints/elsewhere';
      return 'westeurope';
    } });
    expect(thrownBy(() => new SecureFlexibleServer(stack, 'Orders', props))).toMatchObject({ code: 'CONSTRUCT-FIELD-OVERRIDDEN', prop: 'privateEndpointId' });
  });

  // The seal checks again: other code of the caller's (a construct it passed) can run between the check and the seal.
  test('J74-5: an accessor defined on a field after the check is refused by the seal', () => {
    const construct: Construct & { field?: string[] } = new Construct(newStack(), 'Plain');
    const seal = guardFields(construct, 'Plain', ['field']);
    construct.field = ['orders'];
    Object.defineProperty(construct, 'field', { get: () => ['orders', 'other'], configurable: false });
    expect(thrownBy(seal)).toMatchObject({ code: 'CONSTRUCT-FIELD-OVERRIDDEN', prop: 'field' });
  });

  // Its initializer runs after the library's constructor has sealed the field: the language refuses it, as docs/errors.md says.
  test('J74-5: a subclass class field of a field\'s name fails construction with a TypeError naming it', () => {
    class Sub extends SecureFlexibleServer { public override databaseNames = ['orders', 'other']; }
    expect(thrownBy(() => new Sub(newStack(), 'Orders', serverProps()))).toMatchObject({ name: 'TypeError', message: expect.stringContaining('databaseNames') });
  });

  test('every public field of the library\'s constructs is read-only, set or not', () => {
    const stack = newStack();
    const server = new SecureFlexibleServer(stack, 'Orders', serverProps());
    const access = new DatabaseAccess(stack, 'OrdersAccess', accessProps(server));
    const legacy = new SecureSingleServer(newStack(), 'Legacy', minimalSingleProps());
    const writable = ([instance, file, className]: [object, string, string]) => publicFields(file, className)
      .filter((name) => Object.getOwnPropertyDescriptor(instance, name)?.writable !== false || Object.getOwnPropertyDescriptor(instance, name)?.configurable !== false)
      .map((name) => `${className}.${name}`);
    const constructs: [object, string, string][] = [
      [server, 'flexible-server/secure-flexible-server.ts', 'SecureFlexibleServer'],
      [legacy, 'single-server/secure-single-server.ts', 'SecureSingleServer'],
      [access, 'database/database-access.ts', 'DatabaseAccess'],
    ];
    expect(constructs.map(([, file, className]) => publicFields(file, className).length)).toEqual([15, 8, 2]);
    expect(constructs.flatMap(writable)).toEqual([]);
  });
});

/** A subclass whose accessor of the name keeps what is assigned to itself and answers something else. */
function subclassWith<T extends new (...args: any[]) => object>(Base: T, name: string): T {
  const Sub = class extends Base {};
  Object.defineProperty(Sub.prototype, name, { configurable: true, get: () => ['other'], set: () => undefined });
  return Sub;
}

/** The public fields a class of lib declares. */
function publicFields(file: string, className: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(__dirname, '..', 'lib', file), 'utf8'), ts.ScriptTarget.Latest);
  const declaration = source.statements.find((node): node is ts.ClassDeclaration => ts.isClassDeclaration(node) && node.name?.text === className)!;
  return declaration.members
    .filter((member) => ts.isPropertyDeclaration(member) && (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.PublicKeyword))
    .map((member) => (member.name as ts.Identifier).text);
}
