import { spawnSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { TerraformResource } from 'cdktf';
import { onDemandClasses } from '../../lib/private/on-demand-classes';

// The azurerm classes a default Flexible server never uses are loaded when a construct needs one,
// not with the package (lib/private/on-demand-classes.ts).

const ROOT = join(__dirname, '..', '..');
const LIB = join(ROOT, 'lib');
const SOURCE = readFileSync(join(LIB, 'private', 'on-demand-classes.ts'), 'utf8');
const MODULES = [...SOURCE.matchAll(/require\('(@cdktf\/provider-azurerm\/lib\/[^']+)'\)/g)].map((match) => match[1]);

test('each on-demand getter gives the azurerm resource class of its module', () => {
  expect(MODULES).toHaveLength(Object.keys(onDemandClasses).length);
  for (const [name, load] of Object.entries(onDemandClasses)) {
    const type = load();
    expect(type.prototype).toBeInstanceOf(TerraformResource);
    expect(type.name.toLowerCase()).toBe(name.toLowerCase());
  }
});

test('no other source file imports a value from those modules: type imports only', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  const valueImports = files(LIB).flatMap((file) => readFileSync(file, 'utf8').split('\n')
    .filter((line) => /^import (?!type )/.test(line) && MODULES.some((module) => line.includes(`'${module}'`)))
    .map((line) => `${file.slice(LIB.length + 1)}: ${line}`));
  expect(valueImports).toEqual([]);
});

test('loading the built package loads none of them', () => {
  const script = `const before = new Set(Object.keys(require.cache)); require('./dist/index.js');
    console.log(JSON.stringify(Object.keys(require.cache).filter((file) => !before.has(file) && file.includes('provider-azurerm'))));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  const loaded: string[] = JSON.parse(result.stdout);
  expect(loaded.length).toBeGreaterThan(5);
  const names = MODULES.map((module) => `/${module.slice('@cdktf/'.length)}/`);
  expect(loaded.filter((file) => names.some((name) => file.includes(name)))).toEqual([]);
});
