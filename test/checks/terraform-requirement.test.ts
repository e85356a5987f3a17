import { renderTerraformRequirement, TERRAFORM_VERSION_CONSTRAINT, terraformRequirement } from '../../lib/checks/terraform-requirement';

// The Terraform version a stack's JSON needs: write-only attributes (`*_wo`) came with 1.11.
// Read from raw JSON, in every form HCL's JSON syntax allows (lists of bodies included).

const SERVER = 'azurerm_postgresql_flexible_server';

describe('terraformRequirement', () => {
  test('nothing for a stack without write-only attributes, or without resources', () => {
    expect(terraformRequirement({ resource: { [SERVER]: { db: { administrator_password: 'x' } } } })).toBeUndefined();
    expect(terraformRequirement({ terraform: { required_version: '>= 1.5' } })).toBeUndefined();
    expect(terraformRequirement({})).toBeUndefined();
    expect(terraformRequirement(null)).toBeUndefined();
  });

  test('lists each write-only attribute once, sorted, by its address', () => {
    const stack = {
      resource: [
        { [SERVER]: { b: { administrator_password_wo: 'x', administrator_password_wo_version: 1 } } },
        { [SERVER]: [{ a: { administrator_password_wo: 'x' } }], random_password: { p: { length: 32 } } },
        { [SERVER]: { a: { administrator_password_wo: 'y' } } },
      ],
    };
    expect(terraformRequirement(stack)).toEqual({
      requiredVersion: TERRAFORM_VERSION_CONSTRAINT,
      writeOnlyAttributes: [`${SERVER}.a.administrator_password_wo`, `${SERVER}.b.administrator_password_wo`],
      declaredVersion: undefined,
    });
    expect(TERRAFORM_VERSION_CONSTRAINT).toBe('>= 1.11.0');
  });

  test('reads the declared required_version from a terraform block, or a list of them, the last one winning', () => {
    const resource = { [SERVER]: { db: { administrator_password_wo: 'x' } } };
    expect(terraformRequirement({ terraform: { required_version: '>= 1.11.0' }, resource })?.declaredVersion).toBe('>= 1.11.0');
    expect(terraformRequirement([{ terraform: [{ required_version: '>= 1.9' }, { required_version: '>= 1.12' }] }, { resource }])?.declaredVersion).toBe('>= 1.12');
    expect(terraformRequirement({ terraform: [{ required_version: '>= 1.11' }, { required_providers: {} }], resource })?.declaredVersion).toBe('>= 1.11');
  });

  test('a required_version that is not text, or a terraform block that is not an object, declares nothing', () => {
    const resource = { [SERVER]: { db: { administrator_password_wo: 'x' } } };
    expect(terraformRequirement({ terraform: { required_version: 11 }, resource })?.declaredVersion).toBeUndefined();
    expect(terraformRequirement({ terraform: [null, 'x'], resource })?.declaredVersion).toBeUndefined();
    expect(terraformRequirement([null, { resource }])?.writeOnlyAttributes).toEqual([`${SERVER}.db.administrator_password_wo`]);
  });
});

describe('renderTerraformRequirement', () => {
  test('nothing when the stack needs nothing special', () => {
    expect(renderTerraformRequirement(undefined)).toBe('');
  });

  test('the version, the attributes and a stack without required_version', () => {
    expect(renderTerraformRequirement({ requiredVersion: '>= 1.11.0', writeOnlyAttributes: ['a.b.c_wo', 'd.e.f_wo'] })).toBe(
      '## Terraform version\n\n' +
        'Plan and apply this stack with Terraform >= 1.11.0: it writes write-only attributes, which older versions refuse with "Unsupported argument" (`a.b.c_wo`, `d.e.f_wo`). ' +
        'The stack declares no `required_version`: `RequiredTerraformVersion.addTo(stack)` writes one (it is left out by default because Checkov\'s terraform_json parser fails on it, bridgecrewio/checkov#7454).\n',
    );
  });

  test('a stack that declares its required_version', () => {
    expect(renderTerraformRequirement({ requiredVersion: '>= 1.11.0', writeOnlyAttributes: ['a.b.c_wo'], declaredVersion: '~> 1.11' })).toBe(
      '## Terraform version\n\n' +
        'Plan and apply this stack with Terraform >= 1.11.0: it writes write-only attributes, which older versions refuse with "Unsupported argument" (`a.b.c_wo`). ' +
        'The stack declares `required_version = "~> 1.11"`.\n',
    );
  });
});

// Adversarial run of stop 70, C7: an attribute key or a required_version that opened an HTML comment hid every section after it.
test('the stack\'s attribute keys and required_version add no Markdown or HTML', () => {
  const section = renderTerraformRequirement({ requiredVersion: '>= 1.11.0', writeOnlyAttributes: ['a.b.note`\n\n<!-- x_wo'], declaredVersion: '1.11`<!--' });
  expect(section).toContain('(``a.b.note`\\u{a}\\u{a}<!-- x_wo``)');
  expect(section).toContain('The stack declares ``required_version = "1.11`<!--"``.');
  expect(section.split('\n')).toHaveLength(4);
});
