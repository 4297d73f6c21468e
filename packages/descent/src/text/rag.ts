/**
 * The retrieval half of retrieval-augmented generation (Lewis et al. 2020, "Retrieval-
 * Augmented Generation for Knowledge-Intensive NLP Tasks"): chunks are embedded once into a
 * vector index; a question is embedded the same way, its nearest chunks are fetched (the
 * first stage, cheap and recall-oriented) and optionally reranked by a second scorer; the
 * best few are pasted into the prompt of a language model (`buildPrompt`), which answers
 * from them instead of from memory alone.
 *
 * Reranking here is lexical: `'bm25'` reorders the dense candidates by BM25 score;
 * `'fusion'` combines the dense and BM25 rankings by reciprocal rank fusion (Cormack, Clarke
 * & Büttcher 2009), which needs no score calibration between the two.
 */
import { BM25 } from './bm25.js';
import type { Chunk } from './chunk.js';
import type { Embedder } from './embed.js';
import { HNSWIndex, type HNSWOptions } from './hnsw.js';
import { FlatIndex, type VectorStore } from './vector-index.js';

export interface RetrieverOptions {
  embedder: Embedder;
  /** `'exact'` (FlatIndex, cosine) or `'hnsw'` (HNSWIndex, cosine). Default 'exact'. */
  index?: 'exact' | 'hnsw';
  hnsw?: Omit<HNSWOptions, 'metric'>;
  /** Second stage. Default 'none'. */
  rerank?: 'none' | 'bm25' | 'fusion';
  /** How many dense candidates the second stage sees (default 20). */
  candidates?: number;
}

export interface Retrieved {
  /** Index of the chunk in the fitted list. */
  id: number;
  chunk: Chunk;
  /** Higher is better: cosine similarity, BM25 score or fused score, by stage. */
  score: number;
}

/**
 * Reciprocal rank fusion: score(d) = Σ_lists 1 / (k + rank of d in the list), ranks from 1;
 * k = 60 as in the paper. Returns ids by fused score, best first.
 *
 * ```ts
 * reciprocalRankFusion([[3, 1, 2], [1, 3, 0]]).ids;   // [1, 3, 0, 2]: ties go to the lower id
 * ```
 */
export function reciprocalRankFusion(rankings: readonly (readonly number[] | Int32Array)[], k = 60): { ids: number[]; scores: number[] } {
  if (!(k >= 0)) throw new RangeError(`reciprocalRankFusion: k must be a number >= 0, got ${k}`);
  const score = new Map<number, number>();
  for (const list of rankings) Array.from(list).forEach((id, r) => score.set(id, (score.get(id) ?? 0) + 1 / (k + r + 1)));
  const ids = [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
  return { ids, scores: ids.map((id) => score.get(id)!) };
}

/**
 * ```ts
 * const retriever = new Retriever({ embedder: new HashingEmbedder(), rerank: 'bm25' }).fit(chunkMarkdown(doc));
 * const top = retriever.retrieve('How does a KV cache work?', 3);   // [{ id, chunk, score }, …]
 * ```
 */
export class Retriever {
  readonly embedder: Embedder;
  readonly options: Required<Omit<RetrieverOptions, 'embedder' | 'hnsw'>> & { hnsw: Omit<HNSWOptions, 'metric'> };
  chunks_: Chunk[] = [];
  index_: VectorStore | null = null;
  bm25_: BM25 | null = null;

  constructor(options: RetrieverOptions) {
    if (!options?.embedder || typeof options.embedder.embed !== 'function') throw new TypeError('Retriever: options.embedder must be an Embedder (e.g. new HashingEmbedder())');
    this.embedder = options.embedder;
    this.options = { index: options.index ?? 'exact', rerank: options.rerank ?? 'none', candidates: options.candidates ?? 20, hnsw: options.hnsw ?? {} };
    if (!['exact', 'hnsw'].includes(this.options.index)) throw new RangeError(`Retriever: index must be 'exact' or 'hnsw', got ${JSON.stringify(this.options.index)}`);
    if (!['none', 'bm25', 'fusion'].includes(this.options.rerank)) throw new RangeError(`Retriever: rerank must be 'none', 'bm25' or 'fusion', got ${JSON.stringify(this.options.rerank)}`);
    if (!Number.isInteger(this.options.candidates) || this.options.candidates < 1) throw new RangeError(`Retriever: candidates must be an integer >= 1, got ${this.options.candidates}`);
  }

  /** Embeds and indexes the chunks (strings become chunks of themselves). */
  fit(chunks: readonly (Chunk | string)[]): this {
    if (!Array.isArray(chunks) || chunks.length === 0) throw new RangeError('Retriever.fit: expected a non-empty array of chunks or strings');
    this.chunks_ = chunks.map((c) => (typeof c === 'string' ? { text: c, start: 0, end: c.length } : c));
    const texts = this.chunks_.map((c) => (c.heading ? `${c.heading}\n${c.text}` : c.text));
    this.embedder.fit?.(texts);
    const vectors = this.embedder.embed(texts);
    const dim = this.embedder.dim;
    this.index_ = (this.options.index === 'hnsw' ? new HNSWIndex(dim, { ...this.options.hnsw, metric: 'cosine' }) : new FlatIndex(dim, 'cosine')).add(vectors);
    this.bm25_ = this.options.rerank === 'none' ? null : new BM25().fit(texts);
    return this;
  }

  /** The k best chunks for the query, best first. */
  retrieve(query: string, k = 5): Retrieved[] {
    if (!this.index_) throw new Error('Retriever.retrieve: call fit(chunks) first');
    if (typeof query !== 'string') throw new TypeError('Retriever.retrieve: the query must be a string');
    const [q] = this.embedder.embed([query]);
    const n = Math.min(this.chunks_.length, this.options.rerank === 'none' ? k : Math.max(k, this.options.candidates));
    const dense = this.index_.search(q, n);
    let ids: number[] = Array.from(dense.ids), scores = Array.from(dense.distances, (d) => 1 - d);
    if (this.bm25_) {
      const s = this.bm25_.scores(query);
      if (this.options.rerank === 'bm25') {
        ids = ids.slice().sort((a, b) => s[b] - s[a]);
        scores = ids.map((id) => s[id]);
      } else {
        const lexical = ids.slice().sort((a, b) => s[b] - s[a]);
        ({ ids, scores } = reciprocalRankFusion([ids, lexical]));
      }
    }
    return ids.slice(0, k).map((id, i) => ({ id, chunk: this.chunks_[id], score: scores[i] }));
  }
}

/**
 * The prompt of a RAG system: numbered passages, then the question, so the model can cite
 * "[2]" and the reader can check it.
 *
 * ```ts
 * buildPrompt('What is LoRA?', retriever.retrieve('What is LoRA?', 3));
 * ```
 */
export function buildPrompt(question: string, passages: readonly (Retrieved | string)[]): string {
  const lines = passages.map((p, i) => `[${i + 1}] ${typeof p === 'string' ? p : p.chunk.text}`.replace(/\s+/g, ' '));
  return `Answer from the passages below and cite them.\n${lines.join('\n')}\nQuestion: ${question}\nAnswer:`;
}
