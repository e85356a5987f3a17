import { TerraformStack, Testing } from 'cdktf';
import { EntraPrincipalType, FlexibleServerNetwork, RoleDefinition, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork, TlsVersion } from '../lib';
import { snapshot } from '../lib/private/snapshot';
import { minimalProps, minimalSingleProps, newStack, VNET_ID } from './helpers';

// Props are copied into plain data before validation, each property read once, and only the copy
// is used: a getter (or a Proxy) that answers one thing to validation and another when the
// resources are made cannot weaken a server (adversary finding F10).

/** An object whose property answers `first` on the first read and `later` after it; counts the reads. */
function changing<T>(first: T, later: T): { readonly value: { [key: string]: T }; reads(): number } {
  let reads = 0;
  const value = {};
  Object.defineProperty(value, 'current', { enumerable: true, get: () => (reads++ === 0 ? first : later) });
  return { value: value as { [key: string]: T }, reads: () => reads };
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack));

test('a nested deletionProtection.preventDestroy getter (true, then false) is read once: the server keeps prevent_destroy', () => {
  const flag = changing(true, false);
  const deletionProtection = {} as { preventDestroy: boolean };
  Object.defineProperty(deletionProtection, 'preventDestroy', { enumerable: true, get: () => flag.value.current });
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ deletionProtection }));
  const [server] = Object.values(synth(stack).resource.azurerm_postgresql_flexible_server) as any[];
  expect(server.lifecycle.prevent_destroy).toBe(true);
  expect(flag.reads()).toBe(1);
});

test('a nested tls.minVersion getter (TLS 1.3, then TLS 1.2) is read once', () => {
  const version = changing(TlsVersion.TLS1_3, TlsVersion.TLS1_2);
  const tls = {} as { minVersion: TlsVersion };
  Object.defineProperty(tls, 'minVersion', { enumerable: true, get: () => version.value.current });
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ tls }));
  const parameters = Object.values(synth(stack).resource.azurerm_postgresql_flexible_server_configuration) as any[];
  expect(parameters.find((p) => p.name === 'ssl_min_protocol_version').value).toBe('TLSv1.3');
  expect(version.reads()).toBe(1);
});

test('a crafted network whose publicAccessOptions appear after validation opens no firewall', () => {
  const vnet = FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' });
  const network = Object.create(FlexibleServerNetwork.prototype);
  Object.assign(network, { mode: vnet.mode, vnetIntegrationOptions: vnet.vnetIntegrationOptions });
  const late = changing(undefined, { allowedIpRanges: [{ name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.0.0.0' }], justification: 'a late justification' });
  Object.defineProperty(network, 'publicAccessOptions', { enumerable: true, get: () => late.value.current });
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network }));
  expect(synth(stack).resource.azurerm_postgresql_flexible_server_firewall_rule).toBeUndefined();
  expect(late.reads()).toBe(1);
});

test('a Proxy over the props is read once per key', () => {
  const reads = new Map<PropertyKey, number>();
  const props = new Proxy(minimalProps(), { get: (target, key) => { reads.set(key, (reads.get(key) ?? 0) + 1); return (target as any)[key]; } });
  new SecureFlexibleServer(newStack(), 'Postgres', props);
  expect([...reads.entries()].filter(([, count]) => count > 1)).toEqual([]);
});

test('SecureSingleServer reads its props once too: a threatDetection getter cannot drop the account admins after validation', () => {
  const admins = changing(true, false);
  const threatDetection = {} as { emailAccountAdmins: boolean };
  Object.defineProperty(threatDetection, 'emailAccountAdmins', { enumerable: true, get: () => admins.value.current });
  const stack = newStack();
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ threatDetection }));
  const [server] = Object.values(synth(stack).resource.azurerm_postgresql_server) as any[];
  expect(server.threat_detection_policy.email_account_admins).toBe(true);
  expect(admins.reads()).toBe(1);
});

test('a roleAssignments getter inherited from the props\' prototype (Reader, then Owner) is read once: Reader is validated and made', () => {
  const principal = { principalId: '99999999-9999-9999-9999-999999999999', principalType: EntraPrincipalType.USER };
  const roles = changing([{ ...principal, role: RoleDefinition.READER }], [{ ...principal, role: RoleDefinition.builtIn('Owner') }]);
  const prototype = {};
  Object.defineProperty(prototype, 'roleAssignments', { get: () => roles.value.current });
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', Object.assign(Object.create(prototype), minimalProps()));
  const assignments = Object.values(synth(stack).resource.azurerm_role_assignment) as any[];
  expect(assignments.map((assignment) => assignment.role_definition_name)).toEqual(['Reader']);
  expect(roles.reads()).toBe(1);
});

