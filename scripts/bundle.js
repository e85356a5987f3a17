#!/usr/bin/env node
// Part of `npm run build`, after jsii: bundles dist/index.js and everything it loads from dist/
// into that one file. Node then reads one file instead of about a hundred when a user's synth
// loads the package (about 20 ms of every synth). Every package the user installs (peers such as
// cdktf, constructs and the providers, and dependencies) stays external, so an optional peer is
// still loaded only when the code asks for it. Of the per-file output, the modules the command
// line loads and every .d.ts file stay beside it (see the end).
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
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

// The per-file modules that only the bundle needs are duplicates of it: they are removed, so the
// package ships each construct once. What the command line loads (bin/ -> dist/cli/main.js, and
// what that requires) stays, and so does every .d.ts file.
const dist = path.dirname(entry);
const cliEntry = path.join(dist, 'cli', 'main.js');
const loadedByCli = new Set();
(function visit(file) {
  if (loadedByCli.has(file)) return;
  loadedByCli.add(file);
  for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
    const target = path.resolve(path.dirname(file), specifier);
    visit(fs.existsSync(`${target}.js`) ? `${target}.js` : path.join(target, 'index.js'));
  }
})(cliEntry);
(function prune(dir) {
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, item.name);
    if (item.isDirectory()) prune(file);
    else if (item.name.endsWith('.js') && file !== entry && !loadedByCli.has(file)) fs.rmSync(file);
  }
})(dist);
