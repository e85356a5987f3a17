#!/usr/bin/env node
// Part of `npm run build`, after jsii (which writes the .jsii assembly and the .d.ts files): bundles
// the TypeScript sources with esbuild into the three JavaScript files the package ships, each
// module in one of them, so that Node reads a few files instead of about a hundred when a user's
// synth loads the package:
//
// - dist/index.js: the package's entry, the constructs; it takes the shared modules from core.js.
// - dist/core.js: the modules both the constructs and the command line use (the rule pack, the
//   report, the Terraform JSON model). None needs cdktf, constructs or a provider package.
// - dist/cli.js: the command line (bin/), the rest of `check` and `audit-roles`; it takes the
//   shared modules from core.js too, so `check` runs where no peer is installed.
//
// Bundling the sources rather than jsii's per-file CommonJS lets esbuild put a bundle's modules in
// one scope: about 20 KB less in the tarball than the same code as wrapped modules. Every package
// the user installs (the peers: cdktf, constructs, the providers; the audit's optional pg and
// @azure/identity) stays external, so an optional package is still loaded only when the code asks
// for it. No source maps (they would ship as much again): the three bundles have their whitespace
// removed, their local names shortened and their syntax made shorter (about 40 KB packed, which keeps the tarball within its
// 300 KB goal), but every function and class of the constructs keeps its name (keepNames), so a stack trace
// through dist/index.js names the functions of the sources; what a user reads when synth refuses a stack is the library's own
// error (prop, value, fix), not the bundle. The command line prints one line per problem, never a
// stack trace.
//
// dist/index.js also exports ValidationError, which jsii cannot export (a class that extends
// Error): one class in the package, so `instanceof ValidationError` holds for every error the
// library throws; dist/index.d.ts gets the matching export line. Of jsii's output, only the .d.ts
// files that dist/index.d.ts reaches stay, each with only the public types it declares (what the
// .jsii lists) and their imports: a user's compiler reads no private declaration.
'use strict';
const esbuild = require('esbuild');
const ts = require('typescript');
const fs = require('fs');
const path = require('path');

const manifest = require('../package.json');
const root = path.join(__dirname, '..');
const lib = path.join(root, 'lib');
const dist = path.join(root, 'dist');
const CONSTRUCTS = path.join(lib, 'index.ts');
const CLI = path.join(lib, 'cli', 'main.ts');
const VALIDATION_ERROR = path.join(lib, 'private', 'validation-error.ts');
const types = path.join(dist, 'index.d.ts');
const ASSEMBLY = path.join(root, '.jsii');
const TYPES_EXPORT = "export { ValidationError } from './private/validation-error';";
/** Loaded by `audit-roles` when it connects, and installed by the user who runs it. */
const AUDIT_PACKAGES = ['pg', '@azure/identity'];

const options = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Class fields assigned in the constructor, as jsii compiles them (ES2020), whatever tsconfig.json says.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  // Modules share one scope, so esbuild may rename a function or class (asList2, and _DatabasePrincipal
  // for a class whose static fields refer to it): names stay as written in stack traces and `.name`.
  keepNames: true,
  // A package name also marks its subpaths (e.g. @cdktf/provider-azurerm/lib/subnet) external.
  external: [...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {}), ...AUDIT_PACKAGES],
  logLevel: 'warning',
};

/**
 * The first lines of a bundle: what it is, and strict mode, in which its sources (ES modules) and
 * jsii's output run; esbuild does not add it to a CommonJS bundle of ES modules.
 */
const banner = (what) => ({ js: `// Bundled by scripts/bundle.js: ${what}\n'use strict';` });

/** The source file a relative import names (lib has only .ts sources). */
function sourceOf(dir, specifier) {
  const target = path.resolve(dir, specifier);
  return [`${target}.ts`, path.join(target, 'index.ts'), target].find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** The key of a shared module in core.js: its path in lib/ without `.ts`, e.g. "checks/evaluate". */
const keyOf = (file) => path.relative(lib, file).split(path.sep).join('/').replace(/\.ts$/, '');

/** Each source a bundle of `entries` holds, with the sources it imports. */
async function importGraph(entries) {
  const { metafile } = await esbuild.build({ ...options, entryPoints: entries, outdir: path.join(dist, 'graph'), write: false, metafile: true });
  const graph = new Map();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (!input.startsWith('lib/')) continue;
    graph.set(path.join(root, input), imports.filter((item) => !item.external && item.path.startsWith('lib/')).map((item) => path.join(root, item.path)));
  }
  return graph;
}

