/**
 * A queue of waiting customers served by (priority, arrival order): lower
 * priority numbers first, FIFO among equals. A binary heap of small records.
 */
export interface Waiting<T> {
  priority: number;
  seq: number;
  since: number;
  item: T;
}

export class WaitingLine<T> {
  private heap: Waiting<T>[] = [];
  private nextSeq = 0;

  get length(): number {
    return this.heap.length;
  }

  push(item: T, since: number, priority = 0): void {
    const h = this.heap;
    const entry: Waiting<T> = { priority, seq: this.nextSeq++, since, item };
    let i = h.length;
    h.push(entry);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p]!, entry)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = entry;
  }

  peek(): Waiting<T> | undefined {
    return this.heap[0];
  }

  pop(): Waiting<T> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(h[c + 1]!, h[c]!)) c++;
      if (before(last, h[c]!)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

function before<T>(a: Waiting<T>, b: Waiting<T>): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}
