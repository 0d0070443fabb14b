/**
 * What report.html costs beside the run it reports: the plan-2020 run and the
 * rendering of its report (Vega-Lite to SVG in Node) timed in the same process,
 * and their ratio. With Chromium present, it also loads the page and saves the
 * full-page screenshot the README shows (bench/report-plan-2020.png).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, packageVersion } from '../src/package.js';
import { runReportHtml } from '../src/report/html/run-report.js';
import { runScenario } from '../src/run/index.js';
import { loadScenario } from '../src/scenario/load.js';
import { launchChromium } from './browser.js';

const file = process.argv[2] ?? join(packageRoot(), 'scenarios', 'plan-2020.yaml');
const replications = Number(process.env.REPLICATIONS ?? 8);
const { scenario, seeds } = loadScenario(file);

const run = await runScenario(scenario, { workers: 2, replications, seeds });
const t0 = performance.now();
const html = await runReportHtml(run, packageVersion(), seeds);
const renderS = (performance.now() - t0) / 1000;
const out = join('out', 'bench-report');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.html'), html);
console.log(`${scenario.name}: ${replications} replications on 2 workers in ${run.wallS.toFixed(1)} s; report.html (${(html.length / 1024).toFixed(0)} KiB) rendered in ${renderS.toFixed(2)} s`);
console.log(`report rendering / run wall time: ${((100 * renderS) / run.wallS).toFixed(1)}%`);

{
  const { browser, which } = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const t1 = performance.now();
  await page.goto(`file://${join(process.cwd(), out, 'report.html')}`);
  const loadS = (performance.now() - t1) / 1000;
  const shot = join(packageRoot(), 'bench', 'report-plan-2020.png');
  await page.screenshot({ path: shot, fullPage: true });
  await browser.close();
  console.log(`Chromium: ${which}`);
  console.log(`loaded in Chromium in ${loadS.toFixed(2)} s (${((100 * loadS) / run.wallS).toFixed(1)}% of the run); screenshot: ${shot}`);
}
