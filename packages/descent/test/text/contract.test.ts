// The estimator contract for the text vectorizers, tested directly: the registry's common
// checks feed numeric matrices, while these estimators take arrays of strings and return a
// CsrMatrix, so they are checked here the same way (defaults, get/set/clone, fit returns
// this, unfitted use raises, refit forgets, bad params give the uniform message, inputs not
// mutated, JSON round trip through registerEstimator + loadEstimator).
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, NotFittedError, loadEstimator, registerEstimator } from '../../src/learn/index.js';
import { CountVectorizer, CsrMatrix, HashingVectorizer, TfidfTransformer, TfidfVectorizer } from '../../src/text/index.js';

const DOCS = ['the cat sat on the mat', 'the dog sat', 'a cat and a dog', 'mat mat mat'];
const OTHER = ['cats and dogs', 'zebra'];

for (const Cls of [CountVectorizer, TfidfVectorizer]) describe(`${Cls.spec.name} follows the estimator contract`, () => {
  registerEstimator(Cls);
  it('constructs with defaults; get/set/clone round-trip', () => {
    const v = new Cls();
    expect(v.getParams(false)).toEqual(Cls.spec.defaults);
    const w = new Cls({ ngramRange: [1, 2], minDf: 2 });
    const c = w.clone();
    expect(c).not.toBe(w);
    expect(c.getParams()).toEqual(w.getParams());
    expect(() => w.setParams({ nope: 1 })).toThrow(/Invalid parameter `nope`/);
    expect(() => new Cls({ nope: 1 } as never)).toThrow(/unexpected parameter `nope`/);
  });
  it('fit returns this, fitted state ends in _, unfitted use raises', () => {
    const v = new Cls();
    expect(() => v.transform(DOCS)).toThrow(NotFittedError);
    expect(() => v.getFeatureNamesOut()).toThrow(NotFittedError);
    expect(v.fit(DOCS)).toBe(v);
    expect(v.fittedAttributes().length).toBeGreaterThan(0);
    expect(v.fittedAttributes().every((k) => k.endsWith('_'))).toBe(true);
  });
  it('refit forgets the previous vocabulary', () => {
    const v = new Cls().fit(DOCS);
    v.fit(OTHER);
    expect(v.getFeatureNamesOut()).toEqual(['and', 'cats', 'dogs', 'zebra']);
  });
  it('bad parameters raise the uniform message in fit', () => {
    expect(() => new Cls({ ngramRange: [2, 1] }).fit(DOCS)).toThrow(InvalidParameterError);
    expect(() => new Cls({ minDf: -1 }).fit(DOCS)).toThrow(/The `minDf` parameter of \w+ must be/);
    expect(() => new Cls({ analyzer: 'letters' as never }).fit(DOCS)).toThrow(/The `analyzer` parameter/);
    expect(() => new Cls({ maxDf: 2, minDf: 3 }).fit(DOCS)).toThrow(/maxDf corresponds to < documents than minDf/);
    expect(() => new Cls({ minDf: 4 }).fit(DOCS)).toThrow(/no terms remain/);
  });
  it('bad documents raise clear errors', () => {
    expect(() => new Cls().fit('one string' as never)).toThrow(/got a single string\. Wrap it/);
    expect(() => new Cls().fit(['ok', 3] as never)).toThrow(/document 1 is a number/);
    expect(() => new Cls({ stopWords: 'english' }).fit(['the and of'])).toThrow(/empty vocabulary/);
  });
  it('inputs are not mutated; sample order permutes rows only', () => {
    const docs = DOCS.slice();
    const X = new Cls().fitTransform(docs);
    expect(docs).toEqual(DOCS);
    const Y = new Cls().fitTransform(docs.slice().reverse());
    expect(Y.toArray()).toEqual(X.toArray().reverse());
  });
  it('JSON round trip gives identical output', () => {
    const v = new Cls({ ngramRange: [1, 2], stopWords: ['on'] }).fit(DOCS);
    const back = loadEstimator<InstanceType<typeof Cls>>(JSON.stringify(v));
    expect(back.transform(OTHER.concat(DOCS)).toArray()).toEqual(v.transform(OTHER.concat(DOCS)).toArray());
  });
  it('a function parameter makes the estimator unsaveable with a clear message', () => {
    const v = new Cls({ tokenizer: (d: string) => d.split(' ') }).fit(DOCS);
    expect(v.transform(['a b']).nnz).toBe(1); // 'a' is a token here: the custom tokenizer keeps 1-letter words
    expect(() => JSON.stringify(v)).toThrow(/no JSON form/);
  });
});

describe('TfidfTransformer and HashingVectorizer contract', () => {
  it('TfidfTransformer: unfitted raises, shape mismatch and NaN raise clear errors', () => {
    const counts = new CountVectorizer().fitTransform(DOCS);
    const t = new TfidfTransformer();
    expect(() => t.transform(counts)).toThrow(NotFittedError);
    expect(t.fit(counts)).toBe(t);
    expect(() => t.transform([[1, 2]])).toThrow(/X has 2 features, but TfidfTransformer is expecting 7/);
    expect(() => new TfidfTransformer().fit([[1, Number.NaN]])).toThrow(/contains NaN/);
    expect(() => new TfidfTransformer({ norm: 'l3' as never }).fit(counts)).toThrow(/The `norm` parameter of TfidfTransformer must be one of 'l1', 'l2' or null/);
    registerEstimator(TfidfTransformer);
    const back = loadEstimator<TfidfTransformer>(JSON.stringify(t));
    expect(back.transform(counts).toArray()).toEqual(t.transform(counts).toArray());
  });
  it('HashingVectorizer is stateless: transform needs no fit, and parameters are still checked', () => {
    const h = new HashingVectorizer({ nFeatures: 16 });
    expect(h.transform(DOCS).shape).toEqual([4, 16]);
    expect(h.fit(DOCS)).toBe(h);
    expect(() => new HashingVectorizer({ nFeatures: 0 }).transform(DOCS)).toThrow(/The `nFeatures` parameter of HashingVectorizer must be an integer/);
  });
  it('CsrMatrix round-trips dense input and its toDense is a float64 Tensor', () => {
    const A = [[0, 1.5, 0], [0, 0, 0], [2, 0, -1]];
    const M = CsrMatrix.fromDense(A);
    expect(M.nnz).toBe(3);
    expect(Array.from(M.indptr)).toEqual([0, 1, 1, 3]);
    expect(M.toArray()).toEqual(A);
    const T = M.toDense();
    expect(T.shape).toEqual([3, 3]);
    expect(T.dtype).toBe('float64');
  });
});
