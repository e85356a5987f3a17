import { idKey, idSegments } from './azure-keys';
import { azapiNetworkRow, azapiWriters, readAzapiNetwork, writesAtOrBelow } from './azapi-network';
import { azapiName, azapiParent, azapiTarget } from './azapi-writes';
import { laterObject, LaterObject, laterReach, lookedUpPointers, mayBeLater, mayBeLaterByNames, readsPointer } from './given-objects';
import { resourcesOfType } from './beside-construct';
import { spelledBlockId } from './block-ids';
import { givenZonePointers, LINK_TYPE, mayAnswerForServer, RECORD_TYPES, ZONE_ID } from './dns-zone-answers';
import { isUnknown } from './hcl-expression';
import { reachOf } from './perimeter-objects';
import { referencedResources } from './referenced-resources';
import { fail, StackFacts, Verdict } from './rule';
import { withEchoes } from './sql-clients';
import { ResourceView, ServerView } from './stack-model';
import { literalBoolean, splitTemplate } from './value-readers';

// A private DNS zone a construct was given by a pointer known only at apply time (a variable) is its
// owner's to judge; but a record or a registering VNet link the stack itself writes into that zone,
// its zone name read from the server's very pointer (split from `var.private_dns_zone_id`), is the
// stack's write into the zone where the server's name resolves, judged as in a zone of the stack
// (fourteenth review, A14b-17). A zone given by literal ID is read by its name (dns-zone-answers.ts). The azapi
// records and links written at or below the pointer are read the same way (azapi-network.ts; fifteenth review, A15b-1),
// at or below a literal ID too. The Private Link zone given to the server's private endpoints is read as its own
// (seventeenth review, A17a-6), where only records of the server's name, "*", "@" or a name known later are the server's.
// A zone the stack names by literal names, a literal ID or a lookup may be the zone a variable names (given-objects.ts; A17b-7).

/** The records and registering links the stack writes into a zone the server or its private endpoints are given. */
export function givenZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  return givenZonePointers(server).flatMap(({ pointer, holder, attribute, shared }) => {
    const answers = (recordName: unknown) => !shared || mayAnswerForServer(recordName, { name: 'privatelink.postgres.database.azure.com' }, server);
    // A literal ID is read by its zone's name for azurerm writers (dns-zone-answers.ts); azapi writers at or below it are read here.
    if (typeof pointer === 'string') return azapiZoneAnswers(pointer, owner, stack, holder, attribute, answers);
    return pointerAnswers(pointer, holder, attribute, answers, owner, stack, laterObject(shared ? 'privateLinkZone' : 'serverZone', pointer, stack));
  });
}

/** The records and registering links of the stack whose zone name is read from a zone pointer known only at apply time. */
function pointerAnswers(pointer: unknown, holder: string, attribute: string, answers: (recordName: unknown) => boolean, owner: string, stack: StackFacts | undefined, later: LaterObject | undefined): Verdict[] {
  // A zone of the stack the pointer reads is judged as the zone itself (dns-zone-answers.ts).
  if (!isUnknown(pointer) || pointer.references.length === 0 || referencedResources(pointer, 'azurerm_private_dns_zone', stack?.resources).length > 0) return [];
  const given = JSON.stringify(pointer);
  const whose = holder === 'the server' ? `the server's ${attribute}` : `the ${attribute} of ${holder}`;
  // Through a relay of the pointer too (`terraform_data.z.output` whose input is `basename(var.private_dns_zone_id)`; A93b-3), and
  // through an azapi lookup of the zone by the pointer (`data.azapi_resource.z.name` whose resource_id is the variable; A95a-1).
  const fromPointer = (resource: ResourceView, attribute: string) => withEchoes(resource.config[attribute], stack)
    .some((zone) => isUnknown(zone) && (pointer.references.every((reference) => zone.references.includes(reference)) || lookedUpPointers(zone, stack).some((id) => readsPointer(id, pointer, stack))));
  const where = (resource: ResourceView, read: string) => `${resource.address}, whose ${read} ${JSON.stringify(resource.config[read])} is read from ${whose} ${given},`;
  // A zone named by literal names or a lookup may be the zone the pointer names, known only at apply time (A17b-7).
  const mayBe = (resource: ResourceView, attribute: string) => !fromPointer(resource, attribute) && later !== undefined && mayBeLaterByNames(later, resource.config[attribute], resource.config.resource_group_name, stack);
  const maybeWhere = (resource: ResourceView, read: string) => `${resource.address}, whose ${read} ${JSON.stringify(resource.config[read])} may be the zone ${whose} ${given} names (known only at apply time),`;
  const records = RECORD_TYPES.flatMap((type) => resourcesOfType(stack, type)).filter((record) => (fromPointer(record, 'zone_name') || mayBe(record, 'zone_name')) && answers(record.config.name))
    .map((record) => fail(`${(mayBe(record, 'zone_name') ? maybeWhere : where)(record, 'zone_name')} writes ${JSON.stringify(record.config.name ?? null)} into the zone where the server's name resolves, a record ${owner} does not make: clients in the VNet may be sent to another address.`, record.address));
  const links = resourcesOfType(stack, LINK_TYPE).filter((link) => literalBoolean(link.config.registration_enabled ?? false) !== false && (fromPointer(link, 'private_dns_zone_name') || mayBe(link, 'private_dns_zone_name')))
    .map((link) => fail(`${(mayBe(link, 'private_dns_zone_name') ? maybeWhere : where)(link, 'private_dns_zone_name')} links the zone where the server's name resolves with registration_enabled ${JSON.stringify(link.config.registration_enabled)}: every VM of the VNet may write names into it.`, link.address));
  return [...records, ...links, ...azapiZoneAnswers(pointer, owner, stack, holder, attribute, answers, later)];
}

