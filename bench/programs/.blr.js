'use strict';
// Baseline side of the in-database benchmark: what library-roles-synth.js makes, written by hand
// with the providers' L1 classes by deep import: the servers with their database (baseline-server.js)
// and, per server, the postgresql provider, the database's pgaudit, revokes from PUBLIC, group
// roles, grants and default privileges, and the Entra login roles with their security labels.
// Same construct paths (so the same logical IDs), attributes and dependencies; no validation.
const { performance } = require('perf_hooks');
const t0 = performance.now();
const { App } = require('cdktf'); require('cdktf-azure-postgres');
const { Construct } = require('constructs');
const { PostgresqlProvider } = require('@cdktf/provider-postgresql/lib/provider');
const { Extension } = require('@cdktf/provider-postgresql/lib/extension');
const { Grant } = require('@cdktf/provider-postgresql/lib/grant');
const { DefaultPrivileges } = require('@cdktf/provider-postgresql/lib/default-privileges');
const { Role } = require('@cdktf/provider-postgresql/lib/role');
const { SecurityLabel } = require('@cdktf/provider-postgresql/lib/security-label');
const { addServer } = require('./baseline-server');
const { parseArgs, createStack, serverInputs, ROLES_DATABASE, roleInputs } = require('./context');
const t1 = performance.now();

const LEAST = { superuser: false, createRole: false, createDatabase: false, replication: false, bypassRowLevelSecurity: false, inherit: true };
const PRIVILEGES = {
  readonly: { database: ['CONNECT'], schema: ['USAGE'], table: ['SELECT'], sequence: ['SELECT'], function: ['EXECUTE'] },
  readwrite: { database: ['CONNECT', 'TEMPORARY'], schema: ['USAGE'], table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], sequence: ['SELECT', 'USAGE'], function: ['EXECUTE'] },
  owner: { database: ['CONNECT', 'TEMPORARY'], schema: ['CREATE', 'USAGE'], table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'], sequence: ['SELECT', 'USAGE', 'UPDATE'], function: ['EXECUTE'] },
};
const LABEL_TYPES = { User: 'user', Group: 'group', ServicePrincipal: 'service' };

function addAccess(context, i, server, roleCount) {
  const key = `postgresql_${server.scope.node.addr.slice(0, 16)}`;
  const provider = new PostgresqlProvider(context.stack, `cdktf-azure-postgres-${key}`, {
    alias: `cdktf_azure_postgres_${key}`,
    host: server.server.fqdn,
    port: 5432,
    database: 'postgres',
    username: context.adminGroupName,
    azureIdentityAuth: true,
    azureTenantId: context.tenantId,
    superuser: false,
    sslmode: 'verify-full',
    connectTimeout: 30,
  });
  const access = new Construct(context.stack, `Access${i}`);
  const scope = new Construct(access, `Database-${ROLES_DATABASE}`);
  const database = ROLES_DATABASE;
  const dependsOn = [server.databases[0]];
  new Extension(scope, 'Pgaudit', { provider, database, name: 'pgaudit', dependsOn });
  new Grant(scope, 'RevokePublicDatabase', { provider, database, role: 'public', objectType: 'database', privileges: [], dependsOn });
  new Grant(scope, 'RevokePublicSchema', { provider, database, role: 'public', schema: 'public', objectType: 'schema', privileges: [], dependsOn });
  const groups = {};
  for (const level of ['readonly', 'readwrite', 'owner']) {
    groups[level] = new Role(scope, `Group-${level}`, { provider, name: `${database}_${level}`, login: false, ...LEAST, dependsOn });
  }
  for (const level of ['readonly', 'readwrite', 'owner']) {
    const role = groups[level].name;
    const privileges = PRIVILEGES[level];
    new Grant(scope, `Grant-${level}-database`, { provider, database, role, objectType: 'database', privileges: privileges.database });
    new Grant(scope, `Grant-${level}-public-schema`, { provider, database, role, schema: 'public', objectType: 'schema', privileges: privileges.schema });
    for (const kind of ['table', 'sequence', 'function']) {
      new Grant(scope, `Grant-${level}-public-${kind}`, { provider, database, role, schema: 'public', objectType: kind, privileges: privileges[kind] });
      if (level !== 'owner') {
        new DefaultPrivileges(scope, `Default-${level}-public-${kind}`, { provider, database, role, owner: groups.owner.name, schema: 'public', objectType: kind, privileges: privileges[kind] });
      }
    }
  }
  for (let j = 0; j < roleCount; j++) {
    const input = roleInputs(i, j);
    const member = new Construct(access, `Role-${input.name}`);
    const role = new Role(member, 'Role', { provider, name: input.name, login: true, ...LEAST, roles: [groups[input.level].name] });
    new SecurityLabel(member, 'EntraLabel', {
      provider,
      objectType: 'role',
      objectName: role.name,
      labelProvider: 'pgaadauth',
      label: `aadauth,oid=${input.objectId},type=${LABEL_TYPES[input.principalType]}`,
    });
  }
}

const args = parseArgs(process.argv);
const app = new App({ outdir: args.outdir });
const context = createStack(app);
for (let i = 0; i < args.servers; i++) {
  const server = addServer(context, serverInputs(i), [ROLES_DATABASE]);
  addAccess(context, i, server, args.roles);
}
const t2 = performance.now();
app.synth();
const t3 = performance.now();
if (process.env.BENCH_PHASES) {
  process.stderr.write(`PHASES ${JSON.stringify({ load: t1 - t0, construct: t2 - t1, synth: t3 - t2 })}\n`);
}
