import { AZAPI_WRITER_TYPES, azapiName, azapiType, parseJson, writes } from './azapi-writes';
import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { DESTROYS, FORGETS, writerKind } from './writer-kinds';

/**
 * Blocks of other types that may write the store a lookup reads back, in a way the checks do not read (78th run, A78a-2): an azapi
 * write of a Key Vault secret or an App Configuration key, a Key Vault certificate (its secret), a Kubernetes manifest or chart that
 * may hold a Secret or ConfigMap, an AWS Cloud Control secret or parameter, a CloudFormation stack (or stack set), a Lambda
 * invocation or a Deployment Manager deployment that may make one, and every command (a provisioner, a template deployment, a
 * script: writer-kinds.ts). A lookup beside one reads, for all the checks know, a value
 * nothing rotates and that may be written in the configuration: it is never read as the stack's own store. Modules are read as the
 * secrets they are given (echoed-arguments.ts moduleEcho), not here.
 */

/** A store's writers of other types: the lookups' types, and whether (and as what) a block of another type may write it. */
interface StoreFamily {
  readonly lookups: readonly string[];
  /** What the block is as a writer of this store, for messages, or undefined when it writes none. */
  readonly writer: (block: ResourceView) => string | undefined;
  /** The name a lookup finds by and a writer writes, when both are literal: another name is another store. */
  readonly names?: { readonly lookup: (config: ResourceView['config']) => unknown; readonly writer: (block: ResourceView) => unknown; readonly caseless: boolean };
}

/** An azapi write of the store's Azure type, or an action that may name one below its parent (azapi-writes.ts actionRequest). */
function azapiWriter(storeType: string): (block: ResourceView) => string | undefined {
  const parent = storeType.replace(/\/[^/]+$/, '');
  return (block) => {
    if (!AZAPI_WRITER_TYPES.includes(block.type) && block.type !== 'azapi_data_plane_resource') return undefined;
    const type = azapiType(block);
    const mayWrite = type === storeType || (block.type === 'azapi_resource_action' && type === parent);
    return mayWrite && writes(block) ? `an ${block.type} of type ${JSON.stringify(block.config.type)}` : undefined;
  };
}

/** The Kubernetes blocks that apply manifests: the kubernetes provider's, kubectl's (YAML) and the older k8s provider's. */
const MANIFEST_TYPES = ['kubernetes_manifest', 'kubectl_manifest', 'k8s_manifest'];
/** The API versions Kubernetes itself serves (the core group, and its built-in groups): any other is a controller's custom resource. */
const BUILT_IN_API = /^\s*(?:v1|(?:apps|batch|autoscaling|policy|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.k8s\.io)\/v[0-9a-z]+)\s*$/;

/**
 * The objects a Kubernetes block applies, by API version and kind, or undefined when any is known only later (an expression, a
 * document without them, or text with an escape the checks do not decode: `Sec\u0072et`, 81st run, A81a-7).
 */
function manifestsOf(block: ResourceView): { readonly apiVersion: string; readonly kind: string }[] | undefined {
  if (block.type === 'kubernetes_manifest') {
    const manifest = block.config.manifest;
    const [apiVersion, kind] = isObject(manifest) && !isUnknown(manifest) ? [manifest.apiVersion, manifest.kind] : [];
    return typeof apiVersion === 'string' && typeof kind === 'string' ? [{ apiVersion, kind }] : undefined;
  }
  const yaml = block.config[block.type === 'kubectl_manifest' ? 'yaml_body' : 'content'];
  if (typeof yaml !== 'string' || yaml.includes('\\')) return undefined;
  const read = yaml.split(/^---.*$/m).filter((document) => document.trim() !== '').map(documentObject);
  return read.every((each): each is { apiVersion: string; kind: string } => each !== undefined) ? read : undefined;
}

/**
 * A document's own `apiVersion` and `kind`, never a nested object's (82nd run, A82a-1: `ownerReferences`, labels): a JSON object's
 * members, or YAML keys written at its first column, once each, plain or quoted values (no tag, anchor or alias); undefined for
 * anything else, and for a List, which holds any objects.
 */
