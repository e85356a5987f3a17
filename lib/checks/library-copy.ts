import { relative } from 'path';
import { TerraformStack } from 'cdktf';
import { Unshown, ValidationError } from '../private/validation-error';

/** This copy of the library, by the folder it was loaded from (relative to the working directory, as npm ls shows it). */
const THIS_COPY: { readonly location: string } = { location: relative(process.cwd(), __dirname) || '.' };
/** Shared by every copy of the library in the process, so that a copy sees another's claim. */
const CLAIMED_BY = Symbol.for('cdktf-azure-postgres.app-copy');

/**
 * Claims a stack's app for this copy of the library. Each copy keeps its own record of the
 * constructs it enforces and of what it wrote into each stack's JSON (suppressions, warnings,
 * pinned attributes, declarations), and its own shared constructs: two copies in one stack
 * (two versions installed side by side) would write over each other's lists (fourth review,
 * A4-8), and two copies in two stacks of one app would not see each other's constructs, so a
 * server of one would not be enforced where the other's stack configures it (fifth review, A5-3).
 * The second copy fails at its first construct and says why.
 */
export function claimStack(stack: TerraformStack): void {
  const app = stack.node.root as { [CLAIMED_BY]?: { readonly location: string } };
  const claimed = app[CLAIMED_BY];
  if (claimed === THIS_COPY) return;
  if (claimed === undefined) {
    Object.defineProperty(app, CLAIMED_BY, { value: THIS_COPY });
    return;
  }
  throw new ValidationError(
    'LIBRARY-COPIES',
    'scope',
    new Unshown(`stack "${stack.node.path}"`),
    `is in an app that holds constructs of two copies of cdktf-azure-postgres (loaded from ${claimed.location} and from ${THIS_COPY.location}), whose security checks would write over each other's lists and would not enforce each other's servers`,
    'install one copy: find both with npm ls cdktf-azure-postgres and align the versions that depend on it, then npm dedupe',
  );
}
