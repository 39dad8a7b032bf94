/** A trigram in at least this share of the newest texts narrows a search too little to be worth reading. */
export const FREQUENT_SHARE = 0.5;
/** Trigrams remembered at most, and for how long: shares drift slowly, and a search's pages ask again at once. */
const REMEMBERED = 1000;
const REMEMBER_MS = 10 * 60 * 1000;

/**
 * Which trigrams of a search are frequent in the indexed texts (in FREQUENT_SHARE of the newest ones or more),
 * remembered for a while so the pages of a search and the searches typed after it ask the database once. Asking
 * the index for a trigram every text holds costs as much as the rest of a search (1.8 of 3 ms at 1,000,000 messages).
 */
export class TrigramShares {
  private readonly known = new Map<string, { share: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The frequent ones among `trigrams`; `measure` is asked only for those not remembered, in one call. */
  async frequent(trigrams: string[], measure: (trigrams: string[]) => Promise<Map<string, number>>): Promise<Set<string>> {
    const fresh = (trigram: string) => {
      const entry = this.known.get(trigram);
      return entry && this.now() - entry.at < REMEMBER_MS ? entry : undefined;
    };
    const missing = trigrams.filter((trigram) => !fresh(trigram));
    if (missing.length) {
      const measured = await measure(missing);
      for (const trigram of missing) this.remember(trigram, measured.get(trigram) ?? 0);
    }
    return new Set(trigrams.filter((trigram) => (fresh(trigram)?.share ?? 0) >= FREQUENT_SHARE));
  }

  private remember(trigram: string, share: number): void {
    this.known.delete(trigram);
    // a Map keeps insertion order: the first key is the one remembered longest ago
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value as string);
    this.known.set(trigram, { share, at: this.now() });
  }
}
