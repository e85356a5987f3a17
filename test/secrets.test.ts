import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import * as ts from 'typescript';
import {
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  SecureSingleServerProps,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
} from '../lib';
import { splitTemplate } from '../lib/checks/value-readers';
import { GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, KEY_ID, KEY_VAULT_ID, minimalProps, minimalSingleProps, PRIVATE_LINK_ZONE_ID, SUBNET_ID, SUBSCRIPTION, VNET_ZONE_ID } from './helpers';

// No secret may appear in synthesized Terraform JSON: not in the examples, not in any stack the
// constructs build. A scanner reads every value of the JSON for (1) attributes, variables and
// locals named like a secret that hold anything but a "${...}" reference, (2) outputs of a secret
// that are not sensitive, (3) PEM blocks, and (4) strings that look generated (random passwords,
// base64 or hex key material). Then: the API has no prop that takes a password, the props named
// after one refuse a literal password, and nothing a caller adds brings one to the output.

// ---------------------------------------------------------------------------------------------
// The scanner
// ---------------------------------------------------------------------------------------------

/** Names of attributes that carry a secret, not of the *_version, *_enabled, *_id ... attributes beside them. */
function isSecretName(key: string, resourceType?: string): boolean {
  if (/_wo$/.test(key)) return true;
  if (resourceType === 'azurerm_key_vault_secret' && key === 'value') return true;
  return /password|secret|passphrase|private_?key|client_secret|access_key|connection_string|sas_token/i.test(key)
    && !/(_version|_enabled|_id|_ids|_name|_type|_method|_length|_uri|_url|_count)$/i.test(key);
}

/** A whole "${...}" reference (several joined are fine), with no literal text around it. */
function isReferenceOnly(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const { literal, interpolations } = splitTemplate(value);
  return literal === '' && interpolations > 0;
}

const PEM = /-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE|PUBLIC KEY|KEY)-----/;

/** lower, upper, digit or other: random strings change class far more often than names do. */
const charClass = (c: string) => (/[a-z]/.test(c) ? 'l' : /[A-Z]/.test(c) ? 'u' : /[0-9]/.test(c) ? 'd' : 'o');

function classChanges(value: string): number {
  let changes = 0;
  for (let i = 1; i < value.length; i++) if (charClass(value[i - 1]) !== charClass(value[i])) changes++;
  return changes / Math.max(1, value.length - 1);
}

/**
 * Strings that look generated: hex key material, and strings of lower case, upper case and digits
 * that change character class as often as random ones do, as a whole or between the separators
 * names use ("GP_Standard_D2ds_v5" and "Postgres_Server_7CDD8A78" are names; "kzMGy7QTp!VWxN"
 * is not). IDs, URLs and references are not judged.
 */
function looksGenerated(value: string): boolean {
  if (value.length < 16 || /\s/.test(value) || value.includes('${') || /^(\/subscriptions\/|https?:\/\/)/i.test(value)) return false;
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  if (!(/[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value))) return false;
  const segments = value.split(/[-_./:@=,%+#]+/);
  if (segments.some((segment) => segment.length >= 8 && new Set([...segment].map(charClass)).size >= 3 && classChanges(segment) >= 0.35)) return true;
  const longestRun = Math.max(...(value.match(/[a-z]+|[A-Z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? ['']).map((run) => run.length));
  return classChanges(value) >= 0.6 && longestRun <= 4;
}

/** References whose value is a secret: an output of one must be sensitive. */
const SECRET_REFERENCE = /\$\{[^}]*(random_password\.[^.}]+\.(result|bcrypt_hash)|azurerm_key_vault_secret\.[^.}]+\.value)[^}]*\}/;

