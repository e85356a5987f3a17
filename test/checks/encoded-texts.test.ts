import { gzipSync } from 'zlib';
import { encodedTexts } from '../../lib/checks/encoded-texts';
import { managementSurfaceIn } from '../../lib/checks/server-mentions';
import { buildStackModel } from '../../lib/checks/stack-model';
import { workOf } from '../support/work-count';
import { CONSTRUCT, forwarderVerdicts, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// encodedTexts is the one decoder of every raw-text scanner (A20b-2, A20b-6): a value reads as the provider and Azure decode
// it (Go's decoder skips line ends, .NET's any white space; cloud-init and `gunzip` inflate a gzip), so no scanner reads
// an encoding another does not.

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
/** Base64 cut every `width` characters, as MIME, `base64` (76) and PEM (64) do, or in spaced groups. */
const wrap = (encoded: string, width: number, end = '\n') => encoded.replace(new RegExp(`.{${width}}`, 'g'), `$&${end}`);

/** Every way a text reaches a scanner: as written, and each encoding the provider, cloud-init or a shell decodes. */
const ENCODINGS: [string, (text: string) => string][] = [
  ['plain', (text) => text],
  ['base64', (text) => b64(text)],
  ['base64 with a line break every 76 characters (MIME, base64 -w 76)', (text) => wrap(b64(text), 76)],
  ['base64 with a CRLF every 64 characters (PEM)', (text) => wrap(b64(text), 64, '\r\n')],
  ['base64 in groups of four separated by spaces', (text) => wrap(b64(text), 4, ' ').trim()],
  ['base64 of a gzip', (text) => b64(gzipSync(text))],
  ['base64 of a gzip, wrapped', (text) => wrap(b64(gzipSync(text)), 76)],
  ['base64 of base64 of a gzip', (text) => b64(b64(gzipSync(text)))],
  ['a wrapped base64 of a gzip in a YAML block (cloud-init write_files)', (text) => `write_files:\n  - encoding: gz+b64\n    content: |\n      ${wrap(b64(gzipSync(text)), 76).trim().replace(/\n/g, '\n      ')}\n    path: /etc/ops.sh\n`],
  ['a wrapped base64 in a JSON text (\\n escapes)', (text) => JSON.stringify({ content: wrap(b64(text), 76) })],
  ['a shell pipe: echo <base64 of a gzip> | base64 -d | gunzip | sh', (text) => `echo ${b64(gzipSync(text))} | base64 -d | gunzip | sh`],
];

const SCRIPT = '#!/bin/sh\n# maintenance helper, runs once at first boot of the ops machine\naz login --identity\n'
  + 'az postgres flexible-server list --query "[].id" -o tsv | xargs -n1 az postgres flexible-server update --public-access All --ids\n';
const STREAM = (target: string) => `# ${'x'.repeat(40)} proxy of the orders team\nstream { server { listen 5432; proxy_pass ${target}:5432; } }\n`;

/** The forwarders' failures beside a construct's server in subnet 10.0.1.0/28. */
function forwards(extra: Resources): string[] {
  return forwarderVerdicts(extra).filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.message);
}
const PUBLIC_IP = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip';
const NGX_SUBNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/ngx';

/** Whether the model reads a machine's custom_data as naming the server by its ID (mentionsIn: a writer of the server). */
function namesServer(value: string): boolean {
  const model = buildStackModel({ resource: {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({}), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_linux_virtual_machine: { vm: { name: 'vm-ops', custom_data: value } },
  } });
  return model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!.writers.some((writer) => writer.address === 'azurerm_linux_virtual_machine.vm');
}
const SERVER_PATH = (name: string) => `#!/bin/sh\n# ops machine, first boot\ncurl -X PATCH https://management.azure.com/subscriptions/0/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/${name}?api-version=2024-08-01\n`;

