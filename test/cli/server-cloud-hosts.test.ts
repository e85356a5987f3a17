import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps } from '../helpers';
import { check } from './cli-harness';

// 38th run, A38b-1, A38b-2: `check` on a written cdk.tf.json. A server's name is unique within one Azure cloud only, so a provider host
// `<name>.postgres.database.<domain>` (or `${S.name}.<domain>`) is the stack's server S only when the domain is the cloud of the azurerm
// provider that deploys S (its `environment`, written as a literal); under another cloud's domain it is anyone's server there.

const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';

/** The JSON synth writes for a server and a DatabaseAccess, azurerm with no environment written, as a pipeline would read it. */
function synthesized(): any {
  const stack = new TerraformStack(Testing.app(), 'clouds');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

function checkJson(json: unknown): { code: number; text: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'clouds-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  const { code, out, err } = check('check', file);
  return { code, text: [...out, ...err].join('\n') };
}

/** The rules that fail, as "<rule> <address>". */
const failing = (text: string) => [...new Set(text.split('\n').map((line) => /ERROR +(\S+) +(\S+?):/.exec(line)).filter((m) => m !== null).map((m) => `${m![1]} ${m![2]}`))];

/**
 * A database "reports" made on the server through a provider that reaches it (its fqdn), its pgaudit and PUBLIC revokes sent through a
 * provider of host `host`; azurerm's `environment` as given (undefined: not written).
 */
function controlsThrough(host: string, environment?: string): { code: number; text: string } {
  const json = synthesized();
  if (environment !== undefined) json.provider.azurerm[0].environment = environment;
  const sign = { sslmode: 'verify-full', database: 'postgres', username: 'db-admins', azure_identity_auth: true, azure_tenant_id: 't', port: 5432, connect_timeout: 30, superuser: false };
  json.provider.postgresql.push({ alias: 'mine', host: `\${${SERVER}.fqdn}`, ...sign }, { alias: 'two', host, ...sign });
  json.resource.postgresql_database = { reports: { provider: 'postgresql.mine', name: 'reports' } };
  json.resource.postgresql_extension = { ...json.resource.postgresql_extension, rep_pgaudit: { provider: 'postgresql.two', name: 'pgaudit', database: 'reports' } };
  json.resource.postgresql_grant = {
    ...json.resource.postgresql_grant,
    rep_revoke: { provider: 'postgresql.two', database: 'reports', role: 'public', object_type: 'database', privileges: [] },
    rep_revoke_schema: { provider: 'postgresql.two', database: 'reports', role: 'public', schema: 'public', object_type: 'schema', privileges: [] },
  };
  return checkJson(json);
}

describe('controls sent through a name that is not the server in its cloud count for nothing (A38b-1)', () => {
  test.each<[string, string, string | undefined]>([
    ['its China name, azurerm public', 'orders-db.postgres.database.chinacloudapi.cn', 'public'],
    ['its US Gov name, azurerm public', 'orders-db.postgres.database.usgovcloudapi.net', 'public'],
    ['${S.name} under the US Gov domain, azurerm public', `\${${SERVER}.name}.postgres.database.usgovcloudapi.net`, 'public'],
    ['its China privatelink name, azurerm public', 'orders-db.privatelink.postgres.database.chinacloudapi.cn', 'public'],
    ['the apex of its private DNS zone (A38b-1c)', 'orders-db.private.postgres.database.azure.com', 'public'],
    ['its public name, azurerm china', 'orders-db.postgres.database.azure.com', 'china'],
    ['its public name, environment not written (ARM_ENVIRONMENT decides)', 'orders-db.postgres.database.azure.com', undefined],
    ['a custom DNS name (control)', 'orders-db.evil.example', 'public'],
  ])('%s: PGD-LOG-1 and PGD-IAM-14 fail (exit 1)', (_name, host, environment) => {
    const result = controlsThrough(host, environment);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(failing(result.text)).toEqual(expect.arrayContaining(['PGD-IAM-14 postgresql_database.reports', expect.stringMatching(/^PGD-LOG-1 /)]));
  });

  test.each<[string, string, string | undefined]>([
    ['${S.fqdn}, environment not written', `\${${SERVER}.fqdn}`, undefined],
    ['${S.fqdn} under china', `\${${SERVER}.fqdn}`, 'china'],
    ['its public name under a written public', 'orders-db.postgres.database.azure.com', 'public'],
    ['its China name under china', 'orders-db.postgres.database.chinacloudapi.cn', 'china'],
    ['${S.name} under the China domain under china', `\${${SERVER}.name}.postgres.database.chinacloudapi.cn`, 'china'],
    ['its US Gov name under usgovernment', 'orders-db.postgres.database.usgovcloudapi.net', 'usgovernment'],
  ])('%s: the controls are the server\'s (exit 0)', (_name, host, environment) => {
    expect(controlsThrough(host, environment).code).toBe(EXIT_OK);
  });
});

describe('the DatabaseAccess host is judged in the cloud azurerm deploys the server to (A38b-2)', () => {
  function accessHost(environment: string | undefined, host: string): { code: number; text: string } {
    const json = synthesized();
    if (environment !== undefined) json.provider.azurerm[0].environment = environment;
    json.provider.postgresql[0].host = host;
    return checkJson(json);
  }

  test.each([
    ['usgovernment', 'orders-db.postgres.database.azure.com'],
    ['china', 'orders-db.postgres.database.azure.com'],
    ['public', 'orders-db.postgres.database.usgovcloudapi.net'],
  ])('environment %p, host %p (another server): PGD-IAM-11 (exit 1)', (environment, host) => {
    const result = accessHost(environment, host);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(failing(result.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^PGD-IAM-11 /)]));
  });

  test('environment not written, host the public name: PGD-IAM-11 says the runner\'s ARM_ENVIRONMENT decides, and what to do', () => {
    const result = accessHost(undefined, 'orders-db.postgres.database.azure.com');
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(failing(result.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^PGD-IAM-11 /)]));
    expect(result.text).toMatch(/environment not set, so the runner's ARM_ENVIRONMENT decides its cloud \(reference the server's fqdn in the host, or write the provider's environment\)/);
  });

  test.each([
    ['usgovernment', 'orders-db.postgres.database.usgovcloudapi.net'],
    ['china', 'orders-db.postgres.database.chinacloudapi.cn'],
    ['public', 'ORDERS-DB.postgres.database.azure.com.'],
    ['china', `\${${SERVER}.fqdn}`],
  ])('environment %p, host %p (the server\'s own name): passes (exit 0)', (environment, host) => {
    expect(accessHost(environment, host).code).toBe(EXIT_OK);
  });

  test('the JSON synth writes passes in every cloud', () => {
    for (const environment of [undefined, 'public', 'china', 'usgovernment']) expect(accessHost(environment, `\${${SERVER}.fqdn}`).code).toBe(EXIT_OK);
  });
});
