// What Checkov's terraform_json runner cannot parse, as far as its parser decides it. Checkov
// could not be installed here (PyPI is unreachable), so this models its parser, read at
// bridgecrewio/checkov 03d5fdad8d6154b1565799a7b1fb8070c158866f, checkov/terraform_json/parser.py:
// prepare_definition() walks the top-level keys (skipping "//"); handle_block_type() calls
// .items() on each block's value, iterates a provider's value as a list, and hands every
// resource and data body, every provider configuration, the locals object and every value
// inside any other block (terraform, variable, output, module, ...) to hclify(), which raises
// "this method receives only dicts" for anything but an object. Those exceptions are not caught:
// the run fails. (A string such as terraform.required_version is one: bridgecrewio/checkov#7454.)
// What the parser accepts is then built into a graph and checked; that part is not modelled here.

/** Keys the parser skips: the comment key and the line markers its YAML loader adds. */
const SKIPPED = new Set(['//', '__startline__', '__endline__', '__file__']);

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The paths in a cdk.tf.json at which Checkov's terraform_json parser would fail; empty when it parses. */
export function checkovTerraformJsonProblems(json: unknown): string[] {
  const root = Array.isArray(json) ? json[0] : json;
  if (root === undefined || root === null) return [];
  if (!isObject(root)) return ['(root) is not an object'];
  const problems: string[] = [];
  const needObject = (path: string, value: unknown) => {
    if (!isObject(value)) problems.push(`${path} is ${Array.isArray(value) ? 'a list' : typeof value}, not an object`);
  };
  for (const [blockType, blocks] of Object.entries(root)) {
    if (SKIPPED.has(blockType)) continue;
    if (!isObject(blocks)) {
      problems.push(`${blockType} is ${Array.isArray(blocks) ? 'a list' : typeof blocks}, not an object`);
      continue;
    }
    if (blockType === 'locals') continue; // one object, hclified whole
    for (const [name, config] of Object.entries(blocks)) {
      if (SKIPPED.has(name)) continue;
      const path = `${blockType}.${name}`;
      if (blockType === 'resource' || blockType === 'data') {
        needObject(path, config);
        if (!isObject(config)) continue;
        for (const [resourceName, body] of Object.entries(config)) if (!SKIPPED.has(resourceName)) needObject(`${path}.${resourceName}`, body);
      } else if (blockType === 'provider') {
        if (!Array.isArray(config)) problems.push(`${path} is ${typeof config}, not a list of configurations`);
        else config.forEach((provider, index) => needObject(`${path}[${index}]`, provider));
      } else {
        needObject(path, config);
      }
    }
  }
  return problems;
}
