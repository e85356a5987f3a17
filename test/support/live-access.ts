import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import { accessStack, DBA } from './database-fixture';
import { AzureLikeServer, azureLikeServer } from './azure-like-server';
import { PostgresCluster, startCluster } from './postgres-cluster';
import { DerivedSql, providerSql, quoteIdent } from './provider-sql';

// The fixture's stack, deployed to a throwaway cluster set up like Azure: the SQL its resources
// stand for applied as the administrator. Entra sign-in cannot happen locally, so each Entra
// login role also gets a test password, set by the superuser, to connect as it.

export interface LiveAccess {
  readonly cluster: PostgresCluster;
  readonly server: AzureLikeServer;
  /** The synthesized stack, and the folder holding it as cdk.tf.json. */
  readonly stack: { readonly [key: string]: any };
  readonly stackDir: string;
  readonly derived: DerivedSql;
  /** Password of each login role (generated for password members, set for tests on the others). */
  readonly passwords: ReadonlyMap<string, string>;
  /** The pgaudit steps left out because pgaudit is not installed locally. */
  readonly withoutPgaudit: boolean;
  stop(): Promise<void>;
}

export async function deployAccess(): Promise<LiveAccess> {
  const stack = JSON.parse(Testing.synth(accessStack().stack));
  const stackDir = mkdtempSync(join(tmpdir(), 'cdktf-azure-postgres-stack-'));
  writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stack, null, 2));
  const generated = new Map<string, string>();
  const derived = providerSql(stack, {
    password: (name) => generated.get(name) ?? generated.set(name, `Gen-${Math.random().toString(36).slice(2)}-9x`).get(name)!,
    now: new Date(),
  });
  // pg_cron runs in the stack's database, where the audit tests create it (as Azure lets an administrator do).
  const cluster = await startCluster({ cronDatabase: 'orders' });
  try {
    const server = await azureLikeServer(cluster, DBA, ['orders', 'billing']);
    // billing is another stack's: its DatabaseAccess revokes PUBLIC's rights, so the stack's logins cannot connect (A9-10).
    const root = await server.superuser();
    await root.query('REVOKE ALL ON DATABASE billing FROM PUBLIC');
    const steps = derived.steps.filter((step) => cluster.pgaudit || !step.statements.some((s) => s.includes('EXTENSION IF NOT EXISTS "pgaudit"')));
    await server.apply(steps);
    const passwords = new Map<string, string>();
    for (const [, block] of Object.entries(stack.resource.postgresql_role as { [name: string]: any })) {
      if (block.login !== true) continue;
      const reference = /^\$\{random_password\.([^.]+)\.result\}$/.exec(block.password_wo ?? '');
      if (reference) {
        passwords.set(block.name, generated.get(reference[1])!);
      } else {
        const password = `test-login-${Math.random().toString(36).slice(2)}`;
        await root.query(`ALTER ROLE ${quoteIdent(block.name)} PASSWORD '${password}'`);
        passwords.set(block.name, password);
      }
    }
    await server.close();
    return {
      cluster,
      server,
      stack,
      stackDir,
      derived,
      passwords,
      withoutPgaudit: !cluster.pgaudit,
      stop: async () => {
        await server.close();
        cluster.stop();
        rmSync(stackDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    cluster.stop();
    rmSync(stackDir, { recursive: true, force: true });
    throw error;
  }
}
