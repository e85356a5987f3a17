// 89th run, A89a-3: a workload given the construct's password secret by its data-plane address (an App Service Key Vault reference
// with the secret's URL, or by vault and secret names) reads its value as one given a reference to the secret does, which fails
// PG-CFG-8; the address passed.
import { rule } from '../../lib/checks/rules/PG-CFG-8';
import { ADMIN_SECRET_NAME, ADMIN_SECRET_VAULT, GENERATED_PASSWORD, madeAt, passwordStackFindings } from './beside-fixtures';

const app = (setting: string) => ({
  azurerm_linux_web_app: { w: { ...madeAt('stack/app'), name: 'w', resource_group_name: 'rg-app', location: 'westeurope', service_plan_id: '${var.plan}', site_config: [{}], identity: [{ type: 'SystemAssigned' }], app_settings: { PGPASSWORD: setting } } },
});
const judged = (setting: string) => passwordStackFindings(rule, { resource: app(setting), variable: { plan: {}, vault: {}, name: {} } });

test.each([
  ['the secret\'s URL', `@Microsoft.KeyVault(SecretUri=https://kv-postgres.vault.azure.net/secrets/${ADMIN_SECRET_NAME}/)`],
  ['its URL with a version, the name in another case', `@Microsoft.KeyVault(SecretUri=https://kv-postgres.vault.azure.net/secrets/${ADMIN_SECRET_NAME.toUpperCase()}/0123)`],
  ['the vault and secret names', `@Microsoft.KeyVault(VaultName=kv-postgres;SecretName=${ADMIN_SECRET_NAME})`],
  ['a vault known only later', `@Microsoft.KeyVault(SecretUri=https://\${var.vault}.vault.azure.net/secrets/${ADMIN_SECRET_NAME}/)`],
  ['a name known only later', '@Microsoft.KeyVault(VaultName=kv-postgres;SecretName=${var.name})'],
  // 90th run, A90a-2.
  ['the names in another order', `@Microsoft.KeyVault(SecretName=${ADMIN_SECRET_NAME};VaultName=kv-postgres)`],
  ['the names with a version between them', `@Microsoft.KeyVault(VaultName=kv-postgres;SecretVersion=;SecretName=${ADMIN_SECRET_NAME})`],
  ['a vault URL whose path is known only later', '@Microsoft.KeyVault(SecretUri=https://kv-postgres.vault.azure.net/${var.name})'],
])('a workload given %s fails PG-CFG-8', (_name, setting) => {
  expect(judged(setting)).toEqual([['fail', 'azurerm_linux_web_app.w']]);
});

test.each([
  ['another secret\'s URL', '@Microsoft.KeyVault(SecretUri=https://kv-postgres.vault.azure.net/secrets/app-api-key/)'],
  ['the secret\'s name in another vault', `@Microsoft.KeyVault(VaultName=kv-other;SecretName=${ADMIN_SECRET_NAME})`],
  ['a URL of an API', 'https://api.example.com/${var.name}/v1'],
])('a workload given %s passes', (_name, setting) => {
  expect(judged(setting)).toEqual([]);
});

// 90th run, A90a-3: other services name the secret they read by its name, the vault in another block (a Data Factory Key Vault
// linked service's key_vault_id): a linked service's `secret_name` or `secretName`, a CSI SecretProviderClass's `objectName`.
describe('a service that names the secret by its name', () => {
  const blocks = (resources: object) => passwordStackFindings(rule, { resource: resources, variable: { name: {} } });
  const factory = (secretName: string) => ({
    azurerm_data_factory_linked_custom_service: { pg: { ...madeAt('stack/df'), name: 'pg', data_factory_id: '${var.df}', type: 'AzurePostgreSql',
      type_properties_json: JSON.stringify({ connectionString: 'host=x;database=orders;uid=pgadmin', password: { type: 'AzureKeyVaultSecret', store: { referenceName: 'kvls', type: 'LinkedServiceReference' }, secretName } }) } },
  });
  const csi = (objectName: string) => ({
    kubernetes_manifest: { spc: { ...madeAt('stack/k8s'), manifest: { apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'pg' },
      spec: { provider: 'azure', parameters: { keyvaultName: 'kv-postgres', objects: `array:\n  - |\n    objectName: ${objectName}\n    objectType: secret\n` } } } } },
  });
  test.each([
    ['a Data Factory linked service\'s secretName', factory(ADMIN_SECRET_NAME), 'azurerm_data_factory_linked_custom_service.pg'],
    ['one known only later', factory('${var.name}'), 'azurerm_data_factory_linked_custom_service.pg'],
    ['a CSI SecretProviderClass\'s objectName', csi(ADMIN_SECRET_NAME), 'kubernetes_manifest.spc'],
  ])('%s fails PG-CFG-8', (_name, resources, address) => {
    expect(blocks(resources)).toEqual([['fail', address]]);
  });
  test.each([
    ['a Data Factory linked service of another secret', factory('app-api-key')],
    ['a CSI SecretProviderClass of another secret', csi('app-api-key')],
  ])('%s passes', (_name, resources) => {
    expect(blocks(resources)).toEqual([]);
  });
});

