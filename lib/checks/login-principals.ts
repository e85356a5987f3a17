import { AccessDeclaration, DeclaredLogin } from './access-declarations';
import { evaluateTemplate, NO_LOCALS } from './hcl-expression';
import { ownValue } from '../private/own-keys';
import { ResourceView } from './stack-model';
import { readPlainLabel } from '../private/pgaadauth-label';

// Whoever holds a credential of the Entra principal a DatabaseAccess login is mapped to (a client secret, a certificate, a federated
// identity credential, a password), owns it, or joins it (a group login), signs in as that login: the readers of what the stack writes
// into an Entra administrator's principal (administrator-credentials.ts, administrator-groups.ts) read what it writes into a login's
// through the login's stand-in (88th run, A88a-2).

/** A DatabaseAccess login mapped to an Entra principal, and that principal as an Entra administrator block would name it. */
export interface LoginPrincipal {
  readonly declaration: AccessDeclaration;
  readonly login: DeclaredLogin;
  /** object_id: the label's object ID as declared (a literal, or its expression read again); principal_type: the label's type. */
  readonly standIn: ResourceView;
}

/** The principal types of a pgaadauth label, as an Entra administrator's principal_type spells them. */
const PRINCIPAL_TYPES: { readonly [type: string]: string } = { user: 'User', group: 'Group', service: 'ServicePrincipal' };

/** The Entra principals the declared logins are mapped to, one stand-in per login with a label of DatabaseAccess's form. */
export function loginPrincipals(declarations: readonly AccessDeclaration[]): LoginPrincipal[] {
  return declarations.flatMap((declaration) => declaration.logins.flatMap((login): LoginPrincipal[] => {
    // A label as DatabaseAccess writes it (plainLabel): its type, a literal word, ends it, so the object ID is all before.
    const found = login.label === undefined ? undefined : readPlainLabel(login.label);
    if (found === undefined) return [];
    const { objectId, type } = found;
    const standIn: ResourceView = {
      type: 'postgresql_security_label',
      name: login.name,
      address: `${declaration.path} (the Entra principal of role ${login.name})`,
      config: { object_id: evaluateTemplate(objectId, NO_LOCALS), principal_type: ownValue(PRINCIPAL_TYPES, type.toLowerCase()) },
      certain: true,
    };
    return [{ declaration, login, standIn }];
  }));
}
