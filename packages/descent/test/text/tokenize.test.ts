// Tokenizers, n-grams and the Python-regex translation. The vectorizer goldens
// (vectorizers.test.ts) cover the scikit-learn paths; these pin the general tokenizers.
import { describe, expect, it } from 'vitest';
import {
  charNgrams, charWbNgrams, ngrams, normalizeText, pythonRegExp, regexpTokenizer, sentTokenize, wordNgrams, wordPunctTokenize, wordTokenize,
} from '../../src/text/index.js';

describe('tokenizers', () => {
  it('pythonRegExp makes \\w and \\b Unicode-aware like Python 3', () => {
    expect('naïve café 東京 x_1'.match(pythonRegExp('(?u)\\b\\w\\w+\\b'))).toEqual(['naïve', 'café', '東京', 'x_1']);
    expect("it's [a] test".match(pythonRegExp("[\\w']+"))).toEqual(["it's", 'a', 'test']);
  });
  it('regexpTokenizer takes the single capturing group and rejects two', () => {
    expect(regexpTokenizer('(\\w+)=\\d+')('a=1 bb=22')).toEqual(['a', 'bb']);
    expect(() => regexpTokenizer('(\\w)(\\w)')).toThrow(/2 capturing groups/);
  });
  it('wordPunctTokenize splits words from punctuation runs', () => {
    expect(wordPunctTokenize("Good muffins cost $3.88 in New York.  Please buy me... two!"))
      .toEqual(['Good', 'muffins', 'cost', '$', '3', '.', '88', 'in', 'New', 'York', '.', 'Please', 'buy', 'me', '...', 'two', '!']);
  });
  it('wordTokenize keeps contractions, hyphenations and decimals', () => {
    expect(wordTokenize("The state-of-the-art model costs $3.50, doesn't it?"))
      .toEqual(['The', 'state-of-the-art', 'model', 'costs', '$', '3.50', ',', "doesn't", 'it', '?']);
    expect(wordTokenize('Wait... what?')).toEqual(['Wait', '...', 'what', '?']);
  });
  it('sentTokenize splits on terminal punctuation but not after abbreviations or initials', () => {
    expect(sentTokenize('Dr. Smith arrived. He sat down! Was it 3 p.m.? Yes.'))
      .toEqual(['Dr. Smith arrived.', 'He sat down!', 'Was it 3 p.m.?', 'Yes.']);
    expect(sentTokenize('J. R. R. Tolkien wrote it. "Really?" she asked. It was 1954.'))
      .toEqual(['J. R. R. Tolkien wrote it.', '"Really?" she asked.', 'It was 1954.']);
    expect(sentTokenize('no capital after. so one sentence')).toEqual(['no capital after. so one sentence']);
    expect(sentTokenize('   ')).toEqual([]);
  });
  it('normalizeText lowercases then strips accents', () => {
    expect(normalizeText('Crème BRÛLÉE', { stripAccents: 'unicode' })).toBe('creme brulee');
    expect(normalizeText('Straße ø', { stripAccents: 'ascii', lowercase: false })).toBe('Strae ');
  });
});

describe('n-grams', () => {
  it('ngrams, word n-grams in scikit-learn order, stop words removed first', () => {
    expect(ngrams([1, 2, 3], 2)).toEqual([[1, 2], [2, 3]]);
    expect(ngrams([1], 2)).toEqual([]);
    expect(wordNgrams(['a', 'b', 'c'], [1, 3])).toEqual(['a', 'b', 'c', 'a b', 'b c', 'a b c']);
    expect(wordNgrams(['a', 'the', 'b'], [2, 2], new Set(['the']))).toEqual(['a b']);
    expect(() => wordNgrams(['a'], [0, 1])).toThrow(/ngramRange must be/);
  });
  it('char n-grams count code points, char_wb pads words and counts short words once', () => {
    expect(charNgrams('a😀b', [2, 2])).toEqual(['a😀', '😀b']);
    expect(charNgrams('a   b', [3, 3])).toEqual(['a b']);
    expect(charWbNgrams('to be', [2, 2])).toEqual([' t', 'to', 'o ', ' b', 'be', 'e ']);
    expect(charWbNgrams('a', [3, 5])).toEqual([' a ']);
  });
});
