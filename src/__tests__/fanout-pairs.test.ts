import { forEachPair } from '../server/services/store/message-store';

/** The pairs forEachPair hands over, in order. */
const pairsOf = (ids: string | null, users: string | null) => {
  const pairs: { id: number; userId: number }[] = [];
  forEachPair(ids, users, (id, userId) => pairs.push({ id, userId }));
  return pairs;
};

// PostgreSQL's fan-out answers its new rows as two comma lists side by side, not as one protocol row per receiver
describe('the (id, receiver) pairs a PostgreSQL fan-out answers', () => {
  it('pairs the n-th id with the n-th receiver', () => {
    expect(pairsOf('11,12,13', '7,3,9')).toEqual([
      { id: 11, userId: 7 },
      { id: 12, userId: 3 },
      { id: 13, userId: 9 },
    ]);
  });

  it('is none when the statement inserted no row (the aggregates are null)', () => {
    expect(pairsOf(null, null)).toEqual([]);
  });

  it('reads ids beyond 32 bits exactly', () => {
    expect(pairsOf('9007199254740991', '4294967297')).toEqual([{ id: 9007199254740991, userId: 4294967297 }]);
  });
});
