import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { satisfies } from 'semver';
import { evaluateStack } from '../lib/checks/evaluate';
import { ALL_RULES } from '../lib/checks/rules';

// Every folder in examples/ is a cdktf app whose main.ts exports one stack class; each is
// synthesized here so that no example can rot.
const EXAMPLES_DIR = join(__dirname, '..', 'examples');
const exampleNames = readdirSync(EXAMPLES_DIR).filter((name) => statSync(join(EXAMPLES_DIR, name)).isDirectory());

type StackClass = new (scope: ReturnType<typeof Testing.app>, id: string) => TerraformStack;

function loadStackClass(name: string): StackClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(EXAMPLES_DIR, name, 'main')) as { [exported: string]: unknown };
  const classes = Object.values(module).filter((value) => typeof value === 'function');
  if (classes.length !== 1) throw new Error(`examples/${name}/main.ts must export exactly one stack class`);
  return classes[0] as StackClass;
}

describe.each(exampleNames)('example %s', (name) => {
  const stack = new (loadStackClass(name))(Testing.app(), name);
  const json = Testing.synth(stack, true);
  const synth = JSON.parse(json);

  test('contains a PostgreSQL server', () => {
    const servers = Object.keys(synth.resource).filter((type) => /^azurerm_postgresql_(flexible_)?server$/.test(type));
    expect(servers).toHaveLength(1);
  });

  test('passes the whole security rule pack, as `cdktf-azure-postgres check` runs it', () => {
    const failed = evaluateStack(stack.toTerraform(), ALL_RULES).findings.filter((f) => f.status === 'fail' && f.severity === 'error');
    expect(failed.map((f) => `${f.ruleId} ${f.address ?? f.server}`)).toEqual([]);
  });

  test('matches its snapshot', () => {
    expect(synth).toMatchSnapshot();
  });

  test.each([
    ['@cdktf/provider-random', 'random'],
    ['@cdktf/provider-postgresql', 'postgresql'],
    ['@cdktf/provider-time', 'time'],
  ])('lists the optional peer %s exactly when it writes %s resources', (peer, provider) => {
    const manifest = JSON.parse(readFileSync(join(EXAMPLES_DIR, name, 'package.json'), 'utf8'));
    const writes = Object.keys(synth.resource).some((type) => type.startsWith(`${provider}_`));
    expect(peer in manifest.dependencies).toBe(writes);
  });
});

describe.each(exampleNames)('example %s can be copied out as a project', (name) => {
  const file = (f: string) => join(EXAMPLES_DIR, name, f);

  test('has main.ts, cdktf.json, package.json, tsconfig.json and README.md', () => {
    expect(['main.ts', 'cdktf.json', 'package.json', 'tsconfig.json', 'README.md'].filter((f) => !existsSync(file(f)))).toEqual([]);
  });

  test('depends on the library by version and pins its peers at the versions the repo is developed with, inside the peer ranges', () => {
    const manifest = JSON.parse(readFileSync(file('package.json'), 'utf8'));
    const library = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(manifest.dependencies['cdktf-azure-postgres']).toBe(`^${library.version}`);
    const peers = Object.keys(library.peerDependencies).filter((peer) => peer in manifest.dependencies);
    expect(peers).toEqual(expect.arrayContaining(['cdktf', 'constructs', '@cdktf/provider-azurerm']));
    for (const peer of peers) {
      expect([peer, manifest.dependencies[peer]]).toEqual([peer, library.devDependencies[peer]]);
      expect([peer, satisfies(manifest.dependencies[peer], library.peerDependencies[peer])]).toEqual([peer, true]);
    }
  });

  test('its cdktf.json runs main.ts', () => {
    expect(JSON.parse(readFileSync(file('cdktf.json'), 'utf8')).app).toBe('npx ts-node main.ts');
  });
});

test('the examples folder is not empty', () => {
  expect(exampleNames).toContain('flexible-vnet-integration');
});
