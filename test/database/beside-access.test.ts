import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { Database } from '@cdktf/provider-postgresql/lib/database';
import { FunctionResource } from '@cdktf/provider-postgresql/lib/function-resource';
import { Publication } from '@cdktf/provider-postgresql/lib/publication';
import { Schema } from '@cdktf/provider-postgresql/lib/schema';
import { Server } from '@cdktf/provider-postgresql/lib/server';
import { UserMapping } from '@cdktf/provider-postgresql/lib/user-mapping';
import { TerraformResource, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { check } from '../cli/cli-harness';
import { synthErrors } from '../helpers';
import { accessStack, AccessStack } from '../support/database-fixture';

// What is made through the DatabaseAccess provider, or on its server, beside the construct
// (fourth review, issue #12: A4-2, A4-3, A4-6, A4-7): judged in synth (an error beside a library
// construct) and by `check` on the JSON synth writes.

const SECRET = 'Sup3rS3cretLiteral-9f8e7d';

function built(): AccessStack {
  const made = accessStack();
  new AzurermProvider(made.stack, 'azurerm', { features: [{}] });
  return made;
}

/** The address of a resource, as findings name it. */
const at = (resource: TerraformResource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

/** The rule ids and addresses of synth's findings. */
function findings(stack: TerraformStack): string[] {
  return synthErrors(stack).map((line) => line.split(' ').slice(3, 5).join(' '));
}

/** `check` on the JSON of a stack, after a change to it. */
function checkJson(stack: TerraformStack, change: (json: any) => void = () => undefined): ReturnType<typeof check> {
  const json = JSON.parse(JSON.stringify(stack.toTerraform()));
  change(json);
  const file = join(mkdtempSync(join(tmpdir(), 'beside-access-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  return check('check', file);
}

test('the construct alone passes synth and check', () => {
  const { stack } = built();
  expect(synthErrors(stack)).toEqual([]);
  expect(checkJson(stack).code).toBe(EXIT_OK);
});

describe('A4-2: a literal secret in a user mapping or subscription', () => {
  test('a user mapping with a literal password fails synth, without printing it', () => {
    const { stack, access } = built();
    const server = new Server(stack, 'Warehouse', { provider: access.provider, serverName: 'warehouse', fdwName: 'postgres_fdw', options: { host: 'warehouse.example.com', sslmode: 'verify-full' } });
    PostgresSecurityChecks.suppress(server, 'PGD-CFG-1', 'foreign server reviewed with the data owner (SEC-920)');
    const mapping = new UserMapping(stack, 'WarehouseLogin', { provider: access.provider, serverName: 'warehouse', userName: 'orders_app', options: { user: 'etl', password: SECRET } });
    PostgresSecurityChecks.suppress(mapping, 'PGD-CFG-1', 'user mapping reviewed with the data owner (SEC-920)');
    const errors = synthErrors(stack);
    expect(errors).toEqual([
      `  [orders] ${at(mapping)} PGD-IAM-15 ${at(mapping)}: options.password is a literal, so the password is written in the configuration. Fix: Take the password from a variable, a random_password or a Key Vault secret: options = { password = var.x }, conninfo = "host=... password=\${var.x}".`,
    ]);
    expect(errors.join('\n')).not.toContain(SECRET);
  });

  test('check fails a subscription whose conninfo holds a literal password', () => {
    const { stack, access } = built();
    const result = checkJson(stack, (json) => {
      json.resource.postgresql_subscription = { pull: { provider: `postgresql.${access.provider.alias}`, name: 'pull', database: 'orders', publications: ['p'], conninfo: `host=replica.example.com password=${SECRET}` } };
    });
    expect(result.code).toBe(EXIT_FINDINGS);
    const lines = result.out.filter((line) => line.includes('postgresql_subscription.pull'));
    expect(lines.some((line) => line.includes('PGD-IAM-15') && line.includes('conninfo writes its password as text'))).toBe(true);
    expect(lines.some((line) => line.includes('PGD-CFG-1'))).toBe(true);
    expect(result.out.join('\n')).not.toContain(SECRET);
  });
});

describe('A4-3: in-database types no rule reads', () => {
  test('a publication and a SECURITY DEFINER function through the DatabaseAccess provider fail synth; a suppression with a reason passes them', () => {
    const { stack, access } = built();
    const publication = new Publication(stack, 'Everything', { provider: access.provider, name: 'everything', database: 'orders', allTables: true });
    const elevate = new FunctionResource(stack, 'Elevate', {
      provider: access.provider, name: 'elevate', database: 'orders', language: 'plpgsql', returns: 'void', securityDefiner: true,
      body: 'BEGIN EXECUTE format(\'GRANT azure_pg_admin TO %I\', session_user); END;',
    });
    expect(findings(stack)).toEqual([`${at(elevate)} PGD-CFG-1`, `${at(publication)} PGD-CFG-1`]);
    PostgresSecurityChecks.suppress(publication, 'PGD-CFG-1', 'publication to the reporting replica, reviewed (SEC-930)');
    PostgresSecurityChecks.suppress(elevate, 'PGD-CFG-1', 'function body reviewed by the DBA team (SEC-931)');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('check fails a foreign server through the DatabaseAccess provider', () => {
    const { stack, access } = built();
    const result = checkJson(stack, (json) => {
      json.resource.postgresql_server = { out: { provider: `postgresql.${access.provider.alias}`, server_name: 'out', fdw_name: 'postgres_fdw', options: { host: 'collector.example.net' } } };
    });
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.some((line) => line.includes('postgresql_server.out') && line.includes('PGD-CFG-1'))).toBe(true);
  });
});

describe('A4-6: grants written as a schema\'s policy blocks or owner', () => {
  test('schema "public" re-granting CREATE to PUBLIC fails synth (PGD-IAM-4, PGD-IAM-14)', () => {
    const { stack, access } = built();
    const schema = new Schema(stack, 'PublicSchema', { provider: access.provider, database: 'orders', name: 'public', policy: [{ role: 'public', create: true, usage: true }] });
    expect(findings(stack)).toEqual([`${at(schema)} PGD-IAM-4`, `${at(schema)} PGD-IAM-14`]);
  });

  test('check fails a schema policy widening the read-only group (PGD-IAM-12) and a login role owning a schema (PGD-IAM-5)', () => {
    const { stack, access } = built();
    const provider = `postgresql.${access.provider.alias}`;
    const result = checkJson(stack, (json) => {
      json.resource.postgresql_schema = {
        staging: { provider, database: 'orders', name: 'staging', owner: 'orders_owner', policy: [{ role: 'orders_readonly', create: true, usage: true }] },
        mine: { provider, database: 'orders', name: 'mine', owner: 'orders_app' },
      };
    });
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.some((line) => line.includes('PGD-IAM-12') && line.includes('is granted ["CREATE"] on schema by postgresql_schema.staging'))).toBe(true);
    expect(result.out.some((line) => line.includes('PGD-IAM-5') && line.includes('login role orders_app owns the schema postgresql_schema.mine makes'))).toBe(true);
  });
});

describe('A4-7: a database beside DatabaseAccess is managed', () => {
  test('a postgresql_database owned by a login role fails synth: no pgaudit, PUBLIC keeps CONNECT, the owner holds every right', () => {
    const { stack, access } = built();
    const shadow = new Database(stack, 'Shadow', { provider: access.provider, name: 'shadow', owner: 'orders_app' });
    expect(findings(stack)).toEqual([`${at(shadow)} PGD-IAM-5`, `${at(shadow)} PGD-IAM-14`, `${at(shadow)} PGD-LOG-1`]);
  });

  test('check fails an azurerm database of the server beside the DatabaseAccess one', () => {
    const { stack, server } = built();
    const shadow = new PostgresqlFlexibleServerDatabase(stack, 'ShadowDb', { name: 'shadow', serverId: server.serverId, lifecycle: { preventDestroy: true } });
    const result = checkJson(stack);
    expect(result.code).toBe(EXIT_FINDINGS);
    const lines = result.out.filter((line) => line.includes(at(shadow)));
    expect(['PGD-IAM-14', 'PGD-LOG-1'].every((id) => lines.some((line) => line.includes(id)))).toBe(true);
  });
});
