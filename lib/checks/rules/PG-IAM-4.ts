import { madeBy, ownerConstruct, resourcesOfType } from '../beside-construct';
import { generatorsReadBy, outputsReadBy, passwordReaders, passwordsReadBy, vaultedReadBy } from '../password-copies';
import { mentionsIn, readReferencesIn } from '../server-mentions';
import { literalBoolean } from '../value-readers';
import { ProviderConfiguration } from '../provider-facts';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { ResourceView, TerraformBlock } from '../stack-model';

/**
 * A construct's generated passwords go only where it writes them: the random_password of a
 * SecureFlexibleServer's or SecureSingleServer's administrator, and those of the password members
 * of a DatabaseAccess of its server, are read (result or bcrypt_hash) only by the resources those
 * constructs made: the server, the role, their Key Vault secret, and there only in the write-only
 * attribute the construct writes it to (an override that copies it into their tags, a name or a
 * description shows it to every Reader: tenth review, A10a-16). Any other resource that reads
 * one, of any type and in any attribute (another Key Vault secret, a local_file, an app setting),
 * copies a credential that bypasses Entra ID to a place no rule judges, and so does one that reads
 * the value of their Key Vault secret (by reference, or through a data.azurerm_key_vault_secret of
 * it, or of a secret whose name or vault is known only at apply time and may be it: thirteenth
 * review, A13-5), or of another secret block an import adopts that secret into, which Terraform
 * refreshes from Key Vault (88th run, A88a-3); so does a data source, ephemeral resource, check, import block or variable validation of any
 * type that reads one (what it reads leaves when it is read: a DNS lookup of "<password>.example.net",
 * an azurerm lookup named by it: eleventh review, A11a-5); so does a provider block
 * (a postgresql provider to another host, a restapi header), whose finding is shown on the first
 * resource that uses the provider. Each fails unless a suppression on it gives the reason. PG-CFG-6
 * keeps the construct's own secret in its vault.
 * A sensitive Terraform output of the password passes: it is kept in the state, which holds the
 * random_password's result already, so it adds no reader the state does not have. One Terraform
 * prints (not `sensitive = true` by a literal, or stripped with nonsensitive()) fails: every plan
 * and apply log shows it to whoever reads the pipeline (fifteenth review, A15a-2). A block that reads
 * it back through a terraform_remote_state or tfe_outputs read is a reader, though: the state such a
 * read names cannot be told from this stack's (twelfth review, A12b-6).
 * No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-IAM-4',
  title: 'A construct\'s generated passwords are read only by its own resources',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Read the password from the Key Vault secret the construct writes (keyVaultResourceId), or review the copy and suppress PG-IAM-4 on the resource with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = ownerConstruct(server, stack);
    if (owner === undefined) return notApplicable('the server is not made by a construct of the library: where its passwords go is its owner\'s to judge');
    const makers = [owner, ...(stack?.declaredAccess ?? []).filter((access) => access.server === server.address).map((access) => access.path)];
    const generators = resourcesOfType(stack, 'random_password').filter((generator) => makers.some((maker) => madeBy(generator, maker)));
    const readers = passwordReaders(stack);
    const copies = generators.flatMap((generator) => {
      const maker = makers.find((scope) => madeBy(generator, scope));
      return (readers.get(generator.address) ?? [])
        .filter((reader) => !(makers.some((scope) => madeBy(reader, scope)) && readsOnlyWhereWritten(reader, generator.address)))
        .map((reader): Verdict => {
          // Through a Key Vault secret written from the password (sixth review, A6-8).
          const what = passwordsReadBy(reader.config).has(generator.address) ? generator.address
            : readBack(reader.config, generator.address, stack) ?? laterSecret(reader, generator.address, stack) ?? `the value of a Key Vault secret written from ${generator.address}`;
          return fail(`${reader.address} reads ${what}, a password ${maker} generates, and copies it where no rule of the pack judges who can read it.`, reader.address);
        });
    });
    // An output Terraform prints shows the password to every reader of the pipeline's logs, a reader the state does not have (A15a-2).
    const printed = [...(stack?.outputs?.values() ?? [])].filter(printsValue).sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0)).flatMap((output) => generators.flatMap((generator): Verdict[] => {
      const read = passwordRead(output, generator.address, stack);
      if (read === undefined) return [];
      const maker = makers.find((scope) => madeBy(generator, scope));
      return [fail(`${output.address} reads ${read}, a password ${maker} generates, and Terraform prints it in clear in every plan and apply log and in \`terraform output\`: the output is not \`sensitive = true\`, or strips the password's sensitivity with \`nonsensitive()\`.`, output.address)];
    }));
    // A provider block is no resource: it signs in with what it reads, wherever its host is (fifth review, A5-9).
    const sent = (stack?.providers ?? []).flatMap((provider) => generators.flatMap((generator): Verdict[] => {
      // Through a Key Vault secret too, an ephemeral lookup's value above all: providers are where ephemeral values go (A14b-18).
      const view: ResourceView = { type: provider.type, name: provider.key, address: `provider.${provider.key}`, config: provider.config, certain: true };
      const read = passwordRead(view, generator.address, stack);
      if (read === undefined) return [];
      const maker = makers.find((scope) => madeBy(generator, scope));
      const user = firstUser(provider, stack);
      return [fail(`provider ${provider.key} reads ${read}, a password ${maker} generates, and sends it to whatever it signs in to${user === undefined ? '' : ` for ${user}`}; no rule of the pack judges where.`, user)];
    }));
    if (copies.length > 0 || printed.length > 0 || sent.length > 0) return [...copies, ...printed, ...sent];
    return generators.length === 0 ? notApplicable('the construct generates no password for the server') : PASS;
  },
};

/**
 * What of a generated password a block that is no resource (an output, a provider) reads, as a message names it: the password,
 * its copy read back from a state, or the value of its Key Vault secret (by reference or by a lookup); undefined when it reads none.
 */