/** Every secret the JSON shows, each as "<where>: <what>". */
function findSecrets(terraform: { [key: string]: any }): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string, resourceType: string | undefined, inMetadata: boolean) => {
    if (typeof node === 'string') {
      if (PEM.test(node)) found.push(`${path}: a PEM block`);
      if (!inMetadata && looksGenerated(node)) found.push(`${path}: ${JSON.stringify(node)} looks generated`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const at = Array.isArray(node) ? `${path}[${key}]` : `${path}.${key}`;
      if (!Array.isArray(node) && isSecretName(key, resourceType) && value !== null && typeof value !== 'object' && !isReferenceOnly(value)) {
        found.push(`${at}: ${JSON.stringify(value)} is not a reference`);
      }
      visit(value, at, resourceType, inMetadata || key === '//');
    }
  };
  for (const [section, content] of Object.entries(terraform)) {
    if (section === 'resource' || section === 'data') {
      for (const [type, blocks] of Object.entries(content as object)) {
        for (const [name, block] of Object.entries(blocks as object)) visit(block, `${section}.${type}.${name}`, type, false);
      }
    } else {
      visit(content, section, undefined, section === '//');
    }
  }
  for (const [name, output] of Object.entries((terraform.output ?? {}) as { [name: string]: { value: unknown; sensitive?: boolean } })) {
    if (SECRET_REFERENCE.test(JSON.stringify(output.value)) && output.sensitive !== true) found.push(`output.${name}: a secret, not marked sensitive`);
  }
  for (const [name, variable] of Object.entries((terraform.variable ?? {}) as { [name: string]: { default?: unknown; sensitive?: boolean } })) {
    if (!isSecretName(name)) continue;
    if (variable.sensitive !== true) found.push(`variable.${name}: a secret, not marked sensitive`);
    if (variable.default !== undefined) found.push(`variable.${name}: a secret with a default value`);
  }
  for (const [name, value] of Object.entries((terraform.locals ?? {}) as object)) {
    if (isSecretName(name) && !isReferenceOnly(value)) found.push(`locals.${name}: a literal secret`);
  }
  return found;
}

/** A password as random_password generates it for the constructs: 32 characters, 2+ of each class. */
const generatedPassword = fc
  .tuple(
    fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'-_.~!*'), { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!*'), { minLength: 24, maxLength: 24 }),
  )
  .chain((parts) => fc.shuffledSubarray(parts.flat(), { minLength: 32, maxLength: 32 }))
  .map((chars) => chars.join(''));

