import { attachmentsOf } from './identity-attachments';
import { LoginPrincipal } from './login-principals';
import { identitiesRead, identityObject } from './read-identities';
import { fail, StackFacts, Verdict } from './rule';

// A workload that attaches the user-assigned identity a declared Entra login is mapped to gets that identity's tokens from its
// platform, so its code signs in to the server as the login, as a federated credential on the identity lets its issuer do (90th
// run, A90a-4). The login's own application attaching it is the usual design, and the one thing the checks cannot tell: it is said
// by a suppression of PGD-IAM-13 on that workload, with the reason, and so every workload that signs in as a login is in the report.

/** A verdict per workload of the stack that attaches a user-assigned identity a declared Entra login's object ID reads. */
export function loginIdentityAttachments(principals: readonly LoginPrincipal[], stack: StackFacts | undefined): Verdict[] {
  return principals.flatMap(({ declaration, login, standIn }) => identitiesRead(standIn.config.object_id, stack).flatMap((address) => {
    const identity = identityObject(address, (named) => `${named} (the identity ${declaration.path} maps role ${login.name} to)`, stack);
    return attachmentsOf([identity], stack).map(({ block }) => fail(
      `${block.address} attaches ${identity.what} to a workload of its own: its code signs in to the server as ${login.name}, with that role's rights, which the declaration does not show. If it is the application ${login.name} is for, suppress PGD-IAM-13 on ${block.address} with that reason.`,
      block.address));
  }));
}
