import { Annotations, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { stackOfScope } from '../checks/suppression-registry';
import { WARNING_PREFIX } from '../private/warnings';
import { TERRAFORM_VERSION_CONSTRAINT } from '../checks/terraform-requirement';

// Every password the library generates goes only to write-only attributes (administrator_password_wo,
// administrator_login_password_wo, the Key Vault secret's value_wo, the postgresql role's
// password_wo), which Terraform knows from 1.11 on; an older Terraform stops at plan with
// "Unsupported argument", which does not say why. terraform.required_version would say so, but it
// is not written by default: Checkov's terraform_json parser fails on any cdk.tf.json that has it
// (it reads every key of the terraform block as a block, and required_version is a string;
// bridgecrewio/checkov#7454), and Checkov is what many pipelines run on cdktf output. So the
// requirement is stated in the README, in the security report and in a synth-time note, and
// RequiredTerraformVersion.addTo writes it into a stack on request.


/**
 * The Terraform version a stack with write-only attributes (`*_wo`, where the library writes every
 * password it generates) needs, and an opt-in that writes it into the stack as
 * `terraform.required_version`. It is not written by default, because Checkov's terraform_json
 * parser fails on a cdk.tf.json that has it (bridgecrewio/checkov#7454).
 */
export class RequiredTerraformVersion {
  /** The version constraint, ">= 1.11.0": write-only attributes came with Terraform 1.11. */
  public static readonly CONSTRAINT = TERRAFORM_VERSION_CONSTRAINT;

  /**
   * Writes `terraform.required_version = ">= 1.11.0"` into the stack of a construct, so that an
   * older Terraform stops at init with a message that names the version. It replaces a
   * required_version the stack had through an override.
   * @param scope the stack, or any construct in it
   */
  public static addTo(scope: IConstruct): void {
    const stack = stackOfScope(scope, { notConstruct: 'TERRAFORM-VERSION-SCOPE', noStack: 'TERRAFORM-VERSION-SCOPE' }, 'pass the stack, or any construct in it (call addTo once per stack of an app)');
    stack.addOverride('terraform.required_version', TERRAFORM_VERSION_CONSTRAINT);
  }

  private constructor() {}
}

const noted = new WeakSet<TerraformStack>();

/**
 * Notes once per stack, at synth, that the stack holds write-only attributes and so needs
 * Terraform 1.11: an info annotation, not a warning, since nothing is weakened.
 */
export function noteWriteOnlyAttributes(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (noted.has(stack)) return;
  noted.add(stack);
  Annotations.of(stack).addInfo(
    `[${WARNING_PREFIX}:TerraformVersion] This stack writes generated passwords to write-only attributes (*_wo): plan and apply it with Terraform ${TERRAFORM_VERSION_CONSTRAINT}. ` +
      'RequiredTerraformVersion.addTo(stack) writes that constraint into the stack (not done by default: Checkov\'s terraform_json parser fails on terraform.required_version).',
  );
}
