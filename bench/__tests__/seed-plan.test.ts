import { Planned, plan } from '../seed';

describe("the read bench's data set", () => {
  const set = {
    messages: 20_000,
    userIds: Array.from({ length: 200 }, (_, i) => i + 1),
    channels: { ours: ['a', 'b'], theirs: ['x', 'y'] },
    heavyShare: 0.1,
    unreadShare: 0.3,
    archivedShare: 0.1,
    snoozedShare: 0.05,
  };
  const rows: Planned[] = [...plan(set)];
  const twins = (twin: Planned['twin'], userId?: number) =>
    rows.filter((m) => m.twin === twin && (userId === undefined || m.userId === userId)).length;

  it('gives ours an archived twin of a tenth and a snoozed twin of a twentieth of the messages, never both', () => {
    expect(twins(undefined)).toBe(set.messages);
    expect(twins('archived')).toBe(set.messages / 10);
    expect(twins('snoozed')).toBe(set.messages / 20);
    const bothOf = new Set(rows.filter((m) => m.twin === 'archived').map((m) => m.index));
    expect(rows.some((m) => m.twin === 'snoozed' && bothOf.has(m.index))).toBe(false);
  });

  it('gives the heavy user the same shares as everyone', () => {
    const heavy = set.userIds[0];
    expect(twins(undefined, heavy)).toBe(set.messages / 10);
    expect(twins('archived', heavy)).toBe(set.messages / 100);
    expect(twins('snoozed', heavy)).toBe(set.messages / 200);
  });
});
