'use strict';
// Baseline side: the same resources as N default SecureFlexibleServers, written by hand with the
// provider's L1 classes by deep import. Same construct paths (so same logical IDs), same
// attributes, same depends_on chain. What it does not do: validate props, run security checks,
// write the posture report or the suppression list (the library's added value).
const { performance } = require('perf_hooks');
const t0 = performance.now();
const { App } = require('cdktf');
const { addServer } = require('./baseline-server');
const { parseArgs, createStack, serverInputs } = require('./context');
const t1 = performance.now();

const args = parseArgs(process.argv);
const app = new App({ outdir: args.outdir });
const context = createStack(app);
for (let i = 0; i < args.servers; i++) addServer(context, serverInputs(i));
const t2 = performance.now();
app.synth();
const t3 = performance.now();
if (process.env.BENCH_PHASES) {
  process.stderr.write(`PHASES ${JSON.stringify({ load: t1 - t0, construct: t2 - t1, synth: t3 - t2 })}\n`);
}
