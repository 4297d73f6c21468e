/**
 * A character-level BPE tokenizer trained from scratch, as in Sennrich et al. (2016): text
 * is split on whitespace into words, each word is its characters followed by an
 * end-of-word marker `</w>`, and merges are learned by pair frequency (see bpe-train.ts for
 * the tie rule). `decode` joins the tokens and turns each `</w>` back into a space, so
 * `decode(encode(text))` is the text with its whitespace runs collapsed to single spaces.
 * Characters never seen in training become the unknown token `<unk>`.
 */
import { applyMerges, learnMerges, mergeRanks, type Merge } from './bpe-train.js';

export const END_OF_WORD = '</w>';
export const UNK = '<unk>';

export interface BPETrainOptions {
  /** Target vocabulary size (base characters + `</w>` + `<unk>` + one token per merge). */
  vocabSize: number;
  /** Stop merging when the best pair occurs fewer times than this. Default 2. */
  minFrequency?: number;
}

/**
 * ```ts
 * const bpe = BPETokenizer.train(['low lower lowest', 'new newer newest'], { vocabSize: 30 });
 * bpe.tokenize('lowest newer'); // e.g. ['low', 'est</w>', 'new', 'er</w>']
 * bpe.decode(bpe.encode('lowest newer')); // 'lowest newer'
 * ```
 */
export class BPETokenizer {
  /** Token → id; ids 0 and 1 are `<unk>` and `</w>`, then the characters, then one per merge. */
  readonly vocab: ReadonlyMap<string, number>;
  readonly idToToken: readonly string[];
  private readonly ranks: Map<string, number>;

  constructor(readonly merges: readonly Merge[], alphabet: readonly string[]) {
    const tokens = [UNK, END_OF_WORD, ...alphabet.filter((c) => c !== UNK && c !== END_OF_WORD)];
    for (const [a, b] of merges) tokens.push(a + b);
    this.idToToken = Array.from(new Set(tokens));
    this.vocab = new Map(this.idToToken.map((t, i) => [t, i]));
    this.ranks = mergeRanks(merges);
  }

  /** Learns merges from a corpus until the vocabulary reaches `vocabSize` (or no pair repeats). */
  static train(corpus: readonly string[], options: BPETrainOptions): BPETokenizer {
    const { vocabSize, minFrequency = 2 } = options;
    if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`BPETokenizer.train: vocabSize must be a positive integer. Got ${vocabSize}.`);
    const counts = new Map<string, number>();
    for (const doc of corpus) for (const w of doc.split(/\s+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    const alphabet = new Set<string>();
    const words = Array.from(counts, ([w, c]) => {
      const chars = Array.from(w);
      for (const ch of chars) alphabet.add(ch);
      return [[...chars, END_OF_WORD], c] as const;
    });
    const sortedAlphabet = Array.from(alphabet).sort();
    const numMerges = Math.max(0, vocabSize - 2 - sortedAlphabet.length);
    return new BPETokenizer(learnMerges(words, numMerges, minFrequency), sortedAlphabet);
  }

  /** The subword tokens of `text` (unknown characters as `<unk>`). */
  tokenize(text: string): string[] {
    const out: string[] = [];
    for (const w of text.split(/\s+/u)) {
      if (!w) continue;
      const chars = Array.from(w).map((c) => (this.vocab.has(c) ? c : UNK));
      out.push(...applyMerges([...chars, END_OF_WORD], this.ranks));
    }
    return out;
  }

  /** Token ids of `text`. */
  encode(text: string): number[] {
    return this.tokenize(text).map((t) => this.vocab.get(t) ?? 0);
  }

  /** Text from ids: tokens joined, each end-of-word marker a space (the last one dropped). */
  decode(ids: readonly number[]): string {
    const text = ids.map((i) => {
      const t = this.idToToken[i];
      if (t === undefined) throw new Error(`BPETokenizer.decode: id ${i} is not in the vocabulary (size ${this.idToToken.length}).`);
      return t;
    }).join('');
    return text.split(END_OF_WORD).join(' ').trimEnd();
  }
}
