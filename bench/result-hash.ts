/**
 * Fingerprints of whole replications: a SHA-256 of every KPI of a few replications
 * of the named scenarios, for checking that a refactoring leaves results unchanged.
 * Usage: node dist/bench/result-hash.js [scenario.yaml ...]
 */
import { createHash } from 'node:crypto';
import { loadRunnable } from '../src/cli/scenario-options.js';
import { runFreightYear } from '../src/model/index.js';
import { buildScenarioInput } from '../src/run/prepare.js';

const files = process.argv.slice(2);
for (const file of files.length ? files : ['scenarios/plan-2020.yaml', 'scenarios/baseline-2013.yaml']) {
  const { scenario } = loadRunnable(file, {});
  const input = buildScenarioInput(scenario);
  const hash = createHash('sha256');
  let events = 0;
  for (let r = 0; r < 2; r++) {
    const result = runFreightYear(input, 1, r, scenario.name);
    events += result.events;
    hash.update(JSON.stringify(result));
  }
  console.log(`${file}: ${hash.digest('hex').slice(0, 16)} (${events.toLocaleString('en')} events in 2 replications)`);
}
