// 40th run, A40a-1 and A40a-3. Beside an administrator whose name is known only at apply time, PGD-IAM-6 let a membership of a role
// pass when the stack "makes" that role; it read any postgresql_role block of the name as made. A block an import or moved block adopts
// an existing role into, or one whose count, for_each or lifecycle.enabled is known only later, is no proof: the role may be the
// administrator's (A40a-1). And a connectAs given as a token was compared as its text "${var.ca}": the administrator DatabaseAccess
// signs in as is one whose name is known only at apply time (A40a-3). Each case is judged at synth and by `check` on the JSON.
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import { TerraformDataSource, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { ADMIN_OBJECT_ID, minimalProps, providerStack, synthErrors } from '../helpers';

const APP = '66666666-7777-8888-9999-000000000001';
// Another principal than the declared login's: mapping that one to a second role fails PGD-IAM-13 (M75-2).
const TEAM_PRINCIPAL = '66666666-7777-8888-9999-000000000002';

type Name = (scope: Construct) => string;
const variable = (id: string): Name => (scope) => new TerraformVariable(scope, id, { type: 'string' }).stringValue;
const lookup: Name = (scope) => {
  const group = new TerraformDataSource(scope, `Group${scope.node.children.length}`, { terraformResourceType: 'azuread_group' });
  group.addOverride('object_id', ADMIN_OBJECT_ID);
  return group.getStringAttribute('display_name');
};
const literal = (name: string): Name => () => name;

type Add = (access: DatabaseAccess, stack: TerraformStack) => void;

/** A server whose Entra administrator is `admin`, a DatabaseAccess on orders signing in as `connectAs`, and `add` beside them. */
function stackWith(admin: Name, connectAs: Name, add: Add): TerraformStack {
  const stack = providerStack('adminmaybe');
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    databases: [{ name: 'orders' }],
    entraAdministrators: [{ objectId: ADMIN_OBJECT_ID, principalName: admin(stack), principalType: EntraPrincipalType.GROUP }],
  }));
  const access = new DatabaseAccess(stack, 'Access', {
    server, connectAs: { principalName: connectAs(stack) }, databases: ['orders'],
    roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE, member: DatabasePrincipal.entra({ objectId: APP, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
  });
  add(access, stack);
  return stack;
}

/** The rule ids of the synth's finding lines, and of `check`'s failed or unknown findings on the JSON, at resources of `type`. */
function judged(admin: Name, connectAs: Name, add: Add, type = 'postgresql_'): { synth: string[]; check: string[] } {
  const lines = synthErrors(stackWith(admin, connectAs, add));
  const synth = [...new Set(lines.filter((line) => line.includes(type)).map((line) => /(PG[A-Z]?-[A-Z]+-\d+)/.exec(line)?.[1] ?? ''))].sort();
  const json = JSON.parse(JSON.stringify(stackWith(admin, connectAs, add).toTerraform())) as object;
  const check = [...new Set(evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.status !== 'pass' && (finding.address ?? '').startsWith(type))
    .map((finding) => finding.ruleId))].sort();
  return { synth, check };
}

/**
 * A raw role "dba-team" with `extra` (or none when `extra` is undefined), and `reporting` made a member of `group` through `via`; with
 * `wait`, the membership lists the block of `group` (the raw "dba-team" or the DatabaseAccess group role) in depends_on (A42a-1).
 */
const memberOf = (extra: { [key: string]: unknown } | undefined, group = 'dba-team', via: 'grant_role' | 'roles' = 'grant_role',
  after?: (stack: TerraformStack, team?: Role) => void, wait = false): Add => (access, stack) => {
  let team: Role | undefined;
  if (extra !== undefined) {
    team = new Role(stack, 'Team', { provider: access.provider, name: 'dba-team', login: false });
    Object.entries(extra).forEach(([key, value]) => team!.addOverride(key, value));
  }
  after?.(stack, team);
  const waited = access.node.findAll().find((child): child is Role => child instanceof Role && child.nameInput === group) ?? team;
  const dependsOn = wait && waited !== undefined ? [waited] : undefined;
  const reporting = new Role(stack, 'Reporting', { provider: access.provider, name: 'reporting', login: false, roles: via === 'roles' ? [group] : undefined, dependsOn: via === 'roles' ? dependsOn : undefined });
  if (via === 'grant_role') new GrantRole(stack, 'Member', { provider: access.provider, role: reporting.name, grantRole: group === '@ref' ? team!.name : group, dependsOn });
};
const number = (stack: TerraformStack, id: string, type: string) => new TerraformVariable(stack, id, { type });
const TEAM = 'postgresql_role.Team';

