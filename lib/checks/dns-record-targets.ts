import { namesAfterType } from './ids-in-text';
import { resourcesOfType } from './beside-construct';
import { AZAPI_WRITER_TYPES, azapiName, azapiParent, azapiType, bodyProperties, writes } from './azapi-writes';
import { isUnknown, Unknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { listOf } from './server-networks';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

// The DNS records of the stack a name resolves through (seventeenth review, A17b-2): an A record gives a name addresses,
// a CNAME another name, in the azurerm and the azapi spelling, public and private zones alike. A forward to a name is
// followed through them (forwarding-paths.ts). An alias A record points at a public Azure resource (a public IP, Traffic
// Manager, Front Door), whose forwards are judged on their own with the internet as their source: it is not followed.

/** One record: the full name it answers (undefined: any name, its name or zone known only later) and its values (an Unknown: any). */
export interface DnsRecordTargets {
  readonly address: string;
  readonly name: string | undefined;
  readonly targets: readonly unknown[];
}

/** The azurerm record types, by the argument that holds their values. */
const AZURERM_RECORDS: readonly (readonly [string, string])[] = [
  ['azurerm_private_dns_a_record', 'records'], ['azurerm_dns_a_record', 'records'],
  ['azurerm_private_dns_cname_record', 'record'], ['azurerm_dns_cname_record', 'record'],
];

/** The azapi record types (lower case, no API version), with their zone's segment in the parent ID. */
const AZAPI_RECORDS: { readonly [type: string]: string } = {
  'microsoft.network/privatednszones/a': 'privatednszones', 'microsoft.network/privatednszones/cname': 'privatednszones',
  'microsoft.network/dnszones/a': 'dnszones', 'microsoft.network/dnszones/cname': 'dnszones',
};

/** The Azure types the reader reads (read-types.ts). */
export const DNS_RECORD_AZURE_TYPES: readonly string[] = Object.keys(AZAPI_RECORDS);

/** A name as DNS compares it: trimmed, without final dots, in lower case. */
export function dnsName(text: string): string {
  return text.trim().replace(/\.+$/, '').toLowerCase();
}

/** The full name of a relative name in a zone ("@" is the zone's own), or undefined when either is not a literal. */
function fullName(relative: unknown, zone: unknown): string | undefined {
  if (typeof relative !== 'string' || typeof zone !== 'string') return undefined;
  return dnsName(relative.trim() === '@' ? zone : `${relative.trim()}.${zone.trim().replace(/\.+$/, '')}`);
}

/** The zone name of an azapi record's parent: the last segment of a literal zone ID, the name of a zone of the stack it refers to. */
function azapiZone(parent: unknown, segment: string, stack: StackFacts | undefined): unknown {
  if (typeof parent === 'string') {
    // Read by the ID grammar (ids-in-text.ts; stop 36); readings that differ (a ".." segment) give no one zone: any name.
    const names = [...new Set(namesAfterType(parent, segment, true))];
    return names.length === 1 ? names[0] : undefined;
  }
  const zone = referencedResources(parent, segment === 'dnszones' ? 'azurerm_dns_zone' : 'azurerm_private_dns_zone', stack?.resources)[0];
  return zone?.config.name;
}

/** The values of an azapi record's properties: the A records' addresses or the CNAME; an Unknown when they cannot be read. */
function azapiTargets(block: ResourceView): unknown[] {
  const properties = bodyProperties(block);
  if (properties === undefined) return [];
  if (!isObject(properties) || isUnknown(properties)) return [new Unknown(`the records of ${block.address}`, [])];
  const cname = properties.cnameRecord;
  const fromCname = cname === undefined ? [] : isObject(cname) && !isUnknown(cname) ? [cname.cname] : [cname];
  const fromA = listOf(properties.aRecords).map((record) => (isObject(record) && !isUnknown(record) ? record.ipv4Address : record));
  return [...fromCname, ...fromA].filter((target) => target !== undefined);
}

/** Every A and CNAME record the stack writes, with the name it answers and its values. */
export function dnsRecordTargets(stack: StackFacts | undefined): DnsRecordTargets[] {
  const azurerm = AZURERM_RECORDS.flatMap(([type, argument]) => resourcesOfType(stack, type).map((record) => ({
    address: record.address, name: fullName(record.config.name, record.config.zone_name), targets: listOf(record.config[argument]),
  })));
  const azapi = AZAPI_WRITER_TYPES.flatMap((type) => resourcesOfType(stack, type)).flatMap((block) => {
    const type = azapiType(block);
    const segment = type === undefined ? undefined : Object.prototype.hasOwnProperty.call(AZAPI_RECORDS, type) ? AZAPI_RECORDS[type] : undefined;
    if (segment === undefined || !writes(block)) return [];
    return [{ address: block.address, name: fullName(azapiName(block), azapiZone(azapiParent(block), segment, stack)), targets: azapiTargets(block) }];
  });
  return [...azurerm, ...azapi];
}
