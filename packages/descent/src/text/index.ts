/**
 * `descent/text`: turning text into numbers. Tokenizers and normalization, n-grams,
 * scikit-learn's vectorizers (counts, TF-IDF, hashing) with a sparse CSR output.
 * Retrieval: chunking, offline embedders, exact and HNSW vector indexes, BM25 and a small
 * retrieval-augmented-generation retriever.
 *
 * ```ts
 * import { TfidfVectorizer } from 'descent/text';
 * const X = new TfidfVectorizer().fitTransform(['the cat sat', 'the dog sat']).toDense();
 * ```
 */
export { ENGLISH_STOP_WORDS } from './stop-words.js';
export { normalizeText, stripAccentsAscii, stripAccentsUnicode, type StripAccents } from './normalize.js';
export { DEFAULT_TOKEN_PATTERN, pythonRegExp, regexpTokenizer, sentTokenize, wordPunctTokenize, wordTokenize } from './tokenize.js';
export { charNgrams, charWbNgrams, ngrams, wordNgrams, type NgramRange } from './ngrams.js';
export { ANALYZER_DEFAULTS, buildAnalyzer, type AnalyzerParams } from './analyzer.js';
export { CsrMatrix } from './sparse.js';
export { CountVectorizer, type CountVectorizerParams } from './count-vectorizer.js';
export { TfidfTransformer, TfidfVectorizer, type CountsLike, type TfidfParams, type TfidfVectorizerParams } from './tfidf.js';
export { HashingVectorizer, murmurhash3_32, type HashingVectorizerParams } from './hashing.js';
export { porterMeasure, porterStem } from './porter.js';
export { lemmatize, type PartOfSpeech } from './lemmatize.js';
export { applyMerges, learnMerges, mergeRanks, type Merge } from './bpe-train.js';
export { BPETokenizer, END_OF_WORD, UNK, type BPETrainOptions } from './bpe.js';
export { ByteLevelBPE, bytesToUnicode } from './byte-bpe.js';
export { WordPiece, WORDPIECE_UNK, basicTokenize } from './wordpiece.js';
export { Word2Vec, type Neighbour, type Word2VecParams } from './word2vec.js';
export { pcaProject } from './embedding-projection.js';
export { chunkFixed, chunkMarkdown, chunkSentences, type Chunk } from './chunk.js';
export { HashingEmbedder, MeanWordVectorEmbedder, TfidfEmbedder, retrievalTokens, type Embedder } from './embed.js';
export { FlatIndex, VectorStore, recallAtK, type Metric, type SearchResult, type VectorsLike } from './vector-index.js';
export { HNSWIndex, type HNSWOptions } from './hnsw.js';
export { BM25, type BM25Options } from './bm25.js';
export { Retriever, buildPrompt, reciprocalRankFusion, type Retrieved, type RetrieverOptions } from './rag.js';
