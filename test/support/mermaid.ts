import { execFileSync } from 'child_process';
import { join } from 'path';

/** What Mermaid's parser made of a diagram: parsed or not, and each label as Mermaid keeps it. */
export type MermaidResult =
  | { readonly ok: true; readonly type: string; readonly subgraphs: readonly string[]; readonly vertices: readonly string[]; readonly edges: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** Every label of a parsed diagram, decoded: subgraph titles, nodes, edges. */
export function labelsOf(result: MermaidResult): string[] {
  if (!result.ok) throw new Error(`the diagram did not parse: ${result.error}`);
  return [...result.subgraphs, ...result.vertices, ...result.edges].map(decodedLabel);
}

/** Parses diagrams with the `mermaid` package in a child Node process (Mermaid is an ES module; see mermaid-parse.mjs). */
export function parseMermaid(diagrams: readonly string[]): MermaidResult[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'mermaid-parse.mjs')], { input: JSON.stringify(diagrams), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output) as MermaidResult[];
}

/**
 * A label as a reader sees it: Mermaid keeps entity codes as placeholders (ﬂ°°<n>¶ß for "#<n>;")
 * and decodes them when it renders; "<br/>" (kept as "<br>") is a line break.
 */
export function decodedLabel(label: string): string {
  return label
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/<br\s*\/?>/g, '\n');
}
