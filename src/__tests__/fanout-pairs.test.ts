import { idsFollowEachOther, pairsOf } from '../server/services/store/message-store';

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

// MariaDB's fan-out learns its rows' ids from the first id the driver reports, only where the server numbers one
// statement's rows one after another; elsewhere it asks for them with RETURNING
describe("whether a MariaDB server numbers one statement's new rows one after another", () => {
  it('does with the auto-increment lock held for the statement (lock modes 0 and 1) and a step of 1', () => {
    expect(idsFollowEachOther({ lockMode: 1, step: 1 })).toBe(true);
    expect(idsFollowEachOther({ lockMode: '0', step: '1' })).toBe(true);
  });

  it('does not with interleaved ids (lock mode 2)', () => {
    expect(idsFollowEachOther({ lockMode: 2, step: 1 })).toBe(false);
  });

  it('does not when ids count by more than 1 (a Galera cluster)', () => {
    expect(idsFollowEachOther({ lockMode: 1, step: 3 })).toBe(false);
  });

  it('does not when the server does not say (a setting it does not have)', () => {
    expect(idsFollowEachOther({ lockMode: null, step: 1 })).toBe(false);
  });
});
