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
