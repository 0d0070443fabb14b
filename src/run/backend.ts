/**
 * Where replications run: the local worker pool (no server), or a BullMQ queue on Redis
 * that `waterway-sim worker` processes on any number of machines.
 */
export type Backend = { kind: 'local' } | { kind: 'redis'; url: string };

export const LOCAL: Backend = { kind: 'local' };

/** The queue every client and worker of one Redis database share. */
export const QUEUE_NAME = 'waterway-sim';

/** `local`, or `redis://[user:pass@]host:port[/db]` (`rediss://` for TLS); anything else throws with the reason. */
export function parseBackend(text: string): Backend {
  const t = text.trim();
  if (t === 'local') return LOCAL;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    throw new Error(`expected 'local' or a Redis URL such as redis://localhost:6379, got '${text}'`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`expected 'local' or a redis:// or rediss:// URL, got the scheme '${url.protocol.replace(/:$/, '')}'`);
  if (!url.hostname) throw new Error(`the Redis URL '${text}' names no host`);
  if (url.pathname && url.pathname !== '/' && !/^\/\d+$/.test(url.pathname)) throw new Error(`the Redis URL's database must be a number (redis://host:port/0), got '${url.pathname.slice(1)}'`);
  return { kind: 'redis', url: t };
}

/** The URL without its password, for messages. */
export function backendLabel(b: Backend): string {
  if (b.kind === 'local') return 'local worker threads';
  const u = new URL(b.url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/$/, '');
}

/** A failure of the backend rather than of a replication: the server gone, unreachable or refusing. */
export class BackendError extends Error {
  override name = 'BackendError';
}
