/**
 * `descent/node`: the few helpers that need Node (the file system), kept out of the
 * browser-safe library. Everything here has a browser-safe core elsewhere: the parsing in
 * `descent/datasets` (`parseIdx`, `fashionMnistFromIdx`), the weights format in
 * `descent/nn` (`saveState`).
 *
 * ```ts
 * import { loadFashionMnist } from 'descent/node';
 * const { images, labels } = loadFashionMnist({ split: 'train' });   // (60000, 1, 28, 28), (60000,)
 * ```
 */
export { loadFashionMnist, DEBIAN_FASHION_MNIST_DIR, type LoadFashionMnistOptions } from './fashion-mnist.js';
export { SQLiteStorage } from './sqlite-storage.js';
export { DuckDB, openDuckDB, wordCountSql, invertedIndexSql, type DuckDBOptions, type SqlValue } from './duckdb.js';
export { writeEventData, writeFeatures, eventFeaturesSql, eventPaths, directoryBytes, EVENTS_PER_FILE } from './event-pipeline.js';
export { SQLiteTrackStore, TRACK_SCHEMA } from './sqlite-track-store.js';
export { PostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';
export { openStorage } from './storage-url.js';
