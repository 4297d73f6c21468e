/**
 * LogisticRegression on the TF-IDF matrix of the bundled spam corpus against scikit-learn 1.2.1
 * (tools/fixtures/spam_assassin.py, test/fixtures/spam-assassin.json): the same L2 problem
 * (C=10) solved by Newton-CG on both sides reaches the same optimum, so the held-out spam
 * probabilities agree. Slow (a dense 900 x 3724 problem): ~10 s.
 */
import { describe, expect, it } from 'vitest';
import { loadSpamAssassin } from '../../src/datasets/index.js';
import { LogisticRegression } from '../../src/learn/index.js';
import { TfidfVectorizer } from '../../src/text/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fx = loadFixture<{ nTrain: number; lr: { proba: number[]; pred: number[] } }>('spam-assassin.json');

describe('spam classifier: logistic regression on TF-IDF, against scikit-learn', () => {
  it('LogisticRegression (L2, C=10) reaches the same optimum: same probabilities and predictions', () => {
    const { texts, target } = loadSpamAssassin();
    const vec = new TfidfVectorizer({ minDf: 2 });
    const Xtr = vec.fitTransform(texts.slice(0, fx.nTrain)).toDense();
    const Xte = vec.transform(texts.slice(fx.nTrain)).toDense();
    const ytr = target.slice(0, fx.nTrain);
    const lr = new LogisticRegression({ C: 10, solver: 'newton-cg', maxIter: 200, tol: 1e-7 }).fit(Xtr, ytr);
    const p = lr.predictProba(Xte).map((r) => r[1]);
    let worst = 0;
    p.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - fx.lr.proba[i])); });
    expect(worst).toBeLessThan(1e-6);
    expect(Array.from(lr.predict(Xte) as ArrayLike<number>, Number)).toEqual(fx.lr.pred);
  });
});
