import { code } from './markdown-text';
import { resourceBlocks } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

/** The constraint the library's output needs when it holds write-only attributes (Terraform knows them from 1.11 on). */
export const TERRAFORM_VERSION_CONSTRAINT = '>= 1.11.0';

/** What the security report says of the Terraform version a stack needs. */
export interface TerraformRequirement {
  /** The constraint the stack needs: write-only attributes came with Terraform 1.11. */
  readonly requiredVersion: string;
  /** The write-only attributes that need it, as "<resource address>.<attribute>". */
  readonly writeOnlyAttributes: readonly string[];
  /** The stack's own terraform.required_version, when it declares one. */
  readonly declaredVersion?: string;
}

/** The Terraform version a stack's JSON needs, when it writes write-only attributes (`*_wo`); else undefined. */
export function terraformRequirement(terraform: unknown): TerraformRequirement | undefined {
  let declared: string | undefined;
  for (const root of bodiesOf(terraform).filter(isObject)) {
    for (const block of bodiesOf(root.terraform ?? []).filter(isObject)) {
      if (typeof block.required_version === 'string') declared = block.required_version;
    }
  }
  const attributes = resourceBlocks(terraform).flatMap(({ type, name, body }) => Object.keys(body).filter((key) => key.endsWith('_wo')).map((key) => `${type}.${name}.${key}`));
  if (attributes.length === 0) return undefined;
  return { requiredVersion: TERRAFORM_VERSION_CONSTRAINT, writeOnlyAttributes: [...new Set(attributes)].sort(), declaredVersion: declared };
}

/** The report's Markdown section on the Terraform version; empty when the stack needs nothing special. */
export function renderTerraformRequirement(requirement: TerraformRequirement | undefined): string {
  if (requirement === undefined) return '';
  // The stack's text is shown as code, which adds no Markdown or HTML (an attribute key that opens a comment hid the findings after it:
  // adversarial run of stop 70, C7).
  const declared = requirement.declaredVersion === undefined
    ? 'The stack declares no `required_version`: `RequiredTerraformVersion.addTo(stack)` writes one (it is left out by default because Checkov\'s terraform_json parser fails on it, bridgecrewio/checkov#7454).'
    : `The stack declares ${code(`required_version = ${JSON.stringify(requirement.declaredVersion)}`)}.`;
  return [
    '## Terraform version',
    '',
    `Plan and apply this stack with Terraform ${requirement.requiredVersion}: it writes write-only attributes, which older versions refuse with "Unsupported argument" (${requirement.writeOnlyAttributes.map(code).join(', ')}). ${declared}`,
    '',
  ].join('\n');
}
