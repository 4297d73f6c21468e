// Exact t-SNE against scikit-learn 1.2.1 (tools/fixtures/manifold.py). From the same initial
// embedding (init as an array) the run is deterministic, and because we keep the embedding
// in float32 as scikit-learn does, we follow its path: the joint probabilities agree to 1e-14
// relative and the final embeddings to 1e-5 (bit for bit on these cases when we checked).
import { describe, expect, it } from 'vitest';
import { TSNE, jointProbabilities } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fx = loadFixture<{
  data: Record<string, number[][]>;
  cases: { data: string; params: { perplexity: number; nIter: number; learningRate: number | 'auto' }; init: number[][]; P: number[][]; embedding: number[][]; kl: number; nIter: number }[];
}>('manifold.json');

describe('TSNE (exact) equals scikit-learn from the same initial embedding', () => {
  for (const c of fx.cases) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const n = X.length;
      const P = jointProbabilities({ data: Float64Array.from(X.flat()), rows: n, cols: X[0].length }, c.params.perplexity);
      c.P.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(P[i * n + j] - v), `P[${i}][${j}]`).toBeLessThanOrEqual(1e-14 * v + 1e-300)));
      const tsne = new TSNE({ ...c.params, method: 'exact', init: c.init }).fit(X);
      const scale = Math.max(...c.embedding.flat().map(Math.abs));
      c.embedding.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(tsne.embedding_[i][j] - v), `embedding_[${i}][${j}]`).toBeLessThanOrEqual(1e-5 * scale)));
      expect(Math.abs(tsne.klDivergence_ - c.kl)).toBeLessThan(1e-8);
      expect(tsne.nIter_).toBe(c.nIter);
    });
  }

  it('needs a perplexity below the number of samples', () => {
    expect(() => new TSNE({ perplexity: 30 }).fit(fx.data.iris.slice(0, 20))).toThrow(/perplexity \(30\) must be less than nSamples \(20\)/);
  });

  it("'pca' init with a seed reproduces", () => {
    const a = new TSNE({ perplexity: 10, randomState: 0, nIter: 300 }).fitTransform(fx.data.digits);
    const b = new TSNE({ perplexity: 10, randomState: 0, nIter: 300 }).fitTransform(fx.data.digits);
    expect(a).toEqual(b);
  });
});
