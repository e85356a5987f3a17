#!/usr/bin/env node
// Part of `npm run build`, after jsii: bundles dist/index.js and everything it loads from dist/
// into that one file. Node then reads one file instead of about a hundred when a user's synth
// loads the package (about 20 ms of every synth). Every package the user installs (peers such as
// cdktf, constructs and the providers, and dependencies) stays external, so an optional peer is
// still loaded only when the code asks for it. Of the per-file output, the modules the command
// line loads and every .d.ts file stay beside it (see the end).
//
// The bundle also exports ValidationError, which jsii cannot export (a class that extends Error):
// it comes from dist/private/validation-error.js, the module the constructs throw from, so the
// bundle holds one class and `instanceof ValidationError` holds for every error they throw.
// dist/index.d.ts gets the matching export line.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const manifest = require('../package.json');
const dist = path.join(__dirname, '..', 'dist');
const entry = path.join(dist, 'index.js');
const types = path.join(dist, 'index.d.ts');
/** Marks a bundled dist/index.js: jsii's incremental build may leave one in place, and a bundle of a bundle would hold a second ValidationError. */
const BANNER = '// Bundled by scripts/bundle.js: the package with ValidationError.';
const TYPES_EXPORT = "export { ValidationError } from './private/validation-error';";

if (!fs.readFileSync(entry, 'utf8').startsWith(BANNER)) {
  // Each export by name, so that Node also finds them when an ES module imports the package.
  const names = Object.keys(require(entry));
  esbuild.buildSync({
    stdin: {
      contents: `export { ${names.join(', ')} } from './index.js';\nexport { ValidationError } from './private/validation-error.js';\n`,
      resolveDir: dist,
      sourcefile: 'package-entry.js',
    },
    outfile: entry,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Classes keep their names (ValidationError, not ValidationError2) in stack traces and `constructor.name`.
    keepNames: true,
    banner: { js: BANNER },
    // A package name also marks its subpaths (e.g. @cdktf/provider-azurerm/lib/subnet) external.
    external: [...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {})],
    logLevel: 'warning',
  });
}

const declarations = fs.readFileSync(types, 'utf8');
if (!declarations.includes(TYPES_EXPORT)) fs.writeFileSync(types, `${declarations.trimEnd()}\n${TYPES_EXPORT}\n`);

// The per-file modules that only the bundle needs are duplicates of it: they are removed, so the
// package ships each construct once. What the command line loads (bin/ -> dist/cli/main.js, and
// what that requires) stays, and so does every .d.ts file.
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
