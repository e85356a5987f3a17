import { moduleSubject, unpinnedModule } from '../../lib/checks/module-content';
import { Unknown } from '../../lib/checks/hcl-expression';

// A5-7: which module sources pin what `terraform init` fetches.

test.each<[string, unknown]>([
  ['./modules/pg-tuning', undefined],
  ['../shared/pg', undefined],
  ['acme/pg-tuning/azurerm', '1.0.0'],
  ['app.terraform.io/acme/pg-tuning/azurerm', '= 2.3.4-rc.1'],
  ['registry.example.com:8443/acme/pg-tuning/azurerm//modules/x', 'v1.2.3'],
  ['git::https://github.com/acme/pg-tuning.git?ref=4f9941b0c6a1e2d3f4a5b6c7d8e9f00112233445', undefined],
  ['github.com/acme/pg-tuning?ref=4F9941B0C6A1E2D3F4A5B6C7D8E9F00112233445', undefined],
  ['git::https://github.com/acme/pg-tuning.git//modules/x?depth=0&ref=4f9941b0c6a1e2d3f4a5b6c7d8e9f00112233445', undefined],
])('%s (version %j) is pinned', (source, version) => {
  expect(unpinnedModule(source, version)).toBeUndefined();
});

test.each<[string, unknown, unknown, string]>([
  ['no version', 'acme/pg-tuning/azurerm', undefined, 'a registry module without a version runs the newest one'],
  ['a range', 'acme/pg-tuning/azurerm', '~> 1.0', 'the version "~> 1.0" is not one exact version'],
  ['two constraints', 'acme/pg-tuning/azurerm', '>= 1.0.0, < 2.0.0', 'the version ">= 1.0.0, < 2.0.0" is not one exact version'],
  ['a git branch', 'git::https://github.com/acme/pg-tuning.git?ref=main', undefined, 'a git source without ref=<commit SHA> follows a branch or a tag, which can move'],
  ['a git tag', 'github.com/acme/pg-tuning?ref=v1.0.0', undefined, 'a git source without ref=<commit SHA> follows a branch or a tag, which can move'],
  ['a short SHA', 'git@github.com:acme/pg-tuning.git?ref=4f9941b', undefined, 'a git source without ref=<commit SHA> follows a branch or a tag, which can move'],
  ['a SHA-like ref with depth (A6-11)', 'git::https://github.com/acme/pg-tuning.git?ref=4f9941b0c6a1e2d3f4a5b6c7d8e9f00112233445&depth=1', undefined, 'a git source with depth follows the branch or tag its ref names, which can move'],
  ['depth first', 'github.com/acme/pg-tuning?depth=1&ref=4F9941B0C6A1E2D3F4A5B6C7D8E9F00112233445', undefined, 'a git source with depth follows the branch or tag its ref names, which can move'],
  ['a depth that is no number', 'github.com/acme/pg-tuning?depth=x&ref=4f9941b0c6a1e2d3f4a5b6c7d8e9f00112233445', undefined, 'a git source with depth follows the branch or tag its ref names, which can move'],
  ['a commit as the second ref (go-getter reads the first)', 'git::https://github.com/acme/pg-tuning.git?ref=main&ref=4f9941b0c6a1e2d3f4a5b6c7d8e9f00112233445', undefined, 'a git source without ref=<commit SHA> follows a branch or a tag, which can move'],
  ['an archive', 'https://example.com/pg-tuning.zip', undefined, 'an archive, bucket or other remote source can change at the same address'],
  ['a bucket', 's3::https://s3.amazonaws.com/bucket/pg.zip', undefined, 'an archive, bucket or other remote source can change at the same address'],
  ['an expression', new Unknown('var.source', ['var.source']), undefined, 'its source is known only at apply time'],
])('%s is not pinned', (_, source, version, why) => {
  expect(unpinnedModule(source, version)).toBe(why);
});

test('the subject holds the source and version as written', () => {
  expect(moduleSubject('acme/pg-tuning/azurerm', '1.0.0')).toBe('module source "acme/pg-tuning/azurerm" version "1.0.0"');
  expect(moduleSubject('./x', undefined)).toBe('module source "./x" version null');
});
