import { isAscending, uniqueAscending } from '../server/services/store/id-order';

describe('receiver ids, each once and ascending, as the fan-out inserts them', () => {
  it('keeps a list that is ascending already, as it is', () => {
    const ids = [3, 8, 21];
    expect(uniqueAscending(ids)).toBe(ids);
  });

  it('sorts numerically, not as text, and drops repeats', () => {
    expect(uniqueAscending([10, 9, 100, 9, 2, 10])).toEqual([2, 9, 10, 100]);
  });

  it('drops a repeat in an otherwise ascending list', () => {
    expect(uniqueAscending([1, 2, 2, 3])).toEqual([1, 2, 3]);
  });

  it('keeps ids beyond 32 bits exact', () => {
    expect(uniqueAscending([9007199254740991, 4294967297, 4294967297])).toEqual([4294967297, 9007199254740991]);
  });

  it('is empty for no ids', () => {
    expect(uniqueAscending([])).toEqual([]);
  });
});

describe('whether a list is in ascending order of a key', () => {
  it('is for strictly rising keys, and for none or one item', () => {
    expect(isAscending([{ id: 1 }, { id: 4 }], (m) => m.id)).toBe(true);
    expect(isAscending([], (m: { id: number }) => m.id)).toBe(true);
    expect(isAscending([{ id: 7 }], (m) => m.id)).toBe(true);
  });

  it('is not with a key falling or repeated', () => {
    expect(isAscending([{ id: 4 }, { id: 1 }], (m) => m.id)).toBe(false);
    expect(isAscending([{ id: 4 }, { id: 4 }], (m) => m.id)).toBe(false);
  });
});
