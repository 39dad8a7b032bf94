/** What InnoDB's FULLTEXT index (MariaDB) holds of a text: words of these lengths, but for its stopwords. */
export interface FulltextRules {
  minChars: number;
  maxChars: number;
  /** Lower-cased. */
  stopwords: Set<string>;
}

/** A word of a boolean-mode query: required whole, or (`prefix`) as the start of a word. */
export interface FulltextTerm {
  word: string;
  prefix: boolean;
}

/** Separators every InnoDB tokenizer splits at: a word of `q` between them is a whole word of any text holding `q`. */
const BLANKS = /[ \t\r\n]+/;
/** Letters and digits only: no character InnoDB might split at, nor a boolean-mode operator. */
const WORD = /^[\p{L}\p{N}]+$/u;
/**
 * Scripts written without blanks between words: a text's "word" there may be a whole sentence, longer than the index
 * keeps (innodb_ft_max_token_size), so a word of these is never asked for.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * Pure: the FULLTEXT terms every text holding `q` (as a substring, any case) holds. A word of `q` with a blank on each
 * side is a whole word of such a text; the last word, after a blank, starts one. The first word may end one (no
 * index query reaches it), and a word the index leaves out (too short or long, a stopword, or for a prefix, the
 * start of a stopword) cannot be asked for. None: the index cannot narrow the search.
 */
export function fulltextTerms(q: string, rules: FulltextRules): FulltextTerm[] {
  const parts = q.toLowerCase().split(BLANKS);
  const terms = new Map<string, FulltextTerm>();
  parts.forEach((word, i) => {
    const length = [...word].length;
    if (i === 0 || !WORD.test(word) || UNSPACED.test(word) || length < rules.minChars || length > rules.maxChars) return;
    const prefix = i === parts.length - 1;
    const unindexed = prefix ? [...rules.stopwords].some((stopword) => stopword.startsWith(word)) : rules.stopwords.has(word);
    // only the last word is a prefix: one asked whole before it needs no prefix term as well
    if (!unindexed && !terms.has(word)) terms.set(word, { word, prefix });
  });
  return [...terms.values()];
}

/** Pure: the boolean-mode query requiring every term (words of letters and digits only: no operator among them). */
export const booleanQuery = (terms: FulltextTerm[]): string => terms.map(({ word, prefix }) => `+${word}${prefix ? '*' : ''}`).join(' ');
