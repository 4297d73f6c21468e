// UMAP.transform (issue 11): new points placed into a fitted embedding as umap-learn 0.5's
// transform does. There is no Python UMAP in Debian to take goldens from, so the checks are
// the properties umap-learn's transform is built to have: a training row transformed again
// starts at its own coordinates and stays close to them (the training embedding does not
// move), held-out rows are embedded about as trustworthily as the fit embedded its own rows,
// and the result is seeded.
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../src/datasets/index.js';
import { UMAP, trustworthiness } from '../../src/learn/index.js';

const digits = loadDigits().data as number[][];
const Xtr = digits.slice(0, 400);
const Xte = digits.slice(400, 600);
const umap = new UMAP({ nEpochs: 200, randomState: 0 }).fit(Xtr);
const E = umap.embedding_;

describe('UMAP.transform', () => {
  it('puts training rows back next to their own embedding, without moving the embedding', () => {
    const before = E.map((r) => r.slice());
    const Z = umap.transform(Xtr);
    expect(umap.embedding_).toEqual(before);
    const span = Math.max(...E.map((r) => r[0])) - Math.min(...E.map((r) => r[0]));
    const d = Z.map((z, i) => Math.hypot(z[0] - E[i][0], z[1] - E[i][1])).sort((a, b) => a - b);
    // Measured on these digits: median 0.6% of the span, largest 3%.
    expect(d[Math.floor(d.length / 2)]).toBeLessThan(0.02 * span);
    expect(d[d.length - 1]).toBeLessThan(0.1 * span);
  });

  // Measured: fit 0.989 on its own rows, held-out 0.945 (0.990 when the same rows are part of
  // a joint fit), and 0.896 from the weighted-mean start alone.
  it("embeds held-out rows nearly as trustworthily as fit's rows, better than the start alone", () => {
    const Z = umap.transform(Xte);
    expect(Z).toHaveLength(Xte.length);
    const fitTrust = trustworthiness(Xtr, E, 5);
    const heldTrust = trustworthiness(Xte, Z, 5);
    expect(heldTrust).toBeGreaterThan(fitTrust - 0.06);
    // nEpochs 2 gives transform ⌊2/3⌋ = 0 epochs: the weighted mean of the neighbours only.
    const startOnly = trustworthiness(Xte, umap.setParams({ nEpochs: 2 }).transform(Xte), 5);
    umap.setParams({ nEpochs: 200 });
    expect(heldTrust).toBeGreaterThan(startOnly + 0.02);
  });

  it('is seeded by transformSeed', () => {
    const rows = Xte.slice(0, 40);
    expect(umap.transform(rows)).toEqual(umap.transform(rows));
    const first = umap.transform(rows);
    const reseeded = umap.setParams({ transformSeed: 7 }).transform(rows);
    umap.setParams({ transformSeed: 42 });
    expect(reseeded).not.toEqual(first);
  });

  it('refuses an unfitted model and the wrong feature count', () => {
    expect(() => new UMAP().transform(Xte)).toThrow(/UMAP.*not fitted/i);
    expect(() => umap.transform(Xte.map((r) => r.slice(0, 10)))).toThrow(/X has 10 features, but UMAP is expecting 64 features as input/);
  });
});
