// The root cdktf app: one stack per example, named after the example's folder.
import { App } from 'cdktf';
import { FlexibleVnetIntegrationStack } from './flexible-vnet-integration/main';
import { SingleServerLegacyStack } from './single-server-legacy/main';

const app = new App();
new FlexibleVnetIntegrationStack(app, 'flexible-vnet-integration');
new SingleServerLegacyStack(app, 'single-server-legacy');
app.synth();