/** The azapi records and registering links (read by the table: azapi-network.ts) written at or below the server's zone pointer (A15b-1). */
function azapiZoneAnswers(pointer: unknown, owner: string, stack: StackFacts | undefined, holder: string, attribute: string, answers: (recordName: unknown) => boolean, later?: LaterObject): Verdict[] {
  const whose = holder === 'the server' ? `the server's ${attribute}` : `the ${attribute} of ${holder}`;
  return givenZoneWrites(pointer, stack, later).flatMap(({ block, read, type }) => {
    const written = writesAtOrBelow(block, pointer) ? 'written' : `whose ID ${JSON.stringify(String(azapiTarget(block) ?? azapiParent(block)))} may be`;
    const where = `${block.address}, ${written} at or below ${whose} ${JSON.stringify(pointer)},`;
    // An update names its record by resource_id's last segment.
    const name = azapiName(block);
    if (RECORD_TYPES.includes(type)) return !answers(name) ? [] : [fail(`${where} writes a ${type.replace(/^azurerm_private_dns_|_record$/g, '').toUpperCase()} record ${JSON.stringify(name ?? null)} into the zone where the server's name resolves, a record ${owner} does not make: clients in the VNet may be sent to another address.`, block.address)];
    return literalBoolean(read.registration_enabled) === false ? [] : [fail(`${where} links the zone where the server's name resolves with registrationEnabled ${JSON.stringify(read.registration_enabled)}: every VM of the VNet may write names into it.`, block.address)];
  });
}

/**
 * A zone pointer written as a template of an ID (`/subscriptions/${var.hub}/resourceGroups/rg-dns/.../privateDnsZones/<name>`) as
 * the ID it spells, each segment an interpolation touches one segment known only at apply time ("?"); undefined for what spells no
 * zone's ID (a plain reference, a function call), whose writes are read by the same expression.
 */
export function templateId(pointer: unknown): string | undefined {
  if (!isUnknown(pointer) || pointer.isPlainReference) return undefined;
  const text = splitTemplate(pointer.spelling, HOLE).literal;
  if (!text.trim().startsWith('/')) return undefined;
  // Its segments as every ID reader reads them (azure-keys.ts idSegments: a "." or empty one dropped; run 35).
  const id = `/${idSegments(text).map((segment) => (segment.includes(HOLE) ? '?' : segment)).join('/')}`;
  return ZONE_ID.test(id) ? id : undefined;
}
/** What stands for an interpolation while a template pointer is read. */
const HOLE = '\u0000';

/** The azapi writes of records and links the table reads, at or below a zone pointer (or a template that may be it), with the azurerm type each twins. */
export function givenZoneWrites(pointer: unknown, stack: StackFacts | undefined, later?: LaterObject): { readonly block: ResourceView; readonly read: { readonly [key: string]: unknown }; readonly type: string }[] {
  // Below a literal zone ID or a lookup that may be the zone a pointer known only at apply time names (A17b-7).
  const mayBe = (block: ResourceView) => later !== undefined && [azapiTarget(block), block.config.parent_id].some((at) => (typeof at === 'string' ? laterReach(later, at) === 'is' : mayBeLater(later, at, stack)));
  return azapiWriters(stack).flatMap((block) => {
    const type = azapiNetworkRow(block)?.azurerm;
    const read = type === LINK_TYPE || RECORD_TYPES.includes(type ?? '') ? readAzapiNetwork(block) : undefined;
    return type === undefined || read === undefined || !(mayWriteAtOrBelow(block, pointer, stack) || mayBe(block)) ? [] : [{ block, read, type }];
  });
}

/**
 * Whether an azapi write may be on a given zone or below it: by the zone's pointer (the same expression, or its literal ID and
 * "/" more), or, for a zone given by literal ID, by an ID or parent written as a template that may spell it or an ID below it
 * (a variable subscription or resource group, format(), join(): the perimeter's reader, perimeter-objects.ts reachOf), as
 * the zones the construct makes are read (eighteenth review, A18a-3); a zone given by a lookup of literal names, by the ID they
 * spell; one given by a template of its ID (a variable subscription), by that ID with each such segment any one. A template that
 * is wholly a variable is no such ID.
 */
export function mayWriteAtOrBelow(block: ResourceView, pointer: unknown, stack: StackFacts | undefined): boolean {
  if (writesAtOrBelow(block, pointer)) return true;
  // A zone given by a lookup of literal names is the ID they spell: a write at that literal ID, or a template of it, is in it.
  const lookup = isUnknown(pointer) && pointer.isPlainReference ? /^(data\.azurerm_private_dns_zone\.[^.[\]]+)\.id$/.exec(pointer.references[0])?.[1] : undefined;
  const spelled = lookup === undefined ? undefined : stack?.lookups?.get(lookup);
  const id = typeof pointer === 'string' ? pointer : spelled === undefined ? templateId(pointer) : spelledBlockId(spelled, stack?.resources, stack?.azurermProviders);
  if (id === undefined) return false;
  const zone = { kind: 'dns' as const, what: id, addresses: [], ids: [idKey(id)], values: [] };
  return [azapiTarget(block), azapiParent(block)].some((written) => (isUnknown(written) || (typeof written === 'string' && typeof pointer !== 'string')) && reachOf(zone, written, stack) === 'is');
}