const both = (found: { synth: string[]; check: string[] }, id: string) => {
  expect(found.synth).toContain(id);
  expect(found.check).toContain(id);
};

describe('A40a-1: a role block that may adopt an existing role or make none is no role the stack surely makes', () => {
  test.each<[string, { [key: string]: unknown }, ((stack: TerraformStack) => void)?]>([
    ['adopted by an import block, literal id', {}, (stack) => stack.addOverride('import', [{ to: TEAM, id: 'dba-team' }])],
    ['adopted by an import block, id from a variable', {}, (stack) => { number(stack, 'rid', 'string'); stack.addOverride('import', [{ to: TEAM, id: '${var.rid}' }]); }],
    ['adopted by an import block written with resource. and an instance key', {}, (stack) => stack.addOverride('import', [{ to: `resource.${TEAM}[0]`, id: 'dba-team' }])],
    ['at the end of a moved block', {}, (stack) => stack.addOverride('moved', [{ from: 'postgresql_role.Old', to: TEAM }])],
    ['with count = var.n', { count: '${var.n}' }, (stack) => number(stack, 'n', 'number')],
    ['with for_each = var.s', { for_each: '${var.s}' }, (stack) => number(stack, 's', 'set(string)')],
    ['with lifecycle.enabled = var.e', { 'lifecycle.enabled': '${var.e}' }, (stack) => number(stack, 'e', 'bool')],
  ])('administrator named by a variable, "dba-team" %s: a membership of it fails PGD-IAM-6 closed (synth and check)', (_n, extra, after) => {
    both(judged(variable('adm'), literal('pg-admins'), memberOf(extra, 'dba-team', 'grant_role', after), 'postgresql_grant_role'), 'PGD-IAM-6');
  });

  test('the group named by reference to an imported block, and through a role\'s roles with count = var.n, fail too', () => {
    const imported = memberOf({}, '@ref', 'grant_role', (stack) => stack.addOverride('import', [{ to: TEAM, id: 'dba-team' }]));
    both(judged(lookup, literal('pg-admins'), imported, 'postgresql_grant_role'), 'PGD-IAM-6');
    const counted = memberOf({ count: '${var.n}' }, 'dba-team', 'roles', (stack) => number(stack, 'n', 'number'));
    both(judged(variable('adm'), literal('pg-admins'), counted, 'postgresql_role.Reporting'), 'PGD-IAM-6');
  });

  test.each<[string, (stack: TerraformStack, role: Role) => void]>([
    ['imported', (stack, role) => stack.addOverride('import', [{ to: `postgresql_role.${stack.getLogicalId(role)}`, id: 'orders_readonly' }])],
    ['given count = var.n', (stack, role) => { number(stack, 'n', 'number'); role.addOverride('count', '${var.n}'); }],
  ])('a DatabaseAccess group role %s by an override is no proof either: a membership of it fails PGD-IAM-6 closed', (_n, weaken) => {
    const add: Add = (access, stack) => {
      const group = access.node.findAll().find((child): child is Role => child instanceof Role && child.nameInput === 'orders_readonly')!;
      weaken(stack, group);
      const reporting = new Role(stack, 'Reporting', { provider: access.provider, name: 'reporting', login: false });
      new GrantRole(stack, 'Member', { provider: access.provider, role: reporting.name, grantRole: 'orders_readonly' });
    };
    both(judged(variable('adm'), literal('pg-admins'), add, 'postgresql_grant_role'), 'PGD-IAM-6');
  });

  test('PGD-IAM-7: a pgaadauth label on an imported login role, or one with count = var.n, beside a token administrator fails closed', () => {
    const labelled = (weaken: (stack: TerraformStack, team: Role) => void): Add => (access, stack) => {
      const team = new Role(stack, 'Team', { provider: access.provider, name: 'dba-team', login: true });
      weaken(stack, team);
      new SecurityLabel(stack, 'Map', { provider: access.provider, objectType: 'role', objectName: team.name, labelProvider: 'pgaadauth', label: `aadauth,oid=${TEAM_PRINCIPAL},type=service` });
    };
    const imported = labelled((stack) => stack.addOverride('import', [{ to: TEAM, id: 'dba-team' }]));
    both(judged(variable('adm'), literal('pg-admins'), imported, 'postgresql_security_label'), 'PGD-IAM-7');
    both(judged(literal('pg-admins'), variable('ca'), imported, 'postgresql_security_label'), 'PGD-IAM-7');
    both(judged(lookup, literal('pg-admins'), labelled((stack, team) => { number(stack, 'n', 'number'); team.addOverride('count', '${var.n}'); }), 'postgresql_security_label'), 'PGD-IAM-7');
    // Controls: the role surely made, or every administrator named literally.
    expect(judged(variable('adm'), literal('pg-admins'), labelled(() => undefined), 'postgresql_security_label')).toEqual({ synth: [], check: [] });
    expect(judged(literal('pg-admins'), literal('pg-admins'), imported, 'postgresql_security_label').synth).not.toContain('PGD-IAM-7');
  });

  describe('controls', () => {
    test.each<[string, { [key: string]: unknown }]>([
      ['no count', {}],
      ['count = 1', { count: 1 }],
      ['for_each = toset(["dba-team"]), its name each.key', { for_each: '${toset(["dba-team"])}', name: '${each.key}' }],
      ['lifecycle.enabled = true', { 'lifecycle.enabled': true }],
    ])('a token administrator and a raw "dba-team" the stack surely makes (%s), the membership waiting for it: passes', (_n, extra) => {
      expect(judged(variable('adm'), literal('pg-admins'), memberOf(extra, 'dba-team', 'grant_role', undefined, true))).toEqual({ synth: [], check: [] });
    });

    test('a membership of a DatabaseAccess group role that waits for it, and a literal administrator beside an imported "dba-team", pass', () => {
      expect(judged(lookup, literal('pg-admins'), memberOf(undefined, 'orders_readonly', 'grant_role', undefined, true))).toEqual({ synth: [], check: [] });
      const imported = memberOf({}, 'dba-team', 'grant_role', (stack) => stack.addOverride('import', [{ to: TEAM, id: 'dba-team' }]));
      expect(judged(literal('pg-admins'), literal('pg-admins'), imported, 'postgresql_grant_role').synth).not.toContain('PGD-IAM-6');
    });
  });
});

