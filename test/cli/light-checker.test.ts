import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { exampleStack } from '../support/example-stacks';

// `check` reads JSON only: it must run where neither cdktf nor any provider package is installed.
// Here the command runs (from the sources) in a Node process in which loading cdktf, constructs or
// any @cdktf package throws; npm run test:consumer runs it in a project that has only the packed
// library installed.

const BLOCK_PEERS = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^(cdktf|constructs|@cdktf\\/|@cdktn\\/|cdktn)(\\/|$)/.test(request)) throw new Error('the check command loaded ' + request);
  return resolve.call(this, request, ...rest);
};
`;

test('check, in every format, loads neither cdktf nor a provider package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-light-'));
  writeFileSync(join(dir, 'block-peers.js'), BLOCK_PEERS);
  mkdirSync(join(dir, 'cdktf.out', 'stacks', 'orders'), { recursive: true });
  writeFileSync(join(dir, 'cdktf.out', 'stacks', 'orders', 'cdk.tf.json'), JSON.stringify(exampleStack('flexible-public-firewall').terraform));
  const cli = join(__dirname, '..', 'support', 'cli-from-source.js');
  const run = (...args: string[]) => execFileSync(process.execPath, ['-r', join(dir, 'block-peers.js'), cli, ...args], { cwd: dir, encoding: 'utf8' });
  expect(run('check', 'cdktf.out')).toMatch(/^orders: 1 server\(s\), 0 error\(s\)/);
  for (const format of ['markdown', 'json', 'sarif', 'junit']) run('check', 'cdktf.out', '--format', format, '--output', `out/results.${format}`, '--report', 'out/reports');
  expect(JSON.parse(readFileSync(join(dir, 'out', 'results.sarif'), 'utf8')).version).toBe('2.1.0');
  // The hook works: the constructs' entry point cannot load.
  expect(() => execFileSync(process.execPath, ['-r', join(dir, 'block-peers.js'), '-e', "require('ts-node').register({ transpileOnly: true }); require(process.argv[1])", join(__dirname, '..', '..', 'lib', 'index.ts')], { cwd: join(__dirname, '..', '..'), stdio: 'pipe' })).toThrow(/the check command loaded (cdktf|constructs)/);
}, 60_000);
