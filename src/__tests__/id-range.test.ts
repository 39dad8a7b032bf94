import { idRange } from '../server/services/store/counters';

// a send's new ids are read back for the counters as one range only when no id of another send lies in it
describe('the id range a fan-out reads its counters from', () => {
  it('is the ids’ range when they fill it, in any order', () => {
    expect(idRange([7, 5, 6, 8])).toEqual({ from: 5, to: 8 });
    expect(idRange([42])).toEqual({ from: 42, to: 42 });
  });

  it('is none when an id is missing or repeated, or there are none', () => {
    expect(idRange([5, 6, 8])).toBeUndefined();
    expect(idRange([5, 6, 6, 7])).toBeUndefined();
    expect(idRange([])).toBeUndefined();
  });

  it('takes a fan-out to more receivers than a call takes arguments', () => {
    const ids = Array.from({ length: 300_000 }, (_, i) => 1_000_000 - i);
    expect(idRange(ids)).toEqual({ from: 700_001, to: 1_000_000 });
  });
});
