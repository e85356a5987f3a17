#!/usr/bin/env node
// Runs the `cdktf-azure-postgres` command from the TypeScript sources (for tests that run command
// lines as a shell would, before or without a build): the same entry as bin/cdktf-azure-postgres.js.
'use strict';
const path = require('path');

const root = path.join(__dirname, '..', '..');
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
Promise.resolve(require(path.join(root, 'lib', 'cli', 'main')).main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
