/**
 * `descent/bigdata`: computing over data that does not fit one thread or one memory.
 * Map-reduce from scratch (map, hash-partitioned shuffle, reduce, combiners) run in this
 * thread or on Node worker threads, with word count and an inverted index as examples;
 * out-of-core (spilling) hash aggregation; and the SQL of the feature pipeline that
 * `descent/node`'s DuckDB helpers run, written out for Spark SQL as well.
 *
 * ```ts
 * import { runMapReduce, wordCountJob, makeSplits } from 'descent/bigdata';
 * const lines = ['the cat sat', 'the cat ran', 'a dog sat'];
 * const withC = runMapReduce(wordCountJob, makeSplits(lines, 2));
 * const without = runMapReduce(wordCountJob, makeSplits(lines, 2), { combine: false });
 * withC.stats.shuffleBytes < without.stats.shuffleBytes;   // true: the combiner pre-sums
 * ```
 */
export {
  runMapReduce, mapTask, reduceTask, hashPartition, makeSplits, compareKeys, byteLength,
  type MapReduceJob, type MapReduceKey, type MapReduceOptions, type MapReduceResult, type MapReduceStats, type MapTaskResult,
} from './map-reduce.js';
export { runMapReduceOnThreads, builtinJob, type JobRef, type ThreadOptions } from './threads.js';
export { wordCountJob, invertedIndexJob, tokenize, splitDocuments, exactWordCount, exactInvertedIndex, type Doc } from './jobs.js';
export { externalAggregate, type ExternalAggregateOptions, type ExternalAggregateStats } from './external-aggregate.js';
export { eventScale, eventsSql, labelsSql, featuresSql, FEATURE_COLUMNS, SPARK_FEATURES_SQL } from './feature-sql.js';
