/**
 * Word2Vec with negative sampling (Mikolov et al., "Efficient Estimation of Word
 * Representations in Vector Space" and "Distributed Representations of Words and Phrases
 * and their Compositionality", 2013), in plain typed-array SGD, seeded.
 *
 * Skip-gram predicts each context word from the centre word; CBOW predicts the centre word
 * from the mean of its context. Instead of a softmax over the vocabulary, each true
 * (input, output) pair is pushed up and `negative` random "noise" words are pushed down:
 *
 *   loss = −log σ(u_o · h) − Σ_k log σ(−u_k · h),   noise k ~ count(w)^0.75
 *
 * where h is the input vector (skip-gram: the centre word's row of `W`; CBOW: the mean of
 * the context rows) and u are rows of the output matrix. The gradient for an output row is
 * (label − σ(u · h)) · h and for h is Σ (label − σ(u · h)) · u — the update below. Parameter
 * names follow gensim's `Word2Vec`; as in the C tool, frequent words are subsampled, the
 * window is shrunk at random per position, and the learning rate falls linearly to `minAlpha`.
 */
import { Generator } from '../random/generator.js';
import { BaseEstimator, type EstimatorSpec } from '../learn/base/base-estimator.js';
import { C } from '../learn/base/constraints.js';
import { pcaProject } from './embedding-projection.js';

export interface Word2VecParams {
  /** Embedding dimension. */
  vectorSize: number;
  /** Largest distance between the centre word and a context word. */
  window: number;
  /** Words seen fewer times are dropped. */
  minCount: number;
  /** 1 for skip-gram, 0 for CBOW (gensim's `sg`). */
  sg: 0 | 1;
  /** Noise words per true pair. */
  negative: number;
  /** Exponent of the noise distribution count(w)^nsExponent (0.75 in the paper). */
  nsExponent: number;
  /** Starting and final learning rates. */
  alpha: number;
  minAlpha: number;
  /** Passes over the corpus. */
  epochs: number;
  /** Subsampling threshold for frequent words (0 turns it off). */
  sample: number;
  seed: number;
}

/** A query result: a word and its cosine similarity. */
export interface Neighbour {
  word: string;
  similarity: number;
}

const MAX_EXP = 6;
function sigmoid(x: number): number {
  return x > MAX_EXP ? 1 : x < -MAX_EXP ? 0 : 1 / (1 + Math.exp(-x));
}

/**
 * ```ts
 * const sentences = [['the', 'king', 'rules'], ['the', 'queen', 'rules']]; // thousands, in practice
 * const w2v = new Word2Vec({ vectorSize: 20, minCount: 1 }).fit(sentences);
 * w2v.mostSimilar('king', 3);                  // nearest words by cosine
 * w2v.analogy('man', 'king', 'woman');        // man : king :: woman : ?
 * ```
 */
export class Word2Vec extends BaseEstimator<Word2VecParams> {
  static override readonly spec: EstimatorSpec<Word2VecParams> = {
    name: 'Word2Vec',
    defaults: {
      vectorSize: 100, window: 5, minCount: 5, sg: 1, negative: 5, nsExponent: 0.75,
      alpha: 0.025, minAlpha: 0.0001, epochs: 5, sample: 1e-3, seed: 0,
    },
    constraints: {
      vectorSize: [C.integer({ min: 1 })],
      window: [C.integer({ min: 1 })],
      minCount: [C.integer({ min: 1 })],
      sg: [C.options(0, 1)],
      negative: [C.integer({ min: 1 })],
      nsExponent: [C.number()],
      alpha: [C.number({ min: 0, minExclusive: true })],
      minAlpha: [C.number({ min: 0 })],
      epochs: [C.integer({ min: 1 })],
      sample: [C.number({ min: 0 })],
      seed: [C.integer()],
    },
  };

  /** The vocabulary, most frequent first; row i of `vectors_` is `vocabulary_[i]`. */
  declare vocabulary_: string[];
  /** Word counts, aligned with `vocabulary_`. */
  declare counts_: Float64Array;
  /** Input (word) vectors, (V, vectorSize) row-major: the embeddings. */
  declare vectors_: Float64Array;
  /** Output (context) vectors used by negative sampling, (V, vectorSize). */
  declare outputVectors_: Float64Array;

  private index?: Map<string, number>;

