// Terraform reads every string of its JSON configuration as a template: "${...}" is an
// interpolation and "%{...}" a directive, evaluated at plan or apply time. cdktf passes a plain
// JavaScript string through as it is, so such a string is no token to cdktf and yet an
// expression to Terraform. Pure (no cdktf): the constructs and the `check` command share it.

/**
 * True when the text holds "${" or "%{". Their escapes ("$${", "%%{") are held too: Terraform
 * turns them into "${" and "%{", so the value it uses is not the text a reviewer reads.
 */
export function holdsTemplateSequence(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}
