/**
 * The two classic map-reduce examples from Dean & Ghemawat (2004, section 2.3): counting
 * words and building an inverted index. `tokenize` is shared with the DuckDB versions of the
 * same jobs (`lower`, then split on anything that is not an ASCII letter or digit), so the
 * answers can be compared exactly.
 */
import type { MapReduceJob } from './map-reduce.js';

/**
 * Lower-cases and splits on runs of characters other than `a-z` and `0-9`, dropping empties.
 *
 * ```ts
 * tokenize("Don't panic, 42!");   // ['don', 't', 'panic', '42']
 * ```
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/** A document of a corpus: an id and its text. */
export interface Doc {
  id: number;
  text: string;
}

/**
 * Cuts a text into documents at blank lines, numbered from 0.
 *
 * ```ts
 * splitDocuments('a b\n\nc');   // [{ id: 0, text: 'a b' }, { id: 1, text: 'c' }]
 * ```
 */
export function splitDocuments(text: string): Doc[] {
  return text.split(/\n\s*\n/).map((t) => t.trim()).filter((t) => t.length > 0).map((t, id) => ({ id, text: t }));
}

const sum = (_key: string, xs: number[]): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/**
 * Word count: map emits (word, 1) for every word of a line, reduce sums. The combiner is the
 * same sum, run inside each map task, so a word appearing 500 times in a split crosses the
 * shuffle once as (word, 500) instead of 500 times as (word, 1).
 *
 * ```ts
 * runMapReduce(wordCountJob, [['a rose is a rose']]).output;   // [['is', 1], ['rose', 2], ['a', 2]]: by reducer, then key
 * ```
 */
export const wordCountJob: MapReduceJob<string, string, number, number> = {
  name: 'wordCount',
  map(line, emit) {
    for (const w of tokenize(line)) emit(w, 1);
  },
  combine: sum,
  reduce: sum,
};

/** Merges sorted id lists into one sorted list without duplicates. */
function unionSorted(_key: string, lists: number[][]): number[] {
  const all = lists.flat().sort((a, b) => a - b);
  return all.filter((x, i) => i === 0 || x !== all[i - 1]);
}

/**
 * Inverted index: map emits (word, [docId]) once per distinct word of a document, reduce
 * merges the lists into the word's sorted posting list. The combiner merges lists inside a
 * map task, so a word in 40 documents of one split is sent once with 40 ids instead of 40
 * times with its spelling repeated.
 *
 * ```ts
 * runMapReduce(invertedIndexJob, [[{ id: 0, text: 'a b' }, { id: 1, text: 'b' }]]).output;   // [['a', [0]], ['b', [0, 1]]]
 * ```
 */
export const invertedIndexJob: MapReduceJob<Doc, string, number[], number[]> = {
  name: 'invertedIndex',
  map(doc, emit) {
    for (const w of new Set(tokenize(doc.text))) emit(w, [doc.id]);
  },
  combine: unionSorted,
  reduce: unionSorted,
};

/**
 * The single-threaded answers the map-reduce jobs must reproduce: a word → count map and a
 * word → sorted document ids map, computed with one loop each.
 *
 * ```ts
 * exactWordCount(['a b a']).get('a');   // 2
 * ```
 */
export function exactWordCount(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) for (const w of tokenize(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Word → ascending ids of the documents that contain it (see `exactWordCount`). */
export function exactInvertedIndex(docs: readonly Doc[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const doc of docs) {
    for (const w of new Set(tokenize(doc.text))) {
      const list = index.get(w);
      if (list === undefined) index.set(w, [doc.id]); else list.push(doc.id);
    }
  }
  for (const list of index.values()) list.sort((a, b) => a - b);
  return index;
}
