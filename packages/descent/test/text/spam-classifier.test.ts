/**
 * The bundled spam corpus (descent/datasets loadSpamAssassin) and the text classifiers of
 * lesson 32 against scikit-learn 1.2.1: tools/fixtures/spam_assassin.py wrote the corpus and
 * test/fixtures/spam-assassin.json from the same rows — the checksum, the TF-IDF matrix of the
 * first test document, and MultinomialNB's and LogisticRegression's spam probabilities on the
 * 300 held-out messages after fitting on TfidfVectorizer(min_df=2) of the
 * first 900. LogisticRegression's golden takes ~10 s and is in spam-classifier.slow.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSpamAssassin } from '../../src/datasets/index.js';
import { MultinomialNB, accuracyScore, f1Score } from '../../src/learn/index.js';
import { TfidfVectorizer } from '../../src/text/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Model { proba: number[]; pred: number[]; accuracy: number; f1: number }
const fx = loadFixture<{
  n: number; nSpam: number; nTrain: number; sha256: string; firstText: string; nFeatures: number;
  tfidfTestRow0: { indices: number[]; data: number[] }; nb: Model; lr: Model; majorityAccuracy: number;
}>('spam-assassin.json');

const { texts, target } = loadSpamAssassin();
const vec = new TfidfVectorizer({ minDf: 2 });
const train = texts.slice(0, fx.nTrain);
const test = texts.slice(fx.nTrain);
const Xtr = vec.fitTransform(train).toDense();
const XteSparse = vec.transform(test);
const Xte = XteSparse.toDense();
const ytr = target.slice(0, fx.nTrain);
const yte = target.slice(fx.nTrain);
const spamColumn = (p: number[][]) => p.map((r) => r[1]);

describe('loadSpamAssassin', () => {
  it('is the corpus the script wrote: size, balance, checksum, first row', () => {
    expect(texts.length).toBe(fx.n);
    expect(target.filter((t) => t === 1).length).toBe(fx.nSpam);
    const payload = JSON.stringify(target.map((t, i) => [t, texts[i]]));
    // Python wrote the JSON with ensure_ascii; JSON.stringify keeps non-ASCII as is, so escape it the same way.
    const ascii = payload.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(createHash('sha256').update(ascii, 'ascii').digest('hex')).toBe(fx.sha256);
    expect(texts[0]).toBe(fx.firstText);
  });
});

describe('spam classifiers on TF-IDF, against scikit-learn', () => {
  it('TfidfVectorizer gives scikit-learn\'s vocabulary size and test rows', () => {
    expect(Object.keys(vec.vocabulary_).length).toBe(fx.nFeatures);
    const s = XteSparse.indptr[0];
    const e = XteSparse.indptr[1];
    expect(Array.from(XteSparse.indices.subarray(s, e))).toEqual(fx.tfidfTestRow0.indices);
    const got = Array.from(XteSparse.data.subarray(s, e));
    got.forEach((v, k) => expect(v).toBeCloseTo(fx.tfidfTestRow0.data[k], 12));
  });

  it('MultinomialNB gives the same spam probabilities and predictions', () => {
    const nb = new MultinomialNB({ alpha: 1 }).fit(Xtr, ytr);
    const p = spamColumn(nb.predictProba(Xte));
    p.forEach((v, i) => expect(v).toBeCloseTo(fx.nb.proba[i], 9));
    const pred = Array.from(nb.predict(Xte) as ArrayLike<number>, Number);
    expect(pred).toEqual(fx.nb.pred);
    expect(accuracyScore(yte, pred)).toBeCloseTo(fx.nb.accuracy, 12);
    expect(f1Score(yte, pred)).toBeCloseTo(fx.nb.f1, 12);
  });

  it('both beat the majority-class baseline on the held-out messages', () => {
    expect(fx.majorityAccuracy).toBeCloseTo(yte.filter((t) => t === 0).length / yte.length, 12);
    expect(fx.nb.accuracy).toBeGreaterThan(fx.majorityAccuracy + 0.2);
    expect(fx.lr.accuracy).toBeGreaterThan(fx.majorityAccuracy + 0.2);
  });
});
