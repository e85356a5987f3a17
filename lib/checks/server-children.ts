import { ResourceView, ServerView } from './stack-model';

/** The azurerm resources that configure a server as its children: parameters, firewall, admins, keys, databases, diagnostics, endpoints. */
export function serverChildren(server: ServerView): ResourceView[] {
  return [
    ...[...server.parameters.values()].flat(),
    ...server.parametersOfUnknownName,
    ...server.firewallRules,
    ...server.virtualNetworkRules,
    ...server.administrators,
    ...server.serverKeys,
    ...server.databases,
    ...server.diagnosticSettings,
    ...server.privateEndpoints,
  ];
}
