import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { libraryMarksDisagree } from '../../lib/checks/library-marks';
import { check } from '../cli/cli-harness';
import { EXAMPLE_NAMES, exampleStack } from '../support/example-stacks';
import { synthErrors } from '../helpers';

// The library's marks are a closed graph (fifteenth review, A15b-2), on the JSON every example
// synthesizes: each made resource another made resource's pin refers to, its made entry and pin
// deleted, is refused, its construct path kept, changed within the construct, or re-pointed out.

const MADE = 'cdktf-azure-postgres-made';
const PINNED = 'cdktf-azure-postgres-pinned';

// The class: every resource of every example that another made resource's pin refers to.
const exampleJson = (name: string): any => JSON.parse(JSON.stringify(exampleStack(name).terraform));

/** The made paths another pin refers to. */
function referencedMade(json: any): string[] {
  const made = new Set<string>(json['//'][MADE]);
  const addresses = Object.entries(json.resource as { [type: string]: { [name: string]: any } }).flatMap(([type, blocks]) =>
    Object.entries(blocks).filter(([, body]) => made.has(body['//']?.metadata?.path)).map(([name, body]) => [`${type}.${name}`, body['//'].metadata.path as string]));
  const pins = json['//'][PINNED] as { path: string; attributes: unknown }[];
  // By an attribute's reference, or as an entry of the server's pinned depends_on (its network guards).
  const refersTo = (attributes: unknown, address: string) => JSON.stringify(attributes).includes(`${address}.`) || JSON.stringify(attributes).includes(`"${address}"`);
  return addresses.filter(([address, path]) => pins.some((pin) => pin.path !== path && refersTo(pin.attributes, address))).map(([, path]) => path);
}

describe.each(EXAMPLE_NAMES)('example %s: a made resource another pin refers to, unmarked, is refused', (name) => {
  const json = exampleJson(name);
  const referenced = referencedMade(json);

  test('the example agrees, and some made resource of it is referred to', () => {
    expect(libraryMarksDisagree(json)).toBeUndefined();
    expect(referenced.length).toBeGreaterThan(0);
  });

  test.each(referenced)('%s, its made entry and pin deleted (its path kept, changed, or re-pointed out)', (path) => {
    const unmarked = JSON.parse(JSON.stringify(json));
    unmarked['//'][MADE] = unmarked['//'][MADE].filter((each: string) => each !== path);
    unmarked['//'][PINNED] = unmarked['//'][PINNED].filter((pin: any) => pin.path !== path);
    expect(libraryMarksDisagree(unmarked)).toMatch(new RegExp(`which has the construct path ${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} of `));
    const body = Object.values(unmarked.resource as { [type: string]: { [name: string]: any } }).flatMap((blocks) => Object.values(blocks)).find((each) => each['//']?.metadata?.path === path);
    // A server's path changed is told before: its pins name a path no resource has.
    body['//'].metadata.path = `${path}-x`;
    expect(libraryMarksDisagree(unmarked)).toMatch(/is not listed as made|pins ".*\/Server", but no resource of the file has that construct path/);
    body['//'].metadata.path = `${name}/Decoy`;
    expect(libraryMarksDisagree(unmarked)).toMatch(/construct path ".*\/Decoy" is not the one cdktf made its address from|pins ".*\/Server", but no resource of the file has that construct path/);
  });
});

test('check refuses the fifteenth review\'s form: the construct\'s NSG moved to a decoy group, its made entry and pin deleted (exit 2)', () => {
  const json = exampleJson('flexible-vnet-integration');
  const nsg = Object.keys(json.resource.azurerm_network_security_group).find((name) => name.startsWith('Postgres_SecurityGroup'))!;
  json.resource.azurerm_network_security_group[nsg].resource_group_name = 'rg-decoy';
  json.resource.azurerm_network_security_group.decoy = { name: 'orders-db-prod-postgres-nsg', location: 'westeurope', resource_group_name: 'rg-orders-db' };
  const group = (path: unknown) => String(path).endsWith('/Postgres/SecurityGroup');
  json['//'][MADE] = json['//'][MADE].filter((path: string) => !group(path));
  json['//'][PINNED] = json['//'][PINNED].filter((pin: any) => !group(pin.path));
  const file = join(mkdtempSync(join(tmpdir(), 'pinned-references-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  const result = check('check', file);
  expect(result.code).toBe(2);
  expect(result.err.join('\n')).toMatch(/to azurerm_network_security_group\.Postgres_SecurityGroup_\w+, which has the construct path "flexible-vnet-integration\/Postgres\/SecurityGroup" of flexible-vnet-integration\/Postgres but is not listed as made/);
});

// In synth the made list and the pins are the process's own: one made resource of each type of each example, its
// made entry and pin taken out of the JSON (by an override of the stack's "//"), fails PG-CFG-6, whether a pin
// refers to it or not. `check` cannot tell a made resource no pin refers to, unmarked, from a caller's: it trusts the
// lists as the file writes them (docs/security-rules.md), and judges it as added beside the construct.
describe.each(EXAMPLE_NAMES)('example %s, in synth: one made resource of each type, its made entry and pin taken out, fails PG-CFG-6', (name) => {
  const written = exampleJson(name);
  const typeOf = new Map<string, string>(Object.entries(written.resource as { [type: string]: { [name: string]: any } })
    .flatMap(([type, blocks]) => Object.values(blocks).map((body): [string, string] => [body['//']?.metadata?.path, type])));
  const byType = new Map<string, string>();
  for (const path of written['//'][MADE] as string[]) if (!byType.has(typeOf.get(path)!)) byType.set(typeOf.get(path)!, path);

  test.each([...byType])('%s (%s)', (_type, path) => {
    const { stack } = exampleStack(name);
    stack.addOverride(`//.${MADE}`, (written['//'][MADE] as string[]).filter((each) => each !== path));
    stack.addOverride(`//.${PINNED}`, (written['//'][PINNED] as { path: string }[]).filter((pin) => pin.path !== path));
    expect(synthErrors(stack).join('\n')).toMatch(/PG-CFG-6 the resources the constructs made, written into the JSON \(\/\/\.cdktf-azure-postgres-made\), are not those they made/);
  });
});