  /** Trains on tokenized sentences and returns `this`. */
  fit(sentences: readonly (readonly string[])[]): this {
    this.beginFit();
    this.index = undefined;
    const p = this.params;
    const input: unknown = sentences; // checked as unknown, so the narrowing does not widen `sentences` to any[]
    if (!Array.isArray(input) || input.some((s) => !Array.isArray(s))) {
      throw new TypeError('Word2Vec.fit: expected an array of sentences, each an array of tokens (e.g. [["the", "cat"], ...]).');
    }
    // Vocabulary: counts, minCount, most frequent first (ties by first appearance).
    const count = new Map<string, number>();
    for (const s of sentences) for (const w of s) count.set(w, (count.get(w) ?? 0) + 1);
    const vocab = Array.from(count).filter(([, c]) => c >= p.minCount).sort((a, b) => b[1] - a[1]).map(([w]) => w);
    if (vocab.length === 0) throw new Error(`Word2Vec.fit: no word occurs at least minCount=${p.minCount} times. Lower minCount or give more text.`);
    const id = new Map(vocab.map((w, i) => [w, i]));
    const V = vocab.length;
    const D = p.vectorSize;
    const counts = Float64Array.from(vocab, (w) => count.get(w)!);
    const corpus = sentences.map((s) => Int32Array.from(s.filter((w) => id.has(w)), (w) => id.get(w)!));
    const total = counts.reduce((a, b) => a + b, 0);

    // Noise distribution ∝ count^0.75, sampled by binary search on its cumulative sum.
    const cdf = new Float64Array(V);
    let acc = 0;
    for (let i = 0; i < V; i++) cdf[i] = acc += counts[i] ** p.nsExponent;
    const rng = new Generator(p.seed);
    const noise = (): number => {
      const u = rng.random() * acc;
      let lo = 0;
      let hi = V - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    // Keep probability of each word under subsampling (word2vec.c's formula).
    const keep = Float64Array.from(counts, (c) => {
      if (p.sample <= 0) return 1;
      const t = p.sample * total;
      return (Math.sqrt(c / t) + 1) * (t / c);
    });

    const W = new Float64Array(V * D);
    for (let i = 0; i < W.length; i++) W[i] = (rng.random() - 0.5) / D;
    const U = new Float64Array(V * D);
    const h = new Float64Array(D);
    const grad = new Float64Array(D);

    /** One negative-sampling step: pushes h toward output `target` and away from noise; grad accumulates dL/dh·(−lr). */
    const step = (target: number, lr: number) => {
      for (let k = 0; k <= p.negative; k++) {
        let o = target;
        let label = 1;
        if (k > 0) {
          o = noise();
          if (o === target) continue;
          label = 0;
        }
        const uo = o * D;
        let dot = 0;
        for (let d = 0; d < D; d++) dot += h[d] * U[uo + d];
        const g = (label - sigmoid(dot)) * lr;
        for (let d = 0; d < D; d++) {
          grad[d] += g * U[uo + d];
          U[uo + d] += g * h[d];
        }
      }
    };

    const totalSteps = p.epochs * total;
    let done = 0;
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      for (const sent of corpus) {
        const kept = sent.filter((w) => keep[w] >= 1 || rng.random() < keep[w]);
        for (let pos = 0; pos < kept.length; pos++) {
          const lr = Math.max(p.minAlpha, p.alpha - (p.alpha - p.minAlpha) * (done / totalSteps));
          const b = rng.integers(0, p.window); // shrink the window to window − b
          const lo = Math.max(0, pos - p.window + b);
          const hi = Math.min(kept.length - 1, pos + p.window - b);
          const centre = kept[pos];
          if (p.sg === 1) {
            for (let c = lo; c <= hi; c++) {
              if (c === pos) continue;
              // h is the centre word's vector; the context word is the output to predict.
              const wi = centre * D;
              for (let d = 0; d < D; d++) { h[d] = W[wi + d]; grad[d] = 0; }
              step(kept[c], lr);
              for (let d = 0; d < D; d++) W[wi + d] += grad[d];
            }
          } else {
            // CBOW: h is the mean of the context vectors; the centre word is the output.
            h.fill(0);
            grad.fill(0);
            let n = 0;
            for (let c = lo; c <= hi; c++) {
              if (c === pos) continue;
              const ci = kept[c] * D;
              for (let d = 0; d < D; d++) h[d] += W[ci + d];
              n++;
            }
            if (n > 0) {
              for (let d = 0; d < D; d++) h[d] /= n;
              step(centre, lr);
              // d(mean)/d(context vector) = 1/n (gensim's cbow_mean=1).
              for (let c = lo; c <= hi; c++) {
                if (c === pos) continue;
                const ci = kept[c] * D;
                for (let d = 0; d < D; d++) W[ci + d] += grad[d] / n;
              }
            }
          }
        }
        done += sent.length;
      }
    }
    this.vocabulary_ = vocab;
    this.counts_ = counts;
    this.vectors_ = W;
    this.outputVectors_ = U;
    return this;
  }

