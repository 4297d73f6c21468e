/**
 * The embedding explorer's model: Word2Vec (skip-gram, negative sampling) trained on the
 * shipped SpamAssassin e-mails with lesson 32's settings, and the queries the page asks of it —
 * nearest neighbours by cosine, 3CosAdd analogies (b − a + c) and a 2-D PCA picture. Training
 * runs in a Web Worker (worker.ts); the queries run on the page from the vectors it sends back.
 */
import { loadSpamAssassin } from 'descent/datasets';
import { ENGLISH_STOP_WORDS, Word2Vec, pcaProject, type Neighbour, type Word2VecParams } from 'descent/text';

/** Lesson 32's settings: about 40,000 training words, 1,045 words kept, a few seconds of SGD. */
export const SETTINGS: Partial<Word2VecParams> = { vectorSize: 32, window: 4, minCount: 8, negative: 5, alpha: 0.05, epochs: 10, sample: 1e-3, seed: 1 };

/** What the worker sends back: the vocabulary (most frequent first) and its vectors, row-major. */
export interface TrainedEmbeddings {
  vocabulary: string[];
  vectors: Float64Array;
  dim: number;
  trainingWords: number;
}

/** The e-mails as lowercase words of 2+ letters, stop words removed (as in lesson 32). */
export function corpusSentences(): string[][] {
  return loadSpamAssassin().texts.map((t) => (t.toLowerCase().match(/[a-z]{2,}/g) ?? []).filter((w) => !ENGLISH_STOP_WORDS.has(w)));
}

/** Trains the explorer's Word2Vec (the worker calls this). */
export function trainEmbeddings(settings: Partial<Word2VecParams> = SETTINGS): TrainedEmbeddings {
  const sentences = corpusSentences();
  const w2v = new Word2Vec(settings).fit(sentences);
  return { vocabulary: w2v.vocabulary_, vectors: w2v.vectors_, dim: w2v.vectors_.length / w2v.vocabulary_.length, trainingWords: sentences.reduce((s, x) => s + x.length, 0) };
}

/** Queries on trained vectors, the same arithmetic as `Word2Vec.mostSimilar`. */
export class EmbeddingSpace {
  private readonly index: Map<string, number>;
  private readonly unit: Float64Array;

  constructor(readonly vocabulary: readonly string[], readonly vectors: Float64Array, readonly dim: number) {
    this.index = new Map(vocabulary.map((w, i) => [w, i]));
    // Unit rows, so a dot product is a cosine similarity.
    this.unit = new Float64Array(vectors.length);
    for (let i = 0; i < vocabulary.length; i++) {
      let n = 0;
      for (let d = 0; d < dim; d++) n += vectors[i * dim + d] ** 2;
      n = Math.sqrt(n) || 1;
      for (let d = 0; d < dim; d++) this.unit[i * dim + d] = vectors[i * dim + d] / n;
    }
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The `k` words closest by cosine to Σ positive − Σ negative (unit vectors), query words excluded. */
  query(positive: readonly string[], negative: readonly string[] = [], k = 10): Neighbour[] {
    const D = this.dim;
    const q = new Float64Array(D);
    const exclude = new Set<number>();
    for (const [words, sign] of [[positive, 1], [negative, -1]] as const) {
      for (const w of words) {
        const i = this.index.get(w);
        if (i === undefined) throw new Error(`"${w}" is not in the vocabulary (${this.vocabulary.length} words seen at least 8 times).`);
        for (let d = 0; d < D; d++) q[d] += sign * this.unit[i * D + d];
        exclude.add(i);
      }
    }
    const qn = Math.hypot(...q) || 1;
    const out: Neighbour[] = [];
    for (let i = 0; i < this.vocabulary.length; i++) {
      if (exclude.has(i)) continue;
      let dot = 0;
      for (let d = 0; d < D; d++) dot += q[d] * this.unit[i * D + d];
      out.push({ word: this.vocabulary[i], similarity: dot / qn });
    }
    return out.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  /** a : b :: c : ? — the `k` best answers for b − a + c. */
  analogy(a: string, b: string, c: string, k = 5): Neighbour[] {
    return this.query([b, c], [a], k);
  }

  /** 2-D PCA coordinates of `words` (at least two), as `Word2Vec.project2d`. */
  project(words: readonly string[]): { word: string; x: number; y: number }[] {
    const D = this.dim;
    const X = new Float64Array(words.length * D);
    words.forEach((w, r) => {
      const i = this.index.get(w);
      if (i === undefined) throw new Error(`"${w}" is not in the vocabulary.`);
      X.set(this.vectors.subarray(i * D, (i + 1) * D), r * D);
    });
    const xy = pcaProject(X, words.length, D, 2);
    return words.map((word, r) => ({ word, x: xy[2 * r], y: xy[2 * r + 1] }));
  }
}
