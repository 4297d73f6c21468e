/**
 * Learning byte-pair-encoding merges (Sennrich, Haddow & Birch, "Neural Machine Translation
 * of Rare Words with Subword Units", ACL 2016; after Gage's 1994 compression algorithm).
 *
 * Start with every word split into its base symbols; repeatedly find the adjacent pair of
 * symbols that occurs most often (weighted by word frequency) and merge it into one new
 * symbol everywhere. The list of merges, in the order learned, is the tokenizer.
 *
 * Ties: when several pairs share the top count, the pair whose left symbol, then right
 * symbol, comes first in code-point order wins. This makes training deterministic and
 * independent of insertion order (Hugging Face's trainer breaks ties the same way).
 *
 * Cost: pair counts are kept up to date incrementally, touching only the words that contain
 * the merged pair, so one merge costs O(#pairs + symbols in affected words), not a pass over
 * the corpus.
 */
import { compareCodePoints } from './analyzer.js';

/** A merge: the left and right symbols that become one. */
export type Merge = readonly [string, string];

const SEP = '\u0000';
const key = (a: string, b: string) => a + SEP + b;

/**
 * Learns up to `numMerges` merges from words given as symbol arrays with counts. Stops early
 * when no pair occurs at least `minFrequency` times.
 *
 * ```ts
 * learnMerges(new Map([['l o w', 5], ['l o w e r', 2]]), 2); // [['l', 'o'], ['lo', 'w']]
 * ```
 */
export function learnMerges(words: ReadonlyMap<string, number> | readonly (readonly [readonly string[], number])[], numMerges: number, minFrequency = 1): Merge[] {
  const entries: [string[], number][] = words instanceof Map
    ? Array.from(words as ReadonlyMap<string, number>, ([w, c]) => [w.split(' '), c])
    : (words as readonly (readonly [readonly string[], number])[]).map(([s, c]) => [s.slice(), c]);
  const counts = new Map<string, number>();
  const where = new Map<string, Set<number>>();
  const addPairs = (wi: number, sign: number) => {
    const [sym, c] = entries[wi];
    for (let i = 0; i + 1 < sym.length; i++) {
      const k = key(sym[i], sym[i + 1]);
      counts.set(k, (counts.get(k) ?? 0) + sign * c);
      if (sign > 0) {
        let s = where.get(k);
        if (!s) where.set(k, (s = new Set()));
        s.add(wi);
      }
    }
  };
  entries.forEach((_, wi) => addPairs(wi, 1));
  const merges: Merge[] = [];
  while (merges.length < numMerges) {
    let best: string | undefined;
    let bestCount = 0;
    for (const [k, c] of counts) {
      if (c > bestCount || (c === bestCount && c > 0 && best !== undefined && compareCodePoints(k, best) < 0)) {
        best = k;
        bestCount = c;
      }
    }
    if (best === undefined || bestCount < minFrequency || bestCount <= 0) break;
    const [a, b] = best.split(SEP) as [string, string];
    merges.push([a, b]);
    const merged = a + b;
    for (const wi of where.get(best) ?? []) {
      const sym = entries[wi][0];
      if (!sym.some((s, i) => s === a && sym[i + 1] === b)) continue;
      addPairs(wi, -1);
      const out: string[] = [];
      for (let i = 0; i < sym.length; i++) {
        if (sym[i] === a && sym[i + 1] === b) {
          out.push(merged);
          i++;
        } else {
          out.push(sym[i]);
        }
      }
      entries[wi][0] = out;
      addPairs(wi, 1);
    }
    counts.delete(best);
    where.delete(best);
  }
  return merges;
}

/**
 * Applies learned merges to one word's symbols, lowest-rank (earliest learned) pair first,
 * until no learned pair is left — the same result as replaying the merges in order.
 *
 * ```ts
 * applyMerges(['l', 'o', 'w'], new Map([['l\u0000o', 0], ['lo\u0000w', 1]])); // ['low']
 * ```
 */
export function applyMerges(symbols: readonly string[], ranks: ReadonlyMap<string, number>): string[] {
  let sym = symbols.slice();
  for (;;) {
    let bestRank = Infinity;
    let bestI = -1;
    for (let i = 0; i + 1 < sym.length; i++) {
      const r = ranks.get(key(sym[i], sym[i + 1]));
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        bestI = i;
      }
    }
    if (bestI < 0) return sym;
    const a = sym[bestI];
    const b = sym[bestI + 1];
    const out: string[] = [];
    for (let i = 0; i < sym.length; i++) {
      if (sym[i] === a && sym[i + 1] === b) {
        out.push(a + b);
        i++;
      } else {
        out.push(sym[i]);
      }
    }
    sym = out;
  }
}

/** Merge ranks keyed for `applyMerges`. */
export function mergeRanks(merges: readonly Merge[]): Map<string, number> {
  return new Map(merges.map(([a, b], i) => [key(a, b), i]));
}
