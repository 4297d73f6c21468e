// The vectorizers, analyzers, MurmurHash3 and accent stripping against scikit-learn 1.2.1
// (sklearn.feature_extraction.text), goldens from tools/fixtures/text.py on a 7-document corpus.
import { describe, expect, it } from 'vitest';
import {
  CountVectorizer, CsrMatrix, ENGLISH_STOP_WORDS, HashingVectorizer, TfidfTransformer, TfidfVectorizer,
  buildAnalyzer, ANALYZER_DEFAULTS, murmurhash3_32, stripAccentsAscii, stripAccentsUnicode, type AnalyzerParams,
} from '../../src/text/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface VecCase {
  label: string; kind: string; params: Record<string, unknown>; featureNames: string[];
  vocabulary: Record<string, number>; X: number[][]; transform: number[][]; idf?: number[];
}
interface Fixture {
  corpus: string[]; transformDocs: string[]; stopWords: string[]; vectorizers: VecCase[];
  tfidfTransformer: { params: Record<string, unknown>; counts: number[][]; X: number[][]; idf: number[] }[];
  hashing: { label: string; params: Record<string, unknown>; X: number[][] }[];
  analyzers: { params: Record<string, unknown>; tokens: string[][] }[];
  murmur: { key: string; seed: number; signed: number; unsigned: number }[];
  stripAccents: { text: string; unicode: string; ascii: string }[];
}
const fx = loadFixture<Fixture>('text.json');

function expectMatrix(actual: CsrMatrix, expected: number[][], label: string): void {
  expect(actual.shape, `${label} shape`).toEqual([expected.length, expected[0]?.length ?? 0]);
  const a = actual.toArray();
  expected.forEach((row, i) => row.forEach((v, j) => {
    expect(Math.abs(a[i][j] - v), `${label} [${i}][${j}]: ${a[i][j]} vs ${v}`).toBeLessThanOrEqual(1e-12);
  }));
}

const CLASSES = { CountVectorizer, TfidfVectorizer } as const;

describe('CountVectorizer and TfidfVectorizer match scikit-learn', () => {
  for (const c of fx.vectorizers) {
    it(c.label, () => {
      const Ctor = CLASSES[c.kind as keyof typeof CLASSES];
      const v = new Ctor(c.params);
      const X = v.fitTransform(fx.corpus);
      expect(v.getFeatureNamesOut()).toEqual(c.featureNames);
      expect(v.vocabulary_).toEqual(c.vocabulary);
      expectMatrix(X, c.X, `${c.label} fitTransform`);
      expectMatrix(v.transform(fx.transformDocs), c.transform, `${c.label} transform`);
      // fit then transform gives the same matrix as fitTransform.
      expectMatrix(new Ctor(c.params).fit(fx.corpus).transform(fx.corpus), c.X, `${c.label} fit+transform`);
      if (c.idf) {
        const idf = (v as TfidfVectorizer).idf_;
        c.idf.forEach((x, j) => expect(Math.abs(idf[j] - x)).toBeLessThanOrEqual(1e-12));
      }
    });
  }
});

describe('TfidfTransformer matches scikit-learn', () => {
  fx.tfidfTransformer.forEach((c, i) => {
    it(`case ${i} ${JSON.stringify(c.params)}`, () => {
      const t = new TfidfTransformer(c.params);
      expectMatrix(t.fitTransform(CsrMatrix.fromDense(c.counts)), c.X, 'csr');
      expectMatrix(t.fit(c.counts).transform(c.counts), c.X, 'dense');
      c.idf.forEach((x, j) => expect(Math.abs(t.idf_[j] - x)).toBeLessThanOrEqual(1e-12));
    });
  });
});

describe('HashingVectorizer matches scikit-learn', () => {
  for (const c of fx.hashing) {
    it(c.label, () => expectMatrix(new HashingVectorizer(c.params).transform(fx.corpus), c.X, c.label));
  }
  it('MurmurHash3 32-bit equals sklearn.utils.murmurhash3_32, signed and unsigned', () => {
    for (const m of fx.murmur) {
      expect(murmurhash3_32(m.key, m.seed), JSON.stringify(m.key)).toBe(m.signed);
      expect(murmurhash3_32(m.key, m.seed, true)).toBe(m.unsigned);
    }
  });
});

describe('analyzers, accents and stop words match scikit-learn', () => {
  fx.analyzers.forEach((c, i) => {
    it(`build_analyzer case ${i} ${JSON.stringify(c.params)}`, () => {
      const analyze = buildAnalyzer({ ...ANALYZER_DEFAULTS, ...c.params } as AnalyzerParams);
      fx.corpus.forEach((d, k) => expect(analyze(d), d).toEqual(c.tokens[k]));
    });
  });
  it('strip_accents unicode and ascii', () => {
    for (const s of fx.stripAccents) {
      expect(stripAccentsUnicode(s.text), s.text).toBe(s.unicode);
      expect(stripAccentsAscii(s.text), s.text).toBe(s.ascii);
    }
  });
  it('ENGLISH_STOP_WORDS is scikit-learn\'s list', () => {
    expect([...ENGLISH_STOP_WORDS].sort()).toEqual(fx.stopWords);
  });
});
