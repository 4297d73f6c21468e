/**
 * Okapi BM25 (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and
 * Beyond"), the lexical ranking function behind Lucene and Elasticsearch:
 *
 *   score(D, Q) = Σ_{t ∈ Q} idf(t) · tf(t, D)·(k1 + 1) / (tf(t, D) + k1·(1 − b + b·|D|/avgdl))
 *   idf(t) = ln(1 + (N − n_t + 0.5) / (n_t + 0.5))
 *
 * with N documents, n_t of them containing t, |D| the document's length in tokens and avgdl
 * the mean length. Unlike raw TF-IDF, a term's contribution saturates (k1: how fast) and
 * long documents are discounted (b: how much). The idf is Lucene's, which is never negative
 * (Lucene also drops the constant factor k1 + 1, which changes scores but not rankings).
 * A query term that appears twice counts twice. In a RAG pipeline BM25 is both the strong
 * lexical baseline and a reranker for dense candidates.
 */
import { retrievalTokens } from './embed.js';

export interface BM25Options {
  /** Term-frequency saturation (default 1.2, Lucene's). */
  k1?: number;
  /** Length normalization in [0, 1] (default 0.75). */
  b?: number;
  /** Text → tokens, for string documents and queries (default `retrievalTokens`). */
  tokenizer?: (text: string) => string[];
}

/**
 * ```ts
 * const bm25 = new BM25().fit(['the kv cache stores keys', 'dropout regularizes']);
 * bm25.search('what does a KV cache store?', 1).ids;   // Int32Array [0]
 * ```
 */
export class BM25 {
  readonly k1: number;
  readonly b: number;
  private readonly tokenizer: (text: string) => string[];
  /** Per term: the documents containing it and the term's count in each. */
  private postings = new Map<string, { docs: number[]; tf: number[] }>();
  private lengths = new Float64Array(0);
  private avgdl = 0;

  constructor(options: BM25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    if (!(this.k1 >= 0) || !Number.isFinite(this.k1)) throw new RangeError(`BM25: k1 must be a finite number >= 0, got ${this.k1}`);
    if (!(this.b >= 0 && this.b <= 1)) throw new RangeError(`BM25: b must be a number in [0, 1], got ${this.b}`);
    this.tokenizer = options.tokenizer ?? retrievalTokens;
  }

  /** Number of documents indexed. */
  get size(): number {
    return this.lengths.length;
  }

  private tokens(x: string | readonly string[], what: string): readonly string[] {
    if (typeof x === 'string') return this.tokenizer(x);
    if (Array.isArray(x) && x.every((t) => typeof t === 'string')) return x;
    throw new TypeError(`BM25.${what}: expected a string or an array of token strings`);
  }

  /** Indexes the documents (strings, or already tokenized), forgetting any previous fit. */
  fit(docs: readonly (string | readonly string[])[]): this {
    if (!Array.isArray(docs) || docs.length === 0) throw new RangeError('BM25.fit: expected a non-empty array of documents');
    this.postings = new Map();
    this.lengths = new Float64Array(docs.length);
    docs.forEach((doc, i) => {
      const toks = this.tokens(doc, 'fit');
      this.lengths[i] = toks.length;
      const counts = new Map<string, number>();
      for (const t of toks) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, c] of counts) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { docs: [], tf: [] }));
        p.docs.push(i); p.tf.push(c);
      }
    });
    this.avgdl = this.lengths.reduce((a, v) => a + v, 0) / docs.length;
    return this;
  }

  /** Lucene's idf of a term (0-based: ln(1 + (N − n + 0.5)/(n + 0.5))). */
  idf(term: string): number {
    const n = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** The score of every document for the query, by document id. */
  scores(query: string | readonly string[]): Float64Array {
    if (this.size === 0) throw new Error('BM25.scores: call fit(docs) first');
    const out = new Float64Array(this.size);
    const norm = this.avgdl > 0 ? this.b / this.avgdl : 0;
    for (const t of this.tokens(query, 'scores')) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t);
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j], tf = p.tf[j];
        out[d] += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + norm * this.lengths[d]));
      }
    }
    return out;
  }

  /** The k best documents, best first (ties by lower id), with their scores. */
  search(query: string | readonly string[], k: number): { ids: Int32Array; scores: Float64Array } {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`BM25.search: k must be an integer >= 1, got ${k}`);
    const s = this.scores(query);
    const ids = Int32Array.from(s.keys()).sort((a, c) => s[c] - s[a] || a - c).slice(0, k);
    return { ids, scores: Float64Array.from(ids, (i) => s[i]) };
  }
}
