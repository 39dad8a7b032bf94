/**
 * The last `capacity` ids written to one stream: a message that arrives twice (a live event racing a
 * catch-up, a pub/sub publish resent after a reconnect) is written once, in bounded memory per stream.
 */
export class RecentIds {
  private readonly order: number[] = [];
  private readonly ids = new Set<number>();

  constructor(private readonly capacity: number) {}

  has(id: number): boolean {
    return this.ids.has(id);
  }

  add(id: number): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.order.push(id);
    if (this.order.length > this.capacity) this.ids.delete(this.order.shift() as number);
  }
}
