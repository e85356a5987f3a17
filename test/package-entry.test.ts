import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// The built package (dist/, made by `npm run build`) exports ValidationError next to the jsii API:
// scripts/bundle.js bundles it with the constructs, so the class a user imports is the class the
// constructs throw. This test builds nothing: it loads dist/ in a separate Node process, as a user's
// program would, and is skipped when dist/ has not been built.

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'index.js');
const built = existsSync(entry);

/** Runs a script in a new Node process with the package as `pkg` and cdktf as `cdktf`; returns what it prints, parsed. */
function inNode(script: string): unknown {
  const program = `const pkg = require(${JSON.stringify(entry)}); const cdktf = require('cdktf'); ${script}`;
  const out = execFileSync(process.execPath, ['-e', program], { cwd: root, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return JSON.parse(out);
}

(built ? describe : describe.skip)('the built package (dist/)', () => {
  test('exports ValidationError, and the constructs throw that very class, with its code and prop', () => {
    const caught = inNode(`
      const stack = new cdktf.TerraformStack(cdktf.Testing.app(), 'orders');
      const network = pkg.FlexibleServerNetwork.privateEndpoint({ subnetResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' });
      try {
        new pkg.SecureFlexibleServer(stack, 'Postgres', {
          name: 'orders-db', resourceGroupName: 'rg', location: 'westeurope', tenantId: '11111111-2222-3333-4444-555555555555', network,
          entraAdministrators: [{ objectId: '66666666-7777-8888-9999-000000000000', principalName: 'db-admins', principalType: 'Group' }],
          diagnosticSettings: pkg.DiagnosticSettings.disabled('SEC-123: no workspace in the sandbox'), zone: '4',
        });
        console.log(JSON.stringify({ thrown: false }));
      } catch (error) {
        console.log(JSON.stringify({ instance: error instanceof pkg.ValidationError, name: error.name, className: pkg.ValidationError.name, code: error.code, prop: error.prop }));
      }
    `);
    expect(caught).toEqual({ instance: true, name: 'ValidationError', className: 'ValidationError', code: 'ZONE-INVALID', prop: 'zone' });
  });

  test('an ES module imports it by name too', () => {
    const program = `import { ValidationError, SecureFlexibleServer } from ${JSON.stringify(entry)}; console.log(JSON.stringify([typeof ValidationError, typeof SecureFlexibleServer]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['function', 'function']);
  });

  test('dist/index.d.ts declares it, with its code and prop', () => {
    expect(readFileSync(join(root, 'dist', 'index.d.ts'), 'utf8')).toContain("export { ValidationError } from './private/validation-error';");
    const declaration = readFileSync(join(root, 'dist', 'private', 'validation-error.d.ts'), 'utf8');
    expect(declaration).toMatch(/export declare class ValidationError extends Error \{[\s\S]*readonly code: string;[\s\S]*readonly prop: string;/);
  });
});
