#!/usr/bin/env node
// The package's command line: `cdktf-azure-postgres check <cdktf.out | cdk.tf.json>` and
// `cdktf-azure-postgres audit-roles <stack> --host <host>` (asynchronous: it queries a server).
Promise.resolve(require('../dist/cli.js').main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
