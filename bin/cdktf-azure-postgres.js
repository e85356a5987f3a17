#!/usr/bin/env node
// The package's command line: `cdktf-azure-postgres check <cdktf.out | cdk.tf.json>`.
process.exitCode = require('../dist/cli/main').main(process.argv.slice(2));