describe('A40a-3: a connectAs given as a token is an administrator whose name is known only at apply time', () => {
  test.each<[string, Name]>([
    ['a variable', variable('ca')],
    ['a lookup\'s display_name', lookup],
  ])('connectAs from %s, literal administrator: a raw role made a member of "dba-team" fails PGD-IAM-6 closed', (_n, connectAs) => {
    both(judged(literal('pg-admins'), connectAs, memberOf(undefined), 'postgresql_grant_role'), 'PGD-IAM-6');
  });

  test('the finding names the connectAs and what to do', () => {
    const lines = synthErrors(stackWith(literal('pg-admins'), variable('ca'), memberOf(undefined))).filter((line) => / PGD-IAM-6 /.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/role reporting is made a member of dba-team, which may be the role of an administrator .*connectAs of adminmaybe\/Access "var\.ca" is known only at apply time/);
  });

  test('PGD-IAM-11 takes a provider username that is the literal text of the token for another role', () => {
    // The provider signs in as the literal role "${var.ca}" ($${ escapes the interpolation), not as the administrator the variable names.
    const username: Add = (access) => access.provider.addOverride('username', '$${var.ca}');
    expect(synthErrors(stackWith(literal('pg-admins'), variable('ca'), username)).some((line) => / PGD-IAM-11 /.test(line))).toBe(true);
  });

  test('PGD-IAM-13 takes a grant to the literal role "${var.ca}" for no grant to the administrator', () => {
    const grant: Add = (access, stack) => new Grant(stack, 'Owner', { provider: access.provider, database: 'orders', role: '$${var.ca}', objectType: 'database', privileges: ['CREATE', 'CONNECT'], withGrantOption: true });
    both(judged(literal('pg-admins'), variable('ca'), grant, 'postgresql_grant.'), 'PGD-IAM-13');
  });

  describe('controls', () => {
    test.each<[string, Name, Name]>([
      ['a lookup connectAs, no raw membership', literal('pg-admins'), lookup],
      ['a variable connectAs, no raw membership', literal('pg-admins'), variable('ca')],
      ['a lookup administrator and the same kind of connectAs', lookup, lookup],
    ])('%s: passes', (_n, admin, connectAs) => {
      expect(judged(admin, connectAs, () => undefined)).toEqual({ synth: [], check: [] });
    });

    test('a token connectAs and memberships of roles the stack surely makes (its own group, a raw role) pass', () => {
      expect(judged(literal('pg-admins'), variable('ca'), memberOf(undefined, 'orders_readwrite', 'grant_role', undefined, true))).toEqual({ synth: [], check: [] });
      expect(judged(literal('pg-admins'), variable('ca'), memberOf({}, 'dba-team', 'grant_role', undefined, true))).toEqual({ synth: [], check: [] });
    });
  });
});

