/**
 * A throwaway Redis for the Redis backend's tests: Debian's redis-server on a free
 * localhost port with its own data folder, stopped afterwards. When the machine has no
 * redis-server, it is installed from Debian's packages (what .ci/run does too); when that
 * cannot be done, the tests fail and say how to get it. They are never skipped.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The redis-server binary, installed from Debian's packages when missing and installable. */
export function redisServerBinary(): string {
  const found = which('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  if (found) return found;
  const root = process.getuid?.() === 0;
  if (root && which('apt-get')) {
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    let r = install();
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { encoding: 'utf8' });
      r = install();
    }
    const now = which('redis-server');
    if (now) return now;
  }
  throw new Error(
    "redis-server not found, and it could not be installed here: the Redis backend's tests need Debian's redis-server (7.0; BullMQ needs 6.2 or later). Install it with `apt-get install redis-server` (as root; .ci/run does this), or put a redis-server on the PATH.",
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  port: number;
  url: string;
  process: ChildProcess;
  /** Stops it at once (SIGKILL): a server that goes away mid-run. */
  kill(): Promise<void>;
  /** Used memory, peak used memory (bytes). */
  memory(): { used: number; peak: number };
}

/** Starts a redis-server on `port` (a free one by default), without persistence, and waits until it answers. */
export async function startRedis(port?: number): Promise<TestRedis> {
  const bin = redisServerBinary();
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'redis-'));
  const child = spawn(bin, ['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
  const cli = (...args: string[]) => execFileSync(bin.replace(/redis-server$/, 'redis-cli'), ['-p', String(p), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  for (let k = 0; ; k++) {
    try {
      if (cli('ping') === 'PONG') break;
    } catch {
      // not up yet
    }
    if (k > 100 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${p}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    process: child,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    memory: () => {
      const info = cli('info', 'memory');
      const get = (k: string) => Number(/^(\w+):(\d+)/m.test(info) ? new RegExp(`^${k}:(\\d+)`, 'm').exec(info)![1] : NaN);
      return { used: get('used_memory'), peak: get('used_memory_peak') };
    },
  };
}
