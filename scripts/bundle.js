#!/usr/bin/env node
// Part of `npm run build`, after jsii: bundles dist/index.js and everything it loads from dist/
// into that one file. Node then reads one file instead of about a hundred when a user's synth
// loads the package (about 20 ms of every synth). Peers (cdktf, constructs, providers) stay
// external; the per-file output stays beside it for the CLI and for the .d.ts files.
'use strict';
const esbuild = require('esbuild');
const path = require('path');

const entry = path.join(__dirname, '..', 'dist', 'index.js');
esbuild.buildSync({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-postgresql', '@cdktf/provider-random', '@cdktf/provider-time'],
  logLevel: 'warning',
});
