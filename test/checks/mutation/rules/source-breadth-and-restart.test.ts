// Two readers of PGF-NET-11 and PGF-LOG-12 on plain values: how wide NSG sources are
// (source-breadth.ts: "*" and "Any", spaces, shared service tags and their subject, port ranges),
// and whether writing shared_preload_libraries restarts the server (static-parameter-restart.ts).
import { coversPostgresPort, describeBreadth, isReadablePortRange, sourceBreadth, sourcesSubject, unreadableSources } from '../../../../lib/private/source-breadth';
import { pgauditLoadedByRestart } from '../../../../lib/checks/static-parameter-restart';
import { TerraformBlock } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, serverIn } from '../../rule-harness';

const INTERNET = 3702390784n;

describe('source breadth', () => {
  test('"*" and "Any" in any case and around spaces are the internet, not a service tag', () => {
    expect(sourceBreadth([' * '])).toEqual({ publicAddresses: INTERNET, sharedTags: [] });
    expect(sourceBreadth([' ANY '])).toEqual({ publicAddresses: INTERNET, sharedTags: [] });
  });

  test('reads ranges around spaces', () => {
    expect(unreadableSources([' 198.51.100.0/24 ', ' 2001:db8::/32 '])).toEqual([]);
    expect(sourceBreadth([' 198.51.100.0/25 '])).toEqual({ publicAddresses: 128n, sharedTags: [] });
  });

  test('the subject of shared service tags holds each once, trimmed, in lower case, sorted', () => {
    expect(sourcesSubject([' Sql ', 'AzureCloud', 'sql'])).toBe('sources service tags azurecloud, sql');
  });

  test('describes what makes sources wide: the tags, the count beyond a /24, or both', () => {
    expect(describeBreadth(sourceBreadth(['198.51.100.0/24', 'AzureCloud', 'Sql']))).toBe('the service tag(s) "AzureCloud", "Sql", which hold other Azure tenants\' addresses');
    expect(describeBreadth(sourceBreadth(['198.51.100.0/23', 'Sql']))).toBe(
      '512 public addresses together (overlaps counted once), more than 256 (a /24), and the service tag(s) "Sql", which hold other Azure tenants\' addresses',
    );
  });

  test('reads port ranges around spaces; a range it cannot read holds no port', () => {
    expect([' * ', ' 5432 ', ' 5000-6000 '].map(isReadablePortRange)).toEqual([true, true, true]);
    expect([' 5432 ', ' * ', 'x', '5433'].map(coversPostgresPort)).toEqual([true, true, false, false]);
  });
});

describe('pgauditLoadedByRestart', () => {
  const FEATURE = 'features.postgresql_flexible_server.restart_server_on_configuration_value_change';
  const setting = (provider?: unknown) => ({ name: 'shared_preload_libraries', value: 'pgaudit', server_id: `\${${FLEXIBLE}.db.id}`, provider });
  const server = (settings: { [name: string]: object }) => serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_postgresql_flexible_server_configuration: settings as never });
  const noRestart = { features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: false }] }] };
  const facts = (providers: { [key: string]: TerraformBlock }) => ({ postgresqlProviders: new Map(), azurermProviders: new Map(Object.entries(providers)) });

  test('lists only the settings whose provider does not restart, named as cdktf or a hand writes the provider', () => {
    const settings = { a: setting(), b: setting('${azurerm.norestart}'), c: setting(' azurerm.norestart ') };
    const fails = ['b', 'c'].map((name) => ({
      status: 'fail',
      message: `the azurerm provider azurerm.norestart sets ${FEATURE} = false, so shared_preload_libraries, which azurerm_postgresql_flexible_server_configuration.${name} writes, takes effect only at the server's next restart: pgaudit stays unloaded until then.`,
      address: `azurerm_postgresql_flexible_server_configuration.${name}`,
    }));
    expect(pgauditLoadedByRestart(server(settings), facts({ 'azurerm.norestart': noRestart }))).toEqual(fails);
  });

  test('passes without the stack\'s provider blocks', () => {
    expect(pgauditLoadedByRestart(server({ a: setting() }), { postgresqlProviders: new Map() })).toEqual({ status: 'pass' });
  });

  test('a postgresql_flexible_server block made by a dynamic block in any features block is unknown', () => {
    const provider = { features: [{}, { dynamic: { postgresql_flexible_server: { for_each: '${var.f}', content: {} } } }] };
    expect(pgauditLoadedByRestart(server({ a: setting() }), facts({ azurerm: provider }))).toEqual([{
      status: 'unknown',
      note: `${FEATURE} of the azurerm provider azurerm is known only at apply time, and off it leaves pgaudit unloaded`,
      address: 'azurerm_postgresql_flexible_server_configuration.a',
    }]);
  });
});
