import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps } from '../helpers';
function run(n: number) {
  const app = Testing.app();
  let a = 0, b = 0;
  for (let i = 0; i < n; i++) {
    const t = Date.now();
    const stack = new TerraformStack(app, 's' + i);
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'P', minimalProps());
    const t2 = Date.now(); a += t2 - t;
    evaluateStack(stack.toTerraform(), ALL_RULES);
    b += Date.now() - t2;
  }
  return [a / n, b / n];
}
test('timing', () => {
  run(50);
  console.log('default', run(200));
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try { console.log('cheap', run(200)); } finally { Error.prepareStackTrace = saved; }
  console.log(typeof saved);
});
