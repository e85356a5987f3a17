#!/usr/bin/env node
// Renders the access diagram of one example's security report into docs/images/, as the README
// shows it: `npm run synth`, then `node scripts/render-access-diagram.js`. It needs a Chromium
// (Debian: apt-get install chromium; another one with CHROMIUM_PATH=...): it drives it with
// puppeteer-core and Mermaid's browser build, so neither npm test nor CI needs a browser. It also
// writes the diagram's Mermaid source beside the image; test/checks/access-diagram.test.ts fails
// when that source no longer matches what the report gives, so the image is rendered again.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const root = path.join(__dirname, '..');
const EXAMPLE = 'flexible-public-firewall';
const report = process.argv[2] ?? path.join(root, 'cdktf.out', 'stacks', EXAMPLE, 'postgres-security-report.json');
const image = process.argv[3] ?? path.join(root, 'docs', 'images', 'access-diagram.png');
const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main() {
  if (!fs.existsSync(report)) throw new Error(`${report} is missing: run npm run synth first`);
  if (!fs.existsSync(browser)) throw new Error(`${browser} is missing: install Chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  const diagram = JSON.parse(fs.readFileSync(report, 'utf8')).accessDiagram;
  fs.mkdirSync(path.dirname(image), { recursive: true });
  fs.writeFileSync(image.replace(/\.png$/, '.mmd'), `${diagram}\n`);

  const chromium = await puppeteer.launch({ executablePath: browser, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await chromium.newPage();
    await page.setViewport({ width: 1600, height: 900, deviceScaleFactor: 2 });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="diagram"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(async (text) => {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
      const { svg } = await window.mermaid.render('access', text);
      document.getElementById('diagram').innerHTML = svg;
    }, diagram);
    const svg = await page.$('#diagram svg');
    await svg.screenshot({ path: image, omitBackground: false });
  } finally {
    await chromium.close();
  }
  console.log(`wrote ${path.relative(root, image)} and its Mermaid source`);
}

main().catch((error) => {
  console.error(`render-access-diagram: ${error.message}`);
  process.exitCode = 1;
});