describe('the scanner finds what it looks for', () => {
  test.each<[string, object]>([
    ['a literal administrator password', { resource: { azurerm_postgresql_flexible_server: { db: { administrator_password: 'Sup3rS3cret!' } } } }],
    ['a literal in a write-only attribute', { resource: { azurerm_postgresql_server: { db: { administrator_login_password_wo: 'Sup3rS3cret!' } } } }],
    ['literal text around a reference', { resource: { azurerm_postgresql_server: { db: { administrator_login_password: 'P@ss${var.suffix}' } } } }],
    ['a Key Vault secret value', { resource: { azurerm_key_vault_secret: { s: { value: 'hunter2' } } } }],
    ['a private key', { resource: { tls_cert: { c: { note: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...' } } } }],
    ['a base64 key', { locals: { note: 'q8Lr3ZpX9vKd2YtB7nWc4MfA1sHe6JgU0oRi5TlQ=' } }],
    ['a hex key', { resource: { x: { y: { tag: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' } } } }],
    ['an output of the generated password', { output: { pw: { value: '${random_password.p.result}' } } }],
    ['a password variable with a default', { variable: { db_password: { type: 'string', sensitive: true, default: 'x' } } }],
  ])('%s', (_, terraform) => {
    expect(findSecrets(terraform)).not.toEqual([]);
  });

  test('at least 99% of generated passwords, anywhere in the JSON', () => {
    // A heuristic: a few random strings look like names (e.g. mostly one case between separators).
    const passwords = fc.sample(generatedPassword, { numRuns: 2000, seed: 99 });
    const found = passwords.filter((password) => findSecrets({ resource: { azurerm_resource_group: { rg: { tags: { note: password } } } } }).length === 1);
    expect(found.length / passwords.length).toBeGreaterThanOrEqual(0.99);
  });

  test('references, IDs, names and settings pass', () => {
    const terraform = {
      resource: {
        azurerm_postgresql_flexible_server: {
          db: {
            administrator_password_wo: '${random_password.p.result}',
            administrator_password_wo_version: 1,
            authentication: { password_auth_enabled: true },
            sku_name: 'MO_Standard_E96ads_v5',
            customer_managed_key: { key_vault_key_id: `${KEY_ID}/0123456789abcdef0123456789abcdef` },
            tags: { costCenter: 'CC-2024-Q3-Finance' },
          },
        },
        azurerm_key_vault_secret: { s: { value_wo: '${random_password.p.result}', name: 'orders-db-administrator-password' } },
      },
      output: { secret_id: { value: '${azurerm_key_vault_secret.s.id}' }, pw: { value: '${random_password.p.result}', sensitive: true } },
    };
    expect(findSecrets(terraform)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every example, and many stacks the constructs build
// ---------------------------------------------------------------------------------------------

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
  test('its synthesized JSON holds no secret', () => {
    const stack = new (loadStackClass(name))(Testing.app(), name);
    const synthesized = JSON.parse(Testing.synth(stack, true));
    expect(findSecrets(synthesized)).toEqual([]);
    // The "//" comment (suppressions, construct paths) is in the JSON that `cdktf synth` writes.
    expect(findSecrets(stack.toTerraform())).toEqual([]);
  });
});

const REASON = 'SEC-123: accepted by the security team until 2027-03';

function stackWith(build: (stack: TerraformStack) => void): { [key: string]: any } {
  const stack = new TerraformStack(Testing.app(), 'secrets');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  Testing.synth(stack, true);
  return stack.toTerraform();
}

const FLEXIBLE_NETWORKS: [string, () => FlexibleServerNetwork][] = [
  ['vnetIntegration', () => FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: SUBNET_ID.replace(/\/subnets\/.*$/, ''), subnetAddressPrefix: '10.0.1.0/28' })],
  ['existingVnetIntegration', () => FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID })],
  ['privateEndpoint', () => FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID })],
  ['publicAccess', () => FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }], allowAzureServices: true, justification: REASON })],
];
const FLEXIBLE_AUTHENTICATION: [string, (stack: TerraformStack) => FlexibleServerAuthentication | undefined][] = [
  ['the default', () => undefined],
  ['Entra only', () => FlexibleServerAuthentication.entraOnly()],
  ['a password', () => FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON })],
  ['a password in Key Vault, rotated', () => FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, passwordVersion: 7, keyVaultResourceId: KEY_VAULT_ID })],
  [
    'a password with a token version and vault',
    (stack) => FlexibleServerAuthentication.entraAndPassword({
      administratorLogin: 'pgadmin_ops',
      justification: REASON,
      passwordVersion: new TerraformVariable(stack, 'password_version', { type: 'number' }).numberValue,
      keyVaultResourceId: new TerraformVariable(stack, 'key_vault_id', { type: 'string' }).stringValue,
    }),
  ],
];
const FLEXIBLE_EXTRAS: [string, Partial<SecureFlexibleServerProps>][] = [
  ['defaults', {}],
  [
    'a customer-managed key, a lock, databases and tags',
    {
      customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID },
      deletionProtection: { lock: true },
      databases: [{ name: 'orders' }, { name: 'audit', collation: 'C' }],
      tags: { environment: 'production', owner: 'dba-team' },
    },
  ],
];

describe('stacks built by SecureFlexibleServer hold no secret', () => {
  const cases = FLEXIBLE_NETWORKS.flatMap(([network, makeNetwork]) =>
    FLEXIBLE_AUTHENTICATION.flatMap(([authentication, makeAuthentication]) =>
      FLEXIBLE_EXTRAS.map(([extras, props]) => [`${network}, ${authentication}, ${extras}`, makeNetwork, makeAuthentication, props] as const)));

  test.each(cases)('%s', (_, makeNetwork, makeAuthentication, props) => {
    const terraform = stackWith((stack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: makeNetwork(), authentication: makeAuthentication(stack), ...props }));
    });
    expect(findSecrets(terraform)).toEqual([]);
  });
});

