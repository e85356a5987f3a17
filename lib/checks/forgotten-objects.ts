import { bodiesOf, isObject } from './terraform-json';

/**
 * Whether a `removed` block makes Terraform forget its object and leave it in Azure: its lifecycle
 * sets `destroy` to anything but true (Terraform takes only a constant, `true` or `"true"`; with no
 * lifecycle, or none that sets it, the object is destroyed). The object stays live where the stack no
 * longer describes it: a firewall rule, an administrator or a parameter once judged, or suppressed
 * with a reason, now beside the server unseen (eleventh review, A11b-7).
 */
export function forgetsObject(removed: { readonly [key: string]: unknown }): boolean {
  return bodiesOf(removed.lifecycle ?? []).some((lifecycle) => !isObject(lifecycle) || ('destroy' in lifecycle && lifecycle.destroy !== true && lifecycle.destroy !== 'true'));
}
