// The root cdktf app: one stack per example, named after the example's folder.
import { App } from 'cdktf';
import { FlexibleCmkHaStack } from './flexible-cmk-ha/main';
import { FlexibleDatabaseRolesStack } from './flexible-database-roles/main';
import { FlexibleExistingNetworkStack } from './flexible-existing-network/main';
import { FlexiblePasswordAuthStack } from './flexible-password-auth/main';
import { FlexiblePrivateEndpointStack } from './flexible-private-endpoint/main';
import { FlexiblePublicFirewallStack } from './flexible-public-firewall/main';
import { FlexibleVnetIntegrationStack } from './flexible-vnet-integration/main';
import { SingleServerLegacyStack } from './single-server-legacy/main';

const app = new App();
new FlexibleVnetIntegrationStack(app, 'flexible-vnet-integration');
new FlexibleExistingNetworkStack(app, 'flexible-existing-network');
new FlexiblePrivateEndpointStack(app, 'flexible-private-endpoint');
new FlexiblePublicFirewallStack(app, 'flexible-public-firewall');
new FlexibleCmkHaStack(app, 'flexible-cmk-ha');
new FlexiblePasswordAuthStack(app, 'flexible-password-auth');
new FlexibleDatabaseRolesStack(app, 'flexible-database-roles');
new SingleServerLegacyStack(app, 'single-server-legacy');
app.synth();
