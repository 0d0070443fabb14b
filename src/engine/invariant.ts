/**
 * A consistency check inside a run failed: a bug, never a result. The replication
 * stops there, and the message names what broke (the lock, the vessel, the time).
 */
export class InvariantError extends Error {
  override name = 'InvariantError';
  constructor(message: string) {
    super(`invariant violated: ${message}`);
  }
}

/**
 * Empties an array that is filled again soon. `a.length = 0` would free its storage and the
 * next push allocate afresh (V8); popping keeps it, so a reused batch allocates nothing.
 */
export function empty(a: unknown[]): void {
  while (a.length > 0) a.pop();
}
