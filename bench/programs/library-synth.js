'use strict';
// Library side: N default SecureFlexibleServers in one stack, synthesized to --outdir.
// Imports the BUILT package by name (resolved through package.json "exports" self-reference to
// dist/index.js), exactly as a user's program does.
//
// --mode checks           (default) the library as shipped: security checks run as a stack
//                         validation at synth and write the posture report.
// --mode skip-validation  new App({ skipValidation: true }): cdktf skips every validation
//                         (the checks' validation included), but custom synthesis still runs,
//                         so the report writer still runs, and it evaluates the stack itself.
// --mode no-checks        the checks are not attached at all: PostgresSecurityChecks.applyTo is
//                         replaced by a no-op before any server is built, and the stack drops the
//                         library's lists in the top-level "//" comment (suppressions, enforced
//                         constructs, warnings), so no validation, no evaluation, no report, no
//                         suppression list. Everything else the construct does is unchanged.
const { performance } = require('perf_hooks');
const t0 = performance.now();
const { App } = require('cdktf');
const lib = require('cdktf-azure-postgres');
const { parseArgs, createStack, serverInputs } = require('./context');

const args = parseArgs(process.argv);
if (!['checks', 'skip-validation', 'no-checks'].includes(args.mode)) throw new Error(`unknown --mode ${args.mode}`);
if (args.mode === 'no-checks') {
  // The construct calls the class's static PostgresSecurityChecks.applyTo(this): replacing it on
  // the exported class switches the checks off for the run.
  lib.PostgresSecurityChecks.applyTo = () => {};
}
const t1 = performance.now();

const app = new App({ outdir: args.outdir, skipValidation: args.mode === 'skip-validation' });
const context = createStack(app);
if (args.mode === 'no-checks') {
  // The suppression list and the other lists are module-internal functions in the bundled
  // dist/index.js, out of reach; what they cost at synth is writing them into the stack's "//".
  const addOverride = context.stack.addOverride.bind(context.stack);
  context.stack.addOverride = (path, value) => {
    if (!path.startsWith('//.cdktf-azure-postgres-')) addOverride(path, value);
  };
}
for (let i = 0; i < args.servers; i++) {
  const server = serverInputs(i);
  new lib.SecureFlexibleServer(context.stack, server.id, {
    name: server.name,
    resourceGroupName: context.resourceGroupName,
    location: context.location,
    network: lib.FlexibleServerNetwork.vnetIntegration({
      virtualNetworkResourceId: context.virtualNetworkId,
      subnetAddressPrefix: server.subnetAddressPrefix,
    }),
    tenantId: context.tenantId,
    entraAdministrators: [
      { objectId: context.adminGroupObjectId, principalName: context.adminGroupName, principalType: lib.EntraPrincipalType.GROUP },
    ],
    diagnosticSettings: lib.DiagnosticSettings.logAnalytics(context.workspaceId),
    tags: server.tags,
  });
}
const t2 = performance.now();
app.synth();
const t3 = performance.now();
if (process.env.BENCH_PHASES) {
  process.stderr.write(`PHASES ${JSON.stringify({ load: t1 - t0, construct: t2 - t1, synth: t3 - t2 })}\n`);
}
