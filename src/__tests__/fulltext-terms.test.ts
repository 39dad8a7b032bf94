import { booleanQuery, fulltextTerms } from '../server/services/queries/fulltext-terms';

/** InnoDB's defaults: words of 3 to 84 characters, and a few of its stopwords. */
const RULES = { minChars: 3, maxChars: 84, stopwords: new Set(['about', 'the', 'where', 'with']) };

describe('the words a FULLTEXT index is asked for in a search (MariaDB)', () => {
  it('asks for a word between blanks whole and the last word as a prefix, never the first word', () => {
    expect(fulltextTerms('Message 12345', RULES)).toEqual([{ word: '12345', prefix: true }]);
    expect(fulltextTerms('new Lead arrived', RULES)).toEqual([
      { word: 'lead', prefix: false },
      { word: 'arrived', prefix: true },
    ]);
    // a single word may sit inside a longer one: nothing to ask for
    expect(fulltextTerms('invoice', RULES)).toEqual([]);
  });

  it('asks for a last word followed by a blank whole', () => {
    expect(fulltextTerms('new lead ', RULES)).toEqual([{ word: 'lead', prefix: false }]);
  });

  it('leaves out words the index does not hold: short, long, stopwords, and prefixes of a stopword', () => {
    expect(fulltextTerms('x of budget the plan', RULES)).toEqual([
      { word: 'budget', prefix: false },
      { word: 'plan', prefix: true },
    ]);
    expect(fulltextTerms(`a ${'y'.repeat(85)} z`, RULES)).toEqual([]);
    expect(fulltextTerms('go whe', RULES)).toEqual([]);
    expect(fulltextTerms('go wher', RULES)).toEqual([]);
    expect(fulltextTerms('go whereas', RULES)).toEqual([{ word: 'whereas', prefix: true }]);
  });

  it('leaves out words holding anything but letters and digits, so no operator reaches the query', () => {
    expect(fulltextTerms('a +budget* "plan" e_mail o\'brien café 2026', RULES)).toEqual([
      { word: 'café', prefix: false },
      { word: '2026', prefix: true },
    ]);
  });

  it('leaves out words of scripts written without blanks, whose text words may be too long for the index', () => {
    expect(fulltextTerms('订单 已发货 status', RULES)).toEqual([{ word: 'status', prefix: true }]);
  });

  it('asks for a word once, whole when it is also the last', () => {
    expect(fulltextTerms('x plan plan', RULES)).toEqual([{ word: 'plan', prefix: false }]);
  });

  it('requires every term, a prefix marked with *', () => {
    expect(booleanQuery([{ word: 'lead', prefix: false }, { word: 'arr', prefix: true }])).toBe('+lead +arr*');
  });
});
