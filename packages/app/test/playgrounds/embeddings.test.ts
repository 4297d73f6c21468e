// The embedding explorer's queries against descent/text's Word2Vec on the same vectors: the
// neighbours, the analogy (3CosAdd) and the 2-D projection must be what the library gives.
import { describe, expect, it } from 'vitest';
import { Generator } from 'descent/tensor';
import { Word2Vec } from 'descent/text';
import { EmbeddingSpace, SETTINGS, trainEmbeddings } from '../../src/client/playgrounds/embeddings/logic.js';

// A small corpus with planted structure (as in descent's Word2Vec test): gender × role words.
function corpus(): string[][] {
  const out: string[][] = [];
  const g = new Generator(7);
  const rnd = (n: number) => g.integers(0, n);
  for (let i = 0; i < 600; i++) {
    const a = rnd(2);
    const b = rnd(4);
    out.push([`w_${a}_${b}`, `g${a}_${rnd(3)}`, `r${b}_${rnd(3)}`, `g${a}_${rnd(3)}`, `r${b}_${rnd(3)}`]);
  }
  return out;
}

describe('embedding explorer logic', () => {
  const w2v = new Word2Vec({ vectorSize: 12, window: 4, minCount: 1, epochs: 3, sample: 0, seed: 2 }).fit(corpus());
  const space = new EmbeddingSpace(w2v.vocabulary_, w2v.vectors_, 12);

  it('neighbours and analogies are Word2Vec.mostSimilar on the same vectors', () => {
    for (const w of ['r0_0', 'g1_2', 'w_0_3']) {
      const ours = space.query([w], [], 6);
      const ref = w2v.mostSimilar(w, 6);
      expect(ours.map((n) => n.word)).toEqual(ref.map((n) => n.word));
      ours.forEach((n, i) => expect(n.similarity).toBeCloseTo(ref[i].similarity, 12));
    }
    expect(space.analogy('w_0_1', 'w_1_1', 'w_0_2', 3).map((n) => n.word)).toEqual(w2v.mostSimilar(['w_1_1', 'w_0_2'], 3, ['w_0_1']).map((n) => n.word));
  });

  it('projects like Word2Vec.project2d and names an unknown word', () => {
    const words = ['r0_0', 'r0_1', 'g0_0', 'g1_0', 'w_1_2'];
    expect(space.project(words)).toEqual(w2v.project2d(words));
    expect(() => space.query(['nope'])).toThrow(/"nope" is not in the vocabulary/);
    expect(space.has('r1_1')).toBe(true);
  });

  it('trains on the shipped e-mails with lesson 32\'s vocabulary (one epoch here, for speed)', () => {
    const t = trainEmbeddings({ ...SETTINGS, epochs: 1 });
    expect(t.dim).toBe(32);
    expect(t.vocabulary.length).toBe(1045);          // words seen at least 8 times, as in the lesson
    expect(t.vectors.length).toBe(1045 * 32);
    expect(t.vocabulary.slice(0, 3)).toEqual(['http', 'com', 'www']);
    expect(t.trainingWords).toBeGreaterThan(40_000);
  });
});
