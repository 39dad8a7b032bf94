import { consecutiveIdsIn, readCommittedIn } from '../server/services/store/server-settings';

describe("what the inbox asks a MySQL or MariaDB server", () => {
  it('counts on consecutive ids of an INSERT … SELECT only under the AUTO-INC table lock and a step of one', () => {
    expect(consecutiveIdsIn({ mode: 1, step: 1 })).toBe(true); // MariaDB's default
    expect(consecutiveIdsIn({ mode: '0', step: '1' })).toBe(true);
    expect(consecutiveIdsIn({ mode: 2, step: 1 })).toBe(false); // MySQL 8's default: interleaved
    expect(consecutiveIdsIn({ mode: 1, step: 3 })).toBe(false); // a Galera cluster of three
    expect(consecutiveIdsIn(undefined)).toBe(false);
  });

  it('writes at READ COMMITTED unless the server logs statements', () => {
    expect(readCommittedIn({ logBin: 0, format: 'STATEMENT' })).toBe(true);
    expect(readCommittedIn({ logBin: 1, format: 'ROW' })).toBe(true);
    expect(readCommittedIn({ logBin: 1, format: 'statement' })).toBe(false);
  });
});
