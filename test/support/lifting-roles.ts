/**
 * Built-in roles, beyond Owner and the like, that reach the server's diagnostic settings, policy or
 * locks: name, definition GUID and what the justification says they can do. Written out from
 * Microsoft's built-in role definitions, not from the library's list, so a wrong entry there fails.
 */
export const LIFTING_ROLES: ReadonlyArray<readonly [string, string, string]> = [
  ['Monitoring Policy Contributor', '47be4a87-7950-4631-9daf-b664a405f074', 'can switch off the server\'s log export (Microsoft.Insights/diagnosticSettings/*)'],
  ['Storage Account Contributor', '17d1049b-9a84-46fb-8f53-869881c3d3ab', 'can switch off the server\'s log export (Microsoft.Insights/diagnosticSettings/*)'],
  ['Security Admin', 'fb1c8493-542b-48eb-b624-b4c8fea62acd', 'can assign or exempt Azure Policy on the server (Microsoft.Authorization/policyAssignments/*, policyExemptions/*)'],
  ['Storage Account Backup Contributor', 'e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1', 'can remove the server\'s delete lock (Microsoft.Authorization/locks/write, locks/delete)'],
  ['Locks Contributor', '28bf596f-4eb7-45ce-b5bc-6cf482fec137', 'can remove the server\'s delete lock (Microsoft.Authorization/locks/write, locks/delete)'],
];