const LIVE_SERVER_ID = `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`;
const SINGLE_NETWORKS: [string, () => SingleServerNetwork][] = [
  ['privateEndpoint', () => SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID })],
  ['privateEndpoint with a hub zone', () => SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID })],
  [
    'publicAccess',
    () => SingleServerNetwork.publicAccess({
      allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }],
      virtualNetworkRules: [{ name: 'app', subnetResourceId: SUBNET_ID }],
      privateEndpoint: { subnetResourceId: SUBNET_ID },
      justification: REASON,
    }),
  ],
];
const SINGLE_PASSWORDS: [string, Partial<SecureSingleServerProps>][] = [
  ['a new server', {}],
  ['a new server, password in Key Vault, rotated', { passwordVersion: 4, passwordKeyVaultResourceId: KEY_VAULT_ID }],
  ['an adopted server keeping its password', { adoption: { serverResourceId: LIVE_SERVER_ID, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true } }],
  [
    'an adopted server, password rotated into Key Vault',
    {
      adoption: { serverResourceId: LIVE_SERVER_ID, infrastructureEncryptionEnabled: false, geoRedundantBackupEnabled: false, rotateAdministratorPassword: true, justification: REASON },
      passwordVersion: 2,
      passwordKeyVaultResourceId: KEY_VAULT_ID,
    },
  ],
];

describe('stacks built by SecureSingleServer hold no secret', () => {
  const cases = SINGLE_NETWORKS.flatMap(([network, makeNetwork]) => SINGLE_PASSWORDS.map(([password, props]) => [`${network}, ${password}`, makeNetwork, props] as const));

  test.each(cases)('%s', (_, makeNetwork, props) => {
    const terraform = stackWith((stack) => {
      new SecureSingleServer(stack, 'Legacy', singleProps({ network: makeNetwork(), sku: SingleServerSku.GP_GEN5_4, version: SingleServerVersion.V11, storageMb: 102400, ...props }));
    });
    expect(findSecrets(terraform)).toEqual([]);
  });
});

const singleProps = minimalSingleProps;

// ---------------------------------------------------------------------------------------------
// No prop takes a password; the props named after one refuse a literal password
// ---------------------------------------------------------------------------------------------

