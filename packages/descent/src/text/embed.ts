/**
 * Text embedders that run offline, for retrieval: each turns texts into unit-length vectors
 * whose cosine similarity says how much two texts share. None of them understands
 * paraphrase the way a trained sentence encoder (e.g. Sentence-BERT) does; they are the
 * honest baselines such encoders are measured against, and they need no download.
 *
 * - `HashingEmbedder`: stemmed content words hashed into `dim` signed buckets (the hashing
 *   trick, Weinberger et al. 2009), log-scaled counts. No fitting, any vocabulary.
 * - `TfidfEmbedder`: TF-IDF over the corpus's vocabulary (`TfidfVectorizer`), rare words weigh more.
 * - `MeanWordVectorEmbedder`: the mean of a trained `Word2Vec`'s vectors for the text's
 *   words, which can match related words that never co-occur in one text.
 */
import { murmurhash3_32 } from './hashing.js';
import { porterStem } from './porter.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';
import { TfidfVectorizer, type TfidfVectorizerParams } from './tfidf.js';
import type { Word2Vec } from './word2vec.js';

/** What `Retriever` needs from an embedder. */
export interface Embedder {
  /** Vector length (known after `fit` for embedders that learn a vocabulary). */
  readonly dim: number;
  /** Learns from the corpus, for embedders that need it. */
  fit?(texts: readonly string[]): unknown;
  /** One unit-length (or zero) vector per text. */
  embed(texts: readonly string[]): Float32Array[];
}

/**
 * Lowercased word tokens without English stop words, Porter-stemmed: "Caching keys" →
 * ['cach', 'kei']. (The stop-word list is scikit-learn's, which keeps "does": 'doe'.). The default analyzer of the retrieval pieces, so that a question's
 * "cached" finds a passage's "caching".
 *
 * ```ts
 * retrievalTokens('Caching the keys of a cache');   // ['cach', 'kei', 'cach']
 * ```
 */
export function retrievalTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (ENGLISH_STOP_WORDS.has(w) || (w.length < 2 && !/\d/.test(w))) continue;
    let stem = STEMS.get(w);
    if (stem === undefined) {
      if (STEMS.size > 100_000) STEMS.clear(); // a cache, not a leak
      STEMS.set(w, (stem = porterStem(w)));
    }
    out.push(stem);
  }
  return out;
}

/** Stemming is most of the tokenizer's time and a corpus repeats its words: remember them. */
const STEMS = new Map<string, string>();

function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}

function checkTexts(owner: string, texts: unknown): readonly string[] {
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
    throw new TypeError(`${owner}: expected an array of strings; wrap a single text as [text]`);
  }
  return texts as readonly string[];
}

/**
 * Signed feature hashing of `tokenizer`'s tokens into `dim` buckets, weights 1 + ln(count),
 * rows normalized to unit length.
 *
 * ```ts
 * const [a, b] = new HashingEmbedder({ dim: 256 }).embed(['a cached key', 'caching keys']);
 * // a and b are equal: both are ['cach', 'kei']
 * ```
 */
export class HashingEmbedder implements Embedder {
  readonly dim: number;
  private readonly tokenizer: (text: string) => string[];
  private readonly seed: number;

  constructor(options: { dim?: number; tokenizer?: (text: string) => string[]; seed?: number } = {}) {
    this.dim = options.dim ?? 512;
    if (!Number.isInteger(this.dim) || this.dim < 1) throw new RangeError(`HashingEmbedder: dim must be an integer >= 1, got ${this.dim}`);
    this.tokenizer = options.tokenizer ?? retrievalTokens;
    this.seed = options.seed ?? 0;
  }

  embed(texts: readonly string[]): Float32Array[] {
    return checkTexts('HashingEmbedder.embed', texts).map((text) => {
      const counts = new Map<string, number>();
      for (const t of this.tokenizer(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
      const v = new Float32Array(this.dim);
      for (const [t, c] of counts) {
        const h = murmurhash3_32(t, this.seed);
        v[Math.abs(h) % this.dim] += (h >= 0 ? 1 : -1) * (1 + Math.log(c)); // the sign keeps collisions unbiased
      }
      return normalize(v);
    });
  }
}

/**
 * Dense TF-IDF rows over the vocabulary of the texts given to `fit` (unit length, as
 * `TfidfVectorizer`'s default `norm: 'l2'`). The default analyzer is `retrievalTokens`.
 *
 * ```ts
 * const emb = new TfidfEmbedder();
 * emb.fit(passages);
 * const vectors = emb.embed(passages);   // emb.dim = the vocabulary size
 * ```
 */
export class TfidfEmbedder implements Embedder {
  readonly vectorizer: TfidfVectorizer;

  constructor(params: Partial<TfidfVectorizerParams> = {}) {
    this.vectorizer = new TfidfVectorizer({ analyzer: retrievalTokens, sublinearTf: true, ...params });
  }

  get dim(): number {
    const vocab = this.vectorizer.vocabulary_ as Record<string, number> | undefined;
    if (!vocab) throw new Error('TfidfEmbedder: call fit(texts) before asking for dim or embedding');
    return Object.keys(vocab).length;
  }

  fit(texts: readonly string[]): this {
    this.vectorizer.fit(checkTexts('TfidfEmbedder.fit', texts));
    return this;
  }

  embed(texts: readonly string[]): Float32Array[] {
    const dim = this.dim;
    const X = this.vectorizer.transform(checkTexts('TfidfEmbedder.embed', texts));
    return Array.from({ length: X.rows }, (_, i) => {
      const v = new Float32Array(dim);
      for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) v[X.indices[p]] = X.data[p];
      return v;
    });
  }
}

/**
 * The normalized mean of a fitted `Word2Vec`'s vectors over the text's tokens that are in
 * its vocabulary (tokenized by `tokenizer`, default lowercase words); a text with none is
 * the zero vector.
 *
 * ```ts
 * const w2v = new Word2Vec({ vectorSize: 32, minCount: 1 }).fit(sentences);
 * const [v] = new MeanWordVectorEmbedder(w2v).embed(['the quiet mind']);
 * ```
 */
export class MeanWordVectorEmbedder implements Embedder {
  private readonly tokenizer: (text: string) => string[];

  constructor(readonly model: Word2Vec, options: { tokenizer?: (text: string) => string[] } = {}) {
    if (!model.vocabulary_) throw new Error('MeanWordVectorEmbedder: the Word2Vec model is not fitted; call fit(sentences) first');
    this.tokenizer = options.tokenizer ?? ((t) => t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
  }

  get dim(): number {
    return this.model.vectors_.length / this.model.vocabulary_.length;
  }

  embed(texts: readonly string[]): Float32Array[] {
    const known = new Set(this.model.vocabulary_);
    const dim = this.dim;
    return checkTexts('MeanWordVectorEmbedder.embed', texts).map((text) => {
      const v = new Float32Array(dim);
      for (const w of this.tokenizer(text)) {
        if (!known.has(w)) continue;
        const wv = this.model.getVector(w);
        for (let j = 0; j < v.length; j++) v[j] += wv[j];
      }
      return normalize(v);
    });
  }
}
