// Parses Mermaid diagrams with Mermaid's own parser (the `mermaid` package), in Node without a
// browser: jsdom gives it the window and document it expects. Mermaid is an ES module, so the
// tests run this file in a child process (test/support/mermaid.ts). Reads a JSON list of diagram
// texts on stdin; prints, per diagram, whether it parsed, the parser's error, and the text of
// every subgraph title, node label and edge label as Mermaid keeps it (entity codes still encoded).
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = [...diagram.db.getVertices().values()].map((vertex) => vertex.text);
    const edges = diagram.db.getEdges().map((edge) => edge.text).filter((label) => label !== '');
    const subgraphs = diagram.db.getSubGraphs().map((subgraph) => subgraph.title);
    results.push({ ok: true, type: diagram.type, subgraphs, vertices, edges });
  } catch (error) {
    results.push({ ok: false, error: String(error.message ?? error).split('\n')[0] });
  }
}
process.stdout.write(JSON.stringify(results));
