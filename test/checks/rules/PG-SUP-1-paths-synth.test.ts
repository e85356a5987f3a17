import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../../lib';
import { EXIT_OK } from '../../../lib/cli/check-command';
import { check } from '../../cli/cli-harness';
import { minimalProps, providerStack, synthErrors } from '../../helpers';

// 46th run, A46b-1: a suppression whose path names no construct of its stack is a PG-SUP-1 finding. The paths suppress()
// writes are those of constructs: they never are, in synth or in check of what synth wrote, across stacks too.

const REASON = 'reviewed with the security team, SEC-4601';

test('suppress() on a stack, a construct, a resource and a resource of another stack: synth and check pass, with no PG-SUP-1', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'sup-paths-')) });
  const a = providerStack('a', app);
  const postgres = new SecureFlexibleServer(a, 'Postgres', minimalProps());
  postgres.server.addOverride('lifecycle.prevent_destroy', false);
  PostgresSecurityChecks.suppress(postgres, 'PGF-DEL-1', REASON);
  PostgresSecurityChecks.suppress(a, 'PGF-LOG-7', REASON);
  const b = providerStack('b', app);
  // A weakening of a's server from b, through a cross-stack reference: an error, suppressed on b's resource.
  const weak = new PostgresqlFlexibleServerConfiguration(b, 'Weak', { serverId: postgres.serverId, name: 'log_line_prefix', value: '%t ' });
  PostgresSecurityChecks.suppress(weak, 'PGF-LOG-7', REASON);
  PostgresSecurityChecks.suppress(b, 'PGF-LOG-7', REASON);
  // Judged in b on a's parameter: covered by a suppression of stack a.
  PostgresSecurityChecks.suppress(postgres, 'PGF-CFG-1', REASON);
  expect(() => app.synth()).not.toThrow();
  const result = check('check', app.outdir);
  expect(result.out.filter((line) => line.includes('PG-SUP-1'))).toEqual([]);
  expect(result.out.filter((line) => line.includes('suppressed'))).toEqual(expect.arrayContaining([
    expect.stringMatching(/suppressed PGF-DEL-1 /),
    expect.stringMatching(/suppressed PGF-LOG-7 +azurerm_postgresql_flexible_server_configuration\.Weak: /),
    expect.stringMatching(/suppressed PGF-CFG-1 /),
  ]));
  expect(result.code).toBe(EXIT_OK);
});

test('in synth, an entry an override wrote with a path of no construct is named as written by an override', () => {
  const stack = providerStack('trust');
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('//.cdktf-azure-postgres-suppressions', [{ path: 'trust/Post', ruleId: 'PGF-NET-1', reason: REASON }]);
  const errors = synthErrors(stack);
  expect(errors).toEqual(expect.arrayContaining([
    expect.stringMatching(/\(stack\) PG-SUP-1 a suppression \(.*"trust\/Post".*\) was written into the JSON by an override, not added through PostgresSecurityChecks\.suppress, so it suppresses nothing\./),
  ]));
  expect(errors.filter((line) => line.includes('PG-SUP-1'))).toHaveLength(1);
});

test('suppress() on a construct with no block beneath it fails synth, as check of the same file would (A15a-1)', () => {
  const stack = providerStack('empty');
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  PostgresSecurityChecks.suppress(new Construct(stack, 'Nothing'), 'PGF-ENC-1', REASON);
  const errors = synthErrors(stack).filter((line) => line.includes('PG-SUP-1'));
  expect(errors).toEqual([expect.stringMatching(/\(stack\) PG-SUP-1 suppression \d+ \(.*"empty\/Nothing".*\) names the construct path "empty\/Nothing", which matches no construct of the stack/)]);
});
