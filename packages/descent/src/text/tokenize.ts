/**
 * Tokenizers: scikit-learn's regular-expression word tokenizer (`token_pattern`), a general
 * word/punctuation tokenizer, and a rule-based sentence splitter.
 *
 * Python's `re` and JavaScript's `RegExp` disagree on `\w`, `\b` and `\d` for non-ASCII text:
 * in Python 3 they are Unicode-aware, in JavaScript (even with the `u` flag) they are ASCII
 * only. `pythonRegExp` rewrites those escapes into Unicode property classes so a scikit-learn
 * pattern finds the same tokens in 'naïve café' as it does in Python.
 */

/** Python's `\w` in a `str` pattern: letters, numbers (any category N) and underscore. */
const WORD = '\\p{L}\\p{N}_';

/**
 * A Python `re` pattern (as scikit-learn's `token_pattern`) as an equivalent JavaScript
 * `RegExp` with the `gu` flags: `\w \W \d \D \b \B` become Unicode-aware, `(?u)` is dropped.
 *
 * ```ts
 * 'naïve café'.match(pythonRegExp('(?u)\\b\\w\\w+\\b')); // ['naïve', 'café']
 * ```
 */
export function pythonRegExp(pattern: string): RegExp {
  let src = '';
  let inClass = false;
  const p = pattern.replace(/^\(\?u\)/, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const e = p[++i];
      if (e === 'w') src += inClass ? WORD : `[${WORD}]`;
      else if (e === 'W') src += inClass ? '\\P{L}' : `[^${WORD}]`; // inside a class only the common \P{L} approximation
      else if (e === 'd') src += '\\p{Nd}';
      else if (e === 'D') src += '\\P{Nd}';
      else if (e === 'b' && !inClass) src += `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
      else if (e === 'B' && !inClass) src += `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;
      else src += `\\${e}`;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass && p[i - 1] !== '[') inClass = false;
    src += c;
  }
  try {
    return new RegExp(src, 'gu');
  } catch (e) {
    throw new Error(`pythonRegExp: cannot translate the pattern ${JSON.stringify(pattern)} to JavaScript (${(e as Error).message}). Pass a simpler pattern or a \`tokenizer\` function.`, { cause: e });
  }
}

/** scikit-learn's default `token_pattern`: runs of two or more word characters. */
export const DEFAULT_TOKEN_PATTERN = '(?u)\\b\\w\\w+\\b';

/**
 * A tokenizer from a Python-style pattern, as scikit-learn's `build_tokenizer`: all
 * non-overlapping matches, or the single capturing group's text when the pattern has one
 * (more than one group is an error, as in scikit-learn).
 *
 * ```ts
 * regexpTokenizer()('Hello, world! A test.'); // ['Hello', 'world', 'test']
 * ```
 */
export function regexpTokenizer(pattern: string = DEFAULT_TOKEN_PATTERN): (text: string) => string[] {
  const re = pythonRegExp(pattern);
  const groups = (new RegExp(`${re.source}|`, 'u').exec('')?.length ?? 1) - 1;
  if (groups > 1) {
    throw new Error(`regexpTokenizer: the pattern ${JSON.stringify(pattern)} has ${groups} capturing groups; use at most one (make the others non-capturing with (?:...)).`);
  }
  return (text) => Array.from(text.matchAll(re), (m) => (groups === 1 ? m[1] ?? '' : m[0]));
}

/**
 * Splits text into words and runs of punctuation (NLTK's `wordpunct_tokenize`, pattern
 * `\w+|[^\w\s]+`), keeping everything but whitespace.
 *
 * ```ts
 * wordPunctTokenize("Don't stop!"); // ['Don', "'", 't', 'stop', '!']
 * ```
 */
export function wordPunctTokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_\p{M}]+|[^\p{L}\p{N}_\p{M}\s]+/gu) ?? [];
}

/**
 * A word tokenizer that keeps contractions and hyphenated words together and splits off
 * punctuation: "don't", "state-of-the-art", "3.14" stay one token each.
 *
 * ```ts
 * wordTokenize('The state-of-the-art model costs $3.50, doesn\'t it?');
 * // ['The', 'state-of-the-art', 'model', 'costs', '$', '3.50', ',', "doesn't", 'it', '?']
 * ```
 */
export function wordTokenize(text: string): string[] {
  return text.match(/\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|\.\.\.|[^\s\p{L}\p{N}_]/gu) ?? [];
}

/** Abbreviations after which a period does not end a sentence (lowercase, without the final '.'). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'fig', 'no', 'vol', 'inc', 'ltd', 'co',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'approx', 'dept', 'est', 'al',
]);

/**
 * Splits text into sentences with rules: a sentence ends at `.`, `!` or `?` (and any closing
 * quotes or brackets after it) followed by whitespace and then an uppercase letter, a digit
 * or an opening quote, unless the period ends a known abbreviation ("Dr.", "e.g.") or a
 * single-letter initial ("J. R. R. Tolkien"). Not a trained model like Punkt: it is the
 * baseline every course starts with, and its failure cases are easy to see.
 *
 * ```ts
 * sentTokenize('Dr. Smith arrived. He sat down! Was it 3 p.m.? Yes.');
 * // ['Dr. Smith arrived.', 'He sat down!', 'Was it 3 p.m.?', 'Yes.']
 * ```
 */
export function sentTokenize(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]+["'”’)\]]*(?=\s+["'“‘(]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && m[0].length === 1) {
      const word = /(\S+)$/u.exec(text.slice(start, m.index))?.[1] ?? '';
      const bare = word.replace(/^["'“‘(]+/u, '').toLowerCase();
      if (ABBREVIATIONS.has(bare) || /^\p{L}$/u.test(bare)) continue;
    }
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
