import { PeriodicJob } from '../server/services/jobs/periodic-job';

/** A job whose rounds end only when the test says so. */
class GatedJob extends PeriodicJob {
  rounds = 0;
  private release: () => void = () => undefined;

  constructor() {
    super(1000, { error: jest.fn() }, 'gated');
  }

  protected work(): Promise<number> {
    this.rounds += 1;
    return new Promise((resolve) => (this.release = () => resolve(1)));
  }

  finishRound(): void {
    this.release();
  }
}

describe('a periodic job (retention, snooze wake-up)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('skips ticks while a round is under way, so rounds never pile up', async () => {
    const job = new GatedJob();
    job.start();
    jest.advanceTimersByTime(5000);
    expect(job.rounds).toBe(1);
    job.finishRound();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(job.rounds).toBe(2);
    job.finishRound();
    await job.stop();
  });

  it('stops only once the round under way has finished, so the app closes its database after it', async () => {
    const job = new GatedJob();
    job.start();
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    job.finishRound();
    await stopping;
    expect(stopped).toBe(true);
    jest.advanceTimersByTime(10_000);
    expect(job.rounds).toBe(1);
  });
});