/** Resolves every import of a shared module to its entry in core.js, which stays a separate file. */
function sharedFromCore(shared) {
  return {
    name: 'shared-from-core',
    setup(build) {
      build.onResolve({ filter: /^\.\/core\.js$/, namespace: 'core-module' }, () => ({ path: './core.js', external: true }));
      build.onResolve({ filter: /^\.{1,2}\// }, (args) => {
        const file = sourceOf(args.resolveDir, args.path);
        return file && shared.has(file) ? { path: keyOf(file), namespace: 'core-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'core-module' }, (args) => ({ contents: `module.exports = require("./core.js")[${JSON.stringify(args.path)}];`, loader: 'js' }));
    },
  };
}

async function bundleAll() {
  const constructs = await importGraph([CONSTRUCTS, VALIDATION_ERROR]);
  const cli = await importGraph([CLI]);
  const shared = new Set([...constructs.keys()].filter((file) => cli.has(file)));
  // core.js exports the shared modules that a module of the other two bundles imports, by key.
  const imported = new Set([CONSTRUCTS, VALIDATION_ERROR, ...[...constructs, ...cli].filter(([file]) => !shared.has(file)).flatMap(([, imports]) => imports)]);
  const keys = [...shared].filter((file) => imported.has(file)).map(keyOf).sort();

  await esbuild.build({
    ...options,
    stdin: {
      contents: keys.map((key, i) => `import * as m${i} from './${key}';`).join('\n') + `\nmodule.exports = { ${keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(', ')} };\n`,
      resolveDir: lib,
      sourcefile: 'core-entry.ts',
      loader: 'ts',
    },
    outfile: path.join(dist, 'core.js'),
    // The rule pack and the report: they throw only the library's own errors (ValidationError and the CLI's, named by
    // hand) and read no function's name, so their names are shortened too (about 6 KiB packed). A stack trace of a bug
    // in them points into core.js by short names: rebuild with keepNames to read it.
    keepNames: false,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    minifySyntax: true,
    banner: banner('the modules the constructs and the command line share, by path.'),
  });
  await esbuild.build({
    ...options,
    stdin: {
      // Named exports, which Node also finds when an ES module imports the package.
      contents: "export * from './index';\nexport { ValidationError } from './private/validation-error';\n",
      resolveDir: lib,
      sourcefile: 'package-entry.ts',
      loader: 'ts',
    },
    outfile: path.join(dist, 'index.js'),
    minifyWhitespace: true,
    minifyIdentifiers: true,
    minifySyntax: true,
    banner: banner('the package, with ValidationError.'),
    plugins: [sharedFromCore(shared)],
  });
  await esbuild.build({
    ...options,
    entryPoints: [CLI],
    outfile: path.join(dist, 'cli.js'),
    // The command line prints one line per problem, never a stack trace, and reads no function's name.
    keepNames: false,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    minifySyntax: true,
    banner: banner('the command line (bin/cdktf-azure-postgres.js).'),
    plugins: [sharedFromCore(shared)],
  });
}

/** The declaration files a declaration file reaches, itself included. */
function reachedDeclarations(file, reached = new Set()) {
  if (reached.has(file)) return reached;
  reached.add(file);
  for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = path.resolve(path.dirname(file), specifier);
    reachedDeclarations(fs.existsSync(`${target}.d.ts`) ? `${target}.d.ts` : path.join(target, 'index.d.ts'), reached);
  }
  return reached;
}

/** The public types (what the assembly lists) by the declaration file that declares them. */
function publicTypesByDeclaration(assembly) {
  const byFile = new Map();
  for (const type of Object.values(assembly.types ?? {})) {
    const file = path.join(dist, type.locationInModule.filename.replace(/^lib\//, '').replace(/\.ts$/, '.d.ts'));
    byFile.set(file, [...(byFile.get(file) ?? []), type.name]);
  }
  return byFile;
}

/**
 * Keeps of a declaration file only the public types it declares and the imports they use. jsii
 * exports classes, interfaces and enums only: a function, a constant or a type the assembly does
 * not list is the package's own, and declaring it made users' compilers read private modules.
 */
function keepPublicDeclarations(file, names) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const kept = source.statements.filter((statement) => statement.name !== undefined && names.includes(statement.name.text));
  const body = kept.map((statement) => text.slice(statement.getFullStart(), statement.getEnd()).replace(/^\n+/, '')).join('\n');
  const used = new Set(body.match(/[A-Za-z_$][\w$]*/g));
  const dropped = source.statements.filter((statement) => statement.name !== undefined && !kept.includes(statement) && used.has(statement.name.text));
  if (dropped.length > 0) throw new Error(`${file}: the public types use ${dropped.map((statement) => statement.name.text).join(', ')}, which the assembly does not list`);
  const imports = source.statements.filter(ts.isImportDeclaration).flatMap((statement) => {
    const named = statement.importClause?.namedBindings;
    const wanted = named !== undefined && ts.isNamedImports(named) ? named.elements.filter((item) => used.has(item.name.text)) : [];
    if (wanted.length === 0) return [];
    const typeOnly = statement.importClause.isTypeOnly ? 'type ' : '';
    return [`import ${typeOnly}{ ${wanted.map((item) => item.getText(source)).join(', ')} } from ${statement.moduleSpecifier.getText(source)};`];
  });
  fs.writeFileSync(file, [...imports, body].join('\n') + '\n');
}

/** The heading up to which the assembly's copy of README.md goes: what a user needs first (the secure defaults' table). */
const README_CUT = '\n### The delegated subnet\'s network security group\n';

/**
 * The assembly's readme (what Construct Hub renders): README.md up to the table of its secure
 * defaults (install, quickstart, the defaults), then where the rest is. The package ships README.md
 * whole beside it; the second full copy cost 15 KB of the tarball (bench/README.md, pack).
 */
function assemblyReadme(markdown) {
  const cut = markdown.indexOf(README_CUT);
  if (cut < 0) throw new Error(`README.md has no "${README_CUT.trim()}" section: scripts/bundle.js cuts the assembly's readme there`);
  return `${markdown.slice(0, cut)}\n## More\n\nThe rest of this README (the network security group and hub networks, weakening a default, the security checks and their report, examples, DatabaseAccess and audit-roles, SecureSingleServer, supported versions) is in README.md of the package and at ${manifest.repository.url.replace(/\.git$/, '')}#readme.\n`;
}

/** Leaves in dist/ only what ships: the three bundles and the declaration files of the public types. */
function keepWhatShips() {
  // jsii writes the assembly indented; the same JSON without the indentation is 2 KB less packed.
  const assembly = JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8'));
  // What the peers' submodules are called in other languages (1,500 of azurerm's): a jsii target
  // of another language needs it to write its imports; this package is for JavaScript only.
  for (const dependency of Object.values(assembly.dependencyClosure ?? {})) delete dependency.submodules;
  if (assembly.readme?.markdown !== undefined) assembly.readme.markdown = assemblyReadme(assembly.readme.markdown);
  fs.writeFileSync(ASSEMBLY, JSON.stringify(assembly));
  const declarations = fs.readFileSync(types, 'utf8');
  if (!declarations.includes(TYPES_EXPORT)) fs.writeFileSync(types, `${declarations.trimEnd()}\n${TYPES_EXPORT}\n`);
  for (const [file, names] of publicTypesByDeclaration(assembly)) keepPublicDeclarations(file, names);
  const keep = new Set([...['index.js', 'core.js', 'cli.js'].map((file) => path.join(dist, file)), ...reachedDeclarations(types)]);
  (function prune(dir) {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, item.name);
      if (item.isDirectory()) {
        prune(file);
        if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      } else if (!keep.has(file)) {
        fs.rmSync(file);
      }
    }
  })(dist);
}

bundleAll()
  .then(keepWhatShips)
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
