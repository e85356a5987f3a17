import { attachmentsOf } from './identity-attachments';
import { pointerScope } from './judged-scopes';
import { LoginPrincipal } from './login-principals';
import { fromJudged } from './perimeter-objects';
import { fail, StackFacts, Verdict } from './rule';

// A workload that attaches the user-assigned identity a declared Entra login is mapped to gets that identity's tokens from its
// platform, so its code signs in to the server as the login, as a federated credential on the identity lets its issuer do (90th
// run, A90a-4). The login's own application attaching it is the usual design, and the one thing the checks cannot tell: it is said
// by a suppression of PGD-IAM-13 on that workload, with the reason, and so every workload that signs in as a login is in the report.

/** The identity types whose attachment lets a workload act as them: a user-assigned identity of the stack, or one it looks up. */
const USER_ASSIGNED = 'azurerm_user_assigned_identity';

/** A verdict per workload of the stack that attaches the user-assigned identity of a declared Entra login. */
export function loginIdentityAttachments(principals: readonly LoginPrincipal[], stack: StackFacts | undefined): Verdict[] {
  return principals.flatMap(({ declaration, login, standIn }) => {
    const what = (named: string) => `${named} (the identity ${declaration.path} maps role ${login.name} to)`;
    const scope = pointerScope('identity', what, standIn.config.object_id, stack);
    const identity = scope?.addresses.find((address) => [stack?.resources?.get(address), stack?.lookups?.get(address)].some((block) => block?.type === USER_ASSIGNED));
    if (scope === undefined || identity === undefined) return [];
    return attachmentsOf([fromJudged('identity', scope, stack)], stack).map(({ block }) => fail(
      `${block.address} attaches ${scope.what} to a workload of its own: its code signs in to the server as ${login.name}, with that role's rights, which the declaration does not show. If it is the application ${login.name} is for, suppress PGD-IAM-13 on ${block.address} with that reason.`,
      block.address));
  });
}