// Left by the 90th run: a `key_vault_id` places a key or secret of its own in the vault, but other types point at the whole vault
// by it (a Data Factory Key Vault linked service reads any secret by name; Azure gives a Machine Learning workspace's or AI
// Foundry hub's identity the vault's secrets), and fail PG-CFG-8 as any other type that names the construct's vault does.
describe('a block whose key_vault_id is the construct\'s vault', () => {
  const at = (type: string, config: object) => passwordStackFindings(rule, { resource: { [type]: { x: { ...madeAt('stack/x'), ...config, key_vault_id: ADMIN_SECRET_VAULT } } } });
  const named = { name: 'x', location: 'westeurope', resource_group_name: 'rg' };

  test.each([
    ['azurerm_data_factory_linked_service_key_vault', { name: 'kvls', data_factory_id: '${var.df}' }],
    ['azurerm_machine_learning_workspace', { ...named, application_insights_id: '${var.ai}', storage_account_id: '${var.sa}', identity: [{ type: 'SystemAssigned' }] }],
    ['azurerm_ai_foundry', { ...named, storage_account_id: '${var.sa}', identity: [{ type: 'SystemAssigned' }] }],
  ])('%s, which reads the vault\'s secrets, fails', (type, config) => {
    expect(at(type, config)).toEqual([['fail', `${type}.x`]]);
  });

  test.each([
    ['azurerm_key_vault_secret', { name: 'app-api-key', value_wo: '${var.key}' }],
    ['azurerm_key_vault_key', { name: 'app-key', key_type: 'RSA', key_size: 2048, key_opts: ['wrapKey'] }],
    ['azurerm_key_vault_certificate_contacts', { contact: [{ email: 'sec@example.com' }] }],
    ['azurerm_storage_account_customer_managed_key', { storage_account_id: '${var.sa}', key_name: 'app-key' }],
    ['azurerm_app_service_certificate', { ...named, key_vault_secret_id: 'https://kv-postgres.vault.azure.net/secrets/app-tls/' }],
  ])('%s, a child of its own or the one key it names, passes', (type, config) => {
    expect(at(type, config)).toEqual([]);
  });
});

// 94th run, A94b-1: the secret's path after an interpolation that writes its vault's URL (`${<vault>.vault_uri}secrets/<name>`, as
// the azurerm docs write it) names the secret in any vault; an App Service reference whose URI an interpolation begins may be any secret.
describe('a secret URL whose vault an interpolation writes', () => {
  const blocks = (resources: object) => passwordStackFindings(rule, { resource: resources, variable: { vault_uri: {}, uri: {} },
    data: { azurerm_key_vault: { v: { name: 'kv-postgres', resource_group_name: 'rg-keys' } } } });
  const namedValue = (secretId: string) => ({
    azurerm_api_management_named_value: { nv: { ...madeAt('stack/apim'), name: 'pw', resource_group_name: 'rg-app', api_management_name: 'apim', display_name: 'pw', secret: true, value_from_key_vault: [{ secret_id: secretId }] } },
  });
  const containerApp = (secretId: string) => ({
    azurerm_container_app: { ca: { ...madeAt('stack/ca'), name: 'ca', resource_group_name: 'rg-app', container_app_environment_id: '${var.uri}', revision_mode: 'Single', identity: [{ type: 'SystemAssigned' }],
      secret: [{ name: 'pw', identity: 'System', key_vault_secret_id: secretId }],
      template: [{ container: [{ name: 'c', image: 'nginx', cpu: 0.25, memory: '0.5Gi', env: [{ name: 'PGPASSWORD', secret_name: 'pw' }] }] }] } },
  });
  test.each([
    ['an App Service reference to the vault lookup\'s vault_uri', app(`@Microsoft.KeyVault(SecretUri=\${data.azurerm_key_vault.v.vault_uri}secrets/${ADMIN_SECRET_NAME}/)`), 'azurerm_linux_web_app.w'],
    ['an API Management named value of a variable\'s vault URI', namedValue(`\${var.vault_uri}secrets/${ADMIN_SECRET_NAME}`), 'azurerm_api_management_named_value.nv'],
    ['a Container App secret of a variable\'s vault URI, "/" between', containerApp(`\${var.vault_uri}/secrets/${ADMIN_SECRET_NAME}`), 'azurerm_container_app.ca'],
  ])('%s fails PG-CFG-8', (_name, resources, address) => {
    expect(blocks(resources)).toEqual([['fail', address]]);
  });
  test.each([
    ['another secret', namedValue('${var.vault_uri}secrets/app-api-key')],
    ['a key', namedValue('${var.vault_uri}keys/cmk')],
    ['another secret of the stack by its versionless ID', {
      ...app('@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.api.versionless_id})'),
      azurerm_key_vault_secret: { api: { ...madeAt('stack/api'), name: 'app-api-key', key_vault_id: '${var.app_vault}', value_wo: '${var.api_key}' } },
    }],
    ['a URI a variable gives (as for any other reference a workload is given)', app('@Microsoft.KeyVault(SecretUri=${var.uri})')],
  ])('a reference to %s passes', (_name, resources) => {
    expect(blocks(resources)).toEqual([]);
  });
});

