/**
 * The last `capacity` message ids written to one stream: a message that arrives twice (a live event racing
 * a catch-up, a pub/sub publish resent after a reconnect) is written once, and a catch-up can look back
 * over this window for messages that arrived out of id order and were missed. A ring of doubles grown on
 * demand (8 bytes an id, nothing per entry): thousands of open streams each hold one; a linear scan of a
 * few hundred numbers costs less than a hash set's memory.
 */
export class RecentIds {
  private ring = new Float64Array(0);
  private size = 0;
  private next = 0;
  private forgot = false;

  constructor(private readonly capacity: number) {}

  has(id: number): boolean {
    for (let i = 0; i < this.size; i++) if (this.ring[i] === id) return true;
    return false;
  }

  add(id: number): void {
    if (this.has(id)) return;
    if (this.size === this.ring.length && this.size < this.capacity) this.grow();
    if (this.size < this.ring.length) {
      this.ring[this.size++] = id;
      return;
    }
    this.ring[this.next] = id; // full: overwrite the oldest
    this.next = (this.next + 1) % this.capacity;
    this.forgot = true;
  }

  /** True once ids were forgotten: below `oldest()`, whether an id was written is no longer known. */
  get hasForgotten(): boolean {
    return this.forgot;
  }

  /** The smallest id remembered (undefined when empty). */
  oldest(): number | undefined {
    let min: number | undefined;
    for (let i = 0; i < this.size; i++) if (min === undefined || this.ring[i] < min) min = this.ring[i];
    return min;
  }

  /** The largest id remembered (undefined when empty). */
  newest(): number | undefined {
    let max: number | undefined;
    for (let i = 0; i < this.size; i++) if (max === undefined || this.ring[i] > max) max = this.ring[i];
    return max;
  }

  private grow(): void {
    const ring = new Float64Array(Math.min(this.capacity, Math.max(8, this.ring.length * 2)));
    ring.set(this.ring);
    this.ring = ring;
  }
}
