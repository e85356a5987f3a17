import { gzipSync } from 'zlib';
import { encodedTexts, MAX_INFLATED } from '../../lib/checks/encoded-texts';
import { forwardingPaths } from '../../lib/checks/forwarding-paths';
import { NGINX_CONFIGURATION_AZURE_TYPES, NGINX_CONFIGURATION_TYPES } from '../../lib/checks/nginx-configurations';
import { buildStackModel, TerraformBlock } from '../../lib/checks/stack-model';
import { asDynamic, CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// NGINXaaS (A19a-5): a deployment's whole behaviour is its configuration text, which the provider takes base64 (a package
// base64 of a tar.gz). The text is read as the provider decodes it, as every network writer's is; a configuration the pack
// cannot read, of a deployment that may be public in a VNet the server is reachable in, fails closed.

const SERVER_VNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const OTHER_VNET = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub';
const PUBLIC_IP = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip';
const STREAM = (target: string) => `stream { server { listen 5432; proxy_pass ${target}:5432; } }`;
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const STREAM_BODY = (body: string) => `stream { server { listen 5432; ${body} } }`;
/** The client chooses the upstream by its TLS SNI (A20b-1). */
const RUNTIME_SNI = STREAM_BODY('ssl_preread on; proxy_pass $ssl_preread_server_name:5432;');

function failures(extra: Resources): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({}), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
    ...extra,
  };
  const model = buildStackModel({ resource: resources });
  const found = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return forwardingPaths(found, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** An azurerm deployment: public or private only, its interface in the server's VNet or another. */
const deployment = (front: 'public' | 'private', vnet = SERVER_VNET): TerraformBlock => ({ name: 'ngx', ...(front === 'public' ? { frontend_public: [{ ip_address: [PUBLIC_IP] }] } : { frontend_private: [{ ip_address: '10.5.0.10', allocation_method: 'Static', subnet_id: `${vnet}/subnets/ngx` }] }), network_interface: [{ subnet_id: `${vnet}/subnets/ngx` }] });
/** An azapi deployment in the same two forms. */
const armDeployment = (front: 'public' | 'private', vnet = SERVER_VNET): TerraformBlock => ({ type: 'NGINX.NGINXPLUS/nginxDeployments@2024-11-01-preview', name: 'ngx', parent_id: '/subscriptions/0/resourceGroups/rg-app',
  body: { properties: { networkProfile: { frontEndIPConfiguration: front === 'public' ? { publicIPAddresses: [{ id: PUBLIC_IP }] } : { privateIPAddresses: [{ privateIPAddress: '10.5.0.10', subnetId: `${vnet}/subnets/ngx` }] }, networkInterfaceConfiguration: { subnetId: `${vnet}/subnets/ngx` } } } } });

/** Every writer of a configuration text, by type: the stack with it over a deployment, its text as given. */
const WRITERS: { readonly [type: string]: (content: unknown, front?: 'public' | 'private', vnet?: string) => Resources } = {
  azurerm_nginx_configuration: (content, front = 'public', vnet) => ({ azurerm_nginx_deployment: { ng: deployment(front, vnet) },
    azurerm_nginx_configuration: { c: { nginx_deployment_id: '${azurerm_nginx_deployment.ng.id}', root_file: '/etc/nginx/nginx.conf', config_file: [{ content, virtual_path: '/etc/nginx/nginx.conf' }] } } }),
  // The deployment's own configuration block (azurerm 3.x).
  azurerm_nginx_deployment: (content, front = 'public', vnet) => ({ azurerm_nginx_deployment: { ng: { ...deployment(front, vnet), configuration: [{ root_file: '/etc/nginx/nginx.conf', config_file: [{ content, virtual_path: '/etc/nginx/nginx.conf' }] }] } } }),
  'nginx.nginxplus/nginxdeployments/configurations': (content, front = 'public', vnet) => ({ azapi_resource: { ng: armDeployment(front, vnet),
    c: { type: 'Nginx.NginxPlus/nginxDeployments/configurations@2024-11-01-preview', name: 'default', parent_id: '${azapi_resource.ng.id}', body: { properties: { rootFile: '/etc/nginx/nginx.conf', files: [{ content, virtualPath: '/etc/nginx/nginx.conf' }] } } } } }),
  // The spelling earlier previews documented, over an azurerm deployment.
  'microsoft.nginx/nginxdeployments/configurations': (content, front = 'public', vnet) => ({ azurerm_nginx_deployment: { ng: deployment(front, vnet) },
    azapi_resource: { c: { type: 'Microsoft.Nginx/nginxDeployments/configurations@2024-11-01-preview', name: 'default', parent_id: '${azurerm_nginx_deployment.ng.id}', body: { properties: { files: [{ content, virtualPath: '/etc/nginx/nginx.conf' }] } } } } }),
};

describe('A19a-5: a configuration text is read as the provider decodes it', () => {
  test('every writer of the table has a case here', () => {
    expect(Object.keys(WRITERS).sort()).toEqual([...NGINX_CONFIGURATION_TYPES, ...NGINX_CONFIGURATION_AZURE_TYPES].sort());
  });

  test.each(Object.keys(WRITERS))('%s: base64 of a stream naming the server (its name, its address) fails; of another address passes', (type) => {
    for (const target of ['orders-db.private.postgres.database.azure.com', '10.0.1.4']) expect(failures(WRITERS[type](base64(STREAM(target))))).toHaveLength(1);
    expect(failures(WRITERS[type](base64(STREAM('10.0.2.4'))))).toEqual([]);
    expect(failures(WRITERS[type](STREAM('10.0.1.4')))).toHaveLength(1);
  });

  test.each(Object.keys(WRITERS))('%s: a configuration the pack cannot read (filebase64, a variable) fails closed when the deployment is public in the server\'s VNet', (type) => {
    for (const content of ['${filebase64("${path.module}/nginx.conf")}', '${var.conf}']) {
      expect(failures(WRITERS[type](content))).toEqual([expect.stringMatching(new RegExp(`^[a-z_.]+ writes an NGINX configuration the pack cannot read \\(.*\\) for a deployment that may take connections from the internet in a virtual network ${CONSTRUCT}'s server is reachable in: it may forward them to the server, a network path ${CONSTRUCT} does not declare\\.`))]);
      expect(failures(WRITERS[type](content, 'private'))).toEqual([]);
      expect(failures(WRITERS[type](content, 'public', OTHER_VNET))).toEqual([]);
    }
  });

  test('a package (base64 of a tar.gz) is read through gzip; a configuration of a deployment the stack does not write may be public anywhere', () => {
    const tarred = base64(gzipSync(Buffer.concat([Buffer.alloc(512), Buffer.from(STREAM('10.0.1.4')), Buffer.alloc(512)])));
    expect(failures({ azurerm_nginx_configuration: { c: { nginx_deployment_id: '${var.deployment}', root_file: '/etc/nginx/nginx.conf', package_data: tarred } } })).toHaveLength(1);
    expect(failures({ azurerm_nginx_configuration: { c: { nginx_deployment_id: '${var.deployment}', root_file: '/etc/nginx/nginx.conf', package_data: '${filebase64("p.tgz")}' } } })).toHaveLength(1);
    expect(failures({ azurerm_nginx_configuration: { c: { nginx_deployment_id: '${var.deployment}', root_file: '/etc/nginx/nginx.conf', protected_file: [{ content: '${var.secret}', virtual_path: '/etc/nginx/p.conf' }] } } })).toHaveLength(1);
  });
});

describe('encodedTexts', () => {
  test('a whole base64 value reads as its text (also twice, and gzip); words, IDs and binary are not texts', () => {
    expect(encodedTexts(base64('10.0.1.4'))).toEqual({ texts: ['10.0.1.4'], unread: false });
    expect(encodedTexts(base64(base64(STREAM('x'))))).toEqual({ texts: [base64(STREAM('x')), STREAM('x')], unread: false });
    expect(encodedTexts(base64(gzipSync(STREAM('y')))).texts).toEqual([STREAM('y')]);
    for (const text of ['Standard', '/subscriptions/0/resourceGroups/rg', base64(Buffer.from([0, 1, 2, 200, 255, 7, 8, 9])), 'stream { }']) expect(encodedTexts(text)).toEqual({ texts: [], unread: false });
  });

  test('base64 runs inside a longer text are read: a body given as JSON text, a data: URI', () => {
    expect(encodedTexts(`{"content":"${base64(STREAM('10.0.1.4'))}"}`).texts).toEqual([STREAM('10.0.1.4')]);
    expect(encodedTexts(`data:text/plain;base64,${base64(STREAM('z'))}`).texts).toEqual([STREAM('z')]);
    expect(encodedTexts('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub').texts).toEqual([]);
  });

  test('a JSON-text body holding the base64 configuration fails as the object body does', () => {
    const content = base64(STREAM('10.0.1.4'));
    expect(failures({ azapi_resource: { c: { type: 'NGINX.NGINXPLUS/nginxDeployments/configurations@2024-11-01-preview', name: 'default', parent_id: '${var.deployment}',
      body: JSON.stringify({ properties: { files: [{ content, virtualPath: '/etc/nginx/nginx.conf' }] } }) } } })).toHaveLength(1);
  });

  test('a gzip past the bound is not read: unread', () => {
    expect(encodedTexts(base64(gzipSync(Buffer.alloc(MAX_INFLATED + 1, 'a'))))).toEqual({ texts: [], unread: true });
  });
});

describe('A20b-7: azurerm blocks written as dynamic blocks are read as written', () => {
  const AZURERM_WRITERS = Object.keys(WRITERS).filter((type) => type.startsWith('azurerm_'));

  test.each(AZURERM_WRITERS)('%s: every nested block dynamic (config_file, configuration, frontends, interface): the same verdicts', (type) => {
    for (const target of ['orders-db.private.postgres.database.azure.com', '10.0.1.4', '10.0.2.4']) {
      expect(failures(asDynamic(WRITERS[type](base64(STREAM(target)))))).toEqual(failures(WRITERS[type](base64(STREAM(target)))));
    }
    expect(failures(asDynamic(WRITERS[type](base64(STREAM('10.0.1.4')))))).toHaveLength(1);
    expect(failures(asDynamic(WRITERS[type]('${var.conf}', 'private', OTHER_VNET)))).toEqual([]);
  });

  test('a dynamic config_file over a variable, on a public deployment in the server\'s VNet, cannot be read and fails closed', () => {
    const stack = WRITERS.azurerm_nginx_configuration(base64(STREAM('10.0.2.4'))) as { azurerm_nginx_configuration: { c: { [key: string]: unknown } } };
    const rest = Object.fromEntries(Object.entries(stack.azurerm_nginx_configuration.c).filter(([key]) => key !== 'config_file'));
    const dynamicFiles = { ...rest, dynamic: { config_file: { for_each: '${var.files}', content: { content: '${config_file.value.content}', virtual_path: '${config_file.value.path}' } } } };
    expect(failures({ ...stack, azurerm_nginx_configuration: { c: dynamicFiles } })).toHaveLength(1);
    expect(failures({ ...stack, azurerm_nginx_configuration: { c: { ...rest, dynamic: { config_file: { for_each: '${var.files}', content: '${var.file}' } } } } })).toHaveLength(1);
  });
});

describe('A20b-1: a target chosen at run time is a forward to anywhere the deployment\'s VNet reaches; one given by literals is read', () => {
  /** Run-time forms of each forwarding directive (nginx-targets.test.ts reads each form). */
  const RUNTIME: readonly string[] = [
    'stream { server { listen 5432; ssl_preread on; proxy_pass $ssl_preread_server_name:5432; } }',
    'http { server { location / { proxy_pass http://$http_x_target; } } }',
    'http { server { location / { grpc_pass grpc://$arg_h:5432; } } }',
    'stream { map $ssl_preread_server_name $b { default $ssl_preread_server_name; } server { proxy_pass $b:5432; } }',
    'stream { split_clients "$remote_addr" $b { 50% 10.0.2.4; * 10.0.2.5; } server { proxy_pass $b:5432; } }',
    'http { server { location / { include /etc/nginx/not-written.conf; } } }',
  ];

  test.each(Object.keys(WRITERS))('%s: each run-time form fails when the deployment is public in the server\'s VNet; passes private (nothing public reaches it) or in another VNet', (type) => {
    for (const text of RUNTIME) {
      const found = failures(WRITERS[type](base64(text)));
      expect(found).toEqual([expect.stringMatching(new RegExp(`^[a-z_.]+ forwards connections from "\\*" to \\$\\{what [a-z_.]+ forwards to: .*, chosen at run time\\}, which may be ${CONSTRUCT}'s server`))]);
      expect(failures(WRITERS[type](base64(text), 'private'))).toEqual([]);
      expect(failures(WRITERS[type](base64(text), 'public', OTHER_VNET))).toEqual([]);
    }
  });

  test.each(Object.keys(WRITERS))('%s: a target set or mapped from literals is read: the server\'s name or address fails, another passes', (type) => {
    expect(failures(WRITERS[type](base64(STREAM_BODY('set $h orders-db.private.postgres.database; proxy_pass $h.azure.com:5432;'))))).toHaveLength(1);
    expect(failures(WRITERS[type](base64(STREAM_BODY('set $h 10.0.1.4; proxy_pass $h:5432;'))))).toHaveLength(1);
    expect(failures(WRITERS[type](base64(`stream { map $ssl_preread_server_name $b { default 10.0.2.4; db.example 10.0.1.4; } ${STREAM_BODY('proxy_pass $b:5432;').slice('stream { '.length)}`)))).toHaveLength(1);
    expect(failures(WRITERS[type](base64(STREAM_BODY('set $h 10.0.2.4; proxy_pass $h:5432;'))))).toEqual([]);
    expect(failures(WRITERS[type](base64(`stream { upstream pg { server 10.0.2.4:5432; } ${STREAM_BODY('proxy_pass pg;').slice('stream { '.length)}`)))).toEqual([]);
  });
});

describe('A20b-8: a private deployment is a hop: a forwarder of the stack that reaches its frontend from the internet carries the internet on', () => {
  const POLICY = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw';
  /** A public DNAT to the deployments' private frontend 10.5.0.10. */
  const dnat = { azurerm_firewall_policy_rule_collection_group: { g: { name: 'g', firewall_policy_id: POLICY, priority: 100, nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat',
    rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: ['*'], destination_address: '20.1.2.3', destination_ports: ['5432'], translated_address: '10.5.0.10', translated_port: 5432 }] }] } } };
  const DNAT_FAILS = new RegExp(`^azurerm_firewall_policy_rule_collection_group\\.g forwards connections from "\\*" to "10\\.5\\.0\\.10", which the stack forwards on to ${CONSTRUCT}'s server .* through [a-z_.]+ \\(to (?:\\$\\{)?what [a-z_.]+ forwards to: `);

  test.each(Object.keys(WRITERS))('%s: an unreadable or run-time configuration behind a public DNAT fails; a readable one to elsewhere, one in another VNet, or the DNAT to another address pass', (type) => {
    for (const content of ['${var.conf}', base64(RUNTIME_SNI)]) {
      expect(failures({ ...WRITERS[type](content, 'private'), ...dnat })).toEqual([expect.stringMatching(DNAT_FAILS)]);
      expect(failures({ ...WRITERS[type](content, 'private', OTHER_VNET), ...dnat })).toEqual([]);
    }
    expect(failures({ ...WRITERS[type](base64(STREAM('10.0.2.4')), 'private'), ...dnat })).toEqual([]);
    const elsewhere = JSON.parse(JSON.stringify(dnat).replace('"translated_address":"10.5.0.10"', '"translated_address":"10.5.0.11"'));
    expect(failures({ ...WRITERS[type]('${var.conf}', 'private'), ...elsewhere })).toEqual([]);
  });

  test('a public deployment proxying to a private one carries the internet on, as any forwarder does', () => {
    const second = (content: string): Resources => ({ azurerm_nginx_deployment: { ng2: deployment('private') }, azurerm_nginx_configuration: { c2: { nginx_deployment_id: '${azurerm_nginx_deployment.ng2.id}', root_file: '/etc/nginx/nginx.conf', config_file: [{ content, virtual_path: '/etc/nginx/nginx.conf' }] } } });
    const chain = (content: string) => {
      const first = WRITERS.azurerm_nginx_configuration(base64(STREAM('10.5.0.10'))) as { azurerm_nginx_deployment: object; azurerm_nginx_configuration: object };
      const next = second(content) as { azurerm_nginx_deployment: object; azurerm_nginx_configuration: object };
      return { azurerm_nginx_deployment: { ...first.azurerm_nginx_deployment, ...next.azurerm_nginx_deployment }, azurerm_nginx_configuration: { ...first.azurerm_nginx_configuration, ...next.azurerm_nginx_configuration } } as Resources;
    };
    expect(failures(chain('${var.conf}'))).toEqual([expect.stringMatching(/^azurerm_nginx_configuration\.c forwards connections from "\*" to "10\.5\.0\.10", which the stack forwards on to .* through azurerm_nginx_configuration\.c2 /)]);
    expect(failures(chain(base64(STREAM('10.0.2.4'))))).toEqual([]);
  });

  test('an azapi update (or PUT) of the deployment\'s network profile is read with it: a public IP it adds makes the deployment public', () => {
    const update = (resourceId: string, frontEnd: object) => ({ azapi_update_resource: { u: { type: 'NGINX.NGINXPLUS/nginxDeployments@2024-11-01-preview', resource_id: resourceId, body: { properties: { networkProfile: { frontEndIPConfiguration: frontEnd } } } } } });
    const opaque = (extra: Resources) => failures({ ...WRITERS.azurerm_nginx_configuration('${var.conf}', 'private'), ...extra });
    expect(opaque(update('${azurerm_nginx_deployment.ng.id}', { publicIPAddresses: [{ id: PUBLIC_IP }] }))).toEqual([expect.stringMatching(/^azurerm_nginx_configuration\.c writes an NGINX configuration the pack cannot read/)]);
    expect(opaque(update('/subscriptions/0/resourceGroups/rg-app/providers/NGINX.NGINXPLUS/nginxDeployments/NGX', { publicIPAddresses: [{ id: PUBLIC_IP }] }))).toHaveLength(1);
    expect(opaque(update('${var.deployment}', { publicIPAddresses: [{ id: PUBLIC_IP }] }))).toHaveLength(1);
    expect(opaque(update('${azurerm_nginx_deployment.ng.id}', '${var.front}' as unknown as object))).toHaveLength(1);
    expect(opaque(update('${azurerm_nginx_deployment.ng.id}', { privateIPAddresses: [{ privateIPAddress: '10.5.0.11', subnetId: `${SERVER_VNET}/subnets/ngx` }] }))).toEqual([]);
    expect(opaque(update('/subscriptions/0/resourceGroups/rg-app/providers/NGINX.NGINXPLUS/nginxDeployments/other', { publicIPAddresses: [{ id: PUBLIC_IP }] }))).toEqual([]);
    // The private frontend an update adds is a hop too.
    const elsewhere = JSON.parse(JSON.stringify(dnat).replace('"translated_address":"10.5.0.10"', '"translated_address":"10.5.0.11"'));
    expect(opaque({ ...update('${azurerm_nginx_deployment.ng.id}', { privateIPAddresses: [{ privateIPAddress: '10.5.0.11', subnetId: `${SERVER_VNET}/subnets/ngx` }] }), ...elsewhere })).toHaveLength(1);
  });

  test('a frontend allocated dynamically is any address of its subnet', () => {
    const resources = WRITERS.azurerm_nginx_configuration('${var.conf}', 'private') as { azurerm_nginx_deployment: { ng: TerraformBlock } };
    const dynamic = { ...resources, azurerm_nginx_deployment: { ng: { ...resources.azurerm_nginx_deployment.ng, frontend_private: [{ allocation_method: 'Dynamic', subnet_id: '${azurerm_subnet.ngx.id}' }] } } };
    const subnet = (prefix: string) => ({ azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] },
      ngx: { name: 'ngx', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: [prefix] } } });
    expect(failures({ ...dynamic, ...dnat, ...subnet('10.5.0.0/24') })).toEqual([expect.stringMatching(DNAT_FAILS)]);
    expect(failures({ ...dynamic, ...dnat, ...subnet('10.6.0.0/24') })).toEqual([]);
  });
});