function passwordRead(block: ResourceView, generator: string, stack: StackFacts | undefined): string | undefined {
  if (passwordsReadBy(block.config).has(generator)) return generator;
  return readBack(block.config, generator, stack)
    ?? (generatorsReadBy(block, stack).has(generator) ? laterSecret(block, generator, stack) ?? `the value of a Key Vault secret written from ${generator}` : undefined);
}

/** The write-only attributes the constructs write a generated password to: never in the state, nor shown to a Reader. */
const WRITTEN_TO = new Set(['administrator_password_wo', 'administrator_login_password_wo', 'value_wo', 'password_wo']);

/** Whether a resource of the constructs reads the password only in the write-only attributes they write it to. */
function readsOnlyWhereWritten(reader: ResourceView, generator: string): boolean {
  const elsewhere = Object.fromEntries(Object.entries(reader.config).filter(([name]) => !WRITTEN_TO.has(name)));
  return passwordsReadBy(reader.config).has(generator) && !passwordsReadBy(elsewhere).has(generator);
}

/**
 * Whether Terraform prints an output's value: unless it is marked `sensitive` by a literal true, and
 * nothing in it strips a value's sensitivity with nonsensitive() (seen in its text; through a local
 * the flag still hides it).
 */
function printsValue(output: ResourceView): boolean {
  return literalBoolean(output.config.sensitive) !== true || mentionsIn(output.config).texts.some((text) => NONSENSITIVE.test(text));
}

const NONSENSITIVE = /(?<![\w-])nonsensitive\s*\(/;

/** The first resource, in address order, that a provider configuration serves: where its finding is shown and suppressed. */
function firstUser(provider: ProviderConfiguration, stack: StackFacts | undefined): string | undefined {
  const users = [...(stack?.resources?.values() ?? [])].filter((resource) => resource.config.provider === provider.key
    || (provider.key === provider.type && resource.config.provider === undefined && resource.type.startsWith(`${provider.type}_`)));
  return users.map((resource) => resource.address).sort()[0];
}

/** How a block reads a password through an output of the stack read back from a state (A12b-6); undefined when it does not. */
function readBack(config: TerraformBlock, generator: string, stack: StackFacts | undefined): string | undefined {
  const holding = [...(stack?.outputs?.values() ?? [])].filter((output) => passwordsReadBy(output.config).has(generator)).map((output) => output.name);
  const read = outputsReadBy(config, holding)[0];
  return read === undefined ? undefined : `${generator} through output.${read.output}, read back by ${read.through} (a state the checks cannot tell from this stack's)`;
}

/** How a block reads a password through a lookup of a secret the aliases leave, by a name or vault known only at apply time (A13-5); undefined when it does not. */
function laterSecret(reader: ResourceView, generator: string, stack: StackFacts | undefined): string | undefined {
  const read = readReferencesIn(reader.config).flatMap((reference) => vaultedReadBy(reader, reference, stack)).find(({ generators }) => generators.has(generator));
  if (read === undefined) return undefined;
  return read.later === ''
    ? `the value of ${read.lookup}, a lookup by the name and vault of the Key Vault secret written from ${generator}`
    : `the value of ${read.lookup}, whose ${read.later} known only at apply time and may be the Key Vault secret written from ${generator}`;
}