/** Every property name reachable from a props interface (nested options and factory parameters included), with its type. */
function propNames(interfaceName: string): Map<string, string> {
  const index = join(__dirname, '..', 'lib', 'index.ts');
  const program = ts.createProgram([index], { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === interfaceName)!;
  const names = new Map<string, string>();
  const seen = new Set<ts.Type>();
  const visit = (raw: ts.Type, path: string) => {
    const type = checker.getNonNullableType(raw);
    if (seen.has(type) || type.getSymbol()?.name === 'ITerraformDependable') return;
    seen.add(type);
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
    if (element) return visit(element, `${path}[0]`);
    const declaration = type.getSymbol()?.valueDeclaration ?? type.getSymbol()?.declarations?.[0];
    if (declaration && ts.isClassDeclaration(declaration)) {
      for (const member of declaration.members) {
        if (!ts.isMethodDeclaration(member) || !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
        for (const parameter of member.parameters) {
          const name = `${path}.${(member.name as ts.Identifier).text}.${(parameter.name as ts.Identifier).text}`;
          const parameterType = checker.getTypeAtLocation(parameter);
          names.set(name, checker.typeToString(checker.getNonNullableType(parameterType)));
          visit(parameterType, `${path}.${(member.name as ts.Identifier).text}`);
        }
      }
      return;
    }
    if (!(type.flags & ts.TypeFlags.Object)) return;
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyType = checker.getTypeOfSymbolAtLocation(property, property.valueDeclaration ?? property.declarations![0]);
      const name = path === '' ? property.name : `${path}.${property.name}`;
      names.set(name, checker.typeToString(checker.getNonNullableType(propertyType)));
      visit(propertyType, name);
    }
  };
  visit(checker.getDeclaredTypeOfSymbol(exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported), '');
  return names;
}

describe('no prop takes a password', () => {
  const SECRET_WORD = /password|secret|credential|passphrase|connectionstring/i;

  test.each([
    ['SecureFlexibleServerProps', { 'authentication.entraAndPassword.passwordVersion': 'number' }],
    ['SecureSingleServerProps', { passwordVersion: 'number', passwordKeyVaultResourceId: 'string', 'adoption.rotateAdministratorPassword': 'boolean' }],
  ])('%s: the only props named after a password are a version, a Key Vault ID and a rotation flag', (name, expected) => {
    const named = [...propNames(name)].filter(([path]) => SECRET_WORD.test(path.split('.').pop()!));
    expect(Object.fromEntries(named)).toEqual(expected);
  }, 30_000);

  const LITERAL_PASSWORD = 'Sup3rS3cret!2024';

  test.each<[string, () => void, string]>([
    [
      'Flexible authentication.entraAndPassword.passwordVersion',
      () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 's'), 'P', minimalProps({
        authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, passwordVersion: LITERAL_PASSWORD as never }),
      })),
      `Invalid authentication.entraAndPassword.passwordVersion: "${LITERAL_PASSWORD}" is not a number. Fix: give a number.`,
    ],
    [
      'Flexible authentication.entraAndPassword.keyVaultResourceId',
      () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 's'), 'P', minimalProps({
        authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, keyVaultResourceId: LITERAL_PASSWORD }),
      })),
      `Invalid authentication.entraAndPassword.keyVaultResourceId: "${LITERAL_PASSWORD}" is not a Key Vault resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>.`,
    ],
    [
      'Single passwordVersion',
      () => new SecureSingleServer(new TerraformStack(Testing.app(), 's'), 'L', singleProps({ passwordVersion: LITERAL_PASSWORD as never })),
      `Invalid passwordVersion: "${LITERAL_PASSWORD}" is not a number. Fix: give a number.`,
    ],
    [
      'Single passwordKeyVaultResourceId',
      () => new SecureSingleServer(new TerraformStack(Testing.app(), 's'), 'L', singleProps({ passwordKeyVaultResourceId: LITERAL_PASSWORD })),
      `Invalid passwordKeyVaultResourceId: "${LITERAL_PASSWORD}" is not a Key Vault resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>.`,
    ],
  ])('%s refuses a literal password', (_, build, message) => {
    expect(build).toThrow(new Error(message));
  });

  test.each<[string, () => void, string]>([
    [
      'Flexible administratorPassword',
      () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 's'), 'P', minimalProps({ administratorPassword: LITERAL_PASSWORD } as never)),
      'administratorPassword: (a string) is not a prop of SecureFlexibleServerProps',
    ],
    [
      'Flexible entraAndPassword password',
      () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 's'), 'P', minimalProps({
        authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, password: LITERAL_PASSWORD } as never),
      })),
      'authentication.entraAndPassword.password: (a string) is not a prop of PasswordAuthenticationOptions',
    ],
    [
      'Single administratorLoginPassword',
      () => new SecureSingleServer(new TerraformStack(Testing.app(), 's'), 'L', singleProps({ administratorLoginPassword: LITERAL_PASSWORD } as never)),
      'administratorLoginPassword: (a string) is not a prop of SecureSingleServerProps',
    ],
  ])('a password prop a JavaScript caller adds (%s) is refused, and the error does not show it', (_, build, start) => {
    let error = new Error('expected an error');
    try {
      build();
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(error).toMatchObject({ code: 'PROP-UNKNOWN' });
    expect(error.message.startsWith(`Invalid ${start}. Fix: `)).toBe(true);
    expect(error.message).not.toContain(LITERAL_PASSWORD);
  });

  test.each<[string, (stack: TerraformStack) => void, RegExp]>([
    [
      'administrator_password_wo on SecureFlexibleServer',
      (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON }) }))
        .server.addOverride('administrator_password_wo', LITERAL_PASSWORD),
      /azurerm_postgresql_flexible_server\.Postgres_Server_[0-9A-F]+ PGF-IAM-4 administrator_password_wo is a literal, so the password is written in the configuration\./,
    ],
    [
      'administrator_password on SecureFlexibleServer',
      (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()).server.addOverride('administrator_password', LITERAL_PASSWORD),
      /PGF-IAM-4 administrator_password is a literal, so the password is written in the configuration\./,
    ],
    [
      'administrator_login_password_wo on SecureSingleServer',
      (stack) => new SecureSingleServer(stack, 'Legacy', singleProps({})).server.addOverride('administrator_login_password_wo', LITERAL_PASSWORD),
      /azurerm_postgresql_server\.Legacy_Server_[0-9A-F]+ PGS-IAM-2 administrator_login_password_wo is a literal, so the password is written in the configuration\./,
    ],
  ])('an override that writes a literal password into %s fails synth', (_, build, finding) => {
    const stack = new TerraformStack(Testing.app(), 'secrets');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    build(stack);
    expect(() => Testing.synth(stack, true)).toThrow(finding);
  });
});
