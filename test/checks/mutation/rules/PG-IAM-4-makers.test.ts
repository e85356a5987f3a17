// PG-IAM-4 beyond its own tests: the passwords of a DatabaseAccess of the server (its own
// resources read them; anything else copies them; another server's are not this server's), and
// which resource a provider's finding is shown on (its first user, by alias or as the default).
import { providerConfigurations } from '../../../../lib/checks/provider-facts';
import { Verdict } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-IAM-4';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from '../../beside-fixtures';
import { declaredAccess } from '../../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';

const ACCESS = 'stack/Access';
const GENERATOR = 'random_password.app';

function verdicts(resources: Resources, providers: object = {}, declarations = [declaredAccess()]): readonly Verdict[] {
  const terraform = {
    resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } }, ...resources },
    provider: providers,
  };
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, {
    postgresqlProviders: new Map(), resources: model.resources, constructs: [CONSTRUCT], providers: providerConfigurations(terraform), declaredAccess: declarations,
  });
  return Array.isArray(result) ? result : [result as Verdict];
}
/** The password of the DatabaseAccess login "app", and its role and secret, as the construct makes them. */
const accessPassword: Resources = {
  random_password: { app: { ...madeAt(`${ACCESS}/Login-app/Password`), length: 32 } },
  postgresql_role: { app: { ...madeAt(`${ACCESS}/Login-app/Role`), name: 'app', login: true, password_wo: `\${${GENERATOR}.result}` } },
};

describe('the passwords of a DatabaseAccess of the server', () => {
  test('its own resources read them', () => {
    expect(verdicts(accessPassword)).toEqual([{ status: 'pass' }]);
  });

  test('any other resource copies them, naming the DatabaseAccess that generates them', () => {
    expect(verdicts({ ...accessPassword, local_file: { f: { ...madeAt('stack/f'), filename: 'pw', content: `\${${GENERATOR}.result}` } } })).toEqual([{
      status: 'fail',
      message: `local_file.f reads ${GENERATOR}, a password ${ACCESS} generates, and copies it where no rule of the pack judges who can read it.`,
      address: 'local_file.f',
    }]);
  });

  test('a DatabaseAccess of another server does not make this server\'s passwords', () => {
    const copied = { ...accessPassword, local_file: { f: { ...madeAt('stack/f'), filename: 'pw', content: `\${${GENERATOR}.result}` } } };
    expect(verdicts(copied, {}, [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'not-applicable', note: 'the construct generates no password for the server' }]);
  });
});

describe('the resource a provider\'s finding is shown on', () => {
  const ADMIN = 'random_password.admin';
  const adminPassword: Resources = { random_password: { admin: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Password`), length: 32 } } };
  const sent = (key: string, user: string) => ({
    status: 'fail',
    message: `provider ${key} reads ${ADMIN}, a password ${CONSTRUCT} generates, and sends it to whatever it signs in to for ${user}; no rule of the pack judges where.`,
    address: user,
  });

  test('an aliased provider\'s first user names it; resources of the default provider are not its users', () => {
    const resources = { ...adminPassword, postgresql_role: { a: { name: 'a' }, z: { name: 'z', provider: 'postgresql.elsewhere' }, m: { name: 'm', provider: 'postgresql.elsewhere' } } };
    expect(verdicts(resources, { postgresql: [{ alias: 'elsewhere', host: 'h', password: `\${${ADMIN}.result}` }] }, [])).toEqual([sent('postgresql.elsewhere', 'postgresql_role.m')]);
  });

  test('the default provider\'s users are the resources of its type that name no provider', () => {
    const resources = { ...adminPassword, restapi_object: { a: { path: '/a', data: '{}', provider: 'restapi.other' }, z: { path: '/z', data: '{}' }, m: { path: '/m', data: '{}' } } };
    expect(verdicts(resources, { restapi: [{ uri: 'https://x', password: `\${${ADMIN}.result}` }] }, [])).toEqual([sent('restapi', 'restapi_object.m')]);
  });
});