// 94th run, A94b-2: services that pull the secret by its name under keys of their own, or that are given its vault by name or bare
// URL and read any secret there, read its value as the services above do. A block that names the vault for one item of it (a key)
// names it for that item only.
describe('a service given the secret\'s vault by name or URL, or its name under another key', () => {
  const blocks = (resources: object) => passwordStackFindings(rule, { resource: resources });
  const manifest = (address: string, body: object) => ({ kubernetes_manifest: { [address]: { ...madeAt('stack/k8s'), manifest: { apiVersion: 'external-secrets.io/v1beta1', ...body } } } });
  const dapr = (vaultName: string) => ({
    azurerm_container_app_environment_dapr_component: { d: { ...madeAt('stack/dapr'), name: 'kv', container_app_environment_id: '/x', component_type: 'secretstores.azure.keyvault', version: 'v1',
      metadata: [{ name: 'vaultName', value: vaultName }, { name: 'azureClientId', value: '00000000-0000-0000-0000-000000000001' }] } },
  });
  const helm = (set: object[]) => ({ helm_release: { h: { ...madeAt('stack/helm'), name: 'spc', chart: './spc', set } } });
  test.each([
    ['an Azure DevOps variable group of the vault mapping the secret', {
      azuredevops_variable_group: { vg: { ...madeAt('stack/ado'), project_id: 'p', name: 'db', allow_access: true, key_vault: [{ name: 'kv-postgres', service_endpoint_id: 'se' }], variable: [{ name: ADMIN_SECRET_NAME }] } },
    }, 'azuredevops_variable_group.vg'],
    ['an ExternalSecret\'s remoteRef.key', manifest('es', { kind: 'ExternalSecret', metadata: { name: 'pg', namespace: 'default' },
      spec: { secretStoreRef: { name: 'azure-kv', kind: 'ClusterSecretStore' }, target: { name: 'pg' }, data: [{ secretKey: 'password', remoteRef: { key: ADMIN_SECRET_NAME } }] } }), 'kubernetes_manifest.es'],
    ['an External Secrets store of the vault\'s URL', manifest('st', { kind: 'ClusterSecretStore', metadata: { name: 'azure-kv' },
      spec: { provider: { azurekv: { authType: 'WorkloadIdentity', vaultUrl: 'https://kv-postgres.vault.azure.net' } } } }), 'kubernetes_manifest.st'],
    ['a Dapr secret store of the vault', dapr('kv-postgres'), 'azurerm_container_app_environment_dapr_component.d'],
    ['a Logic App Key Vault connection to the vault', {
      azurerm_api_connection: { c: { ...madeAt('stack/la'), name: 'keyvault', resource_group_name: 'rg-app', managed_api_id: '/x', parameter_values: { vaultName: 'kv-postgres' } } },
    }, 'azurerm_api_connection.c'],
    ['a Logic App action that gets the secret', {
      azurerm_logic_app_action_custom: { a: { ...madeAt('stack/la'), name: 'getpw', logic_app_id: '/x',
        body: JSON.stringify({ type: 'ApiConnection', inputs: { method: 'get', path: `/secrets/@{encodeURIComponent('${ADMIN_SECRET_NAME}')}/value` } }) } },
    }, 'azurerm_logic_app_action_custom.a'],
    ['a Synapse Key Vault linked service of the vault\'s URL', {
      azurerm_synapse_linked_service: { k: { ...madeAt('stack/syn'), name: 'kv', synapse_workspace_id: '/x', type: 'AzureKeyVault', type_properties_json: JSON.stringify({ baseUrl: 'https://kv-postgres.vault.azure.net/' }) } },
    }, 'azurerm_synapse_linked_service.k'],
    ['a helm release set the secret\'s objectName', helm([{ name: 'objects[0].objectName', value: ADMIN_SECRET_NAME }]), 'helm_release.h'],
  ])('%s fails PG-CFG-8', (_name, resources, address) => {
    expect(blocks(resources)).toEqual([['fail', address]]);
  });
  test.each([
    ['a Dapr secret store of another vault', dapr('kv-other')],
    ['a helm release set the vault and one of its keys', helm([{ name: 'keyVaultName', value: 'kv-postgres' }, { name: 'keyName', value: 'cmk' }])],
    ['a helm release set the vault and another secret', helm([{ name: 'keyvaultName', value: 'kv-postgres' }, { name: 'objects[0].objectName', value: 'app-api-key' }])],
  ])('%s passes', (_name, resources) => {
    expect(blocks(resources)).toEqual([]);
  });

  test('with the secret\'s vault known only at apply time, a vault named elsewhere is not taken for it (an app pointed at another vault)', () => {
    const laterVault = { azurerm_key_vault_secret: { own: { ...madeAt('stack/Postgres/AdministratorPassword/Secret'), name: ADMIN_SECRET_NAME, key_vault_id: '${var.key_vault_id}', value_wo: GENERATED_PASSWORD } } };
    expect(blocks({ ...laterVault, ...dapr('kv-other') })).toEqual([]);
  });
});
