/**
 * Start-up, whole process, median of 5 on this machine: `--version`, `--help`, `network`,
 * `validate` of plan-2020, and the time from launch until `run` hands its first replication to
 * a worker thread (read by a preloaded hook on Worker#postMessage, against the process's own
 * time origin), beside node itself doing nothing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/package.js';

const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const runs = Number(process.env.RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function wall(args: string[], node: string[] = []): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...node, ...args], { cwd: packageRoot(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return (performance.now() - t) / 1000;
}

// Prints, once, the ms since the process began at the first task message sent to a worker thread.
const HOOK = `data:text/javascript,${encodeURIComponent(`
import { Worker } from 'node:worker_threads';
const post = Worker.prototype.postMessage;
let seen = false;
Worker.prototype.postMessage = function (m, ...rest) {
  if (!seen && m && typeof m === 'object' && 'replication' in m) { seen = true; process.stderr.write('first-task-ms ' + performance.now().toFixed(0) + '\\n'); }
  return post.call(this, m, ...rest);
};`)}`;

function firstTaskMs(): number {
  const r = spawnSync(process.execPath, ['--import', HOOK, cli, 'run', '--replications', '1', '--workers', '1', '--no-capacity', '--no-report', '--out', join(packageRoot(), 'out', 'bench-startup')], { cwd: packageRoot(), encoding: 'utf8' });
  const m = /first-task-ms (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no task seen: ${r.stderr}`);
  return Number(m[1]);
}

const rows: [string, number][] = [
  ['node -e 0 (Node itself)', median(Array.from({ length: runs }, () => wall(['-e', '0'])))],
  ['waterway-sim --version', median(Array.from({ length: runs }, () => wall([cli, '--version'])))],
  ['waterway-sim --help', median(Array.from({ length: runs }, () => wall([cli, '--help'])))],
  ['waterway-sim network', median(Array.from({ length: runs }, () => wall([cli, 'network'])))],
  ['waterway-sim validate scenarios/plan-2020.yaml', median(Array.from({ length: runs }, () => wall([cli, 'validate', 'scenarios/plan-2020.yaml'])))],
  ['run plan-2020: launch to the first replication handed to a worker', median(Array.from({ length: runs }, firstTaskMs)) / 1000],
];
const node = rows[0]![1];
for (const [what, s] of rows) console.log(`${what.padEnd(68)} ${s.toFixed(3)} s  (${(s / node).toFixed(1)}× Node's own start)`);
