/** The reference: a bare typed-array binary min-heap of (time, payload), no tie-break. */
export class BareHeap {
  times: Float64Array;
  ids: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  push(t: number, id: number): void {
    const times = this.times, ids = this.ids;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p]! <= t) break;
      times[i] = times[p]!;
      ids[i] = ids[p]!;
      i = p;
    }
    times[i] = t;
    ids[i] = id;
  }

  pop(): number {
    const times = this.times, ids = this.ids;
    const top = ids[0]!;
    const n = --this.size;
    const t = times[n]!, id = ids[n]!;
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < n && times[c + 1]! < times[c]!) c++;
      if (t <= times[c]!) break;
      times[i] = times[c]!;
      ids[i] = ids[c]!;
      i = c;
    }
    times[i] = t;
    ids[i] = id;
    return top;
  }
}
