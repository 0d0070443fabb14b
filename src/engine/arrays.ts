/**
 * Empties an array that is filled again soon. `a.length = 0` would free its storage and the
 * next push allocate afresh (V8); popping keeps it, so a reused batch allocates nothing.
 */
export function empty(a: unknown[]): void {
  while (a.length > 0) a.pop();
}
