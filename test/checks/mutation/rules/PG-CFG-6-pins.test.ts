// PG-CFG-6 on the stack model directly, beyond its synth tests: a pinned resource missing from the
// JSON, an attribute pinned unset but written, one pinned but left unset, pins of another server,
// and a server whose construct pinned nothing.
import { PinnedAttributes } from '../../../../lib/checks/pinned-attributes';
import { rule } from '../../../../lib/checks/rules/PG-CFG-6';
import { Verdict } from '../../../../lib/checks/rule';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const SERVER_PATH = `${CONSTRUCT}/Server`;

function verdicts(pinned: PinnedAttributes[], admin: object = {}, constructs: string[] = [CONSTRUCT]): readonly Verdict[] {
  const resource = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(SERVER_PATH) } },
    [ADMIN]: { admin: { ...madeAt(`${CONSTRUCT}/Admin`), server_name: `\${${FLEXIBLE}.db.name}`, object_id: 'aaaa', ...admin } },
  };
  const model = buildStackModel({ resource });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs, pinned });
  return Array.isArray(result) ? result : [result as Verdict];
}

const pin = (attributes: PinnedAttributes['attributes'], path = `${CONSTRUCT}/Admin`, server = SERVER_PATH): PinnedAttributes => ({ server, path, attributes });

test('passes the attributes as pinned, an unset one included', () => {
  expect(verdicts([pin({ object_id: 'aaaa', principal_type: null })])).toEqual([{ status: 'pass' }]);
});

test('fails an attribute pinned unset but written, and one pinned but left unset', () => {
  expect(verdicts([pin({ object_id: 'aaaa', principal_type: null, principal_name: 'grp-dba' })], { principal_type: 'User' })).toEqual([
    { status: 'fail', message: 'principal_type is "User", where the construct\'s props leave it unset.', address: `${ADMIN}.admin` },
    { status: 'fail', message: 'principal_name is unset, where the construct\'s props set "grp-dba".', address: `${ADMIN}.admin` },
  ]);
});

test('fails a pinned resource that is not in the JSON', () => {
  expect(verdicts([pin({ object_id: 'aaaa' }, `${CONSTRUCT}/Gone`)])).toEqual([
    { status: 'fail', message: `${CONSTRUCT}/Gone, which the construct of ${FLEXIBLE}.db makes, is not in the JSON: what it guarded goes with it.` },
  ]);
});

test('pins of another server\'s construct do not count: the construct that made this one pinned nothing', () => {
  expect(verdicts([pin({ object_id: 'bbbb' }, `${CONSTRUCT}/Admin`, 'stack/Other/Server')])).toEqual([{
    status: 'fail',
    message: `${CONSTRUCT}, a library construct, made the server but the JSON holds none of the attributes it pinned (//.cdktf-azure-postgres-pinned), so they cannot be compared with its resources.`,
  }]);
  expect(verdicts([], {}, ['stack/Other'])).toEqual([{ status: 'not-applicable', note: 'no library construct made the server' }]);
});
