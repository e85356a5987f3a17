// The pipeline recipes of docs/pipelines.md, read from the page itself, so the tests that run them
// (test/docs/pipelines.test.ts, scripts/test-consumer.js) run exactly what a reader copies.
'use strict';
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const PAGE = path.join(__dirname, '..', 'docs', 'pipelines.md');

/** Each ```yaml block of the page under its "## " heading, parsed. */
function recipes(page = fs.readFileSync(PAGE, 'utf8')) {
  const found = [];
  let heading;
  const lines = page.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('## ')) heading = lines[i].slice(3).trim();
    if (lines[i] !== '```yaml') continue;
    const end = lines.indexOf('```', i + 1);
    found.push({ heading, document: YAML.parse(lines.slice(i + 1, end).join('\n')) });
    i = end;
  }
  return found;
}

/** The steps of a recipe, each as { name, run } (a shell script) or { name, uses, with } (a task or action). */
function steps(recipe) {
  const document = recipe.document;
  const list = document.jobs ? Object.values(document.jobs).flatMap((job) => job.steps) : document.steps;
  return list.map((step) => {
    if (step.run !== undefined) return { name: step.name, run: step.run, condition: step.if };
    if (step.script !== undefined) return { name: step.displayName, run: step.script, condition: step.condition };
    return { name: step.name ?? step.displayName, uses: step.uses ?? step.task, with: step.with ?? step.inputs ?? {}, condition: step.if ?? step.condition };
  });
}

module.exports = { PAGE, recipes, steps };