test('a nested option object of a class with a getter (TLS 1.3, then TLS 1.2) is read once', () => {
  const version = changing(TlsVersion.TLS1_3, TlsVersion.TLS1_2);
  class TlsOptions {
    get minVersion(): TlsVersion {
      return version.value.current;
    }
  }
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ tls: new TlsOptions() }));
  const parameters = Object.values(synth(stack).resource.azurerm_postgresql_flexible_server_configuration) as any[];
  expect(parameters.find((p) => p.name === 'ssl_min_protocol_version').value).toBe('TLSv1.3');
  expect(version.reads()).toBe(1);
});

test('an object that only poses as a library class behind a foreign prototype is refused, not kept', () => {
  const posing = Object.create(Object.create(RoleDefinition.prototype, { name: { get: () => 'Reader' } }));
  const principal = { principalId: '99999999-9999-9999-9999-999999999999', principalType: EntraPrincipalType.USER };
  expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ ...principal, role: posing }] }))).toThrow(new Error(
    'Invalid roleAssignments[0].role: {"name":"Reader"} is not a RoleDefinition. Fix: use a RoleDefinition constant, RoleDefinition.builtIn(name) or RoleDefinition.fromResourceId(id).',
  ));
});

describe('snapshot', () => {
  test('reads what a foreign prototype offers once into the copy: enumerable properties and getters, not methods; the class is still named', () => {
    let reads = 0;
    class Options {
      public readonly own = 'own';
      get late(): number {
        return ++reads;
      }
      method(): string {
        return 'code';
      }
    }
    const inherited = Object.assign(Object.create({ shared: 'shared' }), { own: 'own' });
    const copy = snapshot({ options: new Options(), inherited });
    // Its prototype names the class (so a map that must be plain is refused by it) and holds no getter or method.
    const standIn = Object.getPrototypeOf(copy.options);
    expect(standIn.constructor).toBe(Options);
    expect(Object.getOwnPropertyNames(standIn)).toEqual(['constructor']);
    expect(Object.getPrototypeOf(standIn)).toBe(Object.prototype);
    expect(copy.options.method).toBeUndefined();
    expect({ ...copy.options }).toEqual({ own: 'own', late: 1 });
    expect(copy.options.late).toBe(1);
    expect(reads).toBe(1);
    expect({ ...copy.inherited }).toEqual({ own: 'own', shared: 'shared' });
  });

  test('copies arrays and objects, keeps prototypes, and keeps constructs and tokens by reference', () => {
    const stack = newStack();
    const network = FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' });
    const given = { list: [1, { a: 'b' }], network, dependsOn: [stack], token: '${var.x}' };
    const copy = snapshot(given);
    expect(copy).toEqual(given);
    expect(copy.list).not.toBe(given.list);
    expect(Object.getPrototypeOf(copy.network)).toBe(FlexibleServerNetwork.prototype);
    expect(copy.network).not.toBe(network);
    expect(copy.dependsOn[0]).toBe(stack);
  });

  test('keeps the holes of a sparse list as undefined, for validation to refuse', () => {
    expect(snapshot([, 'x'])).toEqual([undefined, 'x']);
  });

  test('copies a cycle without looping', () => {
    const looped: { [key: string]: unknown } = { name: 'a' };
    looped.self = looped;
    const copy = snapshot(looped);
    expect(copy.self).toBe(copy);
  });
});

test('SingleServerNetwork.publicAccess keeps its options unread: a private endpoint getter (a zone Azure refuses, then none) is read once, and refused (A10a-3)', () => {
  const zone = `${VNET_ID.split('/resourceGroups/')[0]}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/postgres.database.azure.com`;
  const endpoint = changing<object | undefined>({ subnetResourceId: `${VNET_ID}/subnets/pe`, privateDnsZoneResourceId: zone }, undefined);
  const options = { allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }], justification: 'legacy vendor access, SEC-5501' };
  Object.defineProperty(options, 'privateEndpoint', { enumerable: true, get: () => endpoint.value.current });
  const network = SingleServerNetwork.publicAccess(options);
  expect(endpoint.reads()).toBe(0);
  expect(() => new SecureSingleServer(newStack(), 'Legacy', minimalSingleProps({ network }))).toThrow(expect.objectContaining({ code: 'PRIVATE-LINK-ZONE-NAME', prop: 'network.publicAccess.privateEndpoint.privateDnsZoneResourceId' }));
  expect(endpoint.reads()).toBe(1);
});

test('a throwing Proxy as publicAccess options is the library\'s error at construct time, not the caller\'s out of the factory', () => {
  const options = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
  const network = SingleServerNetwork.publicAccess(options as never);
  expect(() => new SecureSingleServer(newStack(), 'Legacy', minimalSingleProps({ network }))).toThrow(expect.objectContaining({ name: 'ValidationError', code: 'PROP-TYPE' }));
});
