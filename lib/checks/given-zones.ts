import { azapiNetworkRow, azapiWriters, readAzapiNetwork, writesAtOrBelow } from './azapi-network';
import { resourcesOfType } from './beside-construct';
import { LINK_TYPE, RECORD_TYPES } from './dns-zone-answers';
import { isUnknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { literalBoolean } from './value-readers';

// A private DNS zone a construct was given by a pointer known only at apply time (a variable) is its
// owner's to judge; but a record or a registering VNet link the stack itself writes into that zone,
// its zone name read from the server's very pointer (split from `var.private_dns_zone_id`), is the
// stack's write into the zone where the server's name resolves, judged as in a zone of the stack
// (fourteenth review, A14b-17). A zone given by literal ID is read by its name (dns-zone-answers.ts). The azapi
// records and links written at or below the pointer are read the same way (azapi-network.ts; fifteenth review, A15b-1).

/** The records and registering links of the stack whose zone name is read from the server's own zone pointer. */
export function givenZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const pointer = server.config.private_dns_zone_id;
  // A zone of the stack the pointer reads is judged as the zone itself (dns-zone-answers.ts).
  if (!isUnknown(pointer) || pointer.references.length === 0 || referencedResources(pointer, 'azurerm_private_dns_zone', stack?.resources).length > 0) return [];
  const given = JSON.stringify(pointer);
  const fromPointer = (resource: ResourceView, attribute: string) => {
    const zone = resource.config[attribute];
    return isUnknown(zone) && pointer.references.every((reference) => zone.references.includes(reference));
  };
  const where = (resource: ResourceView, attribute: string) => `${resource.address}, whose ${attribute} ${JSON.stringify(resource.config[attribute])} is read from the server's private_dns_zone_id ${given},`;
  const records = RECORD_TYPES.flatMap((type) => resourcesOfType(stack, type)).filter((record) => fromPointer(record, 'zone_name'))
    .map((record) => fail(`${where(record, 'zone_name')} writes ${JSON.stringify(record.config.name ?? null)} into the zone where the server's name resolves, a record ${owner} does not make: clients in the VNet may be sent to another address.`, record.address));
  const links = resourcesOfType(stack, LINK_TYPE).filter((link) => literalBoolean(link.config.registration_enabled ?? false) !== false && fromPointer(link, 'private_dns_zone_name'))
    .map((link) => fail(`${where(link, 'private_dns_zone_name')} links the zone where the server's name resolves with registration_enabled ${JSON.stringify(link.config.registration_enabled)}: every VM of the VNet may write names into it.`, link.address));
  return [...records, ...links, ...azapiZoneAnswers(pointer, owner, stack)];
}

/** The azapi records and registering links (read by the table: azapi-network.ts) written at or below the server's zone pointer (A15b-1). */
function azapiZoneAnswers(pointer: unknown, owner: string, stack: StackFacts | undefined): Verdict[] {
  return givenZoneWrites(pointer, stack).flatMap(({ block, read, type }) => {
    const where = `${block.address}, written at or below the server's private_dns_zone_id ${JSON.stringify(pointer)},`;
    if (RECORD_TYPES.includes(type)) return [fail(`${where} writes a ${type.replace(/^azurerm_private_dns_|_record$/g, '').toUpperCase()} record ${JSON.stringify(block.config.name ?? null)} into the zone where the server's name resolves, a record ${owner} does not make: clients in the VNet may be sent to another address.`, block.address)];
    return literalBoolean(read.registration_enabled) === false ? [] : [fail(`${where} links the zone where the server's name resolves with registrationEnabled ${JSON.stringify(read.registration_enabled)}: every VM of the VNet may write names into it.`, block.address)];
  });
}

/** The azapi writes of records and links the table reads, at or below a zone pointer, with the azurerm type each twins. */
export function givenZoneWrites(pointer: unknown, stack: StackFacts | undefined): { readonly block: ResourceView; readonly read: { readonly [key: string]: unknown }; readonly type: string }[] {
  return azapiWriters(stack).flatMap((block) => {
    const type = azapiNetworkRow(block)?.azurerm;
    const read = type === LINK_TYPE || RECORD_TYPES.includes(type ?? '') ? readAzapiNetwork(block) : undefined;
    return type === undefined || read === undefined || !writesAtOrBelow(block, pointer) ? [] : [{ block, read, type }];
  });
}
