/**
 * The Redis backend as planners use it: a throwaway redis-server, `waterway-sim worker`
 * processes, and the study commands with --backend redis://…
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers.js';
import { startRedis, type TestRedis } from '../redis-server.js';

const TOY = resolve('test', 'fixtures', 'scenarios', 'toy.yaml');
const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> & { child: ChildProcess } {
  let child!: ChildProcess;
  const p = new Promise<Run>((done) => {
    child = execFile(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, WATERWAY_SIM_REDIS_GIVE_UP_S: '1', ...env }, maxBuffer: 1 << 26 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  return Object.assign(p, { child });
}

interface TestWorker {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}
const workers: TestWorker[] = [];
/** A worker process taking one job at a time. All use one --stalled-s: the check's turn is shared through Redis, so a 30-s worker would hold it for 30 s. */
async function startWorker(url: string): Promise<TestWorker> {
  const child = spawn(process.execPath, [...cliCommand(), 'worker', '--backend', url, '--concurrency', '1', '--stalled-s', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const w = { child, log: () => text, exited };
  workers.push(w);
  await until(() => /taking jobs from/.test(text) || child.exitCode !== null, 20_000);
  if (child.exitCode !== null) throw new Error(`the worker did not start: ${text}`);
  return w;
}

async function until(ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A run's summary.json without what may differ between backends: the wall time and the incidents. */
function summaryOf(dir: string): string {
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  delete s.wallS;
  delete s.incidents;
  return JSON.stringify(s);
}

/** The toy at ten times its demand over `years` (20 years: about 2 s a replication), so that a worker can be stopped mid-job. */
function slowToy(years = 20): string {
  const dir = mkdtempSync(join(tmpdir(), 'redis-toy-'));
  const file = join(dir, 'slow.yaml');
  writeFileSync(file, `name: slow-toy\nextends: ${TOY}\nhorizon: { years: ${years}, warmupDays: 5 }\ndemand: { demandScale: 10 }\nreplications: 4\n`);
  return file;
}

async function activeJobs(redis: TestRedis): Promise<number> {
  const q = new Queue('waterway-sim', { connection: { host: '127.0.0.1', port: redis.port } });
  try {
    return await q.getActiveCount();
  } finally {
    await q.close();
  }
}

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
});

describe('the Redis backend', async () => {
  const redis = await startRedis();
  afterAll(() => redis.kill());
  const out = mkdtempSync(join(tmpdir(), 'redis-out-'));

  it('two worker processes share a run, and summary.json is byte-identical to the local pool’s, apart from wall time and incidents', async () => {
    const [a, b] = await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
    const [remote, local] = await Promise.all([
      cli(['run', TOY, '--backend', redis.url, '--no-capacity', '--no-report', '--quiet', '--out', join(out, 'remote')], { WATERWAY_SIM_REDIS_BATCH: '1' }),
      cli(['run', TOY, '--workers', '1', '--no-capacity', '--no-report', '--out', join(out, 'local')]),
    ]);
    expect(remote.stderr).toBe('');
    expect(remote.code).toBe(0);
    expect(local.code).toBe(0);
    expect(remote.stdout).toMatch(/6 replications on the queue at redis:\/\/127\.0\.0\.1:\d+ in/);
    expect(summaryOf(join(out, 'remote'))).toBe(summaryOf(join(out, 'local')));
    // Both took jobs: six one-replication jobs, two workers.
    expect(a.log()).toMatch(/job \S+: 1 replication of 'toy'/);
    expect(b.log()).toMatch(/job \S+: 1 replication of 'toy'/);
    // Finished jobs are removed: nothing waits, runs or lingers finished.
    const q = new Queue('waterway-sim', { connection: { host: '127.0.0.1', port: redis.port } });
    expect(await q.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed')).toEqual({ wait: 0, active: 0, completed: 0, failed: 0, delayed: 0 });
    await q.close();
    // SIGTERM: each finishes what it holds and stops cleanly.
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.log()).toMatch(/SIGTERM: finishing the jobs in hand[\s\S]*stopped\n$/);
  });

  it('a worker stopped with SIGTERM mid-job finishes it: the run completes with no incident', async () => {
    const first = await startWorker(redis.url);
    const run = cli(['run', slowToy(), '--backend', redis.url, '--replications', '2', '--no-capacity', '--no-report', '--out', join(out, 'sigterm')], { WATERWAY_SIM_REDIS_BATCH: '1' });
    await until(async () => (await activeJobs(redis)) > 0, 20_000);
    first.child.kill('SIGTERM');
    const second = await startWorker(redis.url);
    const r = await run;
    expect(r.code).toBe(0);
    expect(await first.exited).toBe(0);
    expect(first.log()).toMatch(/job \S+: 1 replication of 'slow-toy'/);
    expect(JSON.parse(readFileSync(join(out, 'sigterm', 'summary.json'), 'utf8')).incidents).toEqual([]);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('a worker killed mid-job (SIGKILL): BullMQ’s stalled-job check gives the job to another worker, the run completes and reports it', async () => {
    const doomed = await startWorker(redis.url);
    const scenario = slowToy(10);
    const run = cli(['run', scenario, '--backend', redis.url, '--no-capacity', '--no-report', '--out', join(out, 'killed')], { WATERWAY_SIM_REDIS_BATCH: '1' });
    await until(async () => (await activeJobs(redis)) > 0, 20_000);
    doomed.child.kill('SIGKILL');
    const killedAt = performance.now();
    const rescuer = await startWorker(redis.url);
    const doneAt = run.then(() => performance.now());
    const [r, local] = await Promise.all([run, cli(['run', scenario, '--workers', '1', '--no-capacity', '--no-report', '--out', join(out, 'killed-local')])]);
    const recoveryS = ((await doneAt) - killedAt) / 1000;
    console.log(`recovery: the run finished ${recoveryS.toFixed(1)} s after the worker was killed (stalled check every 2 s; a local run of the same scenario alongside)`);
    // Four replications of about a second each, and the lost one back within two checks.
    expect(recoveryS).toBeLessThan(15);
    expect(r.code).toBe(0);
    const incidents = JSON.parse(readFileSync(join(out, 'killed', 'summary.json'), 'utf8')).incidents as string[];
    expect(incidents.some((i) => /its worker stopped answering; BullMQ's stalled-job check put it back on the queue/.test(i))).toBe(true);
    expect(summaryOf(join(out, 'killed'))).toBe(summaryOf(join(out, 'killed-local')));
    expect(local.code).toBe(0);
    rescuer.child.kill('SIGTERM');
    await rescuer.exited;
  });

  it('a replication that fails twice fails the run, naming scenario, seed and replication; exit 2, nothing written', async () => {
    const w = await startWorker(redis.url);
    const r = await cli(['run', TOY, '--backend', redis.url, '--no-capacity', '--quiet', '--out', join(out, 'failed')], { WATERWAY_SIM_INJECT_FAULT: '2:throw' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^waterway-sim: replication 2 of scenario 'toy' \(seed 7\) failed twice: the worker threw injected fault in replication 2\n$/);
    expect(existsSync(join(out, 'failed'))).toBe(false);
    w.child.kill('SIGTERM');
    await w.exited;
  });

  it('a worker refuses a job from another package version, and says why', async () => {
    const w = await startWorker(redis.url);
    const connection = { host: '127.0.0.1', port: redis.port };
    const q = new Queue('waterway-sim', { connection });
    const events = new QueueEvents('waterway-sim', { connection });
    await events.waitUntilReady();
    const failed = new Promise<string>((r) => events.on('failed', ({ failedReason }) => r(failedReason)));
    await q.add('replications', { version: '0.0.0-other', scenarioHash: 'x', seedsKey: 'x', scenario: {}, tasks: [] }, { jobId: 'other-version', removeOnFail: true });
    const reason = await failed;
    expect(reason).toBe(`refused job other-version: it comes from waterway-sim 0.0.0-other and this worker is ${version}; results of two versions must not mix, so run workers of the study's version`);
    expect(w.log()).toContain(reason);
    await Promise.all([events.close(), q.close()]);
    w.child.kill('SIGTERM');
    await w.exited;
  });
});

describe('the Redis backend when Redis goes away', () => {
  it('mid-run: a clear error within seconds, exit 2, no output; --resume after the restart reuses what was stored', async () => {
    const redis = await startRedis();
    const w = await startWorker(redis.url);
    const out = join(mkdtempSync(join(tmpdir(), 'redis-gone-')), 'sweep');
    const args = ['bottlenecks', slowToy(4), '--levels', '1,1.5', '--no-takeover', '--replications', '4', '--backend', redis.url, '--out', out];
    const run = cli(args, { WATERWAY_SIM_REDIS_BATCH: '1' });
    const store = join(out, '..', '.sweep.resume');
    await until(() => existsSync(store) && readdirSync(store).filter((f) => f.endsWith('.json')).length >= 2, 60_000);
    const stored = readdirSync(store).filter((f) => f.endsWith('.json')).length;
    const killedAt = performance.now();
    await redis.kill();
    w.child.kill('SIGKILL');
    const r = await run;
    expect((performance.now() - killedAt) / 1000).toBeLessThan(15);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`waterway-sim: lost the connection to Redis at redis://127\\.0\\.0\\.1:${redis.port}: it did not come back within 1 s; no output was written\\n$`));
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(existsSync(out)).toBe(false);

    const again = await startRedis(redis.port);
    const w2 = await startWorker(again.url);
    const resumed = await cli([...args, '--resume'], { WATERWAY_SIM_REDIS_BATCH: '1' });
    expect(resumed.code).toBe(0);
    const reused = Number(/resumed: (\d+) replications reused/.exec(resumed.stdout)?.[1]);
    expect(reused).toBeGreaterThanOrEqual(stored);
    expect(reused).toBeLessThan(8);
    expect(existsSync(join(out, 'bottlenecks.csv'))).toBe(true);
    w2.child.kill('SIGTERM');
    await w2.exited;
    await again.kill();
  });
});

describe('the Redis backend without a server', () => {
  it('a --backend that is not local or a Redis URL is refused in one line, exit 1; an unreachable Redis in one line once the wait for it ends (1 s here, WATERWAY_SIM_REDIS_GIVE_UP_S), exit 2; nothing written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'redis-none-')), 'out');
    const bad = await cli(['run', TOY, '--backend', 'http://localhost:6379', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("waterway-sim: --backend: expected 'local' or a redis:// or rediss:// URL, got the scheme 'http'\n");
    const worker = await cli(['worker', '--backend', 'local']);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toBe("waterway-sim: --backend: a worker takes jobs from a Redis queue: give redis://host:port, not 'local'\n");
    const none = await cli(['run', TOY, '--backend', 'redis://127.0.0.1:1', '--no-capacity', '--quiet', '--out', out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('waterway-sim: cannot reach Redis at redis://127.0.0.1:1 (tried for 1 s); no output was written\n');
    expect(existsSync(out)).toBe(false);
  });
});
