/**
 * Lets at most `concurrency` holders in at once; the others wait their turn in arrival order, and past `maxWaiting`
 * waiting a newcomer is turned away (`enter` answers false). A holder that leaves hands its place to the next.
 */
export class AdmissionGate {
  private inside = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  get waitingCount(): number {
    return this.waiting.length;
  }

  async enter(): Promise<boolean> {
    if (this.inside < this.concurrency) {
      this.inside++;
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return true;
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inside = Math.max(0, this.inside - 1);
  }
}