  private ids(): Map<string, number> {
    this.checkIsFitted();
    this.index ??= new Map(this.vocabulary_.map((w, i) => [w, i]));
    return this.index;
  }

  private idOf(word: string): number {
    const i = this.ids().get(word);
    if (i === undefined) throw new Error(`Word2Vec: the word ${JSON.stringify(word)} is not in the vocabulary (${this.vocabulary_.length} words seen at least minCount times).`);
    return i;
  }

  /** The embedding of `word` (a copy). */
  getVector(word: string): Float64Array {
    const D = this.params.vectorSize;
    const i = this.idOf(word);
    return this.vectors_.slice(i * D, (i + 1) * D);
  }

  /** Cosine similarity of two words. */
  similarity(a: string, b: string): number {
    return cosine(this.getVector(a), this.getVector(b));
  }

  /**
   * The `topn` words closest by cosine to the sum of the unit `positive` vectors minus the
   * unit `negative` ones (3CosAdd; Mikolov, Yih & Zweig, 2013), query words excluded.
   *
   * ```ts
   * w2v.mostSimilar(['king', 'woman'], 5, ['man']); // queen near the top, if the data says so
   * ```
   */
  mostSimilar(positive: string | readonly string[], topn = 10, negative: readonly string[] = []): Neighbour[] {
    const D = this.params.vectorSize;
    const pos = typeof positive === 'string' ? [positive] : positive;
    const q = new Float64Array(D);
    const exclude = new Set<number>();
    for (const [words, sign] of [[pos, 1], [negative, -1]] as const) {
      for (const w of words) {
        const v = this.getVector(w);
        const n = Math.hypot(...v) || 1;
        for (let d = 0; d < D; d++) q[d] += (sign * v[d]) / n;
        exclude.add(this.idOf(w));
      }
    }
    const out: Neighbour[] = [];
    for (let i = 0; i < this.vocabulary_.length; i++) {
      if (exclude.has(i)) continue;
      out.push({ word: this.vocabulary_[i], similarity: cosine(q, this.vectors_.subarray(i * D, (i + 1) * D)) });
    }
    return out.sort((x, y) => y.similarity - x.similarity).slice(0, topn);
  }

  /**
   * 2-D coordinates of `words` (default: the 50 most frequent) by PCA of their vectors, for
   * an embedding plot: pass them to `scatterPlot` from `descent/plot`.
   *
   * ```ts
   * const pts = w2v.project2d(['king', 'queen', 'man', 'woman']); // [{ word, x, y }, ...]
   * ```
   */
  project2d(words: readonly string[] = this.vocabulary_.slice(0, 50)): { word: string; x: number; y: number }[] {
    const D = this.params.vectorSize;
    if (words.length < 2 || D < 2) throw new Error(`Word2Vec.project2d: need at least 2 words and vectorSize >= 2 (got ${words.length} words, vectorSize ${D}).`);
    const X = new Float64Array(words.length * D);
    words.forEach((w, i) => X.set(this.getVector(w), i * D));
    const xy = pcaProject(X, words.length, D, 2);
    return words.map((word, i) => ({ word, x: xy[2 * i], y: xy[2 * i + 1] }));
  }

  /**
   * a : b :: c : ? — the word closest to b − a + c.
   *
   * ```ts
   * w2v.analogy('man', 'king', 'woman'); // 'queen' on data with that structure
   * ```
   */
  analogy(a: string, b: string, c: string): string {
    return this.mostSimilar([b, c], 1, [a])[0]?.word ?? '';
  }
}

function cosine(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let d = 0; d < x.length; d++) {
    dot += x[d] * y[d];
    nx += x[d] * x[d];
    ny += y[d] * y[d];
  }
  return nx === 0 || ny === 0 ? 0 : dot / Math.sqrt(nx * ny);
}
