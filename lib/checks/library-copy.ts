import { relative } from 'path';
import { TerraformStack } from 'cdktf';
import { Unshown, ValidationError } from '../private/validation-error';

/** This copy of the library, by the folder it was loaded from (relative to the working directory, as npm ls shows it). */
const THIS_COPY: { readonly location: string } = { location: relative(process.cwd(), __dirname) || '.' };
/** Shared by every copy of the library in the process, so that a copy sees another's claim. */
const CLAIMED_BY = Symbol.for('cdktf-azure-postgres.stack-copy');

/**
 * Claims a stack for this copy of the library. Each copy keeps its own record of what it wrote
 * into the stack's JSON (suppressions, warnings, pinned attributes, declarations) and its own shared
 * constructs: two copies in one stack (two versions installed side by side) would write over each
 * other's lists and fail synth with findings about overrides nobody wrote, so the second copy
 * fails at once and says why (fourth review, A4-8).
 */
export function claimStack(stack: TerraformStack): void {
  const claimed = (stack as unknown as { [CLAIMED_BY]?: { readonly location: string } })[CLAIMED_BY];
  if (claimed === THIS_COPY) return;
  if (claimed === undefined) {
    Object.defineProperty(stack, CLAIMED_BY, { value: THIS_COPY });
    return;
  }
  throw new ValidationError(
    'LIBRARY-COPIES',
    'scope',
    new Unshown(`stack "${stack.node.path}"`),
    `holds constructs of two copies of cdktf-azure-postgres (loaded from ${claimed.location} and from ${THIS_COPY.location}), whose security checks would write over each other's lists`,
    'install one copy: find both with npm ls cdktf-azure-postgres and align the versions that depend on it, then npm dedupe',
  );
}