// 42nd run, A42a-1. A role block the stack surely makes was read as proof that a membership or label naming its role literally does not
// act on an administrator's role whose name is known only at apply time. Without a reference to the block or a depends_on on it,
// Terraform applies the membership or label beside the block: where the role is the administrator's, CREATE ROLE fails ("already
// exists") and the membership or label is applied to the administrator's role all the same. Only a block that waits for the role
// block (a reference, depends_on, directly or through a chain of the server's in-database blocks) counts the role as made.
describe('A42a-1: a made role is no proof for a membership or label that does not wait for its block', () => {
  const team = (access: DatabaseAccess, stack: TerraformStack, extra: { [key: string]: unknown } = {}, login = false) => {
    const made = new Role(stack, 'Team', { provider: access.provider, name: 'dba-team', login });
    Object.entries(extra).forEach(([key, value]) => made.addOverride(key, value));
    return made;
  };
  const groupOf = (access: DatabaseAccess, name: string) => access.node.findAll().find((child): child is Role => child instanceof Role && child.nameInput === name)!;

  test.each<[string, Name, Name, Add, string]>([
    ['grant_role "dba-team", token administrator', variable('adm'), literal('pg-admins'), memberOf({}), 'postgresql_grant_role'],
    ['roles = ["dba-team"], token administrator', variable('adm'), literal('pg-admins'), memberOf({}, 'dba-team', 'roles'), 'postgresql_role.Reporting'],
    ['grant_role "dba-team", token connectAs', literal('pg-admins'), variable('ca'), memberOf({}), 'postgresql_grant_role'],
    ['grant_role "dba-team", looked-up administrator', lookup, literal('pg-admins'), memberOf({}), 'postgresql_grant_role'],
    ['grant_role of a DatabaseAccess group role by its literal name', variable('adm'), literal('pg-admins'), memberOf(undefined, 'orders_readonly'), 'postgresql_grant_role'],
    ['grant_role "dba-team" of a for_each role block (each.key)', variable('adm'), literal('pg-admins'), memberOf({ for_each: '${toset(["dba-team"])}', name: '${each.key}' }), 'postgresql_grant_role'],
    ['a membership that waits for another role only', variable('adm'), literal('pg-admins'), (access, stack) => {
      team(access, stack);
      const other = new Role(stack, 'Other', { provider: access.provider, name: 'other', login: false });
      new GrantRole(stack, 'Member', { provider: access.provider, role: 'reporting', grantRole: 'dba-team', dependsOn: [other] });
    }, 'postgresql_grant_role'],
    ['a for_each membership whose grant_role is each.value over a literal map', variable('adm'), literal('pg-admins'), (access, stack) => {
      team(access, stack);
      new GrantRole(stack, 'Member', { provider: access.provider, role: 'reporting', grantRole: '${each.value}' }).addOverride('for_each', { a: 'dba-team' });
    }, 'postgresql_grant_role'],
    ['a membership that reads another instance of a for_each role block only', variable('adm'), literal('pg-admins'), (access, stack) => {
      team(access, stack, { for_each: '${{ a = "dba-team", b = "other" }}', name: '${each.value}' });
      new GrantRole(stack, 'Member', { provider: access.provider, role: '${postgresql_role.Team["b"].name}', grantRole: 'dba-team' });
    }, 'postgresql_grant_role'],
  ])('%s, nothing waiting for the role block: PGD-IAM-6 fails closed (synth and check)', (_n, admin, connectAs, add, type) => {
    both(judged(admin, connectAs, add, type), 'PGD-IAM-6');
  });

  test('the finding says the membership does not wait for the block', () => {
    const lines = synthErrors(stackWith(variable('adm'), literal('pg-admins'), memberOf({}))).filter((line) => / PGD-IAM-6 /.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/postgresql_grant_role\.Member does not wait for postgresql_role\.Team \(no reference to it, no depends_on\)/);
  });

  test.each<[string, Name, Name]>([
    ['token administrator', variable('adm'), literal('pg-admins')],
    ['token connectAs', literal('pg-admins'), variable('ca')],
  ])('PGD-IAM-7: a pgaadauth label on the literal name of a made login role, not waiting for it, fails closed (%s)', (_n, admin, connectAs) => {
    const label: Add = (access, stack) => {
      team(access, stack, {}, true);
      new SecurityLabel(stack, 'Map', { provider: access.provider, objectType: 'role', objectName: 'dba-team', labelProvider: 'pgaadauth', label: `aadauth,oid=${TEAM_PRINCIPAL},type=service` });
    };
    both(judged(admin, connectAs, label, 'postgresql_security_label'), 'PGD-IAM-7');
  });

  describe('controls: what waits for the role block, and literal administrators', () => {
    test.each<[string, Add]>([
      ['depends_on the role block', memberOf({}, 'dba-team', 'grant_role', undefined, true)],
      ['roles = ["dba-team"] with depends_on', memberOf({}, 'dba-team', 'roles', undefined, true)],
      ['a reference to the block', memberOf({}, '@ref')],
      ['depends_on a for_each role block', memberOf({ for_each: '${toset(["dba-team"])}', name: '${each.key}' }, 'dba-team', 'grant_role', undefined, true)],
      ['a chain: the grant reads a role that depends_on the block', (access, stack) => {
        const made = team(access, stack);
        const reporting = new Role(stack, 'Reporting', { provider: access.provider, name: 'reporting', login: false, dependsOn: [made] });
        new GrantRole(stack, 'Member', { provider: access.provider, role: reporting.name, grantRole: 'dba-team' });
      }],
      ['a for_each chained over the role block, grant_role each.value.name', (access, stack) => {
        team(access, stack, { for_each: '${toset(["dba-team"])}', name: '${each.key}' });
        new GrantRole(stack, 'Member', { provider: access.provider, role: 'reporting', grantRole: '${each.value.name}' }).addOverride('for_each', '${postgresql_role.Team}');
      }],
      ['a membership that reads the instance of the for_each role block', (access, stack) => {
        team(access, stack, { for_each: '${{ a = "dba-team", b = "other" }}', name: '${each.value}' });
        new GrantRole(stack, 'Member', { provider: access.provider, role: '${postgresql_role.Team["a"].name}', grantRole: 'dba-team' });
      }],
      ['depends_on the role block written with Terraform\'s optional resource. prefix (A88a-4)', (access, stack) => {
        team(access, stack);
        new GrantRole(stack, 'Member', { provider: access.provider, role: 'reporting', grantRole: 'dba-team' }).addOverride('depends_on', [`resource.${TEAM}`]);
      }],
      ['a DatabaseAccess group role by reference', (access, stack) => {
        new GrantRole(stack, 'Member', { provider: access.provider, role: 'reporting', grantRole: groupOf(access, 'orders_readonly').name });
      }],
      ['a pgaadauth label on the literal name with depends_on the login role', (access, stack) => {
        const made = team(access, stack, {}, true);
        new SecurityLabel(stack, 'Map', { provider: access.provider, objectType: 'role', objectName: 'dba-team', labelProvider: 'pgaadauth', label: `aadauth,oid=${TEAM_PRINCIPAL},type=service`, dependsOn: [made] });
      }],
    ])('token administrator and token connectAs, %s: passes', (_n, add) => {
      expect(judged(variable('adm'), variable('ca'), add)).toEqual({ synth: [], check: [] });
    });

    test('the construct\'s own roles, labels and memberships pass with a looked-up administrator and connectAs', () => {
      expect(judged(lookup, lookup, () => undefined)).toEqual({ synth: [], check: [] });
    });

    test('literal administrators: a membership and a label on the literal name of a made role, not waiting for it, pass as before', () => {
      expect(judged(literal('pg-admins'), literal('pg-admins'), memberOf({}))).toEqual({ synth: [], check: [] });
      const label: Add = (access, stack) => {
        team(access, stack, {}, true);
        new SecurityLabel(stack, 'Map', { provider: access.provider, objectType: 'role', objectName: 'dba-team', labelProvider: 'pgaadauth', label: `aadauth,oid=${TEAM_PRINCIPAL},type=service` });
      };
      expect(judged(literal('pg-admins'), literal('pg-admins'), label)).toEqual({ synth: [], check: [] });
    });
  });
});

