/**
 * Text normalization as scikit-learn's vectorizers do it: lowercasing, then accent
 * stripping (`strip_accents_unicode` / `strip_accents_ascii` in
 * sklearn/feature_extraction/text.py).
 */

// Python's `unicodedata.combining(c) != 0` is "has a non-zero canonical combining class".
// Every such character is a mark (Mn, Mc or Me); marks with class 0 (e.g. some Indic vowel
// signs) are kept by scikit-learn, so we test for the nonspacing/enclosing marks that carry a
// class, which is what NFKD splits accents into.
const COMBINING = /[\p{Mn}\p{Me}]/gu;
// Code points whose canonical combining class is 0 although they are Mn (a short list that
// matters in practice: the Thai/Lao vowel signs and the Mongolian free variation selectors).
const MN_CLASS_ZERO = /[\u0e31\u0e34-\u0e37\u0eb1\u0eb4-\u0eb7\u180b-\u180d\ufe00-\ufe0f]/u;

/**
 * Removes accents the Unicode way: decompose with NFKD, then drop combining marks. Slower
 * than `'ascii'` but keeps letters that have no ASCII form (Σ, ß, ø).
 *
 * ```ts
 * stripAccentsUnicode('crème brûlée'); // 'creme brulee'
 * ```
 */
export function stripAccentsUnicode(s: string): string {
  // No shortcut when s is already NFKD: its combining marks must go too (scikit-learn >= 0.22).
  return s.normalize('NFKD').replace(COMBINING, (c) => (MN_CLASS_ZERO.test(c) ? c : ''));
}

/**
 * Removes accents by decomposing with NFKD and dropping every non-ASCII character, so
 * letters without an ASCII form disappear: `'ø and ß'` becomes `' and '`.
 *
 * ```ts
 * stripAccentsAscii('Zürich'); // 'Zurich'
 * ```
 */
export function stripAccentsAscii(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFKD').replace(/[^\x00-\x7f]/gu, '');
}

/** The `stripAccents` option of the vectorizers. */
export type StripAccents = 'unicode' | 'ascii' | null;

/**
 * Lowercases (when asked) and then strips accents, in scikit-learn's order.
 *
 * ```ts
 * normalizeText('Café', { lowercase: true, stripAccents: 'ascii' }); // 'cafe'
 * ```
 */
export function normalizeText(s: string, options: { lowercase?: boolean; stripAccents?: StripAccents } = {}): string {
  let out = options.lowercase ?? true ? s.toLowerCase() : s;
  if (options.stripAccents === 'unicode') out = stripAccentsUnicode(out);
  else if (options.stripAccents === 'ascii') out = stripAccentsAscii(out);
  return out;
}
