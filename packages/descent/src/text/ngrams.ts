/**
 * N-grams as scikit-learn's `_word_ngrams`, `_char_ngrams` and `_char_wb_ngrams` build them
 * (sklearn/feature_extraction/text.py), in the same order, so feature counts match.
 * Characters are Unicode code points (as Python's `str`), not UTF-16 units.
 */

/** An inclusive range [minN, maxN] of n-gram lengths. */
export type NgramRange = readonly [number, number];

function checkRange(caller: string, [minN, maxN]: NgramRange): void {
  if (!Number.isInteger(minN) || !Number.isInteger(maxN) || minN < 1 || maxN < minN) {
    throw new Error(`${caller}: ngramRange must be [minN, maxN] with integers 1 <= minN <= maxN. Got [${minN}, ${maxN}].`);
  }
}

/**
 * The contiguous n-grams of a sequence, each as an array.
 *
 * ```ts
 * ngrams(['a', 'b', 'c'], 2); // [['a', 'b'], ['b', 'c']]
 * ```
 */
export function ngrams<T>(items: readonly T[], n: number): T[][] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`ngrams: n must be an integer >= 1. Got ${n}.`);
  const out: T[][] = [];
  for (let i = 0; i + n <= items.length; i++) out.push(items.slice(i, i + n));
  return out;
}

/**
 * Word n-grams joined by a space: all unigrams first (when minN is 1), then bigrams, and so
 * on, after removing stop words, as scikit-learn's `_word_ngrams`.
 *
 * ```ts
 * wordNgrams(['the', 'lazy', 'dog'], [1, 2]); // ['the', 'lazy', 'dog', 'the lazy', 'lazy dog']
 * ```
 */
export function wordNgrams(tokens: readonly string[], range: NgramRange = [1, 1], stopWords?: ReadonlySet<string> | null): string[] {
  checkRange('wordNgrams', range);
  const words = stopWords ? tokens.filter((t) => !stopWords.has(t)) : tokens.slice();
  let [minN] = range;
  const maxN = range[1];
  if (maxN === 1) return words;
  const out: string[] = [];
  if (minN === 1) {
    out.push(...words);
    minN = 2;
  }
  for (let n = minN; n <= Math.min(maxN, words.length); n++) {
    for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  }
  return out;
}

/**
 * The code points of `text` as a sliceable sequence. Text without surrogate pairs (all of
 * the Basic Multilingual Plane) is sliced as a string directly — no per-character array —
 * which makes character n-grams several times faster; astral characters (emoji) fall back
 * to an array of code points.
 */
function codePoints(text: string): { length: number; slice: (i: number, j: number) => string } {
  if (!/[\uD800-\uDFFF]/.test(text)) return { length: text.length, slice: (i, j) => text.slice(i, j) };
  const cps = Array.from(text);
  return { length: cps.length, slice: (i, j) => cps.slice(i, j).join('') };
}

/** Runs of two or more whitespace characters become one space (scikit-learn's `_white_spaces`). */
function squeezeSpaces(text: string): string {
  return text.replace(/\s\s+/gu, ' ');
}

/**
 * Character n-grams over the whole text (spaces included), after squeezing whitespace runs.
 *
 * ```ts
 * charNgrams('abc', [1, 2]); // ['a', 'b', 'c', 'ab', 'bc']
 * ```
 */
export function charNgrams(text: string, range: NgramRange = [1, 1]): string[] {
  checkRange('charNgrams', range);
  const chars = codePoints(squeezeSpaces(text));
  const out: string[] = [];
  for (let n = range[0]; n <= Math.min(range[1], chars.length); n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n));
  }
  return out;
}

/**
 * Character n-grams inside word boundaries (`analyzer: 'char_wb'`): each whitespace-separated
 * word is padded with one space on each side, and n-grams never cross words. A word shorter
 * than n gives its padded self once.
 *
 * ```ts
 * charWbNgrams('to be', [2, 2]); // [' t', 'to', 'o ', ' b', 'be', 'e ']
 * ```
 */
export function charWbNgrams(text: string, range: NgramRange = [1, 1]): string[] {
  checkRange('charWbNgrams', range);
  const out: string[] = [];
  for (const word of squeezeSpaces(text).split(/\s+/u)) {
    if (word === '') continue;
    const w = codePoints(` ${word} `);
    for (let n = range[0]; n <= range[1]; n++) {
      let offset = 0;
      out.push(w.slice(offset, offset + n));
      while (offset + n < w.length) {
        offset += 1;
        out.push(w.slice(offset, offset + n));
      }
      if (offset === 0) break; // the whole padded word fit in one n-gram: longer n add nothing new
    }
  }
  return out;
}
