/**
 * The acceptance check for the approximate index: HNSW's recall@10 against exact
 * search on 10,000 vectors. Standard-normal vectors in 32 dimensions are a hard case (no
 * cluster structure, high intrinsic dimension), so this is a lower bound on what embedding
 * data, which lies near a lower-dimensional surface, gets with the same settings. Building
 * takes several seconds of CPU per metric, hence the slow group.
 */
import { describe, it, expect } from 'vitest';
import { FlatIndex, HNSWIndex, recallAtK } from '../../src/text/index.js';
import { Generator } from '../../src/random/index.js';

describe('HNSW on 10,000 vectors', () => {
  const g = new Generator(34), d = 32;
  const X = Float32Array.from({ length: 10_000 * d }, () => g.normal());
  const Q = Float32Array.from({ length: 200 * d }, () => g.normal());
  for (const metric of ['l2', 'cosine'] as const) {
    it(`recall@10 ≥ 0.95 against exact search (${metric}; M 16, efConstruction 100, efSearch 100)`, () => {
      const hnsw = new HNSWIndex(d, { metric, M: 16, efConstruction: 100, efSearch: 100 }).add(X);
      const exact = new FlatIndex(d, metric).add(X).searchBatch(Q, 10);
      expect(recallAtK(hnsw.searchBatch(Q, 10), exact, 10)).toBeGreaterThanOrEqual(0.95);
      // A smaller beam at search time trades recall away: the knob works in the expected direction.
      hnsw.efSearch = 10;
      expect(recallAtK(hnsw.searchBatch(Q, 10), exact, 10)).toBeLessThan(0.9);
    });
  }
});
