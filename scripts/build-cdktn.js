#!/usr/bin/env node
// npm run build:cdktn — builds cdktn-azure-postgres, the same library for CDK Terrain (cdktn), into
// build/cdktn/. It is this package's compiled output (dist/, after `npm run build`) with every
// module specifier of cdktf and @cdktf/provider-* turned into cdktn and @cdktn/provider-*, so a
// cdktn project gets constructs built on its own framework: no npm aliases, and no cdktf resource
// inside a cdktn stack. The manifest is scripts/cdktn/package.json over this package's own.
// The .jsii assembly is left out: it describes the cdktf build (other jsii languages use that one).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'build', 'cdktn');

/** "cdktf" or "cdktf/…" and "@cdktf/provider-x" or "@cdktf/provider-x/…" in quotes: module specifiers. */
const SPECIFIER = /(["'])(cdktf|@cdktf\/provider-[a-z0-9-]+)((?:\/[^"'\s]*)?)\1/g;
/** What must not be left in the built code: any quoted reference to a cdktf module. */
const LEFTOVER = /["'](cdktf(\/[^"']*)?|@cdktf\/[^"']*)["']/;

function toCdktn(source) {
  return source.replace(SPECIFIER, (_, quote, name, subpath) => `${quote}${name.replace(/^(@?)cdktf/, '$1cdktn')}${subpath}${quote}`);
}

function copyTree(from, to, transform) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, target, transform);
    } else if (/\.(js|d\.ts|md)$/.test(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(target, transform(fs.readFileSync(source, 'utf8'), source));
    }
  }
}

/** The packages the rewritten code loads, e.g. "@cdktn/provider-azurerm" for "@cdktn/provider-azurerm/lib/subnet". */
const loaded = new Set();

function rewriteCode(source, file) {
  const rewritten = toCdktn(source);
  const leftover = LEFTOVER.exec(rewritten);
  if (leftover) throw new Error(`${path.relative(root, file)} still refers to ${leftover[0]} after the rewrite`);
  for (const match of rewritten.matchAll(/["'](cdktn|@cdktn\/[a-z0-9-]+)(?:\/[^"']*)?["']/g)) loaded.add(match[1]);
  return rewritten;
}

function build() {
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
  fs.rmSync(out, { recursive: true, force: true });
  copyTree(path.join(root, 'dist'), path.join(out, 'dist'), rewriteCode);
  copyTree(path.join(root, 'bin'), path.join(out, 'bin'), rewriteCode);
  copyTree(path.join(root, 'docs'), path.join(out, 'docs'), (text) => text);
  for (const file of ['LICENSE', 'CHANGELOG.md', 'SECURITY.md']) fs.copyFileSync(path.join(root, file), path.join(out, file));
  const api = fs.readFileSync(path.join(root, 'API.md'), 'utf8');
  fs.writeFileSync(path.join(out, 'API.md'), api.replace(/from 'cdktf-azure-postgres'/g, "from 'cdktn-azure-postgres'"));
  fs.copyFileSync(path.join(__dirname, 'cdktn', 'README.md'), path.join(out, 'README.md'));

  const library = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const overlay = JSON.parse(fs.readFileSync(path.join(__dirname, 'cdktn', 'package.json'), 'utf8'));
  const manifest = {
    name: overlay.name,
    version: library.version,
    description: overlay.description,
    license: library.license,
    author: library.author,
    repository: library.repository,
    keywords: overlay.keywords,
    main: library.main,
    types: library.types,
    files: ['bin/**/*.js', 'dist/**/*.js', 'dist/**/*.d.ts', 'API.md', 'README.md', 'CHANGELOG.md', 'SECURITY.md', 'LICENSE', 'docs/**/*.md'],
    peerDependencies: overlay.peerDependencies,
    peerDependenciesMeta: overlay.peerDependenciesMeta,
    engines: library.engines,
    exports: { '.': library.exports['.'], './package.json': './package.json' },
    bin: overlay.bin,
  };
  // A provider the library loads must be a declared peer (and exist for cdktn).
  const undeclared = [...loaded].filter((name) => !(name in manifest.peerDependencies));
  if (undeclared.length > 0) throw new Error(`the built code loads ${undeclared.join(', ')}, which scripts/cdktn/package.json does not declare as peers`);
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`built ${manifest.name}@${manifest.version} in ${path.relative(root, out)}/`);
  return out;
}

module.exports = { build, toCdktn, out };
if (require.main === module) build();
