// The root cdktf app: one stack per example, named after the example's folder.
import { App } from 'cdktf';
import { FlexibleVnetIntegrationStack } from './flexible-vnet-integration/main';

const app = new App();
new FlexibleVnetIntegrationStack(app, 'flexible-vnet-integration');
app.synth();
