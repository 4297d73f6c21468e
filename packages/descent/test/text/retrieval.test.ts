/**
 * Retrieval: exact search against scikit-learn's brute-force NearestNeighbors and BM25 against
 * a transcription of the formula (tools/fixtures/retrieval.py); HNSW's recall against exact
 * search and its graph invariants; the chunkers and embedders; and the end-to-end retriever
 * over the repository's own lessons, scored by how often it finds the lesson that answers a
 * hand-labelled question, against a random and a BM25-only baseline. The full-size HNSW check
 * (10,000 vectors) is in hnsw.slow.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  BM25, FlatIndex, HNSWIndex, HashingEmbedder, MeanWordVectorEmbedder, Retriever, TfidfEmbedder, TfidfVectorizer, Word2Vec,
  buildPrompt, chunkFixed, chunkMarkdown, chunkSentences, recallAtK, reciprocalRankFusion, retrievalTokens, type Chunk, type Metric,
} from '../../src/text/index.js';
import { Generator } from '../../src/random/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { LESSON_QUESTIONS } from './lesson-questions.js';

interface Fixture {
  source: string;
  knn: { X: number[][]; Q: number[][]; k: number } & Record<Metric, { ids: number[][]; distances: number[][] }>;
  bm25: { docs: string[][]; queries: string[][]; cases: { k1: number; b: number; scores: number[][] }[] };
}
const fx = loadFixture<Fixture>('retrieval.json');

function gaussian(n: number, d: number, seed: number): Float32Array {
  const g = new Generator(seed);
  return Float32Array.from({ length: n * d }, () => g.normal());
}

describe(`exact search and BM25 match ${fx.source}`, () => {
  for (const metric of ['l2', 'cosine', 'ip'] as const) {
    it(`FlatIndex, metric ${metric}`, () => {
      const index = new FlatIndex(8, metric).add(fx.knn.X);
      fx.knn.Q.forEach((q, i) => {
        const { ids, distances } = index.search(q, fx.knn.k);
        expect(Array.from(ids)).toEqual(fx.knn[metric].ids[i]);
        distances.forEach((d, j) => expect(d).toBeCloseTo(fx.knn[metric].distances[i][j], 4)); // float32 storage
      });
    });
  }
  for (const { k1, b, scores } of fx.bm25.cases) {
    it(`BM25 scores, k1 = ${k1}, b = ${b}`, () => {
      const bm = new BM25({ k1, b }).fit(fx.bm25.docs);
      fx.bm25.queries.forEach((q, i) => Array.from(bm.scores(q)).forEach((s, j) => expect(s).toBeCloseTo(scores[i][j], 12)));
      const best = Array.from(bm.search(fx.bm25.queries[2], 2).ids);
      const order = scores[2].map((s, j) => [s, j]).sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, 2).map(([, j]) => j);
      expect(best).toEqual(order);
    });
  }
});

describe('HNSW', () => {
  const d = 16, X = gaussian(2000, d, 1), Q = gaussian(50, d, 2);

  it('recall@10 ≥ 0.95 against exact search on 2,000 Gaussian vectors (l2 and cosine)', () => {
    for (const metric of ['l2', 'cosine'] as const) {
      const hnsw = new HNSWIndex(d, { metric, M: 12, efConstruction: 64, efSearch: 64 }).add(X);
      const exact = new FlatIndex(d, metric).add(X);
      expect(recallAtK(hnsw.searchBatch(Q, 10), exact.searchBatch(Q, 10), 10)).toBeGreaterThanOrEqual(0.95);
    }
  });

  const M = 8, small = new HNSWIndex(d, { metric: 'l2', M, efConstruction: 32 }).add(X.subarray(0, 1000 * d));

  it('keeps the graph within its degree bounds, with layers thinning out geometrically', () => {
    const hnsw = small;
    const perLevel = new Map<number, number>();
    for (let id = 0; id < hnsw.size; id++) {
      const level = hnsw.levelOf(id);
      perLevel.set(level, (perLevel.get(level) ?? 0) + 1);
      for (let layer = 0; layer <= level; layer++) {
        const nb = hnsw.neighbours(id, layer);
        expect(nb.length).toBeLessThanOrEqual(layer === 0 ? 2 * M : M);
        expect(new Set(nb).size).toBe(nb.length);
        expect(nb.includes(id)).toBe(false);
        for (const other of nb) expect(hnsw.levelOf(other)).toBeGreaterThanOrEqual(layer);
      }
    }
    expect(hnsw.levelOf(hnsw.entryPoint)).toBe(hnsw.maxLevel);
    // P(level ≥ 1) = 1/M: about 125 of 1,000 nodes (standard deviation 10).
    const upper = hnsw.size - (perLevel.get(0) ?? 0);
    expect(upper).toBeGreaterThan(85);
    expect(upper).toBeLessThan(165);
  });

  it('is reproducible with a seed, and adding in batches equals adding at once', () => {
    const a = new HNSWIndex(d, { seed: 3, efConstruction: 32 }).add(X.subarray(0, 500 * d));
    const b = new HNSWIndex(d, { seed: 3, efConstruction: 32 }).add(X.subarray(0, 200 * d)).add(X.subarray(200 * d, 500 * d));
    expect(Array.from(a.search(Q.subarray(0, d), 10).ids)).toEqual(Array.from(b.search(Q.subarray(0, d), 10).ids));
    for (let id = 0; id < 500; id += 37) expect(a.neighbours(id, 0)).toEqual(b.neighbours(id, 0));
  });

  it('greedyClosest ends at a local minimum of the distance', () => {
    const hnsw = small, q = Q.subarray(0, d);
    const end = hnsw.greedyClosest(q, 0, hnsw.entryPoint, 0);
    for (const nb of hnsw.neighbours(end, 0)) expect(hnsw.distanceTo(q, nb)).toBeGreaterThanOrEqual(hnsw.distanceTo(q, end));
  });

  it('explains bad input', () => {
    expect(() => new HNSWIndex(0)).toThrow(/HNSWIndex: dim must be an integer >= 1/);
    expect(() => new HNSWIndex(4, { M: 1 })).toThrow(/M must be an integer >= 2/);
    expect(() => new HNSWIndex(4).search([1, 2, 3, 4], 1)).toThrow(/index is empty; add vectors first/);
    expect(() => new HNSWIndex(4).add([[1, 2, 3]])).toThrow(/row 0 has 3 numbers, expected dim = 4/);
    expect(() => new FlatIndex(2).add([[1, NaN]])).toThrow(/FlatIndex.add: row 0 contains NaN/);
    expect(() => new FlatIndex(2, 'dot' as Metric)).toThrow(/metric must be one of 'l2', 'ip', 'cosine'/);
    expect(() => new FlatIndex(2).add([[1, 0]]).search([1, 0], 0)).toThrow(/k must be an integer >= 1/);
    expect(() => recallAtK([], [], 10)).toThrow(/recallAtK/);
  });
});

describe('chunking', () => {
  const text = 'The cache holds keys. It grows with each token! Does it ever shrink? Only when evicted. Done.';

  it('chunkFixed covers the text with windows that overlap by exactly `overlap`', () => {
    const chunks = chunkFixed(text, { size: 20, overlap: 5 });
    for (const c of chunks) expect(c.text).toBe(text.slice(c.start, c.end));
    for (let i = 1; i < chunks.length; i++) expect(chunks[i - 1].end - chunks[i].start).toBe(5);
    expect(chunks[0].start).toBe(0);
    expect(chunks[chunks.length - 1].end).toBe(text.length);
    expect(() => chunkFixed(text, { size: 10, overlap: 10 })).toThrow(/chunkFixed: overlap \(10\) must be smaller than size \(10\)/);
  });

  it('chunkSentences never cuts a sentence and respects maxChars', () => {
    const chunks = chunkSentences(text, { maxChars: 50 });
    expect(chunks.map((c) => c.text)).toEqual(['The cache holds keys. It grows with each token!', 'Does it ever shrink? Only when evicted. Done.']);
    for (const c of chunks) expect(c.end - c.start).toBeLessThanOrEqual(50);
    const overlapping = chunkSentences(text, { maxChars: 50, overlap: 1 });
    expect(overlapping[1].text.startsWith('It grows with each token!')).toBe(true);
  });

  it('chunkMarkdown splits at headings outside code fences and records the heading path', () => {
    const md = '# Title\nIntro.\n## First\nSome text.\n```sh\n# not a heading\n```\n### Deeper\nMore.\n## Second\nLast.';
    const chunks = chunkMarkdown(md);
    expect(chunks.map((c) => c.heading)).toEqual(['Title', 'Title > First', 'Title > First > Deeper', 'Title > Second']);
    expect(chunks[1].text).toContain('# not a heading');
    const long = chunkMarkdown(`## Long\n${'A sentence here. '.repeat(20)}`, { maxChars: 60 });
    expect(long.length).toBeGreaterThan(3);
    for (const c of long) expect(c.heading).toBe('Long');
  });
});

describe('embedders', () => {
  it('retrievalTokens drops stop words and stems; the hashing embedder is unit length', () => {
    expect(retrievalTokens('Caching the keys of a cache')).toEqual(['cach', 'kei', 'cach']);
    const [a, b, c] = new HashingEmbedder({ dim: 64 }).embed(['caching keys', 'a cached key', '']);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 6);
    expect(c.every((v) => v === 0)).toBe(true);
    expect(() => new HashingEmbedder().embed('text' as unknown as string[])).toThrow(/expected an array of strings/);
  });

  it('TfidfEmbedder rows equal TfidfVectorizer with the same analyzer', () => {
    const docs = ['the kv cache grows', 'a cache of keys', 'dropout at random'];
    const emb = new TfidfEmbedder().fit(docs);
    const ref = new TfidfVectorizer({ analyzer: retrievalTokens, sublinearTf: true }).fitTransform(docs).toArray();
    emb.embed(docs).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ref[i][j], 6)));
    expect(() => new TfidfEmbedder().embed(docs)).toThrow(/TfidfEmbedder: call fit\(texts\)/);
  });

  it('MeanWordVectorEmbedder is the normalized mean of the word vectors', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'the cat sat on the mat' : 'a dog ran in the park').split(' '));
    const w2v = new Word2Vec({ vectorSize: 8, minCount: 1, epochs: 1, seed: 0 }).fit(sentences);
    const [v] = new MeanWordVectorEmbedder(w2v).embed(['Cat mat zebra']);
    const mean = w2v.getVector('cat').map((x, j) => x + w2v.getVector('mat')[j]);
    const norm = Math.hypot(...mean);
    v.forEach((x, j) => expect(x).toBeCloseTo(mean[j] / norm, 5));
  });
});

describe('retrieval-augmented generation over the lessons', () => {
  const root = join(__dirname, '../../../../lessons');
  const chunks: Chunk[] = [], lessonOf: string[] = [];
  for (const file of readdirSync(root).filter((f) => /^\d\d-.*\.md$/.test(f))) {
    for (const c of chunkMarkdown(readFileSync(join(root, file), 'utf8'), { maxChars: 1500 })) {
      chunks.push(c);
      lessonOf.push(file.replace(/\.md$/, ''));
    }
  }
  const questions = LESSON_QUESTIONS.filter((q) => lessonOf.includes(q.lesson));
  /** The fraction of questions whose top-ranked chunk is from the lesson that answers it. */
  const hitRate = (rank: (q: string) => number[]) => questions.filter((q) => lessonOf[rank(q.question)[0]] === q.lesson).length / questions.length;

  it('finds the right lesson far more often than chance, and reranking reaches BM25\'s level', () => {
    expect(questions.length).toBeGreaterThanOrEqual(25);
    const g = new Generator(0);
    const random = hitRate(() => [g.integers(0, chunks.length)]);
    const bm25 = new BM25().fit(chunks.map((c) => `${c.heading ?? ''}\n${c.text}`));
    const lexical = hitRate((q) => Array.from(bm25.search(q, 1).ids));
    // The lessons' vocabulary is several thousand stems: at 512 buckets collisions blur the
    // vectors (hit rate 0.69 on 45 lessons, 0.81 at 2048), so the table is sized above it.
    const dense = new Retriever({ embedder: new HashingEmbedder({ dim: 2048 }) }).fit(chunks);
    const reranked = new Retriever({ embedder: new HashingEmbedder({ dim: 2048 }), rerank: 'bm25' }).fit(chunks);
    const denseHit = hitRate((q) => dense.retrieve(q, 1).map((r) => r.id));
    const rerankHit = hitRate((q) => reranked.retrieve(q, 1).map((r) => r.id));
    expect(random).toBeLessThan(0.2);
    expect(denseHit).toBeGreaterThan(0.7);
    expect(rerankHit).toBeGreaterThanOrEqual(denseHit);
    expect(rerankHit).toBeGreaterThanOrEqual(lexical - 0.05);
    expect(lexical).toBeGreaterThan(0.85);
  });

  it('an HNSW retriever returns the exact retriever\'s passages, and the prompt cites them', () => {
    const exact = new Retriever({ embedder: new HashingEmbedder({ dim: 2048 }) }).fit(chunks);
    const approx = new Retriever({ embedder: new HashingEmbedder({ dim: 2048 }), index: 'hnsw', hnsw: { M: 12, efConstruction: 64, efSearch: 128 } }).fit(chunks);
    const same = questions.filter((q) => {
      const a = approx.retrieve(q.question, 5).map((r) => r.id), e = exact.retrieve(q.question, 5).map((r) => r.id);
      return a.filter((id) => e.includes(id)).length >= 4;
    }).length;
    expect(same / questions.length).toBeGreaterThanOrEqual(0.9);
    const prompt = buildPrompt('What is a KV cache?', exact.retrieve('What is a KV cache?', 2));
    expect(prompt).toMatch(/^Answer from the passages below and cite them\.\n\[1\] .*\n\[2\] .*\nQuestion: What is a KV cache\?\nAnswer:$/);
  });

  it('fuses rankings by reciprocal rank and explains bad options', () => {
    const { ids, scores } = reciprocalRankFusion([[3, 1, 2], [1, 3, 0]]);
    expect(ids).toEqual([1, 3, 0, 2]); // 0 and 2 tie (third in one list each): lower id first
    expect(scores[0]).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(() => new Retriever({ embedder: new HashingEmbedder(), rerank: 'cross' as 'bm25' })).toThrow(/rerank must be 'none', 'bm25' or 'fusion'/);
    expect(() => new Retriever({ embedder: new HashingEmbedder() }).retrieve('x')).toThrow(/call fit\(chunks\) first/);
    expect(() => new BM25({ b: 2 })).toThrow(/BM25: b must be a number in \[0, 1\]/);
  });
});
