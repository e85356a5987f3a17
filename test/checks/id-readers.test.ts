import { idKey, nameKey } from '../../lib/checks/azure-keys';
import { spelledId } from '../../lib/checks/block-ids';
import { containingScope, mayBeGroupOf, mayHoldScope } from '../../lib/checks/containing-scopes';
import { templateId } from '../../lib/checks/given-zones';
import { evaluateTemplate, NO_LOCALS, Unknown, Value } from '../../lib/checks/hcl-expression';
import { mayNameParent } from '../../lib/checks/later-parents';
import { builtInId } from '../../lib/checks/policy-writers';
import { PerimeterObject, reachOf } from '../../lib/checks/perimeter-objects';
import { ResourceView, ServerView } from '../../lib/checks/stack-model';

// Run 35: every reader of an Azure ID or scope reads it as azure-keys.ts idSegments does (a "." or empty segment dropped, each
// segment a name's key), and reads one it cannot key (a ".." segment, a percent-encoded character, a letter JavaScript and ARM may
// fold otherwise) as known only at apply time: the one verdict per spelling across readers. Before, scope-patterns.ts (PG-IAM-2's
// templates, later-parents.ts), given-zones.ts templateId and block-ids.ts spelledId parsed IDs on their own and kept a "." or empty
// segment, so "/resourceGroups/./rg" was another scope to them than to idKey.

const S = '00000000-0000-0000-0000-000000000000';
const SUBNET_PATH = '/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db';
const ZONE_PATH = '/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com';
/** The forms an ID is written in: a literal, a variable subscription, a reference as the group's name, a reference plus a literal tail. */
const FORMS: readonly (readonly [string, (group: string) => string])[] = [
  ['a literal ID', (group) => `/subscriptions/${S}/resourceGroups/${group}`],
  ['a template with a variable subscription', (group) => `/subscriptions/\${var.s}/resourceGroups/${group}`],
  ['a template with a group known in part', (group) => `/subscriptions/\${var.s}/resourceGroups/\${var.prefix}${group.slice(2)}`],
  ['a template with a reference as the group', (group) => `/subscriptions/\${var.s}/resourceGroups/\${azurerm_resource_group.${group === 'rg-orders-db' ? 'own' : 'other'}.name}`],
];
/** A reference to the group's ID plus a literal tail (the group's own spellings do not apply: they are not written). */
const REFERENCE_TAIL = (group: string) => `\${azurerm_resource_group.${group === 'rg-orders-db' ? 'own' : 'other'}.id}`;

const resource = (type: string, name: string, config: { [key: string]: unknown }): ResourceView => ({ type, name, address: `${type}.${name}`, config, certain: true } as unknown as ResourceView);
const RESOURCES = new Map<string, ResourceView>([
  ['azurerm_resource_group.own', resource('azurerm_resource_group', 'own', { name: 'rg-orders-db' })],
  ['azurerm_resource_group.other', resource('azurerm_resource_group', 'other', { name: 'rg-apps' })],
]);
const STACK = { resources: RESOURCES } as never;
const SERVER = resource('azurerm_postgresql_flexible_server', 'db', { name: 'orders-db-prod', resource_group_name: 'rg-orders-db' }) as ServerView;
/** A subnet whose name is known only at apply time: later-parents.ts reads a literal ID against its group and VNet. */
const PARENT = resource('azurerm_subnet', 'db', { name: new Unknown('var.subnet', ['var.subnet']), resource_group_name: 'rg-orders-db', virtual_network_name: 'vnet' });
const SUBNET_OBJECT: PerimeterObject = { kind: 'network', what: 'the subnet', addresses: [], ids: [`subscriptions/?/resourcegroups/rg-orders-db${SUBNET_PATH.toLowerCase()}`], values: [] };

const value = (text: string): Value => evaluateTemplate(text, NO_LOCALS);
const shown = (answer: unknown) => (answer === undefined || answer === false ? 'no' : 'yes');
/** Each reader, on a scope (the group's ID) or on an ID below it (the subnet's, the zone's), as one verdict. */
const READERS: readonly (readonly [string, (group: string) => string])[] = [
  // As the scope readers ask them (unread-writers.ts serverPointer, PG-IAM-2): a scope that contains the server, else one that may.
  ['containing-scopes containingScope, then mayHoldScope (the group)', (id) => shown(containingScope(SERVER, value(id), STACK) ?? mayHoldScope(SERVER, value(id), STACK))],
  ['containing-scopes mayBeGroupOf (the group)', (id) => shown(mayBeGroupOf(SERVER, value(id), STACK))],
  ['perimeter-objects reachOf (the subnet)', (id) => shown(reachOf(SUBNET_OBJECT, value(`${id}${SUBNET_PATH}`), STACK))],
  ['later-parents mayNameParent (the subnet)', (id) => shown(mayNameParent(value(`${id}${SUBNET_PATH}`), PARENT, { idPath: undefined }, undefined, RESOURCES))],
  ['block-ids spelledId (the subnet)', (id) => {
    const spelled = spelledId(value(`${id}${SUBNET_PATH}`), RESOURCES);
    return spelled === undefined ? 'none' : idKey(spelled).replace(S, '?');
  }],
  ['given-zones templateId (the zone)', (id) => {
    const spelled = templateId(value(`${id}${ZONE_PATH}`));
    return spelled === undefined ? 'none' : idKey(spelled);
  }],
];

