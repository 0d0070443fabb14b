import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReplicationError, runScenario, runTasks, WorkerSession, type Task } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/load.js';

/** Runs f with the pool's workers started from a stand-in script in test/fixtures/workers. */
async function withWorkerScript(name: string, f: () => Promise<void>): Promise<void> {
  const before = process.env.WATERWAY_SIM_WORKER_SCRIPT;
  process.env.WATERWAY_SIM_WORKER_SCRIPT = join(process.cwd(), 'test', 'fixtures', 'workers', name);
  try {
    await f();
  } finally {
    if (before === undefined) delete process.env.WATERWAY_SIM_WORKER_SCRIPT;
    else process.env.WATERWAY_SIM_WORKER_SCRIPT = before;
  }
}

const loaded = loadScenario(join(process.cwd(), 'test', 'fixtures', 'scenarios', 'toy.yaml'));
const toy = loaded.scenario;

describe('replications in worker threads', () => {
  it('give identical results whatever the number of workers (1, 2, 3)', async () => {
    const one = await runScenario(toy, { workers: 1 });
    const two = await runScenario(toy, { workers: 2 });
    const three = await runScenario(toy, { workers: 3 });
    expect(one.results).toHaveLength(6);
    expect(two.results).toEqual(one.results);
    expect(three.results).toEqual(one.results);
    expect(two.aggregate).toEqual(one.aggregate);
    // Workers handed the seeds the main thread loaded build the same input as workers that read them.
    const preloaded = await runScenario(toy, { workers: 2, seeds: loaded.seeds });
    expect(preloaded.results).toEqual(one.results);
    // and the replications differ from one another
    expect(new Set(one.results.map((r) => r.mainLine.tonnes)).size).toBeGreaterThan(1);
  });

  it('draw streams from (seed, scenario, replication): another seed or scenario name changes the numbers', async () => {
    const base = await runScenario(toy, { workers: 2, replications: 2 });
    const otherSeed = await runScenario(toy, { workers: 2, replications: 2, seed: 8 });
    const otherName = await runScenario({ ...toy, name: 'toy-renamed' }, { workers: 2, replications: 2 });
    expect(otherSeed.results[0]!.mainLine.tonnes).not.toBe(base.results[0]!.mainLine.tonnes);
    expect(otherName.results[0]!.mainLine.tonnes).not.toBe(base.results[0]!.mainLine.tonnes);
  });

  it('aggregate every KPI as a mean with a 95% CI, and P(reached) as a share of replications', async () => {
    const run = await runScenario({ ...toy, targets: { tonnes: 4e6, teu: 1 } }, { workers: 2 });
    const tonnes = run.results.map((r) => r.mainLine.tonnes);
    expect(run.aggregate.mainLine.tonnes.mean).toBeCloseTo(tonnes.reduce((s, x) => s + x, 0) / tonnes.length, 6);
    expect(run.aggregate.mainLine.pTonnesReached).toBe(tonnes.filter((t) => t >= 4e6).length / tonnes.length);
    const dam = run.aggregate.locks.find((l) => l.id === 'dam')!;
    expect(dam.waitMeanH).toMatchObject({ n: 6 });
  });

  it('retries a replication once when its worker crashes, and says so; the results are unchanged', async () => {
    const clean = await runScenario(toy, { workers: 2 });
    const crashed = await runScenario(toy, { workers: 2, fault: { replication: 3, kind: 'crash' } });
    expect(crashed.incidents).toEqual([expect.stringMatching(/^replication 3 of scenario 'toy' \(seed 7\): the worker threw injected crash in replication 3; retried on a fresh worker$/)]);
    expect(crashed.results).toEqual(clean.results);
  });

  it('retries once when a worker exits, and when one hangs past the time limit', async () => {
    const exited = await runScenario(toy, { workers: 2, fault: { replication: 1, kind: 'exit' } });
    expect(exited.incidents).toEqual([expect.stringMatching(/replication 1 .* exited with code 3/)]);
    const hung = await runScenario(toy, { workers: 2, taskTimeoutS: 3, fault: { replication: 0, kind: 'hang' } });
    expect(hung.incidents).toEqual([expect.stringMatching(/replication 0 .* took longer than 3 s \(hung\?\)/)]);
    expect(hung.results).toHaveLength(6);
  });

  it('an invariant violation aborts its replication and fails the run at once, never retried or averaged in', async () => {
    const incidents: string[] = [];
    await expect(runScenario(toy, { workers: 2, fault: { replication: 4, kind: 'invariant' }, onIncident: (i) => incidents.push(i) })).rejects.toThrow(
      /^replication 4 of scenario 'toy' \(seed 7\) failed: invariant violated: injected in replication 4$/,
    );
    expect(incidents).toEqual([]);
  });

  it('fails the run, naming scenario, seed and replication, when a replication fails twice', async () => {
    await expect(runScenario(toy, { workers: 2, fault: { replication: 2, kind: 'throw' } })).rejects.toThrow(ReplicationError);
    await expect(runScenario(toy, { workers: 2, fault: { replication: 2, kind: 'throw' } })).rejects.toThrow(
      /^replication 2 of scenario 'toy' \(seed 7\) failed twice: the worker threw injected fault in replication 2$/,
    );
  });

  it('a session keeps only workers that said they were ready, so a slow starter is never fed twice', async () => {
    // A stand-in worker whose odd threads are slow to start: the first call ends before one of them is ready.
    await withWorkerScript('slow-start.mjs', async () => {
      const session = new WorkerSession();
      try {
        const tasks: Task[] = [0, 1, 2].map((replication) => ({ scenario: toy, scenarioKey: 'k', replication, seed: 1 }));
        const first = await runTasks(tasks, { workers: 2, session });
        expect(first.map((r) => (r as unknown as { replication: number }).replication)).toEqual([0, 1, 2]);
        expect(session.idle).toHaveLength(1);
        // Before the fix the slow worker was parked, fed on reuse, then fed again by its late 'ready': one task was lost and this hung.
        const hung = new Promise((_, reject) => setTimeout(() => reject(new Error('the second call hung')), 10_000).unref());
        const second = await Promise.race([runTasks(tasks, { workers: 2, session }), hung]);
        expect((second as { replication: number }[]).map((r) => r.replication)).toEqual([0, 1, 2]);
      } finally {
        await session.close();
      }
    });
  });

  it('fails the run, saying why, when workers cannot even start (instead of replacing them for ever)', async () => {
    await withWorkerScript('broken.mjs', async () => {
      const tasks: Task[] = [{ scenario: toy, scenarioKey: 'k', replication: 0, seed: 1 }];
      const spinning = new Promise((_, reject) => setTimeout(() => reject(new Error('still starting workers after 10 s')), 10_000).unref());
      await expect(Promise.race([runTasks(tasks, { workers: 2 }), spinning])).rejects.toThrow(/^cannot start a worker thread: the worker threw broken at load$/);
    });
  });
});
