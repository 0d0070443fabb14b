/**
 * The one waiting line of every server: customers in (priority, arrival) order,
 * lower priority numbers first and first come first served among equals, each
 * with the handler to call when served and the time it began to wait.
 *
 * A ring of parallel arrays, so joining and leaving allocate nothing. Servers
 * read the front as a window (position k from the head): a resource takes the
 * head with shift(); a chamber marks the customers that fit anywhere in the
 * window and removes them at once, so later, smaller vessels fill the gaps.
 */
export class WaitingLine<T, D = unknown> {
  private items: (T | undefined)[] = new Array(16);
  private dones: (D | undefined)[] = new Array(16);
  private sinces = new Float64Array(16);
  private priorities = new Float64Array(16);
  private taken = new Uint8Array(16);
  private mask = 15;
  private head = 0;
  private count = 0;
  /** Counts changes of the line's content: a decision taken on one version stands while it is unchanged. */
  version = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Joins at the back of its priority class. Equal priorities (the usual case)
   * append in O(1); a more urgent customer is moved forward past the less urgent.
   */
  push(item: T, since: number, done?: D, priority = 0): void {
    this.version++;
    if (this.count === this.sinces.length) this.grow();
    let k = this.count++;
    // Move less urgent customers back one place until the new one's place is found.
    while (k > 0 && this.priorities[this.at(k - 1)]! > priority) {
      this.move(this.at(k - 1), this.at(k));
      k--;
    }
    const i = this.at(k);
    this.items[i] = item;
    this.dones[i] = done;
    this.sinces[i] = since;
    this.priorities[i] = priority;
    this.taken[i] = 0;
  }

  item(k: number): T {
    return this.items[this.at(k)]!;
  }

  done(k: number): D {
    return this.dones[this.at(k)]!;
  }

  since(k: number): number {
    return this.sinces[this.at(k)]!;
  }

  /** Removes the customer at the head (read it first). */
  shift(): void {
    this.version++;
    const i = this.head;
    this.items[i] = undefined;
    this.dones[i] = undefined;
    this.head = (i + 1) & this.mask;
    this.count--;
  }

  /** Marks the customer at window position k as taken; removeMarked() drops it. */
  mark(k: number): void {
    this.taken[this.at(k)] = 1;
  }

  /** Drops the marked customers among the first n, keeping the others in order. */
  removeMarked(n: number): void {
    this.version++;
    // Slide the kept customers of the window to its back, then move the head past the gap.
    let write = n - 1;
    for (let k = n - 1; k >= 0; k--) {
      const i = this.at(k);
      if (this.taken[i]) continue;
      if (write !== k) this.move(i, this.at(write));
      write--;
    }
    for (let k = 0; k <= write; k++) {
      const i = this.at(k);
      this.items[i] = undefined;
      this.dones[i] = undefined;
      this.taken[i] = 0;
    }
    this.head = (this.head + write + 1) & this.mask;
    this.count -= write + 1;
  }

  private at(k: number): number {
    return (this.head + k) & this.mask;
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from];
    this.dones[to] = this.dones[from];
    this.sinces[to] = this.sinces[from]!;
    this.priorities[to] = this.priorities[from]!;
    this.taken[to] = this.taken[from]!;
  }

  private grow(): void {
    const n = this.sinces.length;
    const items: (T | undefined)[] = new Array(n * 2);
    const dones: (D | undefined)[] = new Array(n * 2);
    const sinces = new Float64Array(n * 2), priorities = new Float64Array(n * 2), taken = new Uint8Array(n * 2);
    for (let k = 0; k < this.count; k++) {
      const i = this.at(k);
      items[k] = this.items[i];
      dones[k] = this.dones[i];
      sinces[k] = this.sinces[i]!;
      priorities[k] = this.priorities[i]!;
      taken[k] = this.taken[i]!;
    }
    this.items = items;
    this.dones = dones;
    this.sinces = sinces;
    this.priorities = priorities;
    this.taken = taken;
    this.mask = n * 2 - 1;
    this.head = 0;
  }
}
