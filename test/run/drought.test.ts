import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFreightYear, type LockKpi } from '../../src/model/index.js';
import { buildScenarioInput } from '../../src/run/prepare.js';
import { loadScenario } from '../../src/scenario/load.js';

const { scenario, seeds } = loadScenario(join(process.cwd(), 'scenarios', 'drought-2021.yaml'));
// January–April: four of the drought's eight months (the lines 1–2 withdrawal of November is
// checked on its own in the hydrology tests); a third of a year keeps the file quick.
const drought = { ...buildScenarioInput(scenario, seeds), horizonS: 120 * 86400 };
const normal = { ...drought };
delete normal.hydrology;

describe('the 2021 drought against the same months in normal water (January–April, one replication each, common random numbers)', () => {
  const [d, n] = [runFreightYear(drought, 1, 0), runFreightYear(normal, 1, 0)];
  const cz = (r: typeof d): LockKpi => r.locks.find((l) => l.id === 'changzhou')!;

  it('lightens the loads through Changzhou and sends more ships for the same demand', () => {
    expect(cz(d).tonnesPerLockage).toBeLessThan(cz(n).tonnesPerLockage);
    // On the record's 2021 demand the model's Changzhou is at capacity in both cases (README,
    // "Hindcast"): the extra ships show in the voyages started, not in what the lock passes.
    expect(d.net.voyagesStarted).toBeGreaterThan(1.05 * n.net.voyagesStarted);
  });

  it("lengthens Changzhou's waits", () => {
    expect(cz(d).waitMeanH).toBeGreaterThan(cz(n).waitMeanH);
  });

  it('loses no vessel and no tonne', () => {
    expect(d.conservation.ok).toBe(true);
  });
});