/** Each raw-text scanner: whether it finds what `text` says in a value, and a text it must find and one it must not. */
const SCANNERS: [string, (value: string) => boolean, string, string][] = [
  ['the management surface (PG-CFG-4)', (value) => managementSurfaceIn([value]) !== undefined, SCRIPT, SCRIPT.replace(/postgres/g, 'storage')],
  ['the servers a block names (mentionsIn: its writers; queued after the twentieth run)', namesServer, SERVER_PATH('orders-db'), SERVER_PATH('billing-db')],
  ['the unlisted network writer (PG-NET-1)', (value) => forwards({ azurerm_virtual_hub_nat_x: { f: { target: value } } }).length > 0, STREAM('10.0.1.4'), STREAM('10.0.2.4')],
  ['the NGINX configuration of a public deployment (PG-NET-1)', (value) => forwards({
    azurerm_nginx_deployment: { ng: { name: 'ngx', frontend_public: [{ ip_address: [PUBLIC_IP] }], network_interface: [{ subnet_id: NGX_SUBNET }] } },
    azurerm_nginx_configuration: { c: { nginx_deployment_id: '${azurerm_nginx_deployment.ng.id}', root_file: '/etc/nginx/nginx.conf', config_file: [{ content: value, virtual_path: '/etc/nginx/nginx.conf' }] } },
  }).length > 0, STREAM('orders-db.postgres.database.azure.com'), STREAM('orders-db.example.org')],
];

describe('A20b-2, A20b-6: every raw-text scanner reads every encoding through encodedTexts', () => {
  test.each(SCANNERS.flatMap(([scanner, finds, text, other]) => ENCODINGS.map(([how, encode]) => [scanner, how, finds, encode(text), encode(other)] as const)))(
    '%s finds its text given as %s, and not another text so given', (_scanner, _how, finds, value, other) => {
      expect(finds(value)).toBe(true);
      expect(finds(other)).toBe(false);
    });
});

describe('encodedTexts reads base64 as the provider and Azure decode it', () => {
  test.each(ENCODINGS.slice(1))('%s reads as the text (once, whole)', (_how, encode) => {
    const { texts, unread } = encodedTexts(encode(SCRIPT));
    expect(unread).toBe(false);
    expect(texts).toContain(SCRIPT);
  });

  test('UTF-16 (PowerShell -EncodedCommand) reads as its text; binary read two bytes at a time is no text', () => {
    expect(encodedTexts(Buffer.from('Get-AzPostgreSqlFlexibleServer | Update-AzPostgreSqlFlexibleServer', 'utf16le').toString('base64')).texts)
      .toEqual(['Get-AzPostgreSqlFlexibleServer | Update-AzPostgreSqlFlexibleServer']);
    expect(encodedTexts(b64(Buffer.from([0x00, 0xd8, 0x41, 0x4e, 0x12, 0x9a, 0xff, 0x70, 0x00, 0x01, 0x93, 0x88]))).texts).toEqual([]);
  });

  test('words and sentences with spaces are no base64; a word before a run does not shift it', () => {
    expect(encodedTexts('the quick brown fox jumps over').texts).toEqual([]);
    expect(encodedTexts(`note ${b64(STREAM('10.0.1.4'))}`).texts).toEqual([STREAM('10.0.1.4')]);
    expect(encodedTexts(`echo ${wrap(b64(SCRIPT), 76)}`).texts).toContain(SCRIPT);
  });

  test('a wrapped broken gzip is unread, as unwrapped', () => {
    const broken = b64(Buffer.concat([gzipSync(SCRIPT).subarray(0, 40), Buffer.from('not deflate data at all, not at all, not at all')]));
    expect(encodedTexts(broken).unread).toBe(true);
    expect(encodedTexts(wrap(broken, 76)).unread).toBe(true);
  });

  test('the work grows with the text, not with its square (many wrapped runs, many lines)', () => {
    const text = (count: number) => Array.from({ length: count }, (_each, at) => `k${at}: ${wrap(b64(`${'y'.repeat(120)} ${at}`), 76)}`).join('\n');
    const small = workOf(() => encodedTexts(text(200)));
    const large = workOf(() => encodedTexts(text(800)));
    expect(large).toBeLessThan(small * 4 * 1.5);
  });
});
