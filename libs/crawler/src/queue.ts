/** A compact FIFO: a plain array with a moving head, compacted now and then (Array#shift is O(n)). */
export class Queue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  push(x: T): void {
    this.items.push(x);
  }

  /** Puts `x` back at the front (a page taken but not done, on cancel). */
  unshift(x: T): void {
    if (this.head > 0) this.items[--this.head] = x;
    else this.items.unshift(x);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }

  /** Drops everything; returns how many were dropped. */
  clear(): number {
    const n = this.length;
    this.items = [];
    this.head = 0;
    return n;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  toArray(): T[] {
    // Slots from the head on are always filled: only shift() empties a slot, and it moves the head past it.
    return this.items.slice(this.head) as T[];
  }
}

/** Workers that ran out of work wait here until another one adds work or finishes. */
export class ChangeSignal {
  private waiters: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wakeAll(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
