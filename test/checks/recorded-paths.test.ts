import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { trustedFor } from '../../lib/checks/suppression-registry';
import { minimalProps, minimalSingleProps, providerStack, synthErrors, TENANT_ID } from '../helpers';

// Fifteenth review, A15a-1: the library records its constructs and what they make by construct path
// at construction; cdktf writes the paths again at synth. A node's id or scope changed afterwards
// (the construct's own, or an ancestor's: the caller's objects) left the lists naming paths the JSON
// no longer had, and the construct's server was judged as a raw one. Synth now fails instead.

const OUTSIDER = '99999999-7777-8888-9999-000000000000';

/** An Entra administrator of the construct's server that its props do not declare (PG-IAM-3 beside the construct). */
function undeclaredAdmin(stack: TerraformStack): void {
  new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'EvilAdmin', {
    serverName: 'orders-db', resourceGroupName: 'rg-orders', objectId: OUTSIDER, principalName: 'evil', principalType: 'User', tenantId: TENANT_ID,
  });
}

/** A view of a node that reports another id (every other read goes to the real node). */
function reportingId(node: object, id: string): object {
  return new Proxy(node, {
    get(target, key) {
      if (key === 'id') return id;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** What changes a path after the construct was made: on the construct's own node, its grouping construct's, or the stack's. */
const MOVES: ReadonlyArray<[string, (parts: { stack: TerraformStack; group: Construct; server: Construct; other: Construct }) => void]> = [
  ['its own node id', ({ server }) => { (server.node as any).id = 'Other'; }],
  ['its own node scope', ({ server, other }) => { (server.node as any).scope = other; }],
  ['its grouping construct\'s node id', ({ group }) => { (group.node as any).id = 'x'; }],
  ['the stack\'s node id', ({ stack }) => { (stack.node as any).id = 'other'; }],
  ['a Proxy assigned to its grouping construct\'s node', ({ group }) => { (group as any).node = reportingId(group.node, 'x'); }],
];

function movedStack(move: (typeof MOVES)[number][1], app?: App): TerraformStack {
  const stack = providerStack('test', app);
  const group = new Construct(stack, 'w');
  const other = new Construct(stack, 'elsewhere');
  const server = new SecureFlexibleServer(group, 'Postgres', minimalProps());
  undeclaredAdmin(stack);
  move({ stack, group, server, other });
  return stack;
}

const MOVED = /PG-CFG-6 .*now has the construct path .*: a node's id or scope .* was changed after the library recorded it/;

describe('a construct whose path changed after it was made fails synth', () => {
  test('control: unmoved, inside a grouping construct, the undeclared administrator fails PG-IAM-3 and nothing is reported moved', () => {
    const errors = synthErrors(movedStack(() => undefined));
    expect(errors.join('\n')).toContain('PG-IAM-3');
    expect(errors.join('\n')).not.toMatch(MOVED);
  });

  test.each(MOVES)('%s (Testing.synth)', (_name, move) => {
    expect(synthErrors(movedStack(move)).join('\n')).toMatch(MOVED);
  });

  test.each(MOVES)('%s (app.synth writes no cdk.tf.json)', (_name, move) => {
    const outdir = mkdtempSync(join(tmpdir(), 'recorded-paths-'));
    const app = new App({ outdir });
    const stack = movedStack(move, app);
    expect(() => app.synth()).toThrow(MOVED);
    expect(existsSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'))).toBe(false);
  });

  test('the same with skipValidation: synth fails before the write', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'recorded-paths-'));
    const app = new App({ outdir, skipValidation: true });
    movedStack(MOVES[0][1], app);
    expect(() => app.synth()).toThrow(MOVED);
    expect(existsSync(join(outdir, 'stacks', 'test', 'cdk.tf.json'))).toBe(false);
  });

  test('a grouping construct whose node accessor reports another id once the construct is made', () => {
    class Group extends Construct {
      public lie = false;
    }
    Object.defineProperty(Group.prototype, 'node', {
      configurable: true,
      get(this: any) { return this.lie ? reportingId(this.real, 'elsewhere') : this.real; },
      set(this: any, value: any) { this.real = value; },
    });
    const stack = providerStack();
    const group = new Group(stack, 'w');
    new SecureFlexibleServer(group, 'Postgres', minimalProps());
    undeclaredAdmin(stack);
    group.lie = true;
    expect(synthErrors(stack).join('\n')).toMatch(MOVED);
  });

  test('one finding for the moved construct, not one per resource below it', () => {
    const moved = synthErrors(movedStack(MOVES[0][1])).filter((line) => MOVED.test(line));
    expect(moved).toEqual([expect.stringContaining('PG-CFG-6 test/w/Postgres, which the library recorded for its construct when it was made, now has the construct path "test/w/Other": ')]);
  });

  test('a SecureSingleServer renamed', () => {
    const stack = providerStack();
    const server = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    (server.node as any).id = 'Other';
    expect(synthErrors(stack).join('\n')).toMatch(MOVED);
  });

  describe('a DatabaseAccess and its server construct', () => {
    function accessStack(): { stack: TerraformStack; server: SecureFlexibleServer; access: DatabaseAccess } {
      const stack = providerStack();
      const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
      const access = new DatabaseAccess(stack, 'Access', {
        server, connectAs: { principalName: 'db-admins' }, databases: ['orders'],
        roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_ONLY,
          member: DatabasePrincipal.entra({ objectId: '77777777-7777-8888-9999-000000000000', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
      });
      return { stack, server, access };
    }

    test('control: neither renamed passes', () => {
      expect(synthErrors(accessStack().stack)).toEqual([]);
    });

    test('the server construct renamed, its access\'s PUBLIC revoke overridden to a grant', () => {
      const { stack, server, access } = accessStack();
      (access.node.findChild('Database-orders').node.findChild('RevokePublicDatabase') as any).addOverride('privileges', ['CREATE', 'CONNECT', 'TEMPORARY']);
      (server.node as any).id = 'Other';
      expect(synthErrors(stack).join('\n')).toMatch(MOVED);
    });

    test('the DatabaseAccess renamed', () => {
      const { stack, access } = accessStack();
      (access.node as any).id = 'Other';
      expect(synthErrors(stack).join('\n')).toMatch(MOVED);
    });
  });
});

describe('in synth, the library\'s marks must agree with the JSON judged, as check requires of the file', () => {
  /** A construct's stack as synth converts it, then its construct paths in the resources' metadata moved (what a lie seen only by cdktf's write leaves). */
  function judged(moveMetadata: boolean): ReturnType<typeof evaluateStack> {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    undeclaredAdmin(stack);
    const terraform = JSON.parse(JSON.stringify(stack.toTerraform()));
    for (const byName of moveMetadata ? Object.values(terraform.resource) : []) {
      for (const body of Object.values(byName as { [name: string]: any })) body['//'].metadata.path = body['//'].metadata.path.replace(/^test\/Postgres\//, 'test/x/Postgres/');
    }
    // What the constructs recorded in this process: the lists as the JSON holds them (so no list was altered).
    const trusted = trustedFor(stack);
    return evaluateStack(terraform, ALL_RULES, { trusted });
  }

  test('control: the JSON as converted passes the marks and fails PG-IAM-3 on the undeclared administrator', () => {
    const { findings } = judged(false);
    expect(findings.filter((f) => f.status === 'fail').map((f) => f.ruleId)).toContain('PG-IAM-3');
    expect(findings.filter((f) => f.status === 'fail' && /library's marks/.test(f.message ?? ''))).toEqual([]);
  });

  // Since the 46th run (A46b-1) a suppression whose path names no block fails PG-SUP-1, at synth as in check: moved metadata paths
  // leave the construct's own suppressions naming none, which is the reason check gives for such a file, and synth gives it too.
  test('metadata paths that no longer match the constructs fail synth with check\'s reason', () => {
    const stackFailures = (findings: readonly { status: string; server: string; ruleId: string; message?: string }[]) =>
      findings.filter((f) => f.status === 'fail' && f.server === '(stack)').map((f) => `${f.ruleId} ${f.message}`);
    const inSynth = stackFailures(judged(true).findings);
    expect(inSynth.length).toBeGreaterThan(0);
    // And the construct's server is not at its path (adversarial run of stop 71, A71-6): PG-CFG-6 judges no server there.
    const serverGone = (line: string) => line.startsWith('PG-CFG-6 test/Postgres/Server, which a library construct made, is not in the JSON: ');
    expect(inSynth.filter(serverGone)).toHaveLength(1);
    expect(inSynth.filter((line) => !serverGone(line)).every((line) => /^PG-SUP-1 suppression \d+ .* names the construct path "test\/Postgres[/"].* which matches no construct of the stack/.test(line))).toBe(true);
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    undeclaredAdmin(stack);
    const terraform = JSON.parse(JSON.stringify(stack.toTerraform()));
    for (const byName of Object.values(terraform.resource)) {
      for (const body of Object.values(byName as { [name: string]: any })) body['//'].metadata.path = body['//'].metadata.path.replace(/^test\/Postgres\//, 'test/x/Postgres/');
    }
    expect(stackFailures(evaluateStack(terraform, ALL_RULES).findings)).toEqual(inSynth);
  });
});

describe('a scope PostgresSecurityChecks.applyTo judges, renamed after', () => {
  function applied(rename: boolean): string[] {
    const stack = new TerraformStack(Testing.app(), 'test');
    const group = new Construct(stack, 'w');
    new PostgresqlFlexibleServer(group, 'Raw', { name: 'raw-db', resourceGroupName: 'rg', location: 'westeurope', skuName: 'GP_Standard_D2ds_v5', version: '17', publicNetworkAccessEnabled: true });
    PostgresSecurityChecks.applyTo(group);
    if (rename) (group.node as any).id = 'x';
    return synthErrors(stack);
  }

  test('control: the raw server under the scope fails PGF-NET-1', () => {
    expect(applied(false).join('\n')).toContain('PGF-NET-1');
  });

  test('renamed, synth fails where its servers were left out of the checks', () => {
    expect(applied(true).join('\n')).toMatch(MOVED);
  });
});