/** Spellings every reader reads as the ID itself. */
const SAME: readonly (readonly [string, (id: string) => string])[] = [
  ['a "." segment', (id) => id.replace('/resourceGroups/', '/resourceGroups/./')],
  ['an inner empty segment', (id) => id.replace('/resourceGroups/', '//resourceGroups/')],
  ['a trailing "/"', (id) => `${id}/`],
  ['a trailing "/."', (id) => `${id}/.`],
  ['a trailing "//./"', (id) => `${id}//./`],
  ['the fixed segments in upper case', (id) => id.replace('/subscriptions/', '/SUBSCRIPTIONS/').replace('/resourceGroups/', '/RESOURCEGROUPS/')],
  ['the fixed segments in lower case', (id) => id.replace('/resourceGroups/', '/resourcegroups/')],
  ['blanks around a segment', (id) => id.replace('/resourceGroups/', '/ resourceGroups /')],
];
/** Spellings no reader can key: known only at apply time, so each reader answers as for any scope. */
const ANY: readonly (readonly [string, (id: string) => string])[] = [
  ['a ".." segment', (id) => id.replace('/resourceGroups/', '/resourceGroups/x/../')],
  ['an encoded "." segment', (id) => id.replace('/resourceGroups/', '/%2e/resourceGroups/')],
  ['an encoded "-"', (id) => id.replace('/resourceGroups/', '/resource%2DGroups/')],
  ['a long s in "subscriptions"', (id) => id.replace('/subscriptions/', '/\u017fubscriptions/')],
  ['a dotless i in "subscriptions"', (id) => id.replace('/subscriptions/', '/subscr\u0131ptions/')],
];

/** What each reader answers for an ID it cannot key: the scope may be any (yes), no one ID is spelled (none). */
const UNKEYED: { readonly [reader: string]: string } = { 'block-ids spelledId (the subnet)': 'none', 'given-zones templateId (the zone)': 'none' };

describe('every ID reader reads each spelling as idSegments does', () => {
  const all = [...FORMS, ['a reference to the group plus a literal tail', REFERENCE_TAIL] as const];
  test.each(READERS)('%s tells the own group from another in some form (the cases below are not vacuous)', (_reader, read) => {
    expect(all.some(([, spell]) => read(spell('rg-orders-db')) !== read(spell('rg-apps')))).toBe(true);
  });
  const cases = READERS.flatMap(([reader, read]) => FORMS.flatMap(([form, spell]) => SAME.map(([spelling, respell]) => [reader, form, spelling, read, spell, respell] as const)));
  test.each(cases)('%s, %s, with %s: the verdict of the plain ID', (_reader, _form, _spelling, read, spell, respell) => {
    for (const group of ['rg-orders-db', 'rg-apps']) expect(read(respell(spell(group)))).toEqual(read(spell(group)));
  });
  const tails = READERS.flatMap(([reader, read]) => ['/.', '/./', '//.//', '/'].map((tail) => [reader, tail, read] as const));
  test.each(tails)('%s, a reference to the group with %s after it: the verdict of the reference', (_reader, tail, read) => {
    for (const group of ['rg-orders-db', 'rg-apps']) expect(read(`${REFERENCE_TAIL(group)}${tail}`)).toEqual(read(REFERENCE_TAIL(group)));
  });
});

describe('every ID reader reads an ID it cannot key as any', () => {
  const cases = READERS.flatMap(([reader, read]) => FORMS.flatMap(([form, spell]) => ANY.map(([spelling, respell]) => [reader, form, spelling, read, spell, respell] as const)));
  test.each(cases)('%s, %s, with %s: may be any scope', (reader, _form, _spelling, read, spell, respell) => {
    for (const group of ['rg-orders-db', 'rg-apps']) expect(read(respell(spell(group)))).toEqual(UNKEYED[reader] ?? 'yes');
  });
});

test('HCL normalizes a string to NFC (hcl-expression.ts), as Terraform does: a Kelvin sign is "K" before any reader keys it', () => {
  expect(value(`/subscriptions/${S}/resourceGroups/rg-\u212a`)).toBe(`/subscriptions/${S}/resourceGroups/rg-K`);
});

describe('names with a letter JavaScript and ARM fold otherwise have one key', () => {
  test.each([['rg-\u017f', 'rg-s'], ['rg-\u0131', 'rg-i'], ['RG-\u212a', 'rg-k'], ['\u03a3\u03a3', '\u03c3\u03c2'], ['orders', 'ORDERS']])('%s and %s', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });
  test.each([['rg-\u0130', 'rg-i'], ['rg-\u00e9', 'rg-e'], ['a', 'b']])('control: %s and %s stay apart', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe('the remaining hand parses read an ID as idKey does', () => {
  const BUILT_IN = '/providers/Microsoft.Authorization/policyDefinitions/0564d078-92f5-4f97-8398-b9f58a51f70b';
  test.each([['as written', BUILT_IN], ['with a "." segment', BUILT_IN.replace('/policyDefinitions/', '/./policyDefinitions/')], ['with a trailing "/."', `${BUILT_IN}/.`],
    ['with an inner empty segment', BUILT_IN.replace('/providers/', '//providers//')]])('policy-writers builtInId, %s', (_spelling, id) => {
    expect(builtInId(id)).toBe('0564d078-92f5-4f97-8398-b9f58a51f70b');
  });
  test('control: builtInId of a custom definition is none', () => {
    expect(builtInId(`/subscriptions/${S}/providers/Microsoft.Authorization/policyDefinitions/custom`)).toBeUndefined();
  });
});
