import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, runCheck } from '../../lib/cli/check-command';
import { walkStackFiles } from '../../lib/cli/stack-walk';
import { App } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack } from '../helpers';
import { check, INSECURE, SECURE, tree } from './cli-harness';

// A4-13 of the fourth review: `check <folder>` searches every folder below the path, however deep,
// so `check .` at a monorepo root judges apps/<app>/cdktf.out/stacks/<stack>/cdk.tf.json too. A
// link loop is read once; a tree too large to search is refused, never passed in part.

const summaries = (out: string[]) => out.filter((line) => !line.startsWith(' '));
const manifest = (...stacks: string[]) => JSON.stringify({ stacks: Object.fromEntries(stacks.map((name) => [name, { synthesizedStackPath: `stacks/${name}/cdk.tf.json` }])) });

describe('check on a monorepo root', () => {
  test('judges a weakened stack five levels down, beside a clean one at the root', () => {
    const root = tree({
      'cdktf.out/stacks/orders/cdk.tf.json': SECURE,
      'apps/billing/cdktf.out/stacks/billing/cdk.tf.json': INSECURE,
    });
    expect(check('check', join(root, 'apps/billing/cdktf.out')).code).toBe(EXIT_FINDINGS); // the control: judged when named
    const result = check('check', root);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(summaries(result.out)).toEqual([
      'billing: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed',
      'orders: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed',
    ]);
  });

  test('the manifest of a cdktf.out folder found below must list only stacks that are there', () => {
    const root = tree({
      'apps/a/cdktf.out/manifest.json': manifest('a', 'gone'),
      'apps/a/cdktf.out/stacks/a/cdk.tf.json': SECURE,
      // A manifest.json that is not beside a stacks folder is some other program's.
      'apps/web/public/manifest.json': JSON.stringify({ name: 'web' }),
    });
    const folder = join(root, 'apps/a/cdktf.out');
    expect(check('check', root)).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [
      `cdktf-azure-postgres: ${folder}/manifest.json: lists stack gone (stacks/gone/cdk.tf.json), a file that is missing, so it cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
    ] });
  });
});

test('two apps\' stacks of one name are both judged, each named by its folder; --report, which names a report by its stack, refuses them', () => {
  const root = tree({ 'apps/a/cdktf.out/stacks/main/cdk.tf.json': SECURE, 'apps/b/cdktf.out/stacks/main/cdk.tf.json': INSECURE });
  expect(summaries(check('check', root).out)).toEqual([
    'apps/a/cdktf.out/stacks/main: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed',
    'apps/b/cdktf.out/stacks/main: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed',
  ]);
  expect(check('check', root, '--report', join(root, 'reports')).code).toBe(EXIT_BAD_INPUT);
});

describe('links', () => {
  test('a link loop ends, and a folder reached twice is judged once', () => {
    const root = tree({ 'apps/a/cdktf.out/stacks/a/cdk.tf.json': INSECURE });
    symlinkSync(root, join(root, 'apps', 'a', 'loop'));
    symlinkSync(join(root, 'apps', 'a'), join(root, 'again'));
    const result = check('check', root);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(summaries(result.out)).toEqual(['a: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed']);
  });

  test('a link to a folder outside the path is followed', () => {
    const elsewhere = tree({ 'cdktf.out/stacks/shared/cdk.tf.json': INSECURE });
    const root = tree({});
    symlinkSync(elsewhere, join(root, 'shared'));
    expect(summaries(check('check', root).out)).toEqual(['shared: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed']);
  });
});

describe('a tree too large to search', () => {
  test('is refused past the limit of folders (node_modules, .git and .terraform not counted), and searched up to it', () => {
    const root = tree({ 'a/b/cdk.tf.json': SECURE, 'node_modules/m/x': '', '.git/y/z': '', '.terraform/modules/m': '' });
    // root, a, b: three folders.
    expect(walkStackFiles(root, () => undefined, 3).files).toEqual([join(root, 'a/b/cdk.tf.json')]);
    expect(() => walkStackFiles(root, () => undefined, 2)).toThrow(`${root}: holds more folders than check searches (node_modules, .git, .terraform not counted), so a cdk.tf.json below it may be left unjudged; give the folder that holds the stacks, such as cdktf.out`);
  });

  test('the check command exits 2 and judges nothing', () => {
    const root = tree({ 'a/cdk.tf.json': INSECURE, 'b/c/d/cdk.tf.json': SECURE });
    const out: string[] = [];
    const err: string[] = [];
    const code = runCheck(['check', root], { out: (line) => out.push(line), err: (line) => err.push(line) }, 3);
    expect({ code, out, err }).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [expect.stringContaining(`${root}: holds more folders than check searches`)] });
  });
});

// Adversarial run of stop 77, W77-23: a link to cdktf.out/stacks, named otherwise, was walked as a plain folder, so a stack folder
// judged by main.tf.json was left out and the gate passed.
test('a link to a stacks folder is walked as one: a stack folder judged by main.tf.json is found', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-walk-link-'));
  mkdirSync(join(root, 'ms', 'stacks', 'orders'), { recursive: true });
  mkdirSync(join(root, 'ms', 'stacks', 'bad'), { recursive: true });
  writeFileSync(join(root, 'ms', 'stacks', 'orders', 'cdk.tf.json'), '{}');
  writeFileSync(join(root, 'ms', 'stacks', 'bad', 'main.tf.json'), '{}');
  symlinkSync(join(root, 'ms', 'stacks'), join(root, 'Lms'));
  const found = (target: string) => walkStackFiles(target, () => undefined).files.map((file) => file.slice(target.length + 1));
  expect(found(join(root, 'ms', 'stacks'))).toEqual(['bad/main.tf.json', 'orders/cdk.tf.json']);
  expect(found(join(root, 'Lms'))).toEqual(['bad/main.tf.json', 'orders/cdk.tf.json']);
});

// Adversarial run of stop 78: a folder was read once, in the role of the route it was first reached by. A link named otherwise
// (`api`, `.b`, a folder inside another stack's folder) to cdktf.out/stacks/<stack> read it as a plain or hidden folder first, and
// the stack's folder was then passed over: its failed synth (Y78-1, Y78-18) and its stack file of another name (Y78-17) unseen.
describe('a stack folder reached first through a link named otherwise', () => {
  const failedSynth = JSON.stringify({ synthFailed: true });
  const withLink = (files: { [path: string]: object | string }, link: string, to: string) => {
    const root = tree(files);
    symlinkSync(to, join(root, link));
    return root;
  };

  test.each([['api', 'cdktf.out/stacks/b'], ['.b', 'cdktf.out/stacks/b'], ['cdktf.out/stacks/a/peer', '../b']])('%s -> %s: a failed synth is refused', (link, to) => {
    const root = withLink({ 'cdktf.out/stacks/a/cdk.tf.json': SECURE, 'cdktf.out/stacks/b/postgres-security-report.json': failedSynth }, link, to);
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('cdktf synth failed for this stack')] });
  });

  test('a link from another app of a monorepo: a failed synth is refused', () => {
    const root = withLink({ 'apps/api/cdktf.out/stacks/b/postgres-security-report.json': failedSynth, 'apps/admin/x.txt': 'x' }, 'apps/admin/db-stack', '../api/cdktf.out/stacks/b');
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('cdktf synth failed for this stack')] });
  });

  test('a stack judged by cdk.tofu.json is judged', () => {
    const root = withLink({ 'cdktf.out/stacks/a/cdk.tf.json': SECURE, 'cdktf.out/stacks/b/cdk.tofu.json': INSECURE }, 'api', 'cdktf.out/stacks/b');
    expect(check('check', root).code).toBe(EXIT_FINDINGS);
  });

  // Y78-3, Y78-4: a stack file that links to one a failed synth left, found in a walk (given alone, it was refused already).
  test.each(['proj/cdk.tf.json', 'app/stacks/b/cdk.tf.json'])('%s linked to a stack file a failed synth left: refused', (link) => {
    const root = tree({ 'other/stacks/b/cdk.tf.json': SECURE, 'other/stacks/b/postgres-security-report.json': failedSynth, 'proj/x.txt': 'x' });
    mkdirSync(join(root, link, '..'), { recursive: true });
    symlinkSync(join(root, 'other/stacks/b/cdk.tf.json'), join(root, link));
    expect(check('check', join(root, link.split('/')[0]))).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('cdktf synth failed for this stack')] });
  });

  test('a stack reached by two routes is judged once', () => {
    const root = withLink({ 'cdktf.out/stacks/b/cdk.tf.json': INSECURE }, 'api', 'cdktf.out/stacks/b');
    expect(summaries(check('check', root).out)).toHaveLength(1);
  });
});

// Adversarial run of stop 78, Z78-1 and Z78-19: judged once by its real path, a stack file linked from a second folder was judged
// with the first folder's files only; Terraform reads each folder's own override and variable files beside it.
test('a stack file linked from another folder is judged in each folder it is in', () => {
  const root = tree({ 'cdktf.out/stacks/a/cdk.tf.json': SECURE, 'cdktf.out/stacks/b/x.txt': 'x' });
  symlinkSync('../a/cdk.tf.json', join(root, 'cdktf.out/stacks/b/cdk.tf.json'));
  symlinkSync('cdktf.out/stacks/a/cdk.tf.json', join(root, 'cdk.tf.json'));
  const found = walkStackFiles(root, () => undefined).files.map((file) => file.slice(root.length + 1));
  expect(found).toEqual(['cdk.tf.json', 'cdktf.out/stacks/a/cdk.tf.json', 'cdktf.out/stacks/b/cdk.tf.json']);
  writeFileSync(join(root, 'cdktf.out/stacks/b/public_override.tf.json'), JSON.stringify({ resource: {} }));
  expect(check('check', join(root, 'cdktf.out'))).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('holds public_override.tf.json beside cdk.tf.json')] });
});

// Adversarial run of stop 78: only the first and the last path of a chain of links were looked at, so a stack folder on the way was
// passed over (Z78-3), a folder of stacks that is a link to a folder named otherwise was none (Z78-4), and a stack found by a link
// to its folder was not the stack its manifest lists (Z78-6).
describe('a chain of links through a stack folder', () => {
  const failedSynth = JSON.stringify({ synthFailed: true });
  const links = (root: string, pairs: [string, string][]) => {
    for (const [link, to] of pairs) {
      mkdirSync(join(root, link, '..'), { recursive: true });
      symlinkSync(to, join(root, link));
    }
    return root;
  };
  const refused = { code: EXIT_BAD_INPUT, err: [expect.stringContaining('cdktf synth failed for this stack')] };

  test.each(['proj', 'proj/cdk.tf.json'])('check %s: a stale stack file that is itself a link, beside a failed synth\'s report, is refused', (target) => {
    const root = links(tree({ 'other/stacks/b/postgres-security-report.json': failedSynth, 'elsewhere/b.json': SECURE }), [
      ['other/stacks/b/cdk.tf.json', '../../../elsewhere/b.json'],
      ['proj/cdk.tf.json', '../other/stacks/b/cdk.tf.json'],
    ]);
    expect(check('check', join(root, target))).toMatchObject(refused);
  });

  test('a stack folder that is a link out of stacks/, reached by another link: a failed synth is refused', () => {
    const root = links(tree({ 'elsewhere/b/postgres-security-report.json': failedSynth, 'elsewhere/b/cdk.tf.json': SECURE, 'proj/ok/cdk.tf.json': SECURE }), [
      ['other/stacks/b', '../../elsewhere/b'],
      ['proj/api', '../other/stacks/b'],
    ]);
    expect(check('check', join(root, 'proj'))).toMatchObject(refused);
  });

  test('stacks/ a link to a folder named otherwise (a CI cache), a stack of it reached by a link: a failed synth is refused', () => {
    const root = links(tree({ 'cache/st123/b/postgres-security-report.json': failedSynth, 'cache/st123/b/cdk.tf.json': SECURE, 'app/cdktf.out/x.txt': 'x', 'proj/ok/cdk.tf.json': SECURE }), [
      ['app/cdktf.out/stacks', '../../cache/st123'],
      ['proj/api', '../app/cdktf.out/stacks/b'],
    ]);
    expect(check('check', join(root, 'proj'))).toMatchObject(refused);
  });

  test('a stack the manifest lists, found first by a link to its folder from another app, is the stack listed', () => {
    const root = links(tree({
      'apps/api/cdktf.out/manifest.json': manifest('a', 'b'),
      'apps/api/cdktf.out/stacks/a/cdk.tf.json': SECURE,
      'apps/api/cdktf.out/stacks/b/cdk.tf.json': SECURE,
    }), [['apps/admin/db', '../api/cdktf.out/stacks/b']]);
    expect(check('check', root).code).toBe(0);
    writeFileSync(join(root, 'apps/api/cdktf.out/manifest.json'), manifest('a', 'b', 'gone'));
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('lists stack gone (stacks/gone/cdk.tf.json), a file that is missing')] });
  });
});

// Adversarial run of stop 79: a stack file kept the app of the route it was first found by. Found first as a loose file (a store its
// app's stacks/ links to, sorting before cdktf.out: B79-64), or through a link to the app's stacks/ (B79-62), it was judged outside
// its app, so a stack adding an Entra administrator to another stack's server passed.
describe('a stack of a multi-stack app reached by another route is judged with its app', () => {
  const ADDS_ADMIN = { resource: { azurerm_postgresql_flexible_server_active_directory_administrator: { X: {
    server_name: 'orders-db', resource_group_name: 'rg-orders', tenant_id: 't', object_id: '99999999-7777-8888-9999-000000000000', principal_name: 'evil@contoso.com', principal_type: 'User',
  } } } };
  /** A root holding app/cdktf.out: stack data (a SecureFlexibleServer) and stack ops (adds an administrator to it). */
  const synthesized = () => {
    const root = mkdtempSync(join(tmpdir(), 'app-routes-'));
    mkdirSync(join(root, 'app'));
    const app = new App({ outdir: join(root, 'app', 'cdktf.out') });
    new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    providerStack('ops', app);
    app.synth();
    writeFileSync(join(root, 'app', 'cdktf.out', 'stacks', 'ops', 'cdk.tf.json'), JSON.stringify(ADDS_ADMIN));
    return root;
  };
  const fails = (target: string) => expect(check('check', target)).toMatchObject({ code: EXIT_FINDINGS, out: expect.arrayContaining([expect.stringMatching(/^ops: \d+ server\(s\), [1-9]\d* error\(s\)/)]) });

  test('the stacks in a store that sorts before cdktf.out, linked from its stacks/ (B79-64)', () => {
    const root = synthesized();
    renameSync(join(root, 'app', 'cdktf.out', 'stacks'), join(root, 'app', 'artifacts'));
    mkdirSync(join(root, 'app', 'cdktf.out', 'stacks'));
    for (const stack of ['data', 'ops']) symlinkSync(`../../artifacts/${stack}`, join(root, 'app', 'cdktf.out', 'stacks', stack));
    fails(join(root, 'app', 'cdktf.out')); // the control
    fails(join(root, 'app'));
    fails(root);
  });

  test('stacks/ a link to a cache named otherwise, reached through another link or at the root (B79-62)', () => {
    const root = synthesized();
    renameSync(join(root, 'app', 'cdktf.out', 'stacks'), join(root, 'CI'));
    symlinkSync('../../CI', join(root, 'app', 'cdktf.out', 'stacks'));
    fails(join(root, 'app', 'cdktf.out')); // the control
    fails(root);
    mkdirSync(join(root, 'proj'));
    symlinkSync('../app/cdktf.out/stacks', join(root, 'proj', 'out'));
    fails(join(root, 'proj'));
  });

  test('the repository given through a link, a link into its stacks/ sorting before the app (B79-70)', () => {
    const root = synthesized();
    symlinkSync('app/cdktf.out/stacks/data', join(root, 'Data'));
    const ws = join(mkdtempSync(join(tmpdir(), 'ws-')), 'ws');
    symlinkSync(root, ws);
    fails(root); // the control
    fails(ws);
  });

  test('a convenience link named stacks at the root, or a CI folder of links named stacks, sorting before the app (D79-39)', () => {
    const root = synthesized();
    mkdirSync(join(root, 'a'));
    symlinkSync('../app/cdktf.out/stacks', join(root, 'a', 'stacks'));
    fails(root);
    const secure = tree({ 'web/cdktf.out/manifest.json': manifest('data'), 'web/cdktf.out/stacks/data/cdk.tf.json': SECURE, 'ci/stacks/x.txt': 'x' });
    symlinkSync('../../web/cdktf.out/stacks/data', join(secure, 'ci', 'stacks', 'data'));
    expect(check('check', secure).code).toBe(0);
    symlinkSync('web/cdktf.out/stacks', join(secure, 'stacks'));
    expect(check('check', secure).code).toBe(0);
  });

  test('a manifest on a link\'s way that does not list the stack, or none at all, does not take it from its app (B80-1, B80-4)', () => {
    const root = synthesized();
    mkdirSync(join(root, 'ci', 'stacks'), { recursive: true });
    symlinkSync('../../app/cdktf.out/stacks/ops', join(root, 'ci', 'stacks', 'ops'));
    symlinkSync('../app/cdktf.out/stacks/data', join(root, 'ci', 'data'));
    writeFileSync(join(root, 'ci', 'manifest.json'), JSON.stringify({ stacks: {} }));
    fails(join(root, 'ci'));
    const bare = synthesized();
    rmSync(join(bare, 'app', 'cdktf.out', 'manifest.json'));
    mkdirSync(join(bare, 'deploy', 'stacks'), { recursive: true });
    symlinkSync('../../app/cdktf.out/stacks/ops', join(bare, 'deploy', 'stacks', 'ops'));
    fails(bare);
  });

  test('a copy of the app\'s manifest on a link\'s way, or a stack folder linked from a store named stacks, does not split the app (D80-1, D80-6)', () => {
    const root = synthesized();
    mkdirSync(join(root, 'ci'));
    mkdirSync(join(root, 'Y'));
    symlinkSync('../app/cdktf.out/stacks', join(root, 'Y', 'stacks'));
    cpSync(join(root, 'app', 'cdktf.out', 'manifest.json'), join(root, 'Y', 'manifest.json'));
    symlinkSync('../Y/stacks/ops', join(root, 'ci', 'ops'));
    symlinkSync('../app/cdktf.out/stacks/data', join(root, 'ci', 'data'));
    fails(join(root, 'ci'));
    const stored = synthesized();
    const listed = JSON.parse(readFileSync(join(stored, 'app', 'cdktf.out', 'manifest.json'), 'utf8'));
    delete listed.stacks.ops;
    writeFileSync(join(stored, 'app', 'cdktf.out', 'manifest.json'), JSON.stringify(listed));
    mkdirSync(join(stored, 'Y', 'stacks'), { recursive: true });
    renameSync(join(stored, 'app', 'cdktf.out', 'stacks', 'ops'), join(stored, 'Y', 'stacks', 'ops'));
    symlinkSync('../../../Y/stacks/ops', join(stored, 'app', 'cdktf.out', 'stacks', 'ops'));
    fails(join(stored, 'app', 'cdktf.out'));
  });

  test('a CI folder of links to two environments\' stacks joins no apps (E80-1)', () => {
    const root = mkdtempSync(join(tmpdir(), 'two-environments-'));
    for (const environment of ['prod', 'staging']) {
      mkdirSync(join(root, environment));
      const app = new App({ outdir: join(root, environment, 'cdktf.out') });
      new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps({ name: `orders-db-${environment}`, resourceGroupName: `rg-orders-${environment}` }));
      app.synth();
    }
    mkdirSync(join(root, 'ci', 'stacks'), { recursive: true });
    symlinkSync('../../prod/cdktf.out/stacks/data', join(root, 'ci', 'stacks', 'prod'));
    symlinkSync('../../staging/cdktf.out/stacks/data', join(root, 'ci', 'stacks', 'staging'));
    expect(check('check', join(root, 'ci')).code).toBe(0);
    expect(check('check', root).code).toBe(0);
  });

  test('an app whose stacks/ links into another app\'s copy is named as sharing it, not as missing its stacks (B80-27)', () => {
    const root = synthesized();
    cpSync(join(root, 'app', 'cdktf.out'), join(root, '_cache'), { recursive: true });
    rmSync(join(root, 'app', 'cdktf.out', 'stacks'), { recursive: true });
    symlinkSync('../../_cache/stacks', join(root, 'app', 'cdktf.out', 'stacks'));
    fails(join(root, 'app', 'cdktf.out'));
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringMatching(/app\/cdktf\.out\/manifest\.json: lists stacks data \(stacks\/data\/cdk\.tf\.json\), judged with \S+\/_cache, whose manifest\.json lists it too; .*two apps share a folder of stacks through a link/)] });
  });

  test('a stack folder two apps share by a link is judged with the first app, and the second app\'s manifest says so (B79-65)', () => {
    const root = synthesized();
    mkdirSync(join(root, 'app2', 'cdktf.out', 'stacks'), { recursive: true });
    cpSync(join(root, 'app', 'cdktf.out', 'stacks', 'ops'), join(root, 'app2', 'cdktf.out', 'stacks', 'ops'), { recursive: true });
    symlinkSync('../../../app/cdktf.out/stacks/data', join(root, 'app2', 'cdktf.out', 'stacks', 'data'));
    writeFileSync(join(root, 'app2', 'cdktf.out', 'manifest.json'), readFileSync(join(root, 'app', 'cdktf.out', 'manifest.json')));
    fails(join(root, 'app2', 'cdktf.out')); // the control
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('app2/cdktf.out/manifest.json: lists stack data')] });
  });
});

// Adversarial run of stop 79, B79-68 and B79-69: a relative link's text was joined to the link's path as written, not to the folder it
// really is in, so an ordinary `../` link in a folder reached through a link read as ".." after a link, and check refused the tree.
describe('relative links in folders reached through links', () => {
  test('per-stack links into a store, the cdktf.out given through a link', () => {
    const root = tree({ 'app/store/a/cdk.tf.json': SECURE, 'app/cdktf.out/manifest.json': manifest('a'), 'app/cdktf.out/x.txt': 'x' });
    mkdirSync(join(root, 'app', 'cdktf.out', 'stacks'));
    symlinkSync('../../store/a', join(root, 'app', 'cdktf.out', 'stacks', 'a'));
    symlinkSync('app/cdktf.out', join(root, 'latest'));
    expect(check('check', join(root, 'latest')).code).toBe(0);
    expect(check('check', root).code).toBe(0);
  });

  test('a monorepo whose app folder is a link, holding a relative link of its own', () => {
    const root = tree({ 'services/web/cdktf.out/stacks/web/cdk.tf.json': SECURE, 'packages/infra/x.txt': 'x', 'apps/x.txt': 'x' });
    symlinkSync('../../packages/infra', join(root, 'services', 'web', 'infra'));
    symlinkSync('../services/web', join(root, 'apps', 'web'));
    expect(check('check', root).code).toBe(0);
  });
});

// Adversarial run of stop 80, E80-3: a stack file reached in two folders (a link to its folder, another folder's link to the file) is
// judged in each (Z78-1), and was joined with its own copy, and its app's other stacks with both copies: its blocks twice, so a clean
// app failed (duplicate subnets, administrators and settings).
test('a stack file reached in two folders is not joined with its own copy, nor twice with another stack', () => {
  const root = mkdtempSync(join(tmpdir(), 'app-copies-'));
  mkdirSync(join(root, 'app'));
  const app = new App({ outdir: join(root, 'app', 'cdktf.out') });
  new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
  providerStack('ops', app);
  app.synth();
  symlinkSync('app/cdktf.out/stacks/data', join(root, 'api'));
  mkdirSync(join(root, 'app', 'cdktf.out', 'stacks', 'copy'));
  symlinkSync('../data/cdk.tf.json', join(root, 'app', 'cdktf.out', 'stacks', 'copy', 'cdk.tf.json'));
  const result = check('check', root);
  expect(result.out.filter((line) => / \d+ server\(s\)/.test(line))).toEqual([
    expect.stringMatching(/^api: 1 server\(s\), 0 error\(s\)/),
    expect.stringMatching(/^copy: 1 server\(s\), 0 error\(s\)/),
    expect.stringMatching(/^ops: 0 server\(s\), 0 error\(s\)/),
  ]);
  expect(result.code).toBe(0);
});
