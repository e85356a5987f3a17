'use strict';
// Library side of the in-database benchmark: N default SecureFlexibleServers, each with the
// database "orders" and a DatabaseAccess of R Entra login roles (cycling read-write, read-only,
// owner), in one stack, synthesized to --outdir. Loads the BUILT package, as a user's program does.
const { performance } = require('perf_hooks');
const t0 = performance.now();
const { App } = require('cdktf');
const lib = require('cdktf-azure-postgres');
const { parseArgs, createStack, serverInputs, ROLES_DATABASE, roleInputs } = require('./context');
const t1 = performance.now();

const LEVELS = { readonly: lib.AccessLevel.READ_ONLY, readwrite: lib.AccessLevel.READ_WRITE, owner: lib.AccessLevel.OWNER };
const TYPES = { User: lib.EntraPrincipalType.USER, Group: lib.EntraPrincipalType.GROUP, ServicePrincipal: lib.EntraPrincipalType.SERVICE_PRINCIPAL };

const args = parseArgs(process.argv);
const app = new App({ outdir: args.outdir });
const context = createStack(app);
for (let i = 0; i < args.servers; i++) {
  const server = serverInputs(i);
  const postgres = new lib.SecureFlexibleServer(context.stack, server.id, {
    name: server.name,
    resourceGroupName: context.resourceGroupName,
    location: context.location,
    network: lib.FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: context.virtualNetworkId, subnetAddressPrefix: server.subnetAddressPrefix }),
    tenantId: context.tenantId,
    entraAdministrators: [{ objectId: context.adminGroupObjectId, principalName: context.adminGroupName, principalType: lib.EntraPrincipalType.GROUP }],
    diagnosticSettings: lib.DiagnosticSettings.logAnalytics(context.workspaceId),
    databases: [{ name: ROLES_DATABASE }],
    tags: server.tags,
  });
  const roles = [];
  for (let j = 0; j < args.roles; j++) {
    const role = roleInputs(i, j);
    roles.push({
      name: role.name,
      database: ROLES_DATABASE,
      access: LEVELS[role.level],
      member: lib.DatabasePrincipal.entra({ objectId: role.objectId, principalType: TYPES[role.principalType] }),
    });
  }
  new lib.DatabaseAccess(context.stack, `Access${i}`, { server: postgres, connectAs: { principalName: context.adminGroupName }, databases: [ROLES_DATABASE], roles });
}
const t2 = performance.now();
app.synth();
const t3 = performance.now();
if (process.env.BENCH_PHASES) {
  process.stderr.write(`PHASES ${JSON.stringify({ load: t1 - t0, construct: t2 - t1, synth: t3 - t2 })}\n`);
}
