/**
 * WordPiece, the subword scheme of BERT (Schuster & Nakajima, "Japanese and Korean voice
 * search", ICASSP 2012; Devlin et al., 2019). A word is split greedily, longest match
 * first: take the longest prefix that is in the vocabulary, then the longest vocabulary
 * piece `##...` that continues it, and so on; if some position has no match the whole word
 * becomes `[UNK]`. The `##` marks a piece that continues a word, so decoding knows where
 * spaces go.
 *
 * Training (`WordPiece.train`) follows the Hugging Face recipe: start from single
 * characters (word-initial ones bare, the rest as `##c`; the vocabulary holds both forms of
 * every character) and repeatedly merge the adjacent
 * pair with the highest score count(ab) / (count(a) · count(b)) — pairs whose parts are rare
 * on their own win over merely frequent ones. Ties go to the pair first in code-point order.
 * Each merge recounts the corpus, O(merges × corpus symbols): fine for teaching-sized text.
 */
import { compareCodePoints } from './analyzer.js';

export const WORDPIECE_UNK = '[UNK]';

/**
 * BERT's basic pre-tokenization: optional lowercasing, split on whitespace, and every
 * punctuation or symbol character as its own token.
 *
 * ```ts
 * basicTokenize("Hello, world!"); // ['hello', ',', 'world', '!']
 * ```
 */
export function basicTokenize(text: string, lowercase = true): string[] {
  const t = lowercase ? text.toLowerCase() : text;
  return t.match(/[\p{P}\p{S}]|[^\s\p{P}\p{S}]+/gu) ?? [];
}

/**
 * ```ts
 * const wp = new WordPiece(['[UNK]', 'un', 'aff', '##aff', '##able', 'want', '##ed']);
 * wp.tokenize('unaffable wanted'); // ['un', '##aff', '##able', 'want', '##ed']
 * ```
 */
export class WordPiece {
  readonly vocab: ReadonlyMap<string, number>;
  readonly idToToken: readonly string[];

  constructor(tokens: readonly string[], readonly options: { lowercase?: boolean; maxInputCharsPerWord?: number } = {}) {
    this.idToToken = tokens.includes(WORDPIECE_UNK) ? tokens.slice() : [WORDPIECE_UNK, ...tokens];
    this.vocab = new Map(this.idToToken.map((t, i) => [t, i]));
  }

  /** Learns a vocabulary of up to `vocabSize` tokens from a corpus. */
  static train(corpus: readonly string[], options: { vocabSize: number; lowercase?: boolean }): WordPiece {
    const lowercase = options.lowercase ?? true;
    const counts = new Map<string, number>();
    for (const doc of corpus) for (const w of basicTokenize(doc, lowercase)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = Array.from(counts, ([w, c]) => ({ sym: Array.from(w).map((ch, i) => (i === 0 ? ch : `##${ch}`)), c }));
    // Every character seen goes in both forms, bare and `##`, as in BERT's vocabulary: then any
    // word over the training alphabet encodes without [UNK], wherever its characters sit.
    const vocab = new Set<string>([WORDPIECE_UNK]);
    for (const { sym } of words) {
      for (const s of sym) {
        const ch = s.startsWith('##') ? s.slice(2) : s;
        vocab.add(ch).add(`##${ch}`);
      }
    }
    const sortedBase = Array.from(vocab).sort(compareCodePoints);
    const tokens = [...sortedBase];
    while (tokens.length < options.vocabSize) {
      const unit = new Map<string, number>();
      const pair = new Map<string, number>();
      for (const { sym, c } of words) {
        for (let i = 0; i < sym.length; i++) {
          unit.set(sym[i], (unit.get(sym[i]) ?? 0) + c);
          if (i + 1 < sym.length) {
            const k = `${sym[i]}\u0000${sym[i + 1]}`;
            pair.set(k, (pair.get(k) ?? 0) + c);
          }
        }
      }
      let best: string | undefined;
      let bestScore = -1;
      for (const [k, c] of pair) {
        const [a, b] = k.split('\u0000') as [string, string];
        const score = c / (unit.get(a)! * unit.get(b)!);
        if (score > bestScore || (score === bestScore && compareCodePoints(k, best!) < 0)) {
          best = k;
          bestScore = score;
        }
      }
      if (best === undefined) break;
      const [a, b] = best.split('\u0000') as [string, string];
      const merged = a + b.slice(2);
      for (const w of words) {
        const out: string[] = [];
        for (let i = 0; i < w.sym.length; i++) {
          if (w.sym[i] === a && w.sym[i + 1] === b) {
            out.push(merged);
            i++;
          } else {
            out.push(w.sym[i]);
          }
        }
        w.sym = out;
      }
      if (!vocab.has(merged)) {
        vocab.add(merged);
        tokens.push(merged);
      }
    }
    return new WordPiece(tokens, { lowercase });
  }

  /** Greedy longest-match-first pieces of one pre-tokenized word. */
  private splitWord(word: string): string[] {
    const chars = Array.from(word);
    if (chars.length > (this.options.maxInputCharsPerWord ?? 100)) return [WORDPIECE_UNK];
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: string | undefined;
      while (end > start) {
        const piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        if (this.vocab.has(piece)) {
          found = piece;
          break;
        }
        end--;
      }
      if (found === undefined) return [WORDPIECE_UNK];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }

  tokenize(text: string): string[] {
    return basicTokenize(text, this.options.lowercase ?? true).flatMap((w) => this.splitWord(w));
  }

  encode(text: string): number[] {
    return this.tokenize(text).map((t) => this.vocab.get(t)!);
  }

  /** Pieces glued back into words (a `##` piece joins the previous one), words separated by spaces. */
  decode(ids: readonly number[]): string {
    let out = '';
    for (const i of ids) {
      const t = this.idToToken[i];
      if (t === undefined) throw new Error(`WordPiece.decode: id ${i} is not in the vocabulary (size ${this.idToToken.length}).`);
      if (t.startsWith('##')) out += t.slice(2);
      else out += (out ? ' ' : '') + t;
    }
    return out;
  }
}