function documentObject(document: string): { apiVersion: string; kind: string } | undefined {
  const json = document.trim().startsWith('{') ? parseJson(document) : undefined;
  const member = (key: string): unknown => {
    if (document.trim().startsWith('{')) return isObject(json) ? json[key] : undefined;
    const lines = [...document.matchAll(new RegExp(`^["']?${key}["']?[ \\t]*:[ \\t]*(.*)$`, 'gm'))];
    return lines.length === 1 ? /^(["']?)([A-Za-z0-9./-]+)\1[ \t]*(?:#.*)?$/.exec(lines[0][1].trim())?.[2] : undefined;
  };
  const [apiVersion, kind] = [member('apiVersion'), member('kind')];
  return typeof apiVersion === 'string' && typeof kind === 'string' && !/List$/.test(kind) ? { apiVersion, kind } : undefined;
}

/**
 * A chart, a kustomization or a custom resource (an ExternalSecret, a SealedSecret, a PushSecret, Config Connector, ACK,
 * Crossplane or Azure Service Operator kinds): a controller carries out what it asks, which the checks do not read, into any
 * store, a cloud's too (81st run, A81a-2). A manifest of Kubernetes' own kinds is read by kubernetesWriter.
 */
function controllerRequest(block: ResourceView): string | undefined {
  if (block.type === 'helm_release' || block.type === 'kustomization_resource') return `a ${block.type}, whose objects a controller may make into any store`;
  if (!MANIFEST_TYPES.includes(block.type)) return undefined;
  const manifests = manifestsOf(block);
  if (manifests === undefined) return `a ${block.type} whose objects are known only later`;
  const custom = manifests.find((manifest) => !BUILT_IN_API.test(manifest.apiVersion));
  return custom === undefined ? undefined : `a ${block.type} of ${custom.apiVersion} ${custom.kind}, which a controller carries out`;
}

/** A manifest of Kubernetes' own kinds that makes the kind (a Secret, a ConfigMap). */
function kubernetesWriter(kind: string): (block: ResourceView) => string | undefined {
  return (block) => {
    const made = MANIFEST_TYPES.includes(block.type) ? manifestsOf(block)?.find((manifest) => manifest.kind === kind) : undefined;
    return made === undefined ? undefined : `a ${block.type} of kind ${JSON.stringify(kind)}`;
  };
}

/** Blocks that deploy a CloudFormation template (a stack set's in other accounts and regions too). */
const CLOUDFORMATION_STACKS = ['aws_cloudformation_stack', 'awscc_cloudformation_stack', 'aws_cloudformation_stack_set'];
/**
 * Blocks that deploy a template the stack does not show (a stack set's instances, a Service Catalog product, a Serverless
 * Application Repository application: 80th run, A80a-3).
 */
const UNSHOWN_TEMPLATES = ['aws_cloudformation_stack_set_instance', 'aws_cloudformation_stack_instances', 'aws_servicecatalog_provisioned_product',
  'awscc_servicecatalog_cloudformation_provisioned_product', 'aws_serverlessapplicationrepository_cloudformation_stack'];
/** A template's type that may make anything: a nested stack, a custom resource, a macro, or a type no `AWS::` owns (a module, a registry type). */
const ANY_MAKER = /AWS::CloudFormation::|Custom::|Transform|\b(?!AWS::)[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+/;

/**
 * An AWS writer of the type: its Cloud Control form, a CloudFormation stack whose template may make one (a nested stack, a macro or
 * a custom resource may make anything), or a Lambda function invoked when applied (it may write whatever its role may).
 */
function awsWriter(cfnType: string, cloudControlType: string): (block: ResourceView) => string | undefined {
  return (block) => {
    if (block.type === cloudControlType) return `an ${cloudControlType}`;
    // The generic Cloud Control resource, by its type (81st run, A81a-1).
    if (block.type === 'aws_cloudcontrolapi_resource') {
      const type = block.config.type_name;
      return typeof type === 'string' && type.trim() !== cfnType ? undefined : `an aws_cloudcontrolapi_resource of type ${typeof type === 'string' ? JSON.stringify(type) : 'known only later'}`;
    }
    if (block.type === 'aws_lambda_invocation') return 'an aws_lambda_invocation, which runs a function when applied';
    if (UNSHOWN_TEMPLATES.includes(block.type)) return `an ${block.type}, which deploys a template the stack does not show`;
    if (!CLOUDFORMATION_STACKS.includes(block.type)) return undefined;
    const template = block.config.template_body;
    // A template with an escape the checks do not decode may spell any type (82nd run, A82a-2: `AWS::SecretsManager::\u0053ecret`).
    const mayMake = typeof template !== 'string' || template.includes('\\') || template.includes(cfnType) || ANY_MAKER.test(template);
    return mayMake ? `an ${block.type} whose template may make an ${cfnType}` : undefined;
  };
}

const keyVaultSecretWriter = azapiWriter('microsoft.keyvault/vaults/secrets');
const appConfigurationKeyWriter = azapiWriter('microsoft.appconfiguration/configurationstores/keyvalues');

/** A policy remediation runs its assignment's deployIfNotExists templates now, which may write any Azure store (81st run, A81a-4d). */
const REMEDIATION = /^azurerm_(resource_group_|subscription_|management_group_|resource_)policy_remediation$/;
function remediationWriter(block: ResourceView): string | undefined {
  const azapi = block.type.startsWith('azapi_') && azapiType(block) === 'microsoft.policyinsights/remediations';
  return REMEDIATION.test(block.type) || azapi ? `a policy remediation (${block.type}), which runs its assignment's deployIfNotExists templates` : undefined;
}

const KUBERNETES_NAME = (config: ResourceView['config']) => {
  const metadata = Array.isArray(config.metadata) ? config.metadata[0] : config.metadata;
  return isObject(metadata) && !isUnknown(metadata) ? metadata.name : undefined;
};

/** A file block that copies another file (`source`: content the configuration ships), or an archive written at a path (80th run, A80a-2/6). */
function fileWriter(block: ResourceView): string | undefined {
  if ((block.type === 'local_file' || block.type === 'local_sensitive_file') && block.config.source !== undefined) return `a ${block.type} that copies its source`;
  // Templates rendered into a directory (81st run, A81a-3).
  if (block.type === 'template_dir') return 'a template_dir, which renders files into its destination_dir';
  return block.type === 'archive_file' ? 'an archive_file, which writes an archive at its output_path' : undefined;
}

/** A file's path as a lookup reads it and as a writer writes it. */
const FILE_PATH = (config: ResourceView['config']) => config.filename;

/** A raw write to any Vault path (a KV v2 secret's data under `data`), and the secret a Vault lookup reads by its path's last segment or name. */
function vaultEndpointWriter(block: ResourceView): string | undefined {
  return block.type === 'vault_generic_endpoint' ? 'a vault_generic_endpoint, whose request the checks do not read as a secret\'s data' : undefined;
}
const LAST_SEGMENT = (path: unknown) => (typeof path === 'string' ? path.replace(/\/+$/, '').split('/').pop() : undefined);

const FAMILIES: readonly StoreFamily[] = [
  {
    lookups: ['azurerm_key_vault_secret'],
    // A certificate's secret bears its name and holds what it is given (its contents, a PFX written in the configuration too).
    writer: (block) => (block.type === 'azurerm_key_vault_certificate' ? 'an azurerm_key_vault_certificate, whose secret bears its name' : remediationWriter(block) ?? keyVaultSecretWriter(block)),
    // Key Vault names are not case-sensitive.
    // A remediation's name is its own, no secret's.
    names: { lookup: (config) => config.name, writer: (block) => (remediationWriter(block) !== undefined ? undefined : block.type.startsWith('azapi_') ? azapiName(block) : block.config.name), caseless: true },
  },
  { lookups: ['azurerm_app_configuration_key'], writer: (block) => remediationWriter(block) ?? appConfigurationKeyWriter(block) },
  {
    lookups: ['kubernetes_secret', 'kubernetes_secret_v1'],
    writer: kubernetesWriter('Secret'),
    names: { lookup: KUBERNETES_NAME, writer: (block) => (isObject(block.config.manifest) ? KUBERNETES_NAME(block.config.manifest as ResourceView['config']) : undefined), caseless: false },
  },
  { lookups: ['kubernetes_config_map', 'kubernetes_config_map_v1'], writer: kubernetesWriter('ConfigMap') },
  { lookups: ['aws_secretsmanager_secret_version'], writer: awsWriter('AWS::SecretsManager::Secret', 'awscc_secretsmanager_secret') },
  { lookups: ['aws_ssm_parameter'], writer: awsWriter('AWS::SSM::Parameter', 'awscc_ssm_parameter') },
  {
    lookups: ['local_file', 'local_sensitive_file'],
    writer: fileWriter,
    names: { lookup: FILE_PATH, writer: (block) => (block.type === 'archive_file' ? block.config.output_path : FILE_PATH(block.config)), caseless: false },
  },
  {
    lookups: ['vault_generic_secret', 'vault_kv_secret', 'vault_kv_secret_v2'],
    writer: vaultEndpointWriter,
    names: { lookup: (config) => config.name ?? LAST_SEGMENT(config.path), writer: (block) => LAST_SEGMENT(block.config.path), caseless: false },
  },
  {
    lookups: ['google_secret_manager_secret_version', 'google_secret_manager_secret_version_access', 'google_secret_manager_regional_secret_version', 'google_secret_manager_regional_secret_version_access'],
    writer: (block) => (block.type === 'google_deployment_manager_deployment' ? 'a google_deployment_manager_deployment' : undefined),
  },
];

/** Data sources and ephemeral resources that may write when read: an azapi action sent, a Lambda function invoked, an archive written. */
const PLAN_TIME_WRITERS = ['azapi_resource_action', 'aws_lambda_invocation', 'archive_file'];

/** The section a block's address is in: a data source (in a check block too), an ephemeral resource, a removed block, an action, or a resource. */
function sectionOf(block: ResourceView): string {
  if (block.type === 'module') return 'module';
  return /^(?:check\.[^.]+\.)?(data|ephemeral|removed|action)\./.exec(block.address)?.[1] ?? 'resource';
}

/** What each block is as a command (writer-kinds.ts), read once per block: every store lookup of the stack asks of every block. */
const commands = new WeakMap<ResourceView, string | null>();

/** What a block is as a command that may write any store (a provisioner, also a destroy-time one of a removed block; a template), or undefined. */
function commandOf(block: ResourceView): string | undefined {
  let known = commands.get(block);
  if (known === undefined) {
    const section = sectionOf(block);
    // A module is read as the secrets it is given (echoed-arguments.ts moduleEcho), not as a command here.
    const kind = section === 'module' ? undefined : writerKind(section, block, (section === 'resource' || section === 'removed') && block.config.provisioner !== undefined);
    known = kind?.command === true && kind.what !== FORGETS && kind.what !== DESTROYS ? kind.what : null;
    commands.set(block, known);
  }
  return known ?? undefined;
}

/**
 * What a block is as a writer of the store a lookup of `lookupType` (with its configuration) reads, in a way the checks do not read,
 * e.g. 'an azapi_update_resource of type "Microsoft.KeyVault/vaults/secrets@2023-07-01"'; undefined when it writes none.
 */
export function unreadStoreWriter(lookupType: string, lookup: ResourceView['config'], block: ResourceView): string | undefined {
  // Any command may write any store (a CLI call, a template): PG-CFG-4 judges it on the servers, this on what a role reads.
  const command = commandOf(block);
  if (command !== undefined) return command;
  if (block.type === 'module') return undefined;
  // A lookup writes nothing, but for those that act when read (81st run, A81a-3: a Lambda invoked, an archive written, at every plan).
  if (['data', 'ephemeral'].includes(sectionOf(block)) && !PLAN_TIME_WRITERS.includes(block.type)) return undefined;
  const controlled = controllerRequest(block);
  if (controlled !== undefined) return controlled;
  const family = FAMILIES.find((each) => each.lookups.includes(lookupType));
  const writer = family?.writer(block);
  if (family === undefined || writer === undefined) return undefined;
  return family.names !== undefined && otherName(family.names.lookup(lookup), family.names.writer(block), family.names.caseless) ? undefined : writer;
}

/** Whether two names are literals that differ (in any case, when the store compares names so). */
function otherName(looked: unknown, written: unknown, caseless: boolean): boolean {
  if (typeof looked !== 'string' || typeof written !== 'string') return false;
  return caseless ? looked.toLowerCase() !== written.toLowerCase() : looked !== written;
}

