import { fanoutRunsAt } from '../config';

describe('how many times the fan-out bench sends to each size', () => {
  it('repeats a small send more, up to 21 runs, and never fewer than asked', () => {
    expect(fanoutRunsAt(1_000, 5)).toBe(21);
    expect(fanoutRunsAt(5_000, 5)).toBe(10);
    expect(fanoutRunsAt(10_000, 5)).toBe(5);
    expect(fanoutRunsAt(50_000, 5)).toBe(5);
    expect(fanoutRunsAt(10_000, 9)).toBe(9);
    expect(fanoutRunsAt(1_000, 30)).toBe(30);
  });
});
