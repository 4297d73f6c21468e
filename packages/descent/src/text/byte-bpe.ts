/**
 * Byte-level BPE as in GPT-2 (Radford et al., 2019; OpenAI's `encoder.py`): text is UTF-8
 * bytes, so every string can be encoded with no unknown token and decoded back exactly.
 * Each byte is shown as a printable character (`bytesToUnicode`: printable Latin-1 bytes
 * stand for themselves, the others are shifted to U+0100 and up, so a space is 'Ġ'), text
 * is pre-split by GPT-2's pattern (contractions, letter runs, digit runs, punctuation runs,
 * whitespace, each word keeping its leading space), and merges are learned within those
 * pieces by pair frequency (ties as in bpe-train.ts).
 */
import { applyMerges, learnMerges, mergeRanks, type Merge } from './bpe-train.js';

/**
 * GPT-2's table from the 256 byte values to printable characters.
 *
 * ```ts
 * bytesToUnicode()[32]; // 'Ġ' (space), and bytesToUnicode()[65] is 'A'
 * ```
 */
export function bytesToUnicode(): string[] {
  const table = new Array<string>(256);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    table[b] = String.fromCodePoint(printable ? b : 256 + n++);
  }
  return table;
}

const BYTE_TO_CHAR = bytesToUnicode();
const CHAR_TO_BYTE = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** GPT-2's pre-tokenization pattern. */
const GPT2_SPLIT = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** The byte-characters of one pre-token. */
function toByteChars(piece: string): string[] {
  return Array.from(encoder.encode(piece), (b) => BYTE_TO_CHAR[b]);
}

/**
 * ```ts
 * const tok = ByteLevelBPE.train(['hello world', 'hello there'], { vocabSize: 270 });
 * tok.decode(tok.encode('héllo 🌍')); // 'héllo 🌍' — any text round-trips
 * ```
 */
export class ByteLevelBPE {
  /** Token → id: the 256 byte characters first (id = byte value), then one per merge. */
  readonly vocab: ReadonlyMap<string, number>;
  readonly idToToken: readonly string[];
  private readonly ranks: Map<string, number>;

  constructor(readonly merges: readonly Merge[]) {
    this.idToToken = [...BYTE_TO_CHAR, ...merges.map(([a, b]) => a + b)];
    this.vocab = new Map(this.idToToken.map((t, i) => [t, i]));
    this.ranks = mergeRanks(merges);
  }

  /** Learns `vocabSize - 256` merges (fewer if no pair repeats `minFrequency` times). */
  static train(corpus: readonly string[], options: { vocabSize: number; minFrequency?: number }): ByteLevelBPE {
    const { vocabSize, minFrequency = 2 } = options;
    if (!Number.isInteger(vocabSize) || vocabSize < 256) {
      throw new Error(`ByteLevelBPE.train: vocabSize must be an integer >= 256 (the byte alphabet). Got ${vocabSize}.`);
    }
    const counts = new Map<string, number>();
    for (const doc of corpus) for (const piece of doc.match(GPT2_SPLIT) ?? []) counts.set(piece, (counts.get(piece) ?? 0) + 1);
    const words = Array.from(counts, ([p, c]) => [toByteChars(p), c] as const);
    return new ByteLevelBPE(learnMerges(words, vocabSize - 256, minFrequency));
  }

  /** The tokens (as byte-character strings, 'Ġthe') of `text`. */
  tokenize(text: string): string[] {
    const out: string[] = [];
    for (const piece of text.match(GPT2_SPLIT) ?? []) out.push(...applyMerges(toByteChars(piece), this.ranks));
    return out;
  }

  encode(text: string): number[] {
    return this.tokenize(text).map((t) => this.vocab.get(t)!);
  }

  /** Exact inverse of `encode` for any string (invalid UTF-8 from arbitrary ids becomes U+FFFD). */
  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const i of ids) {
      const t = this.idToToken[i];
      if (t === undefined) throw new Error(`ByteLevelBPE.decode: id ${i} is not in the vocabulary (size ${this.idToToken.length}).`);
      for (const ch of t) bytes.push(CHAR_TO_BYTE.get(ch)!);
    }
    return decoder.decode(Uint8Array.from(bytes));
  }
}