describe('A43a-3: the documented groupRoleName grant beside an administrator named only at apply time', () => {
  const grantOf = (level: AccessLevel, via: 'grant_role' | 'roles' | 'for_each' = 'grant_role'): Add => (access, stack) => {
    const name = access.groupRoleName('orders', level);
    if (via === 'roles') {
      new Role(stack, 'Reporting', { provider: access.provider, name: 'reporting', login: false, roles: [name] });
      return;
    }
    const reporting = new Role(stack, 'Reporting', { provider: access.provider, name: 'reporting', login: false });
    const grant = new GrantRole(stack, 'Member', { provider: access.provider, role: reporting.name, grantRole: via === 'for_each' ? '${each.value}' : name });
    if (via === 'for_each') grant.addOverride('for_each', { r: name });
  };

  test('groupRoleName is a reference to the name of the group role block, which Terraform orders the grant after', () => {
    const stack = stackWith(literal('pg-admins'), literal('pg-admins'), () => undefined);
    const access = stack.node.findChild('Access') as DatabaseAccess;
    const group = access.node.findAll().find((child): child is Role => child instanceof Role && child.nameInput === 'orders_readwrite')!;
    new TerraformOutput(stack, 'ReadWrite', { value: access.groupRoleName('orders', AccessLevel.READ_WRITE) });
    new TerraformOutput(stack, 'Owner', { value: access.groupRoleName('orders', AccessLevel.OWNER) });
    const outputs = (stack.toTerraform() as { output: { [name: string]: { value: unknown } } }).output;
    expect(outputs.ReadWrite.value).toBe(`\${postgresql_role.${group.friendlyUniqueId}.name}`);
    expect(outputs.Owner.value).toMatch(/^\$\{postgresql_role\.Access_Database-orders_Group-owner_[0-9A-F]+\.name\}$/);
  });

  test.each<[string, Name, Name, Add]>([
    ['grant_role, read-only, token administrator', variable('adm'), literal('pg-admins'), grantOf(AccessLevel.READ_ONLY)],
    ['grant_role, read-write, token administrator and token connectAs', variable('adm'), variable('ca'), grantOf(AccessLevel.READ_WRITE)],
    ['grant_role, read-only, looked-up administrator', lookup, literal('pg-admins'), grantOf(AccessLevel.READ_ONLY)],
    ['a role\'s roles, read-only, token administrator', variable('adm'), literal('pg-admins'), grantOf(AccessLevel.READ_ONLY, 'roles')],
    ['grant_role each.value over a for_each map of it, token administrator', variable('adm'), literal('pg-admins'), grantOf(AccessLevel.READ_ONLY, 'for_each')],
    ['grant_role, read-only, literal administrator (as before)', literal('pg-admins'), literal('pg-admins'), grantOf(AccessLevel.READ_ONLY)],
  ])('%s: passes at synth and in check', (_n, admin, connectAs, add) => {
    expect(judged(admin, connectAs, add)).toEqual({ synth: [], check: [] });
  });

  test('the owner level through groupRoleName still fails PGD-IAM-13 beside a token administrator, and only it', () => {
    const found = judged(variable('adm'), literal('pg-admins'), grantOf(AccessLevel.OWNER));
    expect(found).toEqual({ synth: ['PGD-IAM-13'], check: ['PGD-IAM-13'] });
  });

  test('the group role\'s literal name, not waiting for its block, still fails PGD-IAM-6 closed; the finding and its Fix name the remedy', () => {
    both(judged(variable('adm'), literal('pg-admins'), memberOf(undefined, 'orders_readonly')), 'PGD-IAM-6');
    const lines = synthErrors(stackWith(variable('adm'), literal('pg-admins'), memberOf(undefined, 'orders_readonly'))).filter((line) => / PGD-IAM-6 /.test(line));
    expect(lines).toHaveLength(1);
    const [note, fix] = lines[0].split(' Fix: ');
    expect(note).toMatch(/does not wait for postgresql_role\.Access_Database-orders_Group-readonly_[0-9A-F]+ .*name the role through its block's name or add depends_on on it \(a DatabaseAccess group role: groupRoleName\(\.\.\.\)\)/);
    expect(fix).toMatch(/depends_on/);
    expect(fix).toMatch(/groupRoleName/);
  });
});
