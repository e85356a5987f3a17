import { App, dependable, ITerraformDependable, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { dependencyOn } from '../../lib/private/dependency';

// dependencyOn writes a depends_on entry exactly as cdktf's dependable() does, without the stack traces of its tokens.

/** Every stack of an app whose `second` resource waits for the targets through `waitFor`, synthesized. */
function synthesized(waitFor: (target: ITerraformDependable) => string, place: (app: App) => { first: TerraformStack; second: TerraformStack }): string[] {
  const app = Testing.app();
  const { first, second } = place(app);
  new Set([first, second]).forEach((stack) => new AzurermProvider(stack, 'azurerm', { features: [{}] }));
  const group = new ResourceGroup(first, 'Group', { name: 'rg', location: 'westeurope' });
  const renamed = new ResourceGroup(first, 'Renamed', { name: 'rg2', location: 'westeurope' });
  renamed.overrideLogicalId('picked_by_caller');
  const lookup = new DataAzurermClientConfig(first, 'Client', {});
  const waiting: TerraformResource = new ResourceGroup(second, 'Waiting', { name: 'rg3', location: 'westeurope' });
  waiting.dependsOn = [group, renamed, lookup].map(waitFor);
  app.synth();
  return [first, second].map((stack) => Testing.synth(stack));
}

describe('dependencyOn', () => {
  const oneStack = (app: App) => {
    const stack = new TerraformStack(app, 'one');
    return { first: stack, second: stack };
  };
  const twoStacks = (app: App) => ({ first: new TerraformStack(app, 'first'), second: new TerraformStack(app, 'second') });

  test('a resource, one with a logical ID set after, and a data source of the same stack: as dependable() writes them', () => {
    const ours = synthesized(dependencyOn, oneStack);
    expect(ours).toEqual(synthesized(dependable, oneStack));
    expect(ours[0]).toContain('"azurerm_resource_group.picked_by_caller"');
  });

  test('a resource of another stack goes through its fqn, as dependable() does', () => {
    expect(synthesized(dependencyOn, twoStacks)).toEqual(synthesized(dependable, twoStacks));
  });

  test('records no stack trace', () => {
    const capture = jest.spyOn(Error, 'captureStackTrace');
    const stack = new TerraformStack(Testing.app(), 'one');
    const group = new ResourceGroup(stack, 'Group', { name: 'rg', location: 'westeurope' });
    capture.mockClear();
    const entry = dependencyOn(group);
    expect(Testing.synth(stack)).toBeDefined();
    expect(capture).not.toHaveBeenCalled();
    expect(entry).toContain('TfToken[');
    capture.mockRestore();
  });
});
