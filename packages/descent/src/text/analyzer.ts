/**
 * The analyzer shared by the vectorizers: text → features, as scikit-learn's
 * `build_analyzer` composes it: preprocess (lowercase, strip accents), then either tokenize,
 * drop stop words and form word n-grams, or form character n-grams.
 */
import { C, type Constraint } from '../learn/base/constraints.js';
import { charNgrams, charWbNgrams, wordNgrams, type NgramRange } from './ngrams.js';
import { normalizeText, type StripAccents } from './normalize.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';
import { DEFAULT_TOKEN_PATTERN, regexpTokenizer } from './tokenize.js';

/** The parameters every vectorizer shares, scikit-learn's names in camelCase. */
export interface AnalyzerParams {
  /** Lowercase before tokenizing. */
  lowercase: boolean;
  /** Remove accents: `'unicode'` (NFKD, drop combining marks), `'ascii'` (drop non-ASCII too), or null. */
  stripAccents: StripAccents;
  /** Replaces the lowercase/strip-accents step (word and char analyzers). */
  preprocessor: ((doc: string) => string) | null;
  /** Replaces the `tokenPattern` tokenizer (word analyzer). */
  tokenizer: ((doc: string) => string[]) | null;
  /** A Python-style regular expression; its matches are the tokens. Default `(?u)\b\w\w+\b`. */
  tokenPattern: string;
  /** `'english'` (scikit-learn's list), your own list, or null. Word analyzer only. */
  stopWords: 'english' | readonly string[] | null;
  /** Inclusive [min, max] n-gram lengths. */
  ngramRange: NgramRange;
  /** Word n-grams, character n-grams, character n-grams within words, or your own function (text → features). */
  analyzer: 'word' | 'char' | 'char_wb' | ((doc: string) => string[]);
}

export const ANALYZER_DEFAULTS: AnalyzerParams = {
  lowercase: true,
  stripAccents: null,
  preprocessor: null,
  tokenizer: null,
  tokenPattern: DEFAULT_TOKEN_PATTERN,
  stopWords: null,
  ngramRange: [1, 1],
  analyzer: 'word',
};

const isFunction = (v: unknown) => typeof v === 'function';

export const ANALYZER_CONSTRAINTS: { readonly [K in keyof AnalyzerParams]-?: readonly Constraint[] } = {
  lowercase: [C.boolean],
  stripAccents: [C.options('unicode', 'ascii'), C.null],
  preprocessor: [C.custom('a function', isFunction), C.null],
  tokenizer: [C.custom('a function', isFunction), C.null],
  tokenPattern: [C.string],
  stopWords: [C.options('english'), C.custom('an array of strings', (v) => Array.isArray(v) && v.every((s) => typeof s === 'string')), C.null],
  ngramRange: [C.custom('an array [minN, maxN] of integers with 1 <= minN <= maxN', (v) =>
    Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x)) && v[0] >= 1 && v[1] >= v[0])],
  analyzer: [C.options('word', 'char', 'char_wb'), C.custom('a function', isFunction)],
};

/**
 * The function a vectorizer with these parameters applies to each document.
 *
 * ```ts
 * buildAnalyzer({ ...ANALYZER_DEFAULTS, ngramRange: [1, 2] })('The lazy dog');
 * // ['the', 'lazy', 'dog', 'the lazy', 'lazy dog']
 * ```
 */
export function buildAnalyzer(p: AnalyzerParams): (doc: string) => string[] {
  if (typeof p.analyzer === 'function') return p.analyzer;
  const preprocess = p.preprocessor ?? ((d: string) => normalizeText(d, { lowercase: p.lowercase, stripAccents: p.stripAccents }));
  const range = p.ngramRange;
  if (p.analyzer === 'char') return (d) => charNgrams(preprocess(d), range);
  if (p.analyzer === 'char_wb') return (d) => charWbNgrams(preprocess(d), range);
  const tokenize = p.tokenizer ?? regexpTokenizer(p.tokenPattern);
  const stop = p.stopWords === 'english' ? ENGLISH_STOP_WORDS : p.stopWords ? new Set(p.stopWords) : null;
  return (d) => wordNgrams(tokenize(preprocess(d)), range, stop);
}

/** Checks that `docs` is an array of strings (scikit-learn's "raw documents"). */
export function checkDocuments(caller: string, docs: unknown): readonly string[] {
  if (typeof docs === 'string') {
    throw new TypeError(`${caller}: expected an array of documents (strings), got a single string. Wrap it: [text].`);
  }
  if (!Array.isArray(docs)) throw new TypeError(`${caller}: expected an array of documents (strings), got ${docs === null ? 'null' : typeof docs}.`);
  const bad = docs.findIndex((d) => typeof d !== 'string');
  if (bad >= 0) throw new TypeError(`${caller}: document ${bad} is a ${typeof docs[bad]}, not a string. Convert every document to a string first.`);
  return docs as readonly string[];
}

/** Python's string order (by code point), which `sorted()` uses for feature names. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
