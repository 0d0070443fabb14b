/**
 * A queue of waiting customers served by (priority, arrival order): lower
 * priority numbers first, FIFO among equals. While every customer has the
 * same priority it is a plain ring buffer (O(1), no allocation per customer);
 * the first different priority turns it into a binary heap.
 */
export interface Waiting<T> {
  priority: number;
  seq: number;
  since: number;
  item: T;
}

export class WaitingLine<T> {
  // Ring buffer, used while all priorities equal `ringPriority`.
  private items: (T | undefined)[] = new Array(16);
  private sinces = new Float64Array(16);
  private head = 0;
  private count = 0;
  private ringPriority: number | null = null;
  // Heap, once priorities differ.
  private heap: Waiting<T>[] | null = null;
  private nextSeq = 0;
  private readonly out: Waiting<T> = { priority: 0, seq: 0, since: 0, item: undefined as T };

  get length(): number {
    return this.heap ? this.heap.length : this.count;
  }

  push(item: T, since: number, priority = 0): void {
    const seq = this.nextSeq++;
    if (this.heap === null) {
      if (this.count === 0) this.ringPriority = priority;
      if (priority === this.ringPriority) {
        if (this.count === this.items.length) this.grow();
        const at = (this.head + this.count) & (this.items.length - 1);
        this.items[at] = item;
        this.sinces[at] = since;
        this.count++;
        return;
      }
      this.toHeap();
    }
    heapPush(this.heap!, { priority, seq, since, item });
  }

  /**
   * Removes and returns the next customer. The returned record is reused by
   * the next pop(): read it before popping again.
   */
  pop(): Waiting<T> | undefined {
    if (this.heap) {
      const top = heapPop(this.heap);
      if (this.heap.length === 0) this.heap = null;
      return top;
    }
    if (this.count === 0) return undefined;
    const at = this.head;
    this.out.item = this.items[at]!;
    this.out.since = this.sinces[at]!;
    this.out.priority = this.ringPriority ?? 0;
    this.items[at] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return this.out;
  }

  private grow(): void {
    const n = this.items.length;
    const items: (T | undefined)[] = new Array(n * 2);
    const sinces = new Float64Array(n * 2);
    for (let k = 0; k < this.count; k++) {
      items[k] = this.items[(this.head + k) & (n - 1)];
      sinces[k] = this.sinces[(this.head + k) & (n - 1)]!;
    }
    this.items = items;
    this.sinces = sinces;
    this.head = 0;
  }

  /** Moves the ring's customers, in order, into a heap. */
  private toHeap(): void {
    const heap: Waiting<T>[] = [];
    const n = this.items.length;
    for (let k = 0; k < this.count; k++) {
      const at = (this.head + k) & (n - 1);
      heap.push({ priority: this.ringPriority ?? 0, seq: k - this.count, since: this.sinces[at]!, item: this.items[at]! });
      this.items[at] = undefined;
    }
    this.count = 0;
    this.head = 0;
    this.heap = heap; // already ordered: equal priorities in arrival order form a valid heap
  }
}

function before<T>(a: Waiting<T>, b: Waiting<T>): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}

function heapPush<T>(h: Waiting<T>[], entry: Waiting<T>): void {
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

function heapPop<T>(h: Waiting<T>[]): Waiting<T> | undefined {
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
