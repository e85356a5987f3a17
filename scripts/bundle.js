#!/usr/bin/env node
// Part of `npm run build`, after jsii: bundles dist/index.js and everything it loads from dist/
// into that one file. Node then reads one file instead of about a hundred when a user's synth
// loads the package (about 20 ms of every synth). Every package the user installs (peers such as
// cdktf, constructs and the providers, and dependencies) stays external, so an optional peer is
// still loaded only when the code asks for it; the per-file output stays beside it for the CLI
// and for the .d.ts files.
'use strict';
const esbuild = require('esbuild');
const path = require('path');

const manifest = require('../package.json');

const entry = path.join(__dirname, '..', 'dist', 'index.js');
esbuild.buildSync({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // A package name also marks its subpaths (e.g. @cdktf/provider-azurerm/lib/subnet) external.
  external: [...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {})],
  logLevel: 'warning',
});
